"""Every control a finger must hit on the product and cart pages is at least 48 × 48 px."""

import pytest
from playwright.sync_api import Page

from tests.browser.servers import Terminal
from tests.browser.shopper import add_product

MIN_PX = 48
TARGETS = "a[href], button, input[type=submit], input[type=button], [role=button], select"


def too_small(page: Page) -> list[str]:
    small = []
    for target in page.locator(TARGETS).all():
        if not target.is_visible():
            continue
        box = target.bounding_box()
        if box is None:
            continue
        if box["width"] < MIN_PX or box["height"] < MIN_PX:
            text = " ".join(target.inner_text().split()) or target.get_attribute("aria-label")
            small.append(f"{text!r} is {box['width']:.0f}×{box['height']:.0f} px")
    return small


@pytest.mark.parametrize("screen", ["product", "cart"])
def test_touch_targets_are_at_least_48_px(page: Page, terminal: Terminal, screen: str) -> None:
    add_product(page, terminal.url, "PHONE-1", expect_count=1)
    if screen == "cart":
        add_product(page, terminal.url, "TV-1", expect_count=2)
        page.goto(terminal.url + "/cart")
    else:
        page.goto(terminal.url + "/product/PHONE-1")
    assert page.locator(TARGETS).count() > 5
    assert too_small(page) == [], f"too small to tap on the {screen} page"
