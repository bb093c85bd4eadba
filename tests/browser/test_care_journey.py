"""One journey of a manager's day: a stuck order (a line not found) is cancelled from the
live stuck-orders page, a waiting order's hold is extended and then handed over to
another store, an appeal is answered and closed with compensation in bonuses, the KPI
page shows a known day's figures, and a terminal is switched out of service, back, and
revoked, its screen following each time."""

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
from playwright.sync_api import Browser, Page, expect

from server import create_app
from server.db import get_session
from tests.browser.conftest import Shop
from tests.browser.servers import Terminal
from tests.browser.shopper import screenshot
from tests.browser.staff_screens import sign_in
from tests.kpi_seed import DAY, EXPECTED, seed_known_day


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


def _seed_known_day(shop: Shop, tmp_path: Path) -> None:
    app = create_app(
        {"TESTING": True, "DATABASE_URL": shop.database_url, "MEDIA_DIR": str(tmp_path / "m")}
    )
    try:
        with app.app_context():
            seed_known_day(get_session())
    finally:
        app.extensions["db"].engine.dispose()


def test_a_managers_day(
    browser: Browser,
    server_url: str,
    shop: Shop,
    start_terminal: Callable[..., Terminal],
    tmp_path: Path,
):
    _seed_known_day(shop, tmp_path)
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
    hand_over = manager.get_by_test_id("hand-over-form")
    hand_over.locator("select[name=store]").select_option("MSK-2")
    hand_over.locator("input[name=reason]").fill("покупателю удобнее забрать на Тверской")
    hand_over.locator("button").click()
    expect(manager.get_by_test_id("order-title")).to_contain_text("в пути")
    expect(manager.get_by_test_id("order-store")).to_have_text("MSK-2")
    expect(manager.get_by_test_id("events")).to_contain_text("MSK-1 → MSK-2")
    expect(manager.get_by_test_id("messages")).to_contain_text("будет ждать вас в другом магазине")
    screenshot(manager, "care-handed-over")

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

    manager.goto(f"{server_url}/staff/kpi?store=MSK-1&day={DAY.isoformat()}")
    for testid, key in (
        ("kpi-handed-out", "handed_out"),
        ("kpi-measured", "measured"),
        ("kpi-median", "median"),
        ("kpi-p90", "p90"),
        ("kpi-within", "within"),
        ("kpi-orders", "orders"),
        ("kpi-average-check", "average_check"),
        ("kpi-missed", "missed"),
        ("kpi-abandoned", "abandoned"),
        ("kpi-abandoned-value", "abandoned_value"),
    ):
        expect(manager.get_by_test_id(testid)).to_have_text(EXPECTED[key])
    expect(manager.get_by_test_id("kpi-buyout")).to_contain_text(EXPECTED["buyout"])
    expect(manager.get_by_test_id("kpi-retention")).to_contain_text(EXPECTED["retention"])
    screenshot(manager, "care-kpi")

    _terminal_switched_off_back_and_revoked(browser, manager, server_url, start_terminal)
    desk.close()


def _terminal_switched_off_back_and_revoked(
    browser: Browser, manager: Page, server_url: str, start_terminal: Callable[..., Terminal]
) -> None:
    terminal = start_terminal(HEARTBEAT_SECONDS=1)
    kiosk = browser.new_context(viewport={"width": 1280, "height": 1024}, has_touch=True)
    screen = kiosk.new_page()
    screen.goto(f"{terminal.url}/")
    expect(screen.get_by_test_id("start")).to_be_visible()
    manager.goto(f"{server_url}/staff/devices")
    row = manager.get_by_test_id("device-terminal-1")
    row.get_by_test_id("out-of-service").click()
    expect(row.get_by_test_id("service")).to_contain_text("выведен из работы")
    expect(screen.get_by_test_id("out-of-service")).to_be_visible()  # at its next poll
    expect(screen.get_by_test_id("out-of-service")).to_contain_text("не работает")
    screenshot(manager, "fleet")
    screenshot(screen, "out-of-service")
    row.get_by_test_id("back-in-service").click()
    expect(screen.get_by_test_id("start")).to_be_visible()

    row.get_by_test_id("revoke").click()
    manager.get_by_test_id("confirm-revoke").click()
    expect(manager.get_by_test_id("device-terminal-1")).to_contain_text("отозван")
    screen.goto(f"{terminal.url}/")
    expect(screen.get_by_test_id("device-refused")).to_be_visible()  # at its next poll
    screenshot(screen, "care-revoked-terminal")
    kiosk.close()
