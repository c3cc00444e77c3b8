"""Every page type of the sample with every 关怀版 setting, on a 390 px phone and a 1280 px screen, in Chromium.

The settings are chosen once in the header's panel, then every page type is visited: each must show them
from its first paint on, axe-core (vendored by the axe-playwright-python wheel) must find no violation of
WCAG 2.0, 2.1 or 2.2 at levels A and AA, the spacing must be what the MIIT 适老化 specification asks (line
height at least 1.3, paragraphs at least 1.3 line heights apart), no page may scroll sideways, and in high
contrast every text, link and placeholder must reach 7:1 against its background (computed from the
computed styles), with every link underlined."""

from __future__ import annotations

import pytest
from axe_playwright_python.base import AXE_FILE_PATH

from test_browser import PAGE_TYPES, browser, served

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
# The panel's settings as care.js stores them, in four runs that turn on every setting at least once, each
# colour scheme with and without the simplified view (axe takes about 1.5 s a page: one run per setting
# and width would take ten minutes). The pointer changes only the cursor.
MODES = {
    "normal": {},
    "large-light-speech": {"text": "1", "contrast": "light", "speech": "on"},
    "largest-dark-pointer": {"text": "2", "contrast": "dark", "pointer": "on"},
    "simple-dark-speech": {"simple": "on", "contrast": "dark", "speech": "on"},
}
SETTINGS = (
    "[...document.documentElement.attributes].filter(a => a.name.startsWith('data-care-'))"
    ".reduce((o, a) => ({...o, [a.name.slice(10)]: a.value}), {})"
)

# Contrast of what is on the page, from computed styles: each element with text of its own against the
# background it is painted on (its own and its ancestors' background colours, composited). Links, and the
# placeholder of text inputs, too. Returns the lowest ratios with where they were found.
CONTRAST = """() => {
  const rgba = c => { const v = c.match(/[\\d.]+/g).map(Number); return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const luminance = c => c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] === 1) break;
    }
    return layers.reverse().reduce((bottom, top) => over(top, bottom), [255, 255, 255, 1]);
  };
  const shown = el => {
    if (!el.getClientRects().length) return false;
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.visibility === "hidden" || s.display === "none" || +s.opacity === 0) return false;
    }
    return true;
  };
  const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "")
    + ": " + (el.textContent || el.placeholder || "").trim().slice(0, 20);
  const lowest = {text: [99, ""], link: [99, ""], placeholder: [99, ""]};
  const note = (kind, value, el) => { if (value < lowest[kind][0]) lowest[kind] = [value, name(el)]; };
  let plainLinks = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest("svg, script, style, noscript")) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const placeholder = el.matches("input[placeholder]");
    if (!(own || placeholder) || !shown(el)) continue;
    const bg = background(el);
    if (own) note(el.closest("a") ? "link" : "text", ratio(over(rgba(getComputedStyle(el).color), bg), bg), el);
    if (placeholder) note("placeholder", ratio(over(rgba(getComputedStyle(el, "::placeholder").color), bg), bg), el);
    const link = el.closest("a");
    if (own && link && !getComputedStyle(link).textDecorationLine.includes("underline")) plainLinks.push(name(link));
  }
  return {...lowest, plainLinks: [...new Set(plainLinks)].slice(0, 5)};
}"""

# The specification's spacing: line height of paragraph text at least 1.3 times the type size, and at least
# 1.3 line heights between one paragraph and the next. Returns what falls short.
SPACING = """() => {
  const shown = el => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden";
  const px = v => parseFloat(v);
  const short = [];
  for (const el of document.querySelectorAll(".md-typeset :is(p, li, dd, td)")) {
    const s = getComputedStyle(el);
    if (shown(el) && !(px(s.lineHeight) >= 1.3 * px(s.fontSize) - 0.01))
      short.push(`line height ${s.lineHeight} for ${s.fontSize}: ${el.textContent.trim().slice(0, 20)}`);
  }
  for (const el of document.querySelectorAll(".md-typeset p + p")) {
    const before = el.previousElementSibling;
    if (!shown(el) || !shown(before)) continue;
    const gap = el.getBoundingClientRect().top - before.getBoundingClientRect().bottom;
    const line = Math.max(px(getComputedStyle(el).lineHeight), px(getComputedStyle(before).lineHeight));
    if (gap < 1.3 * line - 0.5) short.push(`paragraphs ${gap.toFixed(1)} px apart, line ${line} px: ${el.textContent.trim().slice(0, 20)}`);
  }
  return short.slice(0, 5);
}"""


def choose(page, settings: dict) -> None:
    """Pick the settings in the header's panel, as a resident does, and close it."""
    page.get_by_role("button", name="关怀版").click()
    for name, value in settings.items():
        page.locator(f"[data-cc-care] input[name={name}][value='{value}']").check()
    page.get_by_role("button", name="关闭").click()


def check_page(page, path: str, mode: str) -> list[str]:
    page.add_script_tag(path=str(AXE_FILE_PATH))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_AA
    )
    found = [f"axe {v['id']}: {[node['target'] for node in v['nodes']][:3]}" for v in results["violations"]]
    found += page.evaluate(SPACING)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > page.viewport_size["width"]:
        found.append(f"scrolls sideways: {width} px")
    if "contrast" in MODES[mode]:
        contrast = page.evaluate(CONTRAST)
        found += [
            f"{kind} {ratio:.2f}:1 at {where}"
            for kind in ("text", "link", "placeholder")
            for ratio, where in [contrast[kind]]
            if ratio < 7
        ]
        found += [f"link not underlined: {where}" for where in contrast["plainLinks"]]
    return found


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("mode", MODES, ids=list(MODES))
def test_every_page_type_in_every_mode(served, browser, mode, width):
    # bypass_csp: axe-core is injected as an inline script, which every page's policy blocks (tests/test_csp.py)
    context = browser.new_context(viewport=WIDTHS[width], bypass_csp=True)
    page = context.new_page()
    page.goto(served)
    choose(page, MODES[mode])
    found = {}
    for path in PAGE_TYPES:
        page.goto(served + path)
        assert page.evaluate(SETTINGS) == MODES[mode], path  # the choice holds on every page
        if problems := check_page(page, path, mode):
            found[path] = problems
    context.close()
    assert not found, found
