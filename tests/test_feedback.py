"""提意见建议: the feedback block on every page, safe links, QR codes that scan to their links, posters that
print on one A4 sheet, and the 你说我办 ledger with its counts checked and its percentages computed."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from campaign.data.load import load_site
from campaign.data.models import FeedbackOverride
from campaign.features.feedback import feedback
from campaign.fields import links
from campaign.fields.mistake import Mistake
from campaign.html import cache
from conftest import ROOT, mkdocs_build
from test_browser import browser, served
from test_load import line_of, problems_of, replace

SAMPLE = load_site(ROOT / "data")
SITE_URL = re.search(r"^site_url: *(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)[1]
FORM = "https://wj.example.org/s/shantou"  # data/campaign.yml
ZBARIMG = shutil.which("zbarimg")
BLOCK = re.compile(r'<section class="cc-feedback".*?</section>', re.S)


def block_of(page: Path) -> str:
    found = BLOCK.findall(page.read_text(encoding="utf-8"))
    assert len(found) == 1, f"{page}: {len(found)} feedback blocks"
    return found[0]


def form_href(block: str) -> str:
    return html.unescape(re.search(r'<a [^>]*href="([^"]+)" rel="external noopener"', block)[1])


def expected_form(page_id: str, title: str) -> str:
    """The sample's form_url_template filled in by hand: ?id={id}&title={title}, URL-encoded."""
    return f"{FORM}?id={quote(page_id, safe='')}&title={quote(title, safe='')}"


# --- the block on every page ----------------------------------------------------------------


def test_every_page_ends_with_the_same_feedback_block(sample_site):
    pages = sorted(sample_site.rglob("*.html"))
    assert {
        "404.html",
        "guide/index.html",
        "ledger/index.html",
        "activities/hospital-open-day/poster/index.html",
        "calendar/index.html",
        "index.html",
    } <= {p.relative_to(sample_site).as_posix() for p in pages}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        block = block_of(page)
        # The same place on every page: the last thing in the content.
        assert re.match(r"\s*</article>", text[text.index(block) + len(block) :]), f"{page}: block is not last"
        assert '<a href="tel:12345">12345</a>' in block
        assert 'href="mailto:shantou@example.org?subject=' in block
        assert form_href(block).startswith(FORM + "?")
        assert "请不要写下您不希望公开的个人信息" in block
        assert "wj.example.org 网站上" in block  # says where the link goes


def test_the_form_link_carries_the_page_it_was_opened_from(sample_site):
    for activity in SAMPLE.activities:
        block = block_of(sample_site / "activities" / activity.id / "index.html")
        assert form_href(block) == expected_form(activity.id, activity.title)
    for domain in SAMPLE.domains:
        block = block_of(sample_site / "domains" / domain.id / "index.html")
        assert form_href(block) == expected_form(domain.id, domain.name)
    query = parse_qs(urlsplit(form_href(block_of(sample_site / "activities/index.html"))).query, keep_blank_values=True)
    assert query == {"id": [""], "title": ["活动安排"]}


def test_the_url_placeholder_is_the_absolute_page_address_encoded():
    site = _with_feedback(campaign={"form_url_template": "https://f.example.net/s?t={title}&u={url}&i={id}"})
    here = feedback.where(site, "activities/hospital-open-day.md", "")
    form = feedback.channels(site, here, SITE_URL).form
    assert parse_qs(urlsplit(form).query) == {
        "t": ["医院开放日——让您更懂我，让我更懂您"],
        "u": [SITE_URL + "activities/hospital-open-day/"],
        "i": ["hospital-open-day"],
    }
    assert "&u=https%3A%2F%2Fexample.org%2Fshantou%2F" in form


def test_an_activity_overrides_its_domain_which_overrides_the_campaign_field_by_field():
    site = _with_feedback(
        domain=("healthcare", {"form_url": "https://health.example.net/form", "hotline": "0533-1234567"}),
        activity=("hospital-open-day", {"email": "open-day@example.net"}),
    )
    ways = feedback.channels(site, feedback.where(site, "activities/hospital-open-day.md", ""), SITE_URL)
    assert (ways.form, ways.hotline, ways.email) == (
        "https://health.example.net/form",
        "0533-1234567",
        "open-day@example.net",
    )
    other = feedback.channels(site, feedback.where(site, "activities/health-lectures.md", ""), SITE_URL)
    assert (other.form, other.email) == ("https://health.example.net/form", "shantou@example.org")
    home = feedback.channels(site, feedback.where(site, "index.md", "首页"), SITE_URL)
    assert home.form.startswith(FORM + "?") and home.hotline == "12345"
    block = feedback.feedback_block(site, "activities/hospital-open-day.md", "", SITE_URL)
    assert '<a href="tel:05331234567">0533-1234567</a>' in block and "health.example.net 网站上" in block


