"""What a shopper does and sees at the terminal, in words the tests read well with."""

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from common.money import format_money
from hardware.receipt import Receipt
from hardware.receipt_layout import render_receipt

SCREENS = Path(__file__).resolve().parent.parent / "artifacts" / "screens"


def screenshot(page: Page, name: str) -> None:
    """What the shopper sees on the screen right now, as tests/artifacts/screens/<name>.png."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / f"{name}.png", animations="disabled")


def rub(minor: int) -> str:
    return format_money(minor, "ru")


def badge(page: Page) -> Locator:
    return page.locator("header #cart-count")


def add_product(page: Page, base: str, sku: str, *, expect_count: int) -> None:
    """Open a product page, tap "В корзину", and see the badge count up."""
    page.goto(f"{base}/product/{sku}")
    page.get_by_test_id("add-to-cart").tap()
    expect(badge(page)).to_have_text(str(expect_count))


def go_to_checkout(page: Page) -> None:
    page.get_by_test_id("cart-button").tap()
    expect(page.get_by_role("heading", name="Ваша корзина")).to_be_visible()
    page.get_by_test_id("checkout").tap()
    expect(page.get_by_role("heading", name="Как вы хотите оплатить?")).to_be_visible()


def order_number_on_screen(page: Page) -> str:
    expect(page).to_have_url(re.compile(r"/order/[^/]+$"))
    number = page.get_by_test_id("order-number")
    expect(number).to_be_visible()
    return number.inner_text().strip()


def barcodes(receipt: Receipt) -> set[str]:
    """Every code a scanner reads off the printed receipt."""
    from pyzbar.pyzbar import decode

    return {symbol.data.decode() for symbol in decode(render_receipt(receipt))}
