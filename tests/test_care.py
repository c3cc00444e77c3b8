"""关怀版 in Chromium: the header's entry opens a panel whose choices apply before the first paint and hold
on every page and the next visit; read-aloud hands the right text to the browser's speech synthesis (a
stand-in voice: headless Chromium has none); the keyboard alone reaches every control of every page type
with a visible focus ring; the extra-large pointer; the page without JavaScript; 200% zoom.
(axe, contrast and spacing in every mode: test_accessibility.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import material
import pytest

from campaign.data.standing import POSITIONS
from campaign.data.vocabulary import SCHEDULE_STANDINGS, TASK_STATUSES
from conftest import ROOT
from test_browser import PAGE_TYPES, browser, served

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
ZOOMED = {"width": 195, "height": 422}  # the 390 px phone at 200%
BODY_TEXT = "parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)"
WITH_HEADER = [path for path in PAGE_TYPES if not path.endswith("/poster/")]  # the poster has no header
CARE = (
    "[...document.documentElement.attributes].filter(a => a.name.startsWith('data-care-'))"
    ".reduce((o, a) => ({...o, [a.name.slice(10)]: a.value}), {})"
)


def remembered(settings: dict) -> str:
    """An init script: the settings as care.js would have stored them on an earlier visit."""
    return f"localStorage.setItem('cc-care', {json.dumps(json.dumps(settings))})"


def test_the_entry_opens_a_panel_whose_choices_apply_at_once_and_hold_on_every_page(served, browser):
    context = browser.new_context(viewport=PHONE)
    # What <html> carries when the body starts, long before the deferred care.js runs.
    context.add_init_script("""new MutationObserver((_, observer) => { if (document.body) {
      window.atFirstPaint = {state: document.readyState, text: document.documentElement.dataset.careText || "",
                             contrast: document.documentElement.dataset.careContrast || ""};
      observer.disconnect(); } }).observe(document, {childList: true, subtree: true});""")
    page = context.new_page()
    page.goto(served)
    button = page.get_by_role("button", name="关怀版")
    box = button.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    assert "cc-care-toggle--home" in button.get_attribute("class")  # prominent on the home page
    assert button.get_attribute("aria-expanded") == "false" and page.locator("#cc-care").is_hidden()
    assert page.evaluate(BODY_TEXT) == 18
    button.click()
    assert button.get_attribute("aria-expanded") == "true" and page.locator("#cc-care").is_visible()
    page.keyboard.press("Escape")  # closes it and hands focus back
    assert page.locator("#cc-care").is_hidden() and page.evaluate("document.activeElement.dataset.ccCareToggle") == ""
    button.click()
    page.get_by_label("特大", exact=True).check()
    page.get_by_label("高对比：黑底白字").check()
    assert page.evaluate(BODY_TEXT) >= 26 and page.evaluate(CARE) == {"text": "2", "contrast": "dark"}
    page.get_by_role("button", name="关闭").click()

    page.goto(served + "activities/hospital-open-day/")
    assert page.evaluate("atFirstPaint") == {"state": "loading", "text": "2", "contrast": "dark"}
    assert page.evaluate(BODY_TEXT) >= 26
    assert "cc-care-toggle--home" not in page.get_by_role("button", name="关怀版").get_attribute("class")
    page.get_by_role("button", name="关怀版").click()
    assert page.get_by_label("特大", exact=True).is_checked() and page.get_by_label("高对比：黑底白字").is_checked()

    later = browser.new_context(viewport=PHONE, storage_state=context.storage_state())  # the next visit
    again = later.new_page()
    again.goto(served + "calendar/")
    assert again.evaluate(CARE) == {"text": "2", "contrast": "dark"}
    later.close()

    page.get_by_role("button", name="恢复默认").click()
    assert page.evaluate(CARE) == {} and page.get_by_label("标准").first.is_checked()
    page.goto(served + "domains/")
    assert page.evaluate(CARE) == {} and page.evaluate(BODY_TEXT) == 18
    context.close()


@pytest.mark.parametrize(("text", "size"), [("", 18), ("1", 22), ("2", 26)], ids=["normal", "large", "largest"])
def test_text_size_has_two_steps_above_normal(served, browser, text, size):
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(remembered({"text": text} if text else {}))
    page = context.new_page()
    page.goto(served + "domains/healthcare/")
    assert page.evaluate(BODY_TEXT) == size
    targets = page.locator(".md-nav__link, .md-typeset .md-button")
    if text:  # tap targets grow with the type
        assert all(b["height"] >= 44 for b in (targets.nth(i).bounding_box() for i in range(targets.count())) if b)
    context.close()


# ---- Read aloud: a stand-in for the browser's speech synthesis records what it is asked to say.
def speech_stub(voices: list[dict] | None) -> str:
    synthesis = (
        "undefined"
        if voices is None
        else f"""{{
      speaking: false, pending: false, paused: false, getVoices: () => {json.dumps(voices)},
      speak(u) {{ utterances.push(u); this.speaking = true; }}, pause() {{ calls.push("pause"); this.paused = true; }},
      resume() {{ calls.push("resume"); this.paused = false; }}, cancel() {{ calls.push("cancel"); this.speaking = false; }},
      addEventListener() {{}} }}"""
    )
    return f"""window.utterances = []; window.calls = [];
      window.SpeechSynthesisUtterance = class {{ constructor(text) {{ this.text = text; }} }};
      Object.defineProperty(window, "speechSynthesis", {{value: {synthesis}}});
      window.said = () => utterances.map(u => u.text);
      window.finish = () => utterances[utterances.length - 1].onend();"""


ZH = [{"lang": "en-US", "name": "English"}, {"lang": "zh-CN", "name": "普通话"}]


def reading_page(browser, served, path="", voices=ZH, viewport=PHONE):
    context = browser.new_context(viewport=viewport)
    context.add_init_script(remembered({"speech": "on"}) + ";" + speech_stub(voices))
    page = context.new_page()
    page.goto(served + path)
    return context, page


def test_read_aloud_reads_passage_by_passage_in_chinese_and_pauses_and_stops(served, browser):
    context, page = reading_page(browser, served)
    bar = page.get_by_role("region", name="语音阅读")
    assert bar.is_visible()
    bar.get_by_role("button", name="朗读").click()
    first = page.evaluate("({text: utterances[0].text, lang: utterances[0].lang, voice: utterances[0].voice.lang})")
    assert first == {"text": "市民看城市变化提意见建议", "lang": "zh-CN", "voice": "zh-CN"}
    assert page.locator("h1.cc-reading").count() == 1 and "第 1 段" in bar.get_by_role("status").inner_text()
    for _ in range(2):  # the slogan, then the organiser and the dates, each highlighted in turn
        page.evaluate("finish()")
    said = page.evaluate("said()")
    # The date as the site writes it (2021年9月初至12月底), spoken as a person would say it.
    assert len(said) == 3 and said[2].endswith("活动时间：二零二一年九月初至十二月底（具体日期待定）"), said
    assert page.locator(".cc-reading").inner_text().endswith("活动时间：2021年9月初至12月底（具体日期待定）")
    bar.get_by_role("button", name="暂停").click()
    assert page.evaluate("calls").count("pause") == 1 and bar.get_by_role("button", name="继续").is_visible()
    bar.get_by_role("button", name="继续").click()
    assert page.evaluate("calls").count("resume") == 1
    bar.get_by_role("button", name="停止").click()
    assert "cancel" in page.evaluate("calls") and page.locator(".cc-reading").count() == 0
    assert "已停止" in bar.get_by_role("status").inner_text()
    assert bar.get_by_role("button", name="暂停").is_disabled()
    context.close()


def test_a_tapped_passage_and_a_selection_are_read_with_numbers_spoken_sensibly(served, browser):
    context, page = reading_page(browser, served, "domains/culture-sports/")
    hotline = page.locator(".cc-feedback__ways li", has=page.locator("a[href='tel:12345']"))
    hotline.click(position={"x": 10, "y": 10})  # on 打电话, not on the number's link
    assert page.evaluate("said()")[0].startswith("打电话：幺二三四五")  # a hotline, digit by digit
    assert hotline.get_attribute("class") == "cc-reading"
    shows = page.locator("li", has_text="文旅局安排演出28场")
    page.evaluate("element => getSelection().selectAllChildren(element)", shows.element_handle())
    page.get_by_role("button", name="朗读").click()
    assert page.evaluate("said()")[-1] == "文旅局安排演出二十八场，街道安排演出三十一场"
    assert "选中" in page.get_by_role("status").inner_text()
    context.close()


SPOKEN_TITLES = {"calendar/2021-10/": "二零二一年十月活动日历"}  # the only page type whose title has a number


@pytest.mark.parametrize("path", WITH_HEADER, ids=lambda path: path or "home")
def test_every_page_type_is_read_from_the_top_of_its_content(served, browser, path):
    context, page = reading_page(browser, served, path, viewport=DESKTOP)
    page.get_by_role("button", name="朗读").click()
    title = page.locator(".md-content h1").first
    for _ in range(3):  # a breadcrumb or the calendar's views may come first
        if "cc-reading" in (title.get_attribute("class") or ""):
            break
        page.evaluate("finish()")
    assert "cc-reading" in title.get_attribute("class")
    assert page.evaluate("said()")[-1] == SPOKEN_TITLES.get(path, title.inner_text())
    context.close()


@pytest.mark.parametrize(
    "voices", [[{"lang": "en-US", "name": "English"}], None], ids=["no-chinese-voice", "no-speech"]
)
def test_without_a_chinese_voice_it_says_so_and_reads_nothing(served, browser, voices):
    context, page = reading_page(browser, served, voices=voices)
    page.get_by_role("button", name="朗读").click()
    assert "没有中文语音" in page.get_by_role("status").inner_text()
    assert page.evaluate("utterances.length") == 0
    context.close()


# ---- The keyboard alone: Tab through each page type until everything a resident needs has had focus.
TARGETS = {
    "search": "input.md-search__input",
    "feedback form": "a.cc-feedback__form",
    "calendar download": "a[href$='.ics']",
    "compare slider": ".cc-compare input[type=range]",
}
FOCUSED = """targets => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const rgba = c => { const v = (c.match(/rgba?\\([^)]*\\)/) || ["rgba(0,0,0,0)"])[0].match(/[\\d.]+/g).map(Number);
                      return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
  const luminance = c => c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  let bg = [255, 255, 255, 1];
  for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor); if (c[3] === 1) { bg = c; break; } }
  const s = getComputedStyle(el), box = el.getClientRects()[0] || el.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const hit = document.elementFromPoint(x, y);
  return {
    name: el.tagName + "." + [...el.classList].join(".") + " " + (el.innerText || el.getAttribute("aria-label") || "").trim().slice(0, 15),
    ring: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 3,
    ringContrast: Math.max(...[s.outlineColor, s.boxShadow].map(rgba).filter(c => c[3] > 0).map(c => ratio(c, bg)), 1),
    seen: !!hit && (el === hit || el.contains(hit) || hit.contains(el)),
    target: Object.keys(targets).find(name => el.matches(targets[name])) || null,
  };
}"""
WALKS = {
    "normal-phone": ({}, PHONE),
    "normal-desktop": ({}, DESKTOP),
    "all-dark-phone": ({"text": "2", "contrast": "dark", "simple": "on", "speech": "on", "pointer": "on"}, PHONE),
    "large-light-desktop": ({"text": "1", "contrast": "light", "speech": "on"}, DESKTOP),
}


@pytest.mark.parametrize("walk", WALKS)
def test_tab_alone_reaches_search_calendar_slider_and_feedback_on_every_page_type(served, browser, walk):
    settings, viewport = WALKS[walk]
    context = browser.new_context(viewport=viewport)
    context.add_init_script(remembered(settings))
    page = context.new_page()
    unseen, reached = {}, set()
    for path in PAGE_TYPES:
        page.goto(served + path)
        present = {name for name, selector in TARGETS.items() if page.locator(selector).count()}
        found = set()
        for _ in range(400):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED, TARGETS)
            for _ in range(3):  # Material's search and sidebars settle after a transition
                if not focused or focused["seen"]:
                    break
                page.wait_for_timeout(300)
                focused = page.evaluate(FOCUSED, TARGETS)
            if focused is None:
                continue  # the browser's own toolbar, between the end of the page and its start
            assert focused["ring"] and focused["ringContrast"] >= 3, (path, focused)
            assert focused["seen"], (path, focused)  # on screen, not under the header or the read-aloud bar
            if focused["target"]:
                found.add(focused["target"])
            if found == present:
                break
        if present - found:
            unseen[path] = sorted(present - found)
        reached |= found
    context.close()
    assert not unseen, unseen
    assert reached == set(TARGETS)


def test_skip_links_lead_to_the_content_and_to_the_feedback_block(served, browser):
    page = browser.new_page(viewport=PHONE)
    page.goto(served + "domains/healthcare/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.md-content') !== null")
    page.goto(served + "domains/healthcare/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到提意见建议"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className").startswith(
        "md-button md-button--primary cc-feedback__form"
    )
    page.close()


MARK = "element => getComputedStyle(element, '::before').content"


def test_state_is_never_shown_by_colour_alone(served, browser):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(served + "calendar/")
    filters = page.get_by_role("group", name="按领域筛选")
    filters.get_by_role("button").nth(1).click()
    assert [button.evaluate(MARK) for button in filters.get_by_role("button").all()].count('"✓ "') == 1
    assert page.locator(".md-nav__link--active").first.evaluate("a => getComputedStyle(a).fontWeight") == "700"
    page.goto(served + "calendar/healthcare/")
    assert page.locator("a[aria-current=page]").evaluate(MARK) == '"✓ "'
    page.goto(served + "domains/housing/")  # a key task's status is a word; colour only repeats it
    statuses = page.locator(".cc-status").all_inner_texts()
    assert statuses and set(statuses) <= {*TASK_STATUSES.labels, *SCHEDULE_STANDINGS.labels, *POSITIONS}
    page.close()


# ---- The pointer, and the page without JavaScript
CURSOR = "selector => getComputedStyle(document.querySelector(selector)).cursor"


def test_the_extra_large_pointer_is_our_own_image_on_a_mouse_only(served, browser):
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(remembered({"pointer": "on"}))
    page = context.new_page()
    page.goto(served)
    arrow, hand = page.evaluate(CURSOR, ".md-typeset p"), page.evaluate(CURSOR, ".md-typeset a")
    assert arrow.startswith('url("data:image/svg+xml,') and arrow.endswith("default")  # drawn here, no other host
    assert hand.startswith('url("data:image/svg+xml,') and hand.endswith("pointer") and hand != arrow
    assert "width='64'" in arrow.replace("%27", "'")
    context.close()

    phone = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    phone.add_init_script(remembered({"pointer": "on"}))
    page = phone.new_page()
    page.goto(served)
    page.get_by_role("button", name="关怀版").click()
    assert page.locator(".cc-care__pointer").is_hidden()  # no mouse, no pointer to enlarge
    assert not page.evaluate(CURSOR, ".md-typeset p").startswith("url(")
    phone.close()


def test_without_javascript_the_panel_is_hidden_and_the_footer_names_the_browsers_tools(served, browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "domains/healthcare/")
    for selector in ["[data-cc-care-toggle]", "#cc-care", "[data-cc-reader]"]:
        assert page.locator(selector).is_hidden()  # each would do nothing
    hint = page.locator(".cc-zoom-help").inner_text()
    assert all(tool in hint for tool in ["两根手指", "Ctrl 和 +", "高对比度", "朗读"]), hint
    assert "关怀版" not in hint  # nor does it point to the hidden button
    context.close()
    page = browser.new_page(viewport=PHONE)
    page.goto(served + "domains/healthcare/")
    assert "“关怀版”按钮" in page.locator(".cc-zoom-help").inner_text()
    page.close()


@pytest.mark.parametrize("text", ["", "1"], ids=["normal", "large"])
def test_no_page_type_scrolls_sideways_at_200_percent_zoom(served, browser, text):
    context = browser.new_context(viewport=ZOOMED)
    context.add_init_script(remembered({"text": text} if text else {}))
    page = context.new_page()
    wide = {}
    for path in PAGE_TYPES:
        page.goto(served + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > ZOOMED["width"]:
            wide[path] = width
    context.close()
    assert not wide, f"scroll sideways at 195 px: {wide}"


def test_the_header_override_is_materials_header_plus_the_care_entry_and_the_search_link():
    """Upgrading Material must not leave a stale copy of its header behind: re-copy it and add the two."""
    ours = (ROOT / "overrides/partials/header.html").read_text(encoding="utf-8")
    theirs = (Path(material.__file__).parent / "templates/partials/header.html").read_text(encoding="utf-8")

    def body(text):
        return re.sub(r"\A\{#-.*?-#\}\n", "", text, flags=re.S)

    without_entry = ours.replace('    {% include "partials/care.html" %}\n', "")
    search_link = re.compile(r"\n *\{#- Material hides its search without JavaScript.*?</a>", re.S)
    without_both = search_link.sub("", without_entry)
    assert without_entry != ours and without_both != without_entry and body(without_both) == body(theirs)
