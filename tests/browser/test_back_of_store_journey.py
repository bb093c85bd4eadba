"""The back of the store walked as its people walk it, on the hall's full HD screens: the
picker's warehouse screen, the ready board, and the manager's pages. Every screen is
photographed to tests/artifacts/screens/ and checked for English words inside Russian and
for text that does not fit its box."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from server import create_app
from server.db import get_session
from server.models import Channel, Notification, Order, OutboxStatus, Stock
from tests.browser.conftest import Shop
from tests.browser.devices import Devices, store_devices
from tests.browser.screen_checks import latin_words, overflowing
from tests.browser.shopper import screenshot
from tests.browser.staff_screens import fully_inside, lines_of, pair_screen, sign_in
from tests.helpers import T0, build_world, make_product

FULL_HD = {"width": 1920, "height": 1080}
# Two of the demo catalogue's longest names and SKUs: what made the old card wrap.
LAPTOP = {
    "sku": "NB-ASU-FA507-16-512-GRY",
    "brand": "ASUS",
    "name_ru": "Игровой ноутбук ASUS TUF Gaming A15 FA507NV 15,6″, Ryzen 7 7735HS, "
    "16 ГБ/512 ГБ, серый",
    "name_en": "ASUS TUF Gaming A15 FA507NV gaming laptop 15.6″, Ryzen 7 7735HS, "
    "16 GB/512 GB, grey",
}
PHONE = {
    "sku": "PHN-SAM-S24U-256-BLK",
    "brand": "Samsung",
    "name_ru": "Смартфон Samsung Galaxy S24 Ultra 12/256 ГБ, титановый чёрный",
    "name_en": "Samsung Galaxy S24 Ultra smartphone 12/256 GB, titanium black",
}
# Brands and model names a Russian screen shows as they are.
BRAND_WORDS = set(re.findall(r"[A-Za-z]+", LAPTOP["name_ru"] + " " + PHONE["name_ru"]))


@contextmanager
def database(shop: Shop, tmp_path: Path) -> Iterator[Session]:
    """The shop's database, as the server sees it, for what no screen can do (time passing)."""
    app: Flask = create_app(
        {"TESTING": True, "DATABASE_URL": shop.database_url, "MEDIA_DIR": str(tmp_path / "m")}
    )
    try:
        with app.app_context():
            session = get_session()
            yield session
            session.commit()
    finally:
        app.extensions["db"].engine.dispose()


@pytest.fixture(scope="module")
def shop_template(module_sqlite_url: str, module_path: Path) -> Shop:
    """build_world, and two products with the longest names and SKUs of the demo catalogue."""
    app = create_app(
        {"TESTING": True, "DATABASE_URL": module_sqlite_url, "MEDIA_DIR": str(module_path)}
    )
    try:
        with app.app_context():
            session = get_session()
            world = build_world(session)
            tv_category = world.products["TV-1"].category
            for values, bin_location in ((LAPTOP, "C-12-04"), (PHONE, "B-03-11")):
                product = make_product(session, category=tv_category, **values)
                session.add(
                    Stock(
                        store=world.store,
                        product=product,
                        on_hand=12,
                        reserved=0,
                        bin_location=bin_location,
                    )
                )
            session.commit()
            tokens = dict(world.tokens)
    finally:
        app.extensions["db"].engine.dispose()
    return Shop(module_sqlite_url, tokens)


@pytest.fixture
def devices(shop: Shop, server_url: str) -> Iterator[Devices]:
    with store_devices(server_url, shop.tokens) as apis:
        yield apis


def english_browser(browser: Browser, viewport: dict[str, int] = FULL_HD) -> BrowserContext:
    """A browser whose own language is English: the chain's screens must still speak Russian."""
    context = browser.new_context(viewport=viewport, locale="en-US")  # type: ignore[arg-type]
    context.set_default_timeout(10_000)
    return context


def paid_minutes_ago(shop: Shop, tmp_path: Path, number: str, minutes: int) -> None:
    """Move the order's payment back in time, as if it had waited that long."""
    with database(shop, tmp_path) as session:
        order = session.scalar(select(Order).where(Order.number == number))
        assert order is not None
        for event in order.events:
            event.at -= timedelta(minutes=minutes)
        order.created_at -= timedelta(minutes=minutes)


def check_screen(page: Page, name: str, *, allowed: set[str] = BRAND_WORDS) -> None:
    """Photograph the screen from its top, then find English inside Russian and text that
    spills over."""
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, name)
    if page.locator("html").get_attribute("lang") == "ru":
        assert latin_words(page, allowed=allowed) == [], name
    assert overflowing(page) == [], name


