"""A regular customer at the terminal: identifies by phone on the digit pad, sees her
bonuses, pays part of a 25 000 RUB laptop with them, takes the receipt that says so; then
the clerk scans that receipt and sees the same customer's card."""

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from hardware.receipt_layout import render_receipt
from server import create_app
from server.db import get_session
from server.models import Category, Customer, Stock, Store
from tests.browser.conftest import Shop
from tests.browser.devices import store_devices
from tests.browser.pickup_station import running_pickup
from tests.browser.screen_checks import latin_words, overflowing
from tests.browser.servers import Terminal
from tests.browser.shopper import SCREENS, badge, barcodes, rub, screenshot
from tests.helpers import make_product
from tests.server.test_customers import grant, last_code

PHONE = "+79161234567"
LAPTOP = 2_500_000  # 25 000 RUB
BALANCE = 1_500_000  # 15 000 RUB in points (1 point = 1 kopeck)


@pytest.fixture(scope="module")
def sms(module_path: Path) -> Path:
    return module_path / "sms.txt"


@pytest.fixture(scope="module")
def server_options(sms: Path) -> dict[str, Any]:
    """The live server, its SMS gateway a file the test reads the code from."""
    return {"workers": 1, "threads": 8, "env": {"CYBERMARKET_SMS_GATEWAY_URL": f"file:{sms}"}}


@pytest.fixture
def regular(shop: Shop, tmp_path: Path) -> None:
    """A laptop in the store, and Anna, who has 15 000 RUB of bonuses."""
    app = create_app({"TESTING": True, "DATABASE_URL": shop.database_url})
    try:
        with app.app_context():
            session = get_session()
            laptops = Category(code="laptops", name_ru="Ноутбуки", name_en="Laptops")
            session.add(laptops)
            laptop = make_product(
                session,
                "LAPTOP-1",
                laptops,
                name_ru="Ноутбук Гамма",
                name_en="Gamma laptop",
                price_minor=LAPTOP,
            )
            session.flush()
            store = session.scalar(select(Store).where(Store.code == "MSK-1"))
            session.add(
                Stock(store=store, product=laptop, on_hand=3, reserved=0, bin_location="A-09-1")
            )
            session.add(Customer(phone=PHONE, name="Анна", created_at=datetime.now(UTC)))
            session.commit()
        grant(app, PHONE, BALANCE)
    finally:
        app.extensions["db"].engine.dispose()


def look(page: Page, name: str) -> None:
    """Save the screen and read it as the shopper would: Russian, nothing spilling over."""
    screenshot(page, name)
    assert latin_words(page) == [], name
    assert overflowing(page) == [], name


def tap_digits(page: Page, digits: str) -> None:
    for digit in digits:
        page.locator(f".pad [data-pad-key='{digit}']").tap()


