"""A store manager's stock day in the console: receive a delivery, count a bin, move goods
to the other store and see what runs low. Every page is photographed to
tests/artifacts/screens/ and checked for English words and text that does not fit."""

from pathlib import Path

from playwright.sync_api import Page, expect
from werkzeug.security import generate_password_hash

from server import create_app
from server.db import get_session
from server.models import StaffUser
from tests.browser.conftest import Shop
from tests.browser.screen_checks import latin_words, overflowing
from tests.browser.shopper import screenshot
from tests.browser.staff_screens import sign_in
from tests.helpers import CHEAP_PASSWORD_HASH, STAFF_PASSWORD


def add_manager(shop: Shop, tmp_path: Path) -> None:
    app = create_app(
        {"TESTING": True, "DATABASE_URL": shop.database_url, "MEDIA_DIR": str(tmp_path / "m")}
    )
    try:
        with app.app_context():
            session = get_session()
            session.add(
                StaffUser(
                    username="anna",
                    full_name="Анна Петрова",
                    role="manager",
                    password_hash=generate_password_hash(
                        STAFF_PASSWORD, method=CHEAP_PASSWORD_HASH
                    ),
                )
            )
            session.commit()
    finally:
        app.extensions["db"].engine.dispose()


def check_screen(page: Page, name: str) -> None:
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, name)
    assert latin_words(page) == [], name
    assert overflowing(page) == [], name


def test_a_manager_receives_counts_transfers_and_sees_low_stock(
    page: Page, server_url: str, shop: Shop, tmp_path: Path
) -> None:
    add_manager(shop, tmp_path)
    sign_in(page, server_url, username="anna")
    page.get_by_role("link", name="Складской учёт").click()
    expect(page.get_by_role("heading", name="Остатки")).to_be_visible()
    check_screen(page, "stock-list")

    # A delivery: one line short of the note, shown before it is confirmed.
    page.get_by_role("link", name="Приёмка").click()
    page.get_by_label("№ накладной").fill("ТН-2041")
    page.get_by_label("Поставщик").fill("ООО «Техноснаб»")
    line = page.get_by_test_id("line").first
    line.get_by_label("Артикул").fill("PHONE-2")
    line.get_by_label("Ожидалось").fill("5")
    line.get_by_label("Получено").fill("4")
    line.get_by_label("Ячейка").fill("c-01-1")
    page.get_by_role("button", name="Проверить расхождения").click()
    expect(page.get_by_test_id("discrepancies")).to_contain_text("ожидалось 5, получено 4")
    check_screen(page, "stock-receiving-checked")
    page.get_by_role("button", name="Подтвердить приёмку").click()
    expect(page.get_by_test_id("received")).to_contain_text("ООО «Техноснаб»")
    expect(page.get_by_test_id("note-line")).to_contain_text("C-01-1")
    check_screen(page, "stock-delivery-note")

    # A blind count of the bin the goods went to: 7 expected (3 + 4), 6 found.
    page.get_by_role("link", name="Инвентаризация").click()
    page.locator("input[name=bin]").fill("C-01-1")
    page.get_by_role("button", name="Открыть лист пересчёта").click()
    expect(page.get_by_test_id("count-line")).to_contain_text("PHONE-2")
    expect(page.get_by_role("columnheader", name="Ожидалось")).to_have_count(0)
    page.get_by_label("Найдено").fill("6")
    page.get_by_role("button", name="Проверить расхождения").click()
    expect(page.get_by_test_id("difference")).to_have_text("-1")
    check_screen(page, "stock-count-checked")
    page.get_by_role("button", name="Подтвердить пересчёт").click()
    expect(page.get_by_test_id("count-done")).to_be_visible()

    # Two TVs to the other store: requested, shipped, received.
    page.get_by_role("link", name="Перемещения").click()
    page.locator("select[name=destination]").select_option("MSK-2")
    page.locator("input[name=sku]").first.fill("TV-1")
    page.locator("input[name=qty]").first.fill("2")
    page.get_by_role("button", name="Запросить перемещение").click()
    expect(page.get_by_test_id("transfer-state")).to_contain_text("запрошено")
    page.get_by_role("button", name="Отправить перемещение").click()
    expect(page.get_by_test_id("transfer-state")).to_contain_text("в пути")
    check_screen(page, "stock-transfer-shipped")
    page.get_by_role("button", name="Принять перемещение").click()
    expect(page.get_by_test_id("transfer-state")).to_contain_text("принято")
    check_screen(page, "stock-transfer-received")

    # The TVs left at MSK-1 are now few: a threshold of 5 puts them on the low list.
    page.goto(f"{server_url}/staff/stock/MSK-1/TV-1")
    expect(page.get_by_test_id("on-hand")).to_have_text("3")
    expect(page.get_by_test_id("history")).to_contain_text("перемещение № 1")
    page.locator("input[name=threshold]").fill("5")
    page.get_by_role("button", name="Сохранить порог").click()
    check_screen(page, "stock-item")
    page.get_by_role("link", name="Мало", exact=True).click()
    first = page.get_by_test_id("low-row").first
    expect(first).to_contain_text("TV-1")
    expect(first).to_contain_text("2")  # short by 5 - 3
    check_screen(page, "stock-low")
