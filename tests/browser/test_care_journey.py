"""One journey of a manager's day: a stuck order (a line not found) is cancelled from the
live stuck-orders page, a waiting order's hold is extended, and an appeal is answered and
closed with compensation in bonuses."""

import uuid
from typing import Any

import requests
from playwright.sync_api import Browser, expect

from tests.browser.conftest import Shop
from tests.browser.staff_screens import sign_in


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


def _picked(server_url: str, shop: Shop, sku: str) -> str:
    terminal, warehouse = shop.tokens["terminal"], shop.tokens["warehouse"]
    body = {
        "store": "MSK-1",
        "lines": [{"sku": sku, "qty": 1}],
        "payment": "card",
        "customer_phone": "+7 916 123-45-67",
    }
    order = _api(server_url, terminal, "POST", "/orders", body)
    number = order["number"]
    payment = {"method": "card", "amount_minor": order["total_minor"], "reference": "1"}
    _api(server_url, terminal, "POST", f"/orders/{number}/payments", payment)
    _api(server_url, warehouse, "POST", f"/orders/{number}/picking")
    return number


def test_a_managers_day_stuck_order_hold_and_appeal(browser: Browser, server_url: str, shop: Shop):
    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    manager = desk.new_page()
    sign_in(manager, server_url)
    manager.goto(f"{server_url}/staff/stuck")
    expect(manager.get_by_test_id("nothing-stuck")).to_be_visible()

    stuck = _picked(server_url, shop, "PHONE-1")
    _api(
        server_url,
        shop.tokens["warehouse"],
        "POST",
        f"/orders/{stuck}/lines/PHONE-1/missing",
        {"qty": 1},
    )
    row = manager.get_by_test_id("stuck-not_found")
    expect(row).to_contain_text(stuck, timeout=5_000)  # the page polls itself
    row.get_by_role("link").last.click()
    manager.locator("#cancel input[name=reason]").fill("товара нет на складе")
    manager.locator("#cancel button").click()
    expect(manager.get_by_test_id("order-title")).to_contain_text("отменён")
    manager.goto(f"{server_url}/staff/stuck")
    expect(manager.get_by_test_id("nothing-stuck")).to_be_visible()

    waiting = _picked(server_url, shop, "TV-1")
    _api(server_url, shop.tokens["warehouse"], "POST", f"/orders/{waiting}/ready", {"window": 1})
    manager.goto(f"{server_url}/staff/orders")
    manager.get_by_test_id("order-search").fill(waiting.lower())
    manager.get_by_test_id("order-search").press("Enter")
    manager.get_by_test_id("order-row").locator("a").click()
    expect(manager.get_by_test_id("extend-form")).to_contain_text("Осталось продлений: 2")
    manager.locator("#extend input[name=reason]").fill("покупатель в командировке")
    manager.locator("#extend button").click()
    expect(manager.get_by_test_id("extend-form")).to_contain_text("Осталось продлений: 1")

    manager.goto(f"{server_url}/staff/appeals")
    form = manager.get_by_test_id("appeal-form")
    form.locator("input[name=phone]").fill("8 916 123-45-67")
    form.locator("input[name=order]").fill(waiting)
    form.locator("select[name=category]").select_option("delay")
    form.locator("textarea[name=text]").fill("Заказ долго собирали")
    form.locator("button").click()
    expect(manager.get_by_test_id("appeal-status")).to_have_text("открыто")
    resolve = manager.get_by_test_id("resolve-form")
    resolve.locator("textarea[name=resolution]").fill("Извинились, начислили бонусы")
    resolve.locator("input[name=bonus]").fill("200")
    resolve.locator("button").click()
    expect(manager.get_by_test_id("appeal-status")).to_have_text("решено")
    expect(manager.get_by_test_id("compensation")).to_contain_text("200 ₽")
    desk.close()
