"""The back of the store in a browser: the picker's warehouse screen, the hall's ready board
and the clerk's screen at the pickup window, each following what other devices do."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Dialog, Page, expect

from server.services.pickup_codes import check_character
from tests.browser.conftest import Shop
from tests.browser.devices import Devices, store_devices
from tests.browser.pickup_station import running_pickup
from tests.browser.shopper import screenshot
from tests.browser.staff_screens import pair_screen

# Bins as build_world lays them out: "A-0<len(sku)>-1".
BIN = {"PHONE-1": "A-07-1", "PHONE-2": "A-07-1", "TV-1": "A-04-1"}


@pytest.fixture(scope="module")
def server_options() -> dict[str, Any]:
    """Two server processes, so a screen's successive polls land on different ones."""
    return {"workers": 2}


@pytest.fixture
def devices(shop: Shop, server_url: str) -> Iterator[Devices]:
    with store_devices(server_url, shop.tokens) as apis:
        yield apis


def pair(page: Page, server_url: str, token: str) -> None:
    """Pair this browser with a device token, as staff do once on the screen's kiosk."""
    pair_screen(page, server_url, token)


def test_warehouse_screen_picks_oldest_first_flags_a_missing_item_and_sends_to_a_window(
    page: Page, server_url: str, shop: Shop, devices: Devices
) -> None:
    first = devices.paid_order({"PHONE-1": 1, "TV-1": 1})["number"]
    second = devices.paid_order({"PHONE-2": 2})["number"]
    pair(page, server_url, shop.tokens["warehouse"])
    expect(page).to_have_url(re.compile(r"/warehouse$"))
    expect(page.get_by_role("heading", name=re.compile("^Склад"))).to_be_visible()

    cards = page.locator("#queue article.order")
    expect(cards).to_have_count(2)
    expect(cards.nth(0)).to_have_attribute("data-testid", f"order-{first}")
    expect(cards.nth(1)).to_have_attribute("data-testid", f"order-{second}")
    card = page.get_by_test_id(f"order-{first}")
    for sku in ("PHONE-1", "TV-1"):
        expect(card.get_by_test_id(f"line-{first}-{sku}").locator(".bin")).to_have_text(BIN[sku])
    second_card = page.get_by_test_id(f"order-{second}")
    expect(second_card.locator(".bin")).to_have_text(BIN["PHONE-2"])

    card.get_by_role("button", name="Взять в сборку").click()
    expect(card).to_have_class(re.compile(r"\bis-picking\b"))
    card.get_by_test_id(f"picked-{first}-PHONE-1").click()
    expect(card.get_by_test_id(f"line-{first}-PHONE-1")).to_have_class(re.compile(r"\bdone\b"))
    expect(card.get_by_test_id(f"picked-{first}-PHONE-1")).to_have_count(0)

    questions: list[str] = []

    def accept(dialog: Dialog) -> None:
        questions.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    card.get_by_test_id(f"missing-{first}-TV-1").click()
    expect(card).to_have_class(re.compile(r"\battention\b"))
    expect(card).to_contain_text("требует внимания: нет товара")
    expect(card.get_by_test_id(f"line-{first}-TV-1")).to_contain_text("✕ не найдено")
    assert questions == ["Отметить, что одной штуки TV-1 нет на месте?"]
    screenshot(page, "warehouse")
    order = devices.order(first)
    assert order["needs_attention"], order
    assert order["total_minor"] == 2_999_000, "the missing TV is still charged"

    expect(card).to_contain_text("Отправить в окно:")
    card.get_by_test_id(f"ready-{first}-2").click()
    expect(card).to_have_count(0)
    expect(cards).to_have_count(1)
    order = devices.order(first)
    assert (order["status"], order["window"]) == ("ready", 2)
    assert [(line["sku"], line["qty_picked"]) for line in order["lines"]] == [
        ("PHONE-1", 1),
        ("TV-1", 0),
    ]

    # Paid at a terminal while the screen is open: it comes in by itself (polls every 3 s).
    third = devices.paid_order({"TV-1": 1})["number"]
    expect(page.get_by_test_id(f"order-{third}")).to_be_visible(timeout=5_000)
    expect(cards.nth(1)).to_have_attribute("data-testid", f"order-{third}")


def test_warehouse_screen_says_why_it_refuses_a_tap(
    page: Page, server_url: str, shop: Shop, devices: Devices
) -> None:
    number = devices.paid_order({"TV-1": 1})["number"]
    pair(page, server_url, shop.tokens["warehouse"])
    card = page.get_by_test_id(f"order-{number}")
    card.get_by_role("button", name="Взять в сборку").click()
    page.once("dialog", lambda dialog: dialog.accept())
    card.get_by_test_id(f"missing-{number}-TV-1").click()
    expect(card.get_by_test_id(f"line-{number}-TV-1")).to_contain_text("✕ не найдено")

    # Nothing of it is on the shelf: the server refuses to send it to a window (409), and
    # the picker must read why rather than tap "1" again and again.
    card.get_by_test_id(f"ready-{number}-1").click()
    expect(page.get_by_test_id("error")).to_have_text(
        "Ничего из заказа не найдено — отмените его.", timeout=2_000
    )
    assert devices.order(number)["status"] == "picking"