@pytest.mark.parametrize(
    "viewport", [FULL_HD, {"width": 1280, "height": 800}], ids=["1920x1080", "1280x800"]
)
def test_warehouse_card_fits_long_names_and_marks_late_orders(
    browser: Browser,
    server_url: str,
    shop: Shop,
    devices: Devices,
    tmp_path: Path,
    viewport: dict[str, int],
) -> None:
    """Finding 7: the bin big, the name in two lines, the SKU unbroken, "× 10" whole, both
    buttons in full; an order past the 3-minute promise amber, past 10 minutes red."""
    overdue = devices.paid_order({"TV-1": 1})["number"]
    late = devices.paid_order({"PHONE-2": 1})["number"]
    long = devices.paid_order({LAPTOP["sku"]: 10, PHONE["sku"]: 1, "TV-1": 1})["number"]
    paid_minutes_ago(shop, tmp_path, overdue, 12)
    paid_minutes_ago(shop, tmp_path, late, 8)
    context = english_browser(browser, viewport)
    page = context.new_page()
    pair_screen(page, server_url, shop.tokens["warehouse"])
    card = page.get_by_test_id(f"order-{long}")
    card.get_by_role("button", name="Взять в сборку").click()
    expect(card).to_have_class(re.compile(r"\bis-picking\b"))

    for sku in (LAPTOP["sku"], PHONE["sku"], "TV-1"):
        line = card.get_by_test_id(f"line-{long}-{sku}")
        assert lines_of(line.locator(".name")) <= 2.05, f"{sku}: the name takes over two lines"
        assert lines_of(line.locator(".sku")) <= 1.05, f"{sku}: the SKU breaks"
        expect(line.locator(".sku")).to_have_text(sku)
        assert lines_of(line.locator(".qty")) <= 1.05, f"{sku}: the quantity wraps"
        for button in ("picked", "missing"):
            tap = card.get_by_test_id(f"{button}-{long}-{sku}")
            assert fully_inside(tap, card), f"{sku}: the {button} button is cut off"
    expect(card.get_by_test_id(f"line-{long}-{LAPTOP['sku']}").locator(".qty")).to_have_text("× 10")
    expect(card.get_by_test_id(f"missing-{long}-TV-1")).to_have_text("Нет на месте")

    expect(page.get_by_test_id(f"waited-{overdue}")).to_have_text("ждёт 12 мин")
    expect(page.get_by_test_id(f"order-{overdue}")).to_have_class(re.compile(r"\boverdue\b"))
    expect(page.get_by_test_id(f"waited-{late}")).to_have_text("ждёт 8 мин")
    expect(page.get_by_test_id(f"order-{late}")).to_have_class(re.compile(r"\blate\b"))
    expect(card).not_to_have_class(re.compile(r"\b(late|overdue)\b"))
    check_screen(page, f"warehouse-{viewport['width']}x{viewport['height']}")
    context.close()


def test_picker_and_board_follow_an_order_in_russian_whatever_the_browser_speaks(
    browser: Browser, server_url: str, shop: Shop, devices: Devices
) -> None:
    """Finding 8 and the journey: an English browser on the warehouse screen and the board
    still reads Russian only; the picker takes, picks, reports one missing, sends to window 2."""
    number = devices.paid_order({LAPTOP["sku"]: 1, "TV-1": 1})["number"]
    picker_browser, board_browser = english_browser(browser), english_browser(browser)
    picker, board = picker_browser.new_page(), board_browser.new_page()

    board.goto(f"{server_url}/screens/pair")
    check_screen(board, "pair")
    board.locator("input[name=token]").fill(shop.tokens["board"])
    board.get_by_role("button", name="Привязать").click()
    expect(board).to_have_url(re.compile(r"/board$"))
    expect(board.get_by_test_id(f"preparing-{number}")).to_be_visible()
    check_screen(board, "board-preparing")

    pair_screen(picker, server_url, shop.tokens["warehouse"])
    card = picker.get_by_test_id(f"order-{number}")
    card.get_by_role("button", name="Взять в сборку").click()
    card.get_by_test_id(f"picked-{number}-{LAPTOP['sku']}").click()
    expect(card.get_by_test_id(f"line-{number}-{LAPTOP['sku']}")).to_contain_text("✔ Собрано")
    questions: list[str] = []

    def accept(dialog: Dialog) -> None:
        questions.append(dialog.message)
        dialog.accept()

    picker.once("dialog", accept)
    card.get_by_test_id(f"missing-{number}-TV-1").click()
    expect(card.get_by_test_id(f"line-{number}-TV-1")).to_contain_text("✕ не найдено")
    assert questions == ["Отметить, что одной штуки TV-1 нет на месте?"]
    expect(card).to_contain_text("Отправить в окно:")
    check_screen(picker, "warehouse-picked")

    card.get_by_test_id(f"ready-{number}-2").click()
    expect(card).to_have_count(0)
    on_board = board.get_by_test_id(f"ready-{number}")
    expect(on_board).to_have_text(re.compile(rf"^{number}\s*→\s*окно 2$"), timeout=3_000)
    expect(board.locator(".col.ready h2")).to_have_text("Готов — подходите к окну")
    check_screen(board, "board-ready")
    check_screen(picker, "warehouse-empty")
    picker_browser.close()
    board_browser.close()