def _with_feedback(campaign=None, domain=None, activity=None):
    """A fresh copy of the sample with some feedback channels changed, as if edited in the data."""
    copy = load_site(ROOT / "data")
    if campaign:
        copy.campaign = copy.campaign.model_copy(
            update={"feedback": copy.campaign.feedback.model_copy(update=campaign)}
        )
    if domain:
        copy.domains = [
            d.model_copy(update={"feedback": FeedbackOverride(**domain[1])}) if d.id == domain[0] else d
            for d in copy.domains
        ]
    if activity:
        copy.activities = [
            a.model_copy(update={"feedback": FeedbackOverride(**activity[1])}) if a.id == activity[0] else a
            for a in copy.activities
        ]
    return copy


# --- only safe links --------------------------------------------------------------------------

HOSTILE = [
    "javascript:alert(1)",
    " javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\u200bjavascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example.net/",
    "https:evil",
    "file:///etc/passwd",
    "https://evil.example.net/\u202e",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_are_not_links(value):
    for read in (links.web_url, links.form_template, links.hotline, links.email):
        with pytest.raises(Mistake):
            read(value)


def test_safe_values_pass_and_placeholders_are_encoded():
    assert links.web_url(" https://wj.qq.com/s2/123/abc/ ") == "https://wj.qq.com/s2/123/abc/"
    assert links.tel_href(links.hotline("0533-1234567")) == "tel:05331234567"
    assert links.email("shantou@example.org") == "shantou@example.org"
    template = links.form_template("https://www.wjx.cn/vm/abc.aspx?sojumpparm={id}&t={title}")
    assert (
        links.fill(template, id="a&b", title="医院 开放日")
        == "https://www.wjx.cn/vm/abc.aspx?sojumpparm=a%26b&t=%E5%8C%BB%E9%99%A2%20%E5%BC%80%E6%94%BE%E6%97%A5"
    )
    for bad in [
        "https://{title}.example.org/",
        "https://x.example.org/?t={name}",
        "https://x.example.org/?t={title!r}",
        "https://x.example.org/no-placeholder",
        "mailto:a@example.org",
        "tel:12345",
    ]:
        with pytest.raises(Mistake):
            links.form_template(bad)


def test_hostile_link_values_in_the_data_are_refused_with_file_and_line(project):
    data = project / "data"
    replace(data / "campaign.yml", "  form_url: https://wj.example.org/s/shantou", '  form_url: "JaVaScRiPt:alert(1)"')
    replace(data / "campaign.yml", '  hotline: "12345"', '  hotline: "javascript:alert(1)"')
    replace(data / "campaign.yml", "  email: shantou@example.org", '  email: "mailto:x@example.org?body=<script>"')
    replace(
        data / "domains.yml",
        "  unit: 山头卫生院\n",
        '  unit: 山头卫生院\n  feedback:\n    form_url: " javascript:alert(2)"\n',
    )
    replace(
        data / "activities/healthcare.yml",
        "  organiser: 医保工作站\n",
        '  organiser: 医保工作站\n  feedback:\n    form_url_template: "java\\tscript:alert({title})"\n'
        '    email: "data:text/html,x@example.org"\n',
    )
    found = {(p.file, p.line) for p in problems_of(data)}
    expected = {
        ("data/campaign.yml", line_of(data / "campaign.yml", needle))
        for needle in ("JaVaScRiPt", "hotline:", "mailto:")
    }
    expected |= {
        ("data/domains.yml", line_of(data / "domains.yml", "javascript:alert(2)")),
        ("data/activities/healthcare.yml", line_of(data / "activities/healthcare.yml", "script:alert({title})")),
        ("data/activities/healthcare.yml", line_of(data / "activities/healthcare.yml", "data:text/html")),
    }
    assert found == expected
    # and the editor reads it in Chinese, never a traceback
    run = subprocess.run(
        [sys.executable, "-m", "campaign", "check", "data"],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert (
        f"data/campaign.yml:{line_of(data / 'campaign.yml', 'JaVaScRiPt')}: 「form_url」（意见建议表单网址）：「JaVaScRiPt:alert(1)」不是网页地址"
        in run.stderr
    )
    assert "java\\tscript:alert({title})」中间有空格、Tab 或看不见的字符" in run.stderr


def test_links_that_leave_the_site_get_noopener(sample_site):
    for page in sample_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for tag in re.findall(r'<a [^>]*href="https?://[^"]*"[^>]*>', text):
            if not re.search(rf'href="{re.escape(SITE_URL)}', tag):
                assert re.search(r'rel="[^"]*\bnoopener\b', tag), f"{page}: {tag}"
        assert (
            'rel="external noopener"'
            in re.search(r'<a [^>]*href="https://wj\.example\.org/[^>]*>', BLOCK.search(text)[0])[0]
        )


# --- QR codes and posters, as a resident scans and prints them ----------------------------------


def test_qr_codes_are_made_once_and_then_taken_from_the_cache(tmp_path, monkeypatch):
    seals = cache.Seals(tmp_path)
    entry = feedback.cached_qr("https://example.org/shantou/", "首页：网页", seals)
    assert entry.read_text(encoding="utf-8") == feedback.qr_svg("https://example.org/shantou/", "首页：网页")
    seals.save()
    made = []
    monkeypatch.setattr(feedback, "qr_svg", lambda *args: made.append(args) or "<svg/>")
    seals = cache.Seals(tmp_path)  # a later build uses the entry, not segno
    assert feedback.cached_qr("https://example.org/shantou/", "首页：网页", seals) == entry and made == []
    feedback.cached_qr("https://example.org/shantou/", "首页：意见建议表", seals)  # another title, another code
    feedback.cached_qr("https://example.org/shantou/x/", "首页：网页", seals)
    assert len(made) == 2 and len(list(tmp_path.glob("*.svg"))) == 3


def decode(png: bytes, tmp_path: Path) -> list[str]:
    assert ZBARIMG, "Debian's zbar-tools package is required (.ci/run installs it)"
    path = tmp_path / "shot.png"
    path.write_bytes(png)
    run = subprocess.run([ZBARIMG, "--raw", "-q", str(path)], capture_output=True, text=True)
    return sorted(run.stdout.splitlines())


def test_posters_print_on_one_a4_page_and_their_codes_scan_to_the_form_and_the_page(
    served, browser, sample_site, tmp_path
):
    page = browser.new_page(viewport={"width": 794, "height": 1123}, device_scale_factor=2)
    page.emulate_media(media="print")
    for activity in SAMPLE.activities:
        page.goto(served + f"activities/{activity.id}/poster/")
        assert page.locator("h1").inner_text() == activity.title
        assert activity.when.text in page.locator(".cc-poster__facts").inner_text()  # the date as written
        scanned = decode(page.locator(".cc-poster__codes").screenshot(), tmp_path)
        assert scanned == sorted([expected_form(activity.id, activity.title), f"{SITE_URL}activities/{activity.id}/"])
        assert pdf_pages(page.pdf(format="A4", print_background=True)) == 1, f"{activity.id}: more than one A4 page"
    page.close()


def test_domain_pages_show_qr_codes_that_scan_to_their_links(served, browser, tmp_path):
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=3)
    for domain in SAMPLE.domains:
        page.goto(served + f"domains/{domain.id}/")
        codes = page.locator(".cc-feedback__codes")
        assert [page.locator(".cc-qr img").nth(i).get_attribute("alt") for i in range(2)] == [
            "二维码：用手机扫描，打开本领域的网上意见表（wj.example.org）",
            "二维码：用手机扫描，打开本页",
        ]
        assert decode(codes.screenshot(), tmp_path) == sorted(
            [expected_form(domain.id, domain.name), f"{SITE_URL}domains/{domain.id}/"]
        )
    page.close()


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_a_poster_with_a_very_long_title_still_fits_one_page(project, tmp_path, browser):
    long_title = "“市民看城市变化提意见建议”系列活动之走进山头卫生院、社区卫生服务中心和各村卫生室看医疗服务新变化"
    replace(project / "data/activities/healthcare.yml", "title: 健康知识讲座", f"title: {long_title}")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = browser.new_page()
    page.goto((tmp_path / "site/activities/health-lectures/poster/index.html").as_uri())
    assert page.locator("h1").inner_text() == long_title
    assert pdf_pages(page.pdf(format="A4", print_background=True)) == 1
    page.close()


def test_an_activity_links_its_poster(sample_site):
    block = block_of(sample_site / "activities/hospital-open-day/index.html")
    assert '<a href="poster/">打印宣传海报' in block
    assert '<img src="qr-feedback.svg" alt="二维码：用手机扫描，打开这项活动的网上意见表（wj.example.org）"' in block


# --- 你说我办 ----------------------------------------------------------------------------------


def test_the_ledger_page_lists_every_suggestion_with_its_answer_and_computed_shares(sample_site):
    page = (sample_site / "ledger/index.html").read_text(encoding="utf-8")
    for item in SAMPLE.ledger.items:
        assert f'id="{item.id}"' in page and html.escape(item.summary, quote=False) in page
        assert html.escape(item.response, quote=False) in page
    declined = next(i for i in SAMPLE.ledger.items if i.status == "未采纳")
    assert f"<strong>未采纳的原因：</strong>{declined.reason}" in page
    total = len(SAMPLE.ledger.items)
    done = sum(i.status == "已办结" for i in SAMPLE.ledger.items)
    assert f"<strong>{total}</strong><span>条意见建议</span>" in page
    assert f"<strong>{done}</strong><span>已办结（{round(100 * done / total, 1):g}%）</span>" in page
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="ledger/" class="md-nav__link">\s*<span class="md-ellipsis">\s*你说我办', home)


def test_each_domain_page_has_its_ledger_section(sample_site):
    for domain in SAMPLE.domains:
        page = (sample_site / "domains" / domain.id / "index.html").read_text(encoding="utf-8")
        section = page[page.index('id="ledger"') :]
        for item in SAMPLE.ledger.items:
            assert (f'id="{item.id}"' in section) == (item.domain == domain.id)
    culture = (sample_site / "domains/culture-sports/index.html").read_text(encoding="utf-8")
    assert "<strong>1</strong><span>已办结（50%）</span>" in culture
    assert '<a href="#sports-facilities">重点工作：' in culture


def test_ledger_open_data(sample_site):
    records = json.loads((sample_site / "data/feedback.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == [i.id for i in SAMPLE.ledger.items]
    assert all(r["status"] in {"已办结", "办理中", "已答复", "未采纳"} for r in records)
    raw = (sample_site / "data/feedback.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert raw.startswith(b"\xef\xbb\xbf") and [r["id"] for r in rows] == [r["id"] for r in records]
    assert rows[0]["links"] == "；".join(records[0]["links"])


def test_real_totals_are_shown_with_computed_percentages_and_checked(project, tmp_path):
    real = ROOT / "examples/feedback/seed-003.yml"  # 永安镇 and 矿区街道, as reported in seed 003
    shutil.copy2(real, project / "data/feedback/seed-003.yml")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/ledger/index.html").read_text(encoding="utf-8")
    yongan = page[page.index("永安镇大走访收集的问题") : page.index("矿区街道")]
    for label, count in [("收集问题", 450), ("转办", 450), ("已办结", 439)]:
        assert f"<dt>{label}</dt><dd><strong>{count}</strong> 条" in yongan
    assert "占转办的 97.6%" in yongan and "占收集问题的 100%" in yongan  # 439 ÷ 450, 450 ÷ 450
    assert "<dt>走访</dt><dd><strong>6761</strong> 户" in page and "<strong>347</strong> 个" in page
    totals = json.loads((tmp_path / "site/data/feedback-totals.json").read_text(encoding="utf-8"))
    assert totals[0]["resolved_percent"] == 97.6 and totals[0]["collected"] == 450
    # Totals that do not add up are an error on the line of the count that breaks them.
    copied = project / "data/feedback/seed-003.yml"
    replace(copied, "    resolved: 439", "    resolved: 451")
    problems = problems_of(project / "data")
    assert [(p.file, p.line) for p in problems] == [("data/feedback/seed-003.yml", line_of(copied, "resolved: 451"))]
    assert "已办结 451，比转办的 450 还多" in problems[0].message


LEDGER_MISTAKES = [  # (text in data/feedback/2021.yml, replaced by, text on the line to blame, what the message says)
    ("    reason: 该绿地面积不足", "    note: 该绿地面积不足", "note: 该绿地面积不足", "不认识的字段「note」"),
    (
        "    reason: 该绿地面积不足，且紧邻住宅楼，夜间使用会影响居民休息；已建议使用附近学校在课余时间开放的球场。\n",
        "",
        "id: 2021-09-new-basketball-court",
        "没有写原因",
    ),
    (
        "links: [hospital-open-day, healthcare/long-queues]",
        "links: [hospital-open-day, healthcare/no-such-task]",
        "healthcare/no-such-task",
        "没有编号为「healthcare/no-such-task」的重点工作",
    ),
    ("summary: （示例）学校门口", "summary: （示例）电话13912345678，学校门口", "13912345678", "好像有手机号码"),
    ("  - id: 2021-10-pension-app", "  - id: 2021-10-street-vendors", "id: 2021-10-street-vendors", "重复了"),
    ("    domain: elderly-care", "    domain: elderly", "domain: elderly", "没有编号为「elderly」的领域"),
]


@pytest.mark.parametrize("old,new,blamed,says", LEDGER_MISTAKES, ids=[m[3] for m in LEDGER_MISTAKES])
def test_ledger_mistakes_are_reported_on_their_line(project, old, new, blamed, says):
    path = project / "data/feedback/2021.yml"
    replace(path, old, new)
    problems = problems_of(project / "data")
    text = path.read_text(encoding="utf-8")  # the last occurrence: a duplicate is blamed, not the first use
    assert [(p.file, p.line) for p in problems] == [
        ("data/feedback/2021.yml", text[: text.rindex(blamed)].count("\n") + 1)
    ]
    assert says in problems[0].message