def test_identified_shopper_pays_part_with_bonuses_and_the_clerk_sees_her_card(
    regular: None,
    page: Page,
    browser: Browser,
    terminal: Terminal,
    shop: Shop,
    server_url: str,
    sms: Path,
) -> None:
    page.goto(f"{terminal.url}/product/LAPTOP-1")
    page.get_by_test_id("add-to-cart").tap()
    expect(badge(page)).to_have_text("1")
    page.get_by_test_id("cart-button").tap()
    page.get_by_test_id("checkout").tap()
    expect(page.get_by_test_id("to-pay")).to_have_text(rub(LAPTOP))
    look(page, "bonus-checkout-anonymous")
    page.get_by_test_id("identify-checkout").tap()

    # The phone number on the digit pad: no keyboard on a kiosk.
    expect(page.get_by_role("heading", name="Бонусы по номеру телефона")).to_be_visible()
    tap_digits(page, "9161234567")
    expect(page.get_by_test_id("phone")).to_have_value("9161234567")
    look(page, "bonus-phone-pad")
    page.get_by_test_id("send-code").tap()

    expect(page.get_by_test_id("code-sent-to")).to_contain_text("+7 *** ***-45-67")
    code = last_code(sms)
    wrong = "000000" if code != "000000" else "111111"
    tap_digits(page, wrong)
    page.get_by_test_id("verify").tap()
    expect(page.get_by_test_id("identify-message")).to_contain_text("Осталось попыток: 4")
    look(page, "bonus-code-wrong")
    tap_digits(page, code)
    page.get_by_test_id("verify").tap()

    # Back at checkout: the greeting, the balance, and what bonuses may pay (half of 25 000).
    offer = page.get_by_test_id("bonus-offer")
    expect(offer).to_contain_text("Здравствуйте, Анна!")
    expect(page.get_by_test_id("bonus-balance")).to_have_text(rub(BALANCE))
    expect(page.get_by_test_id("shopper-chip")).to_contain_text("Анна")
    assert "9161234567" not in page.content()
    look(page, "bonus-checkout-identified")
    page.get_by_test_id("shopper-chip").tap()
    expect(page.get_by_test_id("greeting")).to_have_text("Здравствуйте, Анна!")
    expect(page.get_by_test_id("shopper-phone")).to_have_text("+7 *** ***-45-67")
    look(page, "bonus-me")
    page.get_by_test_id("me-checkout").tap()
    page.get_by_test_id("bonus-on").tap()
    expect(page.get_by_test_id("to-pay")).to_have_text(rub(LAPTOP // 2))
    expect(page.get_by_test_id("bonus-used")).to_contain_text(rub(LAPTOP // 2))
    look(page, "bonus-checkout-using")
    page.get_by_test_id("pay-card").tap()

    expect(page.get_by_test_id("bonus-paid")).to_contain_text(rub(LAPTOP // 2))
    expect(page.get_by_test_id("order-state")).to_contain_text("Оплачено")
    expect(page.get_by_test_id("shopper-chip")).to_have_count(0)  # forgotten at checkout's end
    look(page, "bonus-done")
    number = page.get_by_test_id("order-number").inner_text().strip()
    assert [c.amount_minor for c in terminal.card_reader.charges] == [LAPTOP // 2]
    receipt = terminal.printer.receipts[-1]
    assert receipt.total == rub(LAPTOP)
    assert receipt.amounts == [
        ("Оплачено бонусами", "−" + rub(LAPTOP // 2)),
        ("Оплачено картой", rub(LAPTOP // 2)),
    ]
    render_receipt(receipt).save(SCREENS / "bonus-receipt.png")

    # The goods go to the window; the clerk scans the receipt and sees Anna's card.
    with store_devices(server_url, shop.tokens) as devices:
        pickup_code = devices.make_ready(number, window=1)["pickup_code"]
    assert pickup_code in barcodes(receipt)
    with running_pickup(server_url, shop.tokens["pickup"]) as station:
        context = browser.new_context(viewport={"width": 1920, "height": 1080}, has_touch=True)
        clerk = context.new_page()
        clerk.goto(station.url + "/")
        box = clerk.get_by_test_id("scan-input")
        expect(box).to_be_focused()
        clerk.keyboard.type(pickup_code)
        clerk.keyboard.press("Enter")
        expect(clerk.get_by_test_id("result")).to_have_attribute("data-verdict", "green")
        card = clerk.get_by_test_id("customer-card")
        expect(clerk.get_by_test_id("customer-name")).to_have_text("Анна")
        expect(clerk.get_by_test_id("customer-phone")).to_have_text("+7 *** ***-45-67")
        expect(clerk.get_by_test_id("customer-bonus")).to_have_text(rub(BALANCE - LAPTOP // 2))
        clerk.get_by_test_id("customer-orders").locator("summary").tap()
        expect(card).to_contain_text(number)
        look(clerk, "bonus-clerk-card")
        clerk.get_by_test_id("hand-out-all").tap()
        expect(clerk.locator(".band-title")).to_have_text("Выдано")
        context.close()

    # Back at a terminal with the laptop: identified again, she rates what she collected.
    page.goto(f"{terminal.url}/identify?next=me")
    tap_digits(page, "9161234567")
    page.get_by_test_id("send-code").tap()
    expect(page.get_by_test_id("code-sent-to")).to_be_visible()
    tap_digits(page, last_code(sms))
    page.get_by_test_id("verify").tap()
    expect(page.get_by_test_id("to-review")).to_contain_text("Ноутбук Гамма")
    page.get_by_test_id("rate-LAPTOP-1").tap()
    page.locator("label.star").nth(4).tap()
    for letter in "очень тихий":
        page.locator(f'.keyboard [data-key="{letter}"]').first.tap()
    expect(page.get_by_test_id("review-text")).to_have_value("очень тихий")
    look(page, "bonus-review")
    expect(page.get_by_test_id("review-send")).to_be_in_viewport()  # no scrolling on a kiosk
    page.get_by_test_id("review-send").tap()
    expect(page.get_by_test_id("review-thanks")).to_be_visible()
    expect(page.get_by_test_id("to-review")).to_have_count(0)
    look(page, "bonus-review-thanks")
