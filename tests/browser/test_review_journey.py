"""One journey: a customer reviews what they collected on a phone, a manager approves it,
and the bonus shows on the customer's card."""

import uuid
from pathlib import Path
from typing import Any

import requests
from playwright.sync_api import Browser, expect
from sqlalchemy import select

from server import create_app
from server.db import get_session
from server.models import Order
from server.services.reviews import review_token
from tests.browser.conftest import Shop
from tests.browser.shopper import screenshot
from tests.browser.staff_screens import sign_in

TEXT = "Лёгкий и быстрый, батарея держит два дня. Камера хорошая днём."


def _api(server_url: str, token: str, method: str, path: str, body: Any = None) -> Any:
    answer = requests.request(
        method,
        f"{server_url}/api/v1{path}",
        json=body,
        headers={"Authorization": f"Device {token}", "Idempotency-Key": str(uuid.uuid4())},
        timeout=10,
    )
    assert answer.status_code < 300, answer.text
    return answer.json()


def _collected(server_url: str, shop: Shop) -> str:
    terminal, warehouse = shop.tokens["terminal"], shop.tokens["warehouse"]
    body = {
        "store": "MSK-1",
        "lines": [{"sku": "PHONE-1", "qty": 1}],
        "payment": "card",
        "customer_phone": "+7 916 123-45-67",
    }
    order = _api(server_url, terminal, "POST", "/orders", body)
    number = order["number"]
    payment = {"method": "card", "amount_minor": order["total_minor"], "reference": "1"}
    _api(server_url, terminal, "POST", f"/orders/{number}/payments", payment)
    _api(server_url, warehouse, "POST", f"/orders/{number}/picking")
    _api(server_url, warehouse, "POST", f"/orders/{number}/ready", {"window": 1})
    _api(server_url, shop.tokens["pickup"], "POST", f"/orders/{number}/hand-out")
    return number


def _review_path(shop: Shop, number: str, tmp_path: Path) -> str:
    """The link the review request carries (signed with the same demo secret as the server)."""
    app = create_app({"DATABASE_URL": shop.database_url, "MEDIA_DIR": str(tmp_path)})
    try:
        with app.app_context():
            order = get_session().scalar(select(Order).where(Order.number == number))
            return f"/r/{review_token(order)}"
    finally:
        app.extensions["db"].engine.dispose()


def test_review_on_a_phone_then_moderated_then_on_the_card(
    browser: Browser, server_url: str, shop: Shop, tmp_path: Path
):
    number = _collected(server_url, shop)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = phone.new_page()
    page.goto(server_url + _review_path(shop, number, tmp_path))
    form = page.get_by_test_id("line-PHONE-1")
    expect(form).to_contain_text("Смартфон Альфа")
    page.get_by_test_id("send-review").tap()
    expect(page.get_by_test_id("error")).to_have_text("Оцените хотя бы один товар.")
    form.locator("input[type=radio][value='5']").check()
    form.locator("textarea[name^=text]").fill(TEXT)
    # Nothing wider than the phone: no sideways scrolling to reach the button.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "review-page-phone")
    page.get_by_test_id("send-review").tap()
    expect(page.get_by_test_id("thanks")).to_have_text("Спасибо!")
    phone.close()

    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    manager = desk.new_page()
    sign_in(manager, server_url)
    manager.goto(f"{server_url}/staff/reviews")
    expect(manager.locator("article")).to_contain_text(TEXT)
    manager.get_by_test_id("approve").click()
    expect(manager.get_by_test_id("no-reviews")).to_be_visible()
    manager.goto(f"{server_url}/staff/customers")
    manager.get_by_test_id("customer-search").fill("8 916 123 45 67")
    manager.get_by_test_id("customer-search").press("Enter")
    manager.get_by_test_id("customer-row").locator("a").click()
    expect(manager.get_by_test_id("entry-review")).to_contain_text("одобрен отзыв")
    expect(manager.get_by_test_id("entry-review")).to_contain_text("100 ₽")
    screenshot(manager, "staff-customer-card")
    desk.close()
