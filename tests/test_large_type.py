"""大字模式 and zoom on a phone: the header button enlarges the type to 22 px and more, the choice holds
on the next page, and at 200% zoom (a 390 px phone's page is then 195 CSS px wide) no page type
scrolls sideways, in either mode."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from conftest import ROOT
from test_browser import PAGE_TYPES, browser, served

PHONE = {"width": 390, "height": 844}
ZOOMED = {"width": 195, "height": 422}  # the same phone at 200%
BODY_TEXT = "getComputedStyle(document.querySelector('.md-typeset p')).fontSize"


def px(value: str) -> float:
    return float(value.removesuffix("px"))


def test_the_button_enlarges_the_type_and_the_next_page_remembers_it(served, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(served)
    assert px(page.evaluate(BODY_TEXT)) >= 18
    assert "“大字”按钮" in page.locator(".cc-zoom-help").inner_text()
    button = page.get_by_role("button", name="大字")
    box = button.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true" and px(page.evaluate(BODY_TEXT)) >= 22
    page.goto(served + "activities/hospital-open-day/")
    assert page.evaluate("document.documentElement.classList.contains('cc-large')")
    assert px(page.evaluate(BODY_TEXT)) >= 22
    assert page.get_by_role("button", name="大字").get_attribute("aria-pressed") == "true"
    links = page.locator(".md-nav__link, .md-typeset .md-button")
    assert all(b["height"] >= 44 for b in (links.nth(i).bounding_box() for i in range(links.count())) if b)
    page.get_by_role("button", name="大字").click()  # and off again, on the next page too
    page.goto(served + "domains/")
    assert px(page.evaluate(BODY_TEXT)) < 22
    context.close()


def test_without_javascript_the_footer_explains_the_browsers_zoom(served, browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "domains/healthcare/")
    assert page.locator("[data-cc-large-toggle]").is_hidden()  # it would do nothing
    hint = page.locator(".cc-zoom-help").inner_text()
    assert "两根手指" in hint and "大字" not in hint  # nor does it point to the hidden button
    context.close()


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
def test_no_page_type_scrolls_sideways_at_200_percent_zoom(served, browser, large):
    context = browser.new_context(viewport=ZOOMED)
    if large:
        context.add_init_script("localStorage.setItem('cc-large-type', '1')")
    page = context.new_page()
    wide = {}
    for path in PAGE_TYPES:
        page.goto(served + path)
        assert page.evaluate("document.documentElement.classList.contains('cc-large')") == large
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > ZOOMED["width"]:
            wide[path] = width
    context.close()
    assert not wide, f"scroll sideways at 195 px: {wide}"


def test_the_header_override_is_materials_header_plus_the_button():
    """Upgrading Material must not leave a stale copy of its header behind: re-copy it and add the button."""
    ours = (ROOT / "overrides/partials/header.html").read_text(encoding="utf-8")
    theirs = (Path(material.__file__).parent / "templates/partials/header.html").read_text(encoding="utf-8")

    def body(text):
        return re.sub(r"\A\{#-.*?-#\}\n", "", text, flags=re.S)

    without_button = re.sub(r"    <button [^>]*data-cc-large-toggle.*?</button>\n", "", ours, flags=re.S)
    assert without_button != ours and body(without_button) == body(theirs)
