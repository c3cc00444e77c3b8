"""The sample site in a real browser (Debian's Chromium, driven by Playwright): no request leaves
the site, and Chinese search finds a word in the middle of a sentence."""

from __future__ import annotations

import functools
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

from campaign.data.load import load_site
from conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SAMPLE = load_site(ROOT / "data")
SITE_URL = re.search(r"^site_url: *(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)[1]
# One page of each type: home, domain, activity, indexes, calendars, 你说我办, 动态, poster, 404 and the guide.
PAGE_TYPES = [
    "",
    "domains/healthcare/",
    "activities/hospital-open-day/",
    "activities/",
    "domains/",
    "calendar/",
    "calendar/2021-10/",
    "calendar/healthcare/",
    "ledger/",
    "news/",
    "activities/hospital-open-day/poster/",
    "404.html",
    "guide/",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(sample_site, tmp_path_factory):
    """The site at its site_url path (/shantou/), as a web server would serve it: the 404 page's
    links, absolute from that path, reach their files."""
    root = tmp_path_factory.mktemp("www")
    base = SITE_URL.split("/", 3)[3]
    (root / base).parent.mkdir(parents=True, exist_ok=True)
    (root / base.rstrip("/")).symlink_to(sample_site)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/{base}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM, "Debian's chromium package is required (.ci/run installs it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


def test_no_page_requests_anything_from_another_host(served, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in PAGE_TYPES:
        page.goto(served + path, wait_until="networkidle")
        assert page.locator("h1").first.is_visible()
    hosts = {urlparse(url).netloc for url in requested if not url.startswith("data:")}
    assert hosts == {urlparse(served).netloc}, f"off-site requests: {sorted(hosts)}"
    page.close()


# The home page's first visit on a phone, as stored (a server that compresses sends about a sixth): the
# budget and its reasons are in the README (Page weight).
HOME_BUDGET = 800_000  # everything: Material's CSS and JS, the search index, our HTML, CSS, JS and photos
OWN_BUDGET = 150_000  # ours alone: the HTML, assets/css, assets/js and the photos


def test_the_home_page_stays_within_its_weight_budget(served, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    sizes = {}
    page.on("requestfinished", lambda request: sizes.update({request.url: request.sizes()["responseBodySize"]}))
    page.goto(served, wait_until="networkidle")
    page.close()
    theme = [
        url
        for url in sizes
        if "/assets/stylesheets/" in url or "/assets/javascripts/" in url or url.endswith("/search/search_index.json")
    ]
    own = {url: size for url, size in sizes.items() if url not in theme}
    assert any(url.endswith("/search/search_index.json") for url in theme) and any("/images/" in url for url in own)
    assert sum(sizes.values()) <= HOME_BUDGET, sorted(sizes.items(), key=lambda item: -item[1])
    assert sum(own.values()) <= OWN_BUDGET, sorted(own.items(), key=lambda item: -item[1])
    # One render-blocking stylesheet of ours (the components' CSS merged at build time), not one each.
    assert [url.rsplit("/", 2)[-2:] for url in own if url.endswith(".css")] == [["css", "campaign.css"]]


def test_search_finds_a_word_inside_a_sentence(served, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(served, wait_until="networkidle")
    # The worker builds its index first, and drops a query typed before then; the result line
    # turns from 正在初始化搜索引擎 to 键入以开始搜索 when it is ready.
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.includes('键入')", timeout=60000
    )
    search = page.locator("input.md-search__input")
    search.fill("长者食堂")  # mid-sentence in an activity's description
    search.press("End")  # Material searches on keyup, which an IME sends and fill() does not
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="attached", timeout=30000)
    # jieba's word boundaries are zero-width spaces in the indexed text
    found = [text.replace("\u200b", "") for text in results.all_inner_texts()]
    assert any("长者食堂" in text and "养老服务在身边" in text for text in found), found
    page.close()


def test_calendar_reads_on_a_phone_without_javascript(served, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    for path in ["calendar/", "calendar/2021-10/", "calendar/healthcare/"]:
        page.goto(served + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{path} scrolls sideways"
    # The month grid: seven readable columns, each busy day a count linking to the list below it.
    page.goto(served + "calendar/2021-10/")
    columns = page.locator("table.cc-month th")
    assert columns.count() == 7 and all(columns.nth(i).bounding_box()["width"] >= 44 for i in range(7))
    assert page.get_by_role("link", name="走进颜神古镇").is_visible()  # 10月份: in the band for the month
    assert page.locator("td time[datetime='2021-10-31']").is_visible()
    page.goto(served + "calendar/")
    upcoming = page.locator("[data-status=upcoming] [data-cc-item]")
    assert upcoming.count() == 1 and "医院开放日" in upcoming.inner_text()
    assert page.locator("[data-status=ongoing] [data-cc-item]").first.is_visible()
    context.close()


def test_calendar_script_resorts_by_the_visitors_date_and_filters(served, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.clock.set_fixed_time("2021-12-25T10:00:00+08:00")  # after every activity of the sample
    page.goto(served + "calendar/")
    assert page.locator("[data-status=upcoming] [data-cc-item]").count() == 0
    assert page.locator("[data-status=upcoming] .cc-cal-empty").is_visible()
    past = page.locator("[data-status=past] .cc-cal-month").first
    assert past.locator("h3").inner_text() == "2021年12月" and "医院开放日" in past.inner_text()
    assert page.locator("[data-cc-today]").inner_text() == "2021年12月25日"
    page.get_by_role("button", name="病有所医").click()
    shown = page.locator("[data-cc-item]:visible")
    assert shown.count() == len([a for a in SAMPLE.activities if a.domain == "healthcare"])
    context.close()
