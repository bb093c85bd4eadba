"""Never a dead end: a shopper searches on the on-screen keys for a phone this store has run
out of, sees what the store has instead, and orders it from another store for pickup here,
paying by card; the case that goes with it is offered on the product page."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import select

from server import create_app
from server.db import get_session
from server.models import AccessoryLink, Category, Stock, TransferLead
from tests.browser.conftest import Shop
from tests.browser.journey import check_screen, touchscreen
from tests.browser.servers import Terminal
from tests.browser.test_search_journey import type_on_keys
from tests.helpers import build_world, make_product


@pytest.fixture(scope="module")
def shop_template(module_sqlite_url: str, module_path: Path) -> Shop:
    """build_world with the Alpha phone gone from MSK-1 (MSK-2 has two, six hours away), a
    close phone in stock here, and a case offered with every phone."""
    app = create_app(
        {"TESTING": True, "DATABASE_URL": module_sqlite_url, "MEDIA_DIR": str(module_path)}
    )
    try:
        with app.app_context():
            session = get_session()
            world = build_world(session)
            phones = session.scalar(select(Category).where(Category.code == "phones"))
            alpha = world.products["PHONE-1"]
            session.scalar(
                select(Stock).where(Stock.store_id == world.store.id, Stock.product_id == alpha.id)
            ).on_hand = 0
            world.products["PHONE-2"].name_ru = "Смартфон Омега"
            world.products["PHONE-2"].price_minor = 2_499_000
            case = make_product(session, "CASE-1", phones, name_ru="Чехол универсальный")
            case.price_minor = 99_000
            session.flush()
            session.add(Stock(store=world.store, product=case, on_hand=5, reserved=0))
            session.add(
                AccessoryLink(
                    category_id=phones.id,
                    accessory_id=case.id,
                    reason_ru="Без чехла телефон прослужит меньше.",
                    reason_en="Without a case a phone lasts less.",
                )
            )
            session.add(
                TransferLead(
                    source_store_id=world.other_store.id,
                    destination_store_id=world.store.id,
                    hours=6,
                )
            )
            session.commit()
            return Shop(module_sqlite_url, dict(world.tokens))
    finally:
        app.extensions["db"].engine.dispose()


def test_out_of_stock_here_is_ordered_from_another_store_for_pickup_here(
    browser: Browser, terminal: Terminal, order_api
) -> None:
    with touchscreen(browser, "portrait") as page:
        page.goto(terminal.url + "/search")
        type_on_keys(page, "альфа")
        instead = page.get_by_test_id("search-instead")
        expect(instead).to_contain_text("Ничего из этого сейчас нет в этом магазине.")
        expect(instead.get_by_test_id("product-PHONE-2")).to_contain_text("Смартфон Омега")
        check_screen(page, "dead-end-01-search", lang="ru", allowed={"Acme"})

        instead.get_by_test_id("instead-order").tap()
        expect(page.get_by_test_id("availability")).to_have_text("Сейчас нет в этом магазине")
        expect(page.get_by_test_id("similar")).to_contain_text("Смартфон Омега")
        together = page.get_by_test_id("together")
        expect(together).to_contain_text("Без чехла телефон прослужит меньше.")
        together.get_by_test_id("add-together-CASE-1").tap()
        expect(page.locator("#cart-update")).to_contain_text("Добавлено в корзину")
        elsewhere = page.get_by_test_id("elsewhere-MSK-2")
        expect(elsewhere).to_contain_text("примерно через 6 ч")
        check_screen(page, "dead-end-02-product", lang="ru", allowed={"Acme"})

        elsewhere.get_by_test_id("order-from-MSK-2").tap()
        expect(page.get_by_test_id("order-from-what")).to_contain_text("Смартфон Альфа")
        check_screen(page, "dead-end-03-order-from", lang="ru", allowed={"Acme"})
        page.get_by_test_id("pay-card").tap()
        number = page.get_by_test_id("order-number").inner_text()
        assert re.fullmatch(r"A-\d+", number)
        expect(page.get_by_test_id("order-state")).to_contain_text("Оплачено")
        order = order_api(number)
        assert order["status"] == "paid"
        assert [line["sku"] for line in order["lines"]] == ["PHONE-1"]
