"""The sample site in a real browser (Debian's Chromium, driven by Playwright): no request leaves
the site, and Chinese search finds a word in the middle of a sentence."""
from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PAGES = ["", "activities/", "domains/", "domains/healthcare/", "activities/hospital-open-day/", "guide/"]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(sample_site):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(sample_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM, "Debian's chromium package is required (.ci/run installs it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        yield browser
        browser.close()


def test_no_page_requests_anything_from_another_host(served, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in PAGES:
        page.goto(served + path, wait_until="networkidle")
        assert page.locator("h1").first.is_visible()
    hosts = {urlparse(url).netloc for url in requested if not url.startswith("data:")}
    assert hosts == {urlparse(served).netloc}, f"off-site requests: {sorted(hosts)}"
    page.close()


def test_search_finds_a_word_inside_a_sentence(served, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(served, wait_until="networkidle")
    # The worker builds its index first, and drops a query typed before then; the result line
    # turns from 正在初始化搜索引擎 to 键入以开始搜索 when it is ready.
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('键入')",
                           timeout=60000)
    search = page.locator("input.md-search__input")
    search.fill("长者食堂")  # mid-sentence in an activity's description
    search.press("End")      # Material searches on keyup, which an IME sends and fill() does not
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="attached", timeout=30000)
    # jieba's word boundaries are zero-width spaces in the indexed text
    found = [text.replace("\u200b", "") for text in results.all_inner_texts()]
    assert any("长者食堂" in text and "养老服务在身边" in text for text in found), found
    page.close()
