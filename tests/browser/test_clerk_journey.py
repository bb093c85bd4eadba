"""The clerk at the window and at the cashier, in a real browser, through the traps that were
found on the way (issue 10: findings 4, 5, 6 and 8) and the happy paths, in Russian and English.

Every screen is saved to tests/artifacts/screens/ and read for English words on a Russian
screen and for text that does not fit its box.
"""

import io
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.engine import make_url

from hardware.scanning.decode import decode_image_file
from tests.browser.conftest import Shop
from tests.browser.devices import DeviceApi, Devices, store_devices
from tests.browser.pickup_station import Station, running_pickup
from tests.browser.screen_checks import latin_words, overflowing
from tests.browser.shopper import SCREENS, screenshot
from tests.browser.staff_screens import sign_in

# The window PC's screen, and the smaller one at the cashier.
WINDOW = {"width": 1920, "height": 1080}
CASHIER = {"width": 1366, "height": 768}


@pytest.fixture
def devices(shop: Shop, server_url: str) -> Iterator[Devices]:
    with store_devices(server_url, shop.tokens) as apis:
        yield apis


@pytest.fixture
def station(shop: Shop, server_url: str) -> Iterator[Station]:
    with running_pickup(server_url, shop.tokens["pickup"]) as running:
        yield running


def clerk_page(browser: Browser, station: Station, *, lang: str, size: dict[str, int]) -> Page:
    context = browser.new_context(viewport=size, has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(station.url + "/")
    if lang == "en":
        page.get_by_test_id("lang-en").click()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    return page


def look(page: Page, name: str, lang: str, codes: frozenset[str] = frozenset()) -> None:
    """Save the screen and read it as its person would: no English on a Russian screen (the
    codes it shows apart: a random one may be letters only), no text spilling out of its box."""
    screenshot(page, name)
    if lang == "ru":
        assert latin_words(page, allowed=codes) == [], name
    assert overflowing(page) == [], name


def type_code(page: Page, code: str) -> None:
    box = page.get_by_test_id("scan-input")
    expect(box).to_be_focused()
    page.keyboard.type(code)
    page.keyboard.press("Enter")


def ready_with_one_missing(devices: Devices, qty: int = 3) -> dict:
    order = devices.paid_order({"PHONE-1": qty})
    number = order["number"]
    devices.warehouse.post(f"/orders/{number}/picking")
    devices.warehouse.post(f"/orders/{number}/lines/PHONE-1/missing", {"qty": 1})
    ready = devices.warehouse.post(f"/orders/{number}/ready", {"window": 1})
    assert ready["status"] == "ready", ready
    return order


def set_window(shop: Shop, name: str, window: int) -> None:
    path = make_url(shop.database_url).database
    assert path is not None
    with closing(sqlite3.connect(path)) as db:
        db.execute("UPDATE devices SET window = ? WHERE name = ?", (window, name))
        db.commit()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_finding_4_a_line_not_found_is_green_to_hand_out_and_never_counted_twice(
    browser: Browser, station: Station, devices: Devices, lang: str
) -> None:
    order = ready_with_one_missing(devices)
    page = clerk_page(browser, station, lang=lang, size=WINDOW)
    type_code(page, order["pickup_code"])

    result = page.get_by_test_id("result")
    expect(result).to_have_attribute("data-verdict", "green")
    title = page.locator(".band-title")
    expect(title).to_have_text("Выдайте" if lang == "ru" else "Hand out")
    expect(page.get_by_test_id("status")).to_have_text("готов" if lang == "ru" else "ready")
    expect(page.get_by_test_id("ordered-PHONE-1")).to_have_text("3")
    expect(page.get_by_test_id("missing-PHONE-1")).to_have_text("1")
    expect(page.get_by_test_id("qty-PHONE-1")).to_have_value("2")
    other = "Кибермаркет MSK-2 (2)" if lang == "ru" else "Cybermarket MSK-2 (2)"
    expect(page.get_by_test_id("message")).to_contain_text(other)
    look(page, f"clerk-missing-{lang}", lang)

    page.get_by_test_id("hand-out-all").click()
    expect(title).to_have_text("Выдано" if lang == "ru" else "Handed out")
    expect(page.get_by_test_id("issued-PHONE-1")).to_have_text("2")
    expect(page.get_by_test_id("message")).to_contain_text(
        "1 шт. не найдена" if lang == "ru" else "1 unit not found"
    )
    look(page, f"clerk-missing-done-{lang}", lang)
    slip = station.printer.receipts[-1]
    assert [(line.qty) for line in slip.lines] == [2]
    assert not any(("Осталось" in t or "Still to" in t) for t in slip.instructions)
    page.context.close()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_finding_5_an_order_number_opens_only_after_the_customer_confirms(
    browser: Browser, station: Station, devices: Devices, shop: Shop, server_url: str, lang: str
) -> None:
    online = DeviceApi(server_url, shop.tokens["shop"])
    order = online.post(
        "/orders",
        {
            "store": "MSK-1",
            "lines": [{"sku": "TV-1", "qty": 1}],
            "payment": "on_pickup",
            "customer_phone": "+7 916 123-45-67",
        },
    )
    online.close()
    devices.make_ready(order["number"], window=1)
    page = clerk_page(browser, station, lang=lang, size=WINDOW)
    type_code(page, order["number"])

    asked = page.get_by_test_id("confirm")
    expect(asked).to_be_visible()
    expect(page.get_by_test_id("order-number")).to_have_count(0)  # nothing opened yet
    expect(page.get_by_test_id("proof")).to_be_focused()
    look(page, f"clerk-confirm-{lang}", lang)

    for digit in "0000":
        page.locator(f'[data-pad-key="{digit}"]').first.click()
    page.get_by_test_id("confirm-open").click()
    expect(page.get_by_test_id("notice")).to_be_visible()
    expect(page.get_by_test_id("confirm")).to_be_visible()
    look(page, f"clerk-confirm-wrong-{lang}", lang)

    page.get_by_test_id("proof").fill("")
    page.keyboard.type("4567")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("order-number")).to_have_text(order["number"])
    expect(page.get_by_test_id("result")).to_have_attribute("data-verdict", "amber")  # to pay
    look(page, f"clerk-confirmed-{lang}", lang)
    page.context.close()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_finding_6_cash_is_tendered_change_shown_and_confirmed(
    browser: Browser, station: Station, devices: Devices, lang: str
) -> None:
    order = devices.reserve({"PHONE-1": 1, "TV-1": 1}, payment="cashier")  # 84 980 ₽
    page = clerk_page(browser, station, lang=lang, size=CASHIER)
    page.get_by_test_id("mode-cashier").click()
    type_code(page, order["pickup_code"])
    expect(page.get_by_test_id("result")).to_have_attribute("data-verdict", "amber")
    look(page, f"cashier-due-{lang}", lang)

    page.get_by_test_id("pay-cash").click()
    expect(page.get_by_test_id("cash-step")).to_be_visible()
    assert devices.order(order["number"])["status"] == "reserved", "one tap paid in cash"
    look(page, f"cashier-cash-step-{lang}", lang)

    page.get_by_test_id("quick-85000").click()
    expect(page.get_by_test_id("tendered")).to_have_value("85000")
    page.get_by_test_id("cash-count").click()
    expect(page.get_by_test_id("change")).to_have_text(re.compile(r"^20\s₽$"))
    assert devices.order(order["number"])["status"] == "reserved"
    look(page, f"cashier-change-{lang}", lang)

    page.get_by_test_id("cash-confirm").click()
    expect(page.get_by_test_id("change-given")).to_be_visible()
    assert devices.order(order["number"])["status"] == "paid"
    look(page, f"cashier-paid-{lang}", lang)
    receipt = station.printer.receipts[-1]
    assert any(
        "85" in line and ("Получено" in line or "Received" in line) for line in receipt.instructions
    )
    assert any(
        ("Сдача" in line or "Change" in line) and "20" in line for line in receipt.instructions
    )
    page.context.close()


