"""Hand-written HTML (issue 18, case 10): raw HTML in content/ pages stays the office's own, but no script
in it runs. Every page sends a Content-Security-Policy that allows the site's own script files and the
theme's inline scripts by hash; in Chromium no page type reports a single violation, search and the
enhancements included, while an inline script, an event handler and a javascript: link in a hand-written
page are blocked; make linkcheck names each of them with file:line."""

from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer

from campaign.html.csp import theme_hashes, with_policy
from campaign.ops.linkcheck import check_site
from conftest import copy_project, mkdocs_build
from test_browser import PAGE_TYPES, SITE_URL, _QuietHandler, browser, served

WATCH = """window.__violations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"""
HOSTILE_PAGE = """# 页面

<script>window.__ran = "inline";</script>

<img src="../../assets/images/share.png" alt="图" onload="window.__ran = 'handler'">

<a href="javascript:window.__ran='link'" id="bad">点我</a>
"""


def _violations(page, url: str) -> list[str]:
    console = []
    page.on("console", lambda message: "Content Security Policy" in message.text and console.append(message.text))
    page.goto(url, wait_until="networkidle")
    return page.evaluate("window.__violations") + console


def test_no_page_type_reports_a_csp_violation(served, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.add_init_script(WATCH)
    for path in PAGE_TYPES:
        assert _violations(page, served + path) == [], path
        assert page.evaluate("document.querySelector('meta[http-equiv=Content-Security-Policy]') !== null"), path
    # The scripts do run: search (its worker) and 关怀版 (its data: pointer images included).
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(served, wait_until="networkidle")
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.includes('键入')", timeout=60000
    )  # the search worker started
    page.locator("input.md-search__input").fill("医院")
    page.locator("input.md-search__input").press("End")  # Material searches on keyup
    page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=30000)
    page.keyboard.press("Escape")
    page.get_by_role("button", name="关怀版").click()
    for setting in ["特大", "高对比：黑底白字", "特大鼠标指针（电脑）", "语音阅读：点一段文字就从那里读"]:
        page.get_by_label(setting, exact=True).check()
    assert page.evaluate("document.documentElement.dataset.careText") == "2"
    page.mouse.move(300, 400)  # the pointer image is drawn
    page.get_by_role("button", name="朗读").click()
    assert page.evaluate("window.__violations") == []
    page.close()


def test_script_in_a_hand_written_page_is_blocked_and_listed_by_linkcheck(tmp_path, browser):
    project = copy_project(tmp_path)
    (project / "content/guide/hostile.md").write_text(HOSTILE_PAGE, encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    root = tmp_path / "www"
    base = SITE_URL.split("/", 3)[3]
    (root / base).parent.mkdir(parents=True)
    (root / base.rstrip("/")).symlink_to(site)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        page.add_init_script(WATCH)
        violations = _violations(page, f"http://127.0.0.1:{server.server_port}/{base}guide/hostile/")
        page.click("#bad")
        assert page.evaluate("window.__ran") is None and len(violations) >= 2
        page.close()
    finally:
        server.shutdown()
    report = check_site(site, SITE_URL)
    unsafe = [p for p in report.problems if p.startswith("guide/hostile/index.html:")]
    assert len(unsafe) == 3 and any("javascript:" in p for p in unsafe) and any("onload" in p for p in unsafe)
    assert any("<script>" in p for p in unsafe)
    assert [p for p in report.problems if not p.startswith("guide/hostile/")] == []  # nothing else is flagged


def test_the_theme_inline_scripts_are_hashed_and_the_page_own_are_not():
    html = (
        '<html><head><script>theme()</script><script type="application/ld+json">{}</script>'
        '<script src="a.js"></script></head><body><script>own()</script></body></html>'
    )
    assert theme_hashes(html, "<script>own()</script>") == ["'sha256-Rfr3GgHZFiXm+TmNr+li+0sZ4J9FGllo8jsXcJF5XZ8='"]
    assert with_policy(html, "<script>own()</script>").startswith(
        "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'sha256-"
    )
