"""axe-core (vendored by the axe-playwright-python wheel) on every page type of the sample, on a 390 px
phone: no violation of WCAG 2.0, 2.1 or 2.2, levels A and AA."""
from __future__ import annotations

from axe_playwright_python.base import AXE_FILE_PATH

from test_browser import PAGE_TYPES, browser, served  # noqa: F401 — the shared server and browser fixtures

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def test_axe_finds_no_wcag_aa_violation_on_any_page_type(served, browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 390, "height": 844})
    found = {}
    for path in PAGE_TYPES:
        page.goto(served + path, wait_until="networkidle")
        page.add_script_tag(path=str(AXE_FILE_PATH))
        results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
        assert results["passes"], f"axe checked nothing on {path}"
        for violation in results["violations"]:
            found.setdefault(path, []).append(
                f"{violation['id']}: {[node['target'] for node in violation['nodes']][:5]}")
    page.close()
    assert not found, found