def park_a_message(shop: Shop, tmp_path: Path) -> None:
    """A text message the gateway kept refusing, for the manager to send again."""
    with database(shop, tmp_path) as session:
        session.add(
            Notification(
                dedupe_key="test-parked-1",
                kind="ready",
                channel=Channel.SMS,
                recipient="+7 916 123-45-67",
                body="Заказ A-1001 готов, окно 2.",
                status=OutboxStatus.PARKED,
                due_at=T0,
                attempts=5,
                last_error="gateway timeout",
                created_at=T0,
            )
        )


def test_manager_pages_speak_russian_to_an_english_browser(
    browser: Browser, server_url: str, shop: Shop, tmp_path: Path
) -> None:
    """Finding 8: sign-in, stores, today's times and the messages page in Russian words only,
    the outbox's counts and channels included; a parked message is sent again."""
    park_a_message(shop, tmp_path)
    context = english_browser(browser)
    page = context.new_page()
    page.goto(f"{server_url}/staff/login")
    expect(page.get_by_role("heading", name="Войти")).to_be_visible()
    check_screen(page, "staff-login")
    sign_in(page, server_url)
    expect(page.get_by_role("heading", name="Магазины и остатки")).to_be_visible()
    check_screen(page, "staff-stores")

    page.get_by_role("link", name="Время сегодня").click()
    expect(page.get_by_test_id("stats-MSK-1")).to_be_visible()
    check_screen(page, "staff-stats")

    page.get_by_role("link", name="Сообщения").click()
    expect(page.get_by_test_id("count-parked")).to_have_text("не уходят: 1")
    expect(page.get_by_test_id("count-pending")).to_have_text("ждут отправки: 0")
    parked = page.locator("tr[data-testid^=parked-]")
    expect(parked).to_contain_text("СМС: +7 916 123-45-67")
    expect(parked).to_contain_text("5 попыток")
    check_screen(page, "staff-outbox")

    parked.get_by_role("button", name="Повторить").click()
    expect(page.get_by_test_id("count-pending")).to_have_text("ждут отправки: 1")
    expect(page.get_by_text("Ничего не застряло.")).to_be_visible()
    context.close()


def test_english_chosen_on_a_screen_stays_until_changed(
    browser: Browser, server_url: str, shop: Shop, devices: Devices
) -> None:
    """A language switch offers English explicitly and the session keeps it: the warehouse
    screen's own polls and the next staff page stay English; Russian comes back when chosen."""
    number = devices.paid_order({PHONE["sku"]: 2})["number"]
    context = english_browser(browser)
    page = context.new_page()
    pair_screen(page, server_url, shop.tokens["warehouse"])
    expect(page.get_by_role("heading", name=re.compile("^Склад"))).to_be_visible()
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", name=re.compile("^Warehouse"))).to_be_visible()
    page.goto(f"{server_url}/warehouse")  # no ?lang= any more: the session remembers
    card = page.get_by_test_id(f"order-{number}")
    card.get_by_role("button", name="Take for picking").click()
    expect(card.get_by_test_id(f"missing-{number}-{PHONE['sku']}")).to_have_text("Not found")
    expect(card).to_contain_text("waiting 0 min")
    check_screen(page, "warehouse-en")
    page.get_by_role("link", name="Русский").click()
    expect(page.get_by_role("heading", name=re.compile("^Склад"))).to_be_visible()
    context.close()

    board_context = english_browser(browser)
    board = board_context.new_page()
    pair_screen(board, server_url, shop.tokens["board"])
    board.goto(f"{server_url}/board?lang=en")
    devices.make_ready(devices.paid_order({"TV-1": 1})["number"], window=3)
    expect(board.locator(".col.ready h2")).to_have_text("Ready — come to the window")
    expect(board.locator(".col.ready li").first).to_contain_text("window 3", timeout=3_000)
    check_screen(board, "board-en")
    board_context.close()