def test_finding_8_the_second_scan_names_the_window_and_the_clerk_then_issue_16_repair(
    browser: Browser, station: Station, devices: Devices, shop: Shop, server_url: str
) -> None:
    set_window(shop, "pickup-1", 3)
    order = devices.paid_order({"TV-1": 1})
    devices.make_ready(order["number"], window=3)
    page = clerk_page(browser, station, lang="ru", size=WINDOW)
    page.get_by_test_id("clerk").click()
    page.get_by_test_id("clerk-name").fill("Анна Петрова")
    look(page, "clerk-shift-ru", "ru")
    page.get_by_test_id("clerk-save").click()
    expect(page.get_by_test_id("clerk")).to_have_text("Анна Петрова")
    expect(page.locator(".bar-where")).to_contain_text("окно 3")

    type_code(page, order["pickup_code"])
    page.get_by_test_id("hand-out-all").click()
    expect(page.locator(".band-title")).to_have_text("Выдано")
    assert "Окно 3 · Анна Петрова" in station.printer.receipts[-1].instructions
    station.scans.forget(order["pickup_code"])
    type_code(page, order["pickup_code"])
    expect(page.get_by_test_id("result")).to_have_attribute("data-verdict", "red")
    expect(page.get_by_test_id("message")).to_have_text(
        re.compile(r"^Этот заказ уже выдан .*: окно 3, Анна Петрова\.$")
    )
    look(page, "clerk-already-issued-ru", "ru")
    # The customer came back with it: the same screen takes it in for repair (issue 16).
    take_in_and_hand_back(page, station, devices, server_url, order, "TV-1")
    page.context.close()


