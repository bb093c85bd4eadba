"""The server goes away mid-checkout: the shopper is told, keeps the cart, and carries on.
It goes away again between the card payment and the receipt: the order screen waits and
finishes by itself. (The manager switching a terminal out of service and back is in
test_care_journey.py.)"""

import re
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Page, expect

from tests.browser.conftest import Shop
from tests.browser.servers import running_terminal, server_process
from tests.browser.shopper import (
    add_product,
    badge,
    go_to_checkout,
    order_number_on_screen,
    screenshot,
)


def test_server_stopped_mid_checkout_keeps_the_cart_and_recovers_by_itself(
    page: Page, shop: Shop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = shop.tokens["terminal"]
    with (
        server_process(shop.database_url, tmp_path) as server,
        running_terminal(server.url, token, HEARTBEAT_SECONDS=1) as terminal,
    ):
        add_product(page, terminal.url, "PHONE-1", expect_count=1)
        add_product(page, terminal.url, "TV-1", expect_count=2)
        go_to_checkout(page)

        server.stop()
        page.get_by_role("button", name="Оплатить на кассе").tap()
        expect(page.get_by_test_id("error")).to_contain_text("Нет связи с сервером")
        expect(page.get_by_test_id("offline-banner")).to_be_visible()
        expect(badge(page)).to_have_text("2")
        screenshot(page, "offline")
        assert shop.order_count() == 0

        server.start()
        # The status poll runs every 5 s; the offline page then goes back to the cart.
        expect(page).to_have_url(re.compile(r"/cart$"), timeout=12_000)
        expect(page.get_by_test_id("offline-banner")).to_have_count(0)
        expect(page.get_by_test_id("cart-line-PHONE-1")).to_be_visible()
        expect(page.get_by_test_id("cart-line-TV-1")).to_be_visible()

        page.get_by_test_id("checkout").tap()
        page.get_by_role("button", name="Оплатить на кассе").tap()
        number = order_number_on_screen(page)
        expect(page.get_by_test_id("order-state")).to_contain_text("Оплатите на кассе")
        assert shop.order_count() == 1
        order = requests.get(
            f"{server.url}/api/v1/orders/{number}",
            headers={"Authorization": f"Device {token}"},
            timeout=5,
        ).json()
        assert order["status"] == "reserved"
        assert {line["sku"]: line["qty"] for line in order["lines"]} == {
            "PHONE-1": 1,
            "TV-1": 1,
        }
        assert terminal.printer.receipts[-1].order_number == number

        # The card is charged, then the server goes before it hears of the payment.
        charge = terminal.card_reader.charge

        def charge_then_server_goes(amount_minor: int, reference: str):  # type: ignore[no-untyped-def]
            result = charge(amount_minor, reference)
            server.stop()
            return result

        monkeypatch.setattr(terminal.card_reader, "charge", charge_then_server_goes)
        add_product(page, terminal.url, "PHONE-1", expect_count=1)
        go_to_checkout(page)
        page.get_by_test_id("pay-card").tap()
        paid = order_number_on_screen(page)
        expect(page.get_by_test_id("order-state")).to_contain_text("Оплата картой принята")
        screenshot(page, "card-saving")
        server.start()
        # The order screen looks again every 3 s: it records the payment and prints.
        expect(page.get_by_test_id("order-state")).to_contain_text("Оплачено", timeout=15_000)
        expect(page.get_by_test_id("print-state")).to_contain_text("Возьмите чек")
        assert terminal.printer.receipts[-1].order_number == paid
        assert len(terminal.card_reader.charges) == 1
        monkeypatch.undo()
