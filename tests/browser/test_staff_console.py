"""The staff console in a real browser: a manager changes a price and sees who changed it;
a picker signs in and cannot open the catalog."""

import re

from playwright.sync_api import Page, expect

from tests.browser.screen_checks import latin_words, overflowing
from tests.browser.staff_screens import sign_in

# The world's staff have Latin names; picture formats are named as they are.
ALLOWED = {"Marina", "Manager", "JPEG", "PNG", "WebP"}


def check_screen(page: Page, name: str) -> None:
    """No English inside the Russian console, no text spilling out of its box."""
    assert latin_words(page, allowed=ALLOWED) == [], name
    assert overflowing(page) == [], name


def test_a_manager_changes_a_price_and_a_picker_cannot_open_the_catalog(
    server_url: str, page: Page
) -> None:
    sign_in(page, server_url, username="manager")
    page.get_by_role("link", name="Каталог").first.click()
    page.locator("input[name=q]").fill("альфа")
    page.get_by_role("button", name="Показать").click()
    check_screen(page, "staff-catalog")
    page.get_by_test_id("product-PHONE-1").get_by_role("link").click()
    page.locator("input[name=price]").fill("27990")
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("done")).to_be_visible()
    change = page.get_by_test_id("price-change").first
    expect(change.get_by_test_id("price-who")).to_have_text("Marina Manager")
    expect(change.get_by_test_id("price-old")).to_contain_text("29 990")
    expect(change.get_by_test_id("price-new")).to_contain_text("27 990")
    check_screen(page, "staff-product")

    page.locator("form[action='/staff/logout'] button").click()
    expect(page).to_have_url(re.compile(r"/staff/login$"))
    sign_in(page, server_url, username="picker")
    expect(page.get_by_role("link", name="Каталог")).to_have_count(0)
    answer = page.goto(f"{server_url}/staff/catalog/")
    assert answer is not None and answer.status == 403
    expect(page.get_by_role("heading")).to_have_text("Эта страница не для вашей роли")
