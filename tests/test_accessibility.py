"""axe-core (vendored by the axe-playwright-python wheel) on every page type of the sample, on a 390 px
phone, in the normal and the 大字 mode: no violation of WCAG 2.0, 2.1 or 2.2, levels A and AA."""

from __future__ import annotations

import pytest
from axe_playwright_python.base import AXE_FILE_PATH

from test_browser import PAGE_TYPES, browser, served

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
def test_axe_finds_no_wcag_aa_violation_on_any_page_type(served, browser, large):
    # bypass_csp: axe-core is injected as an inline script, which every page's policy blocks (tests/test_csp.py)
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    if large:
        context.add_init_script("localStorage.setItem('cc-large-type', '1')")
    page = context.new_page()
    found = {}
    for path in PAGE_TYPES:
        page.goto(served + path, wait_until="networkidle")
        assert page.evaluate("document.documentElement.classList.contains('cc-large')") == large
        page.add_script_tag(path=str(AXE_FILE_PATH))
        results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
        assert results["passes"], f"axe checked nothing on {path}"
        for violation in results["violations"]:
            found.setdefault(path, []).append(
                f"{violation['id']}: {[node['target'] for node in violation['nodes']][:5]}"
            )
    context.close()
    assert not found, found