def test_ready_board_follows_orders_by_itself(
    page: Page, server_url: str, shop: Shop, devices: Devices
) -> None:
    pair(page, server_url, shop.tokens["board"])
    expect(page).to_have_url(re.compile(r"/board$"))
    preparing, ready = page.locator(".col.preparing"), page.locator(".col.ready")
    expect(preparing.get_by_role("heading")).to_contain_text("Готовится")

    number = devices.paid_order({"PHONE-2": 1})["number"]
    expect(preparing.get_by_test_id(f"preparing-{number}")).to_have_text(number, timeout=2_000)
    expect(ready.get_by_test_id(f"ready-{number}")).to_have_count(0)

    devices.make_ready(number, window=3)
    on_board = ready.get_by_test_id(f"ready-{number}")
    expect(on_board).to_contain_text(number, timeout=2_000)
    expect(on_board).to_contain_text("окно 3")
    expect(preparing.get_by_test_id(f"preparing-{number}")).to_have_count(0)

    other = devices.paid_order({"TV-1": 1})["number"]
    expect(preparing.get_by_test_id(f"preparing-{other}")).to_be_visible(timeout=2_000)
    screenshot(page, "board")

    devices.hand_out(number)
    expect(on_board).to_have_count(0, timeout=2_000)
    expect(preparing.get_by_test_id(f"preparing-{other}")).to_be_visible()


def test_ready_board_keeps_the_newest_orders_on_a_full_hd_screen(
    page: Page, server_url: str, shop: Shop, devices: Devices
) -> None:
    """A busy hour: ten orders wait at the windows and more are being prepared. The hall's
    1920x1080 board has no scroll bar, so the newest numbers must be on the screen."""
    ready = []
    for index in range(10):
        number = devices.paid_order({"PHONE-1": 1})["number"]
        devices.make_ready(number, window=index % 3 + 1)
        ready.append(number)
    preparing = [devices.paid_order({"TV-1": 1})["number"] for _ in range(5)]
    preparing += [devices.paid_order({"PHONE-2": 1})["number"] for _ in range(3)]
    page.set_viewport_size({"width": 1920, "height": 1080})
    pair(page, server_url, shop.tokens["board"])
    expect(page.get_by_test_id(f"preparing-{preparing[-1]}")).to_be_in_viewport(ratio=1.0)
    expect(page.get_by_test_id(f"ready-{ready[-1]}")).to_be_in_viewport(ratio=1.0)


def scan_with_usb_scanner(page: Page, code: str) -> None:
    """A USB scanner in keyboard mode types the code and Enter wherever the focus is."""
    expect(page.get_by_test_id("scan-input")).to_be_focused()
    page.keyboard.type(code)
    page.keyboard.press("Enter")


def test_clerk_screen_reads_a_usb_scanner_green_then_red_and_amber(
    page: Page, server_url: str, shop: Shop, devices: Devices
) -> None:
    paid = devices.paid_order({"PHONE-1": 1, "TV-1": 1})
    devices.make_ready(paid["number"], window=1)
    at_cashier = devices.reserve({"PHONE-2": 1}, payment="cashier")
    unknown = "ABCDEFGH" + check_character("ABCDEFGH")  # well formed, but nobody's order

    with running_pickup(server_url, shop.tokens["pickup"]) as station:
        page.goto(station.url + "/")
        result = page.get_by_test_id("result")
        title = page.locator(".band-title")

        scan_with_usb_scanner(page, paid["pickup_code"])
        expect(result).to_have_attribute("data-verdict", "green")
        expect(title).to_have_text("Выдайте")
        expect(page.get_by_test_id("order-number")).to_have_text(paid["number"])
        expect(page.get_by_test_id("line-PHONE-1")).to_contain_text("Смартфон Альфа")
        expect(page.get_by_test_id("line-TV-1")).to_contain_text("Телевизор Бета")
        expect(page.get_by_test_id("scan-input")).to_have_value("")
        screenshot(page, "clerk-green")

        page.get_by_role("button", name="Выдать всё").click()
        expect(title).to_have_text("Выдано")
        expect(page.get_by_test_id("print-state")).to_be_visible()
        issued = devices.order(paid["number"])
        assert issued["status"] == "issued"
        assert [slip.order_number for slip in station.printer.receipts] == [paid["number"]]

        scan_with_usb_scanner(page, unknown)
        expect(result).to_have_attribute("data-verdict", "red")
        expect(title).to_have_text("Неизвестный код")
        expect(page.get_by_test_id("message")).to_have_text(
            "Этот код не принадлежит ни одному нашему заказу."
        )

        scan_with_usb_scanner(page, paid["pickup_code"])
        expect(result).to_have_attribute("data-verdict", "red")
        expect(title).to_have_text("Не выдавайте")
        expect(page.get_by_test_id("message")).to_have_text(
            re.compile(r"^Этот заказ уже выдан \d\d\.\d\d\.\d{4} в \d\d:\d\d: pickup-1\.$")
        )
        expect(page.get_by_test_id("hand-out-all")).to_have_count(0)
        screenshot(page, "clerk-red")

        scan_with_usb_scanner(page, at_cashier["pickup_code"])
        expect(result).to_have_attribute("data-verdict", "amber")
        expect(title).to_have_text("Сначала оплата")
        expect(page.get_by_test_id("message")).to_have_text("Ожидает оплаты.")
        expect(page.get_by_test_id("send-to-cashier")).to_be_visible()
        expect(page.get_by_test_id("hand-out-all")).to_have_count(0)
        screenshot(page, "clerk-amber")

    assert devices.order(at_cashier["number"])["status"] == "reserved"
    assert len(station.printer.receipts) == 1, "something printed for a red or amber scan"
