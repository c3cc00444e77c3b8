"""Before/after photos in Chromium on a 390 px phone: the slider by keyboard, the zoom view, and the
side-by-side layout with JavaScript off."""

from __future__ import annotations

from test_browser import browser, served

PAGE = "domains/housing/"
FIGURE = "#old-estate-renovation-compare-1"
PHONE = {"width": 390, "height": 844}


def box(page, selector: str) -> dict:
    return page.locator(selector).bounding_box()


def test_the_slider_works_by_keyboard_and_buttons(served, browser):
    page = browser.new_page(viewport=PHONE)
    page.goto(served + PAGE, wait_until="networkidle")
    figure = page.locator(FIGURE)
    slider = page.get_by_label("拖动滑块或按左右方向键，对比前后变化").first
    assert "cc-compare--slider" in figure.get_attribute("class") and slider.is_visible()
    before, after = box(page, f"{FIGURE} .cc-compare__image--before"), box(page, f"{FIGURE} .cc-compare__image--after")
    assert before == after  # one photo over the other

    def clipped() -> str:
        return page.eval_on_selector(f"{FIGURE} .cc-compare__image--after", "e => getComputedStyle(e).clipPath")

    slider.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    assert slider.input_value() == "60" and slider.get_attribute("aria-valuetext") == "前 60%，后 40%"
    assert clipped() == "inset(0px 0px 0px 60%)"
    page.keyboard.press("Home")
    assert slider.input_value() == "0" and clipped() == "inset(0px 0px 0px 0%)"
    page.keyboard.press("Shift+Tab")  # to the 前 button, then Enter: the whole "before" photo
    page.keyboard.press("Enter")
    assert slider.input_value() == "100" and clipped() == "inset(0px 0px 0px 100%)"
    figure.get_by_role("button", name="后", exact=True).click()
    assert slider.input_value() == "0"
    page.close()


def test_a_photo_opens_large_in_a_dialog_that_hands_focus_back(served, browser):
    page = browser.new_page(viewport=PHONE)
    page.goto(served + PAGE, wait_until="networkidle")
    link = page.locator(f"{FIGURE} .cc-compare__image--after")
    link.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.cc-lightbox")
    dialog.wait_for(state="visible")
    image = dialog.locator("img")
    page.wait_for_function("document.querySelector('dialog.cc-lightbox img').complete")
    assert image.evaluate("i => i.naturalWidth") == 1600 and image.get_attribute("alt").startswith("示例图片")
    assert image.evaluate("i => i.currentSrc").endswith(".avif")
    zoom = dialog.get_by_role("button", name="放大")
    zoom.click()
    assert zoom.get_attribute("aria-pressed") == "true" and image.bounding_box()["width"] == 1600
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.classList.contains('cc-compare__image--after')")
    page.close()


def test_without_javascript_the_photos_stack_on_a_phone_and_stand_side_by_side_on_a_desktop(served, browser):
    for viewport, side_by_side in [(PHONE, False), ({"width": 1280, "height": 900}, True)]:
        context = browser.new_context(viewport=viewport, java_script_enabled=False)
        page = context.new_page()
        page.goto(served + PAGE)
        assert not page.locator(f"{FIGURE} .cc-compare__controls").is_visible()
        before, after = (
            box(page, f"{FIGURE} .cc-compare__image--before"),
            box(page, f"{FIGURE} .cc-compare__image--after"),
        )
        caption = box(page, f"{FIGURE} .cc-compare__caption--before")
        if side_by_side:
            assert before["y"] == after["y"] and before["x"] + before["width"] < after["x"]
        else:
            assert before["y"] + before["height"] <= caption["y"] < after["y"]
            assert before["width"] == after["width"] >= 300
        assert page.locator(f"{FIGURE} .cc-compare__caption--after").is_visible()
        full = page.locator(f"{FIGURE} .cc-compare__image--before").get_attribute("href")
        assert context.request.get(page.url + full).status == 200  # the link opens the full-size JPEG
        context.close()