def move_repair(manager: Page, number: str, to: str, **fields: str) -> None:
    """The manager moves a repair one step on /staff/repairs, as the service centre reports."""
    row = manager.get_by_test_id(f"repair-{number}")
    row.get_by_test_id(f"to-{number}").select_option(to)
    for name, value in fields.items():
        row.locator(f"[name={name}]").fill(value)
    with manager.expect_navigation():
        row.get_by_test_id(f"move-{number}").click()
    expect(manager.get_by_test_id("error")).to_have_count(0)


def unit_photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (180, 30, 30)).save(out, format="JPEG")
    return out.getvalue()


def take_in_and_hand_back(
    page: Page, station: Station, devices: Devices, server_url: str, order: dict, sku: str
) -> None:
    """Issue 16 at the window: the customer's original receipt on screen (red: handed out),
    the unit taken in for repair, the printed slip's code decoded from its image, the
    manager moving the repair on, the code scanned back: the unit goes back, once."""
    expect(page.get_by_test_id("aftercare")).to_be_visible()
    expect(page.get_by_test_id(f"warranty-until-{sku}")).not_to_be_empty()
    look(page, "intake-purchase-ru", "ru")

    for field in ("return-reason", "repair-serial", "repair-defect", "repair-collect-on"):
        box = page.get_by_test_id(field).bounding_box()
        assert box is not None and box["width"] >= 400 and box["height"] >= 48, (field, box)
    page.get_by_test_id("repair-serial").fill("SN-4471-K")
    page.get_by_test_id("repair-defect").fill("Не заряжается, греется у разъёма")
    page.get_by_test_id("repair-condition").fill("Царапина на крышке")
    page.get_by_test_id("repair-accessories").fill("коробка, кабель")
    page.get_by_test_id("repair-confirm").click()
    expect(page.locator(".band-title")).to_have_text("Принято в ремонт")
    # The verdict and "give the customer the slip" come into view, not the form just sent.
    expect(page.locator(".band-title")).to_be_in_viewport()
    look(page, "intake-taken-ru", "ru")
    # A photo of the damage goes with the repair (no camera here: the clerk attaches one,
    # sent as soon as it is chosen).
    page.get_by_test_id("photo-file").set_input_files(
        {"name": "unit.jpg", "mimeType": "image/jpeg", "buffer": unit_photo()}
    )
    expect(page.get_by_test_id("photo-count")).to_contain_text("приложено 1 фото")
    look(page, "intake-photo-ru", "ru")

    slip_image = station.printer.last_image
    assert slip_image is not None
    path = SCREENS / "intake-slip.png"
    slip_image.save(path)
    code = decode_image_file(path)  # what `cybermarket decode` and the station's camera run
    slip = station.printer.receipts[-1]
    repair = devices.pickup.get(f"/repairs/{slip.order_number}")
    assert code == repair["intake_code"], "the slip's barcode is not the repair's code"
    assert repair["sku"] == sku and repair["status"] == "accepted"
    assert "Серийный номер: SN-4471-K" in slip.instructions
    assert "Комплект: коробка, кабель" in slip.instructions

    station.scans.forget(order["pickup_code"])
    type_code(page, code)  # the customer comes back too early
    expect(page.get_by_test_id("message")).to_contain_text("ещё не вернулся из сервиса")

    assert page.context.browser is not None
    manager = page.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(manager, server_url)
    manager.goto(f"{server_url}/staff/repairs")
    thumbnail = manager.get_by_test_id(f"photos-{repair['number']}").locator("img")
    expect(thumbnail).to_have_count(1)
    assert thumbnail.evaluate("img => img.complete && img.naturalWidth") == 640
    for to in ("sent_to_service", "diagnosed", "repaired", "ready_for_pickup"):
        move_repair(manager, repair["number"], to)
    manager.context.close()

    station.scans.forget(code)
    type_code(page, code)
    expect(page.get_by_test_id("result")).to_have_attribute("data-verdict", "green")
    expect(page.get_by_test_id("repair-back")).to_contain_text(repair["number"])
    look(page, "intake-hand-back-ru", "ru", frozenset({code}))
    assert devices.pickup.get(f"/repairs/{repair['number']}")["status"] == "returned_to_customer"

    station.scans.forget(code)
    type_code(page, code)  # the same slip scanned twice: said, never handed back twice
    expect(page.get_by_test_id("result")).to_have_attribute("data-verdict", "red")
    expect(page.get_by_test_id("message")).to_contain_text("уже выдан покупателю")
