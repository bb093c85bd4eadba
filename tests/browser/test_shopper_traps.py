"""The traps a shopper met at the terminal (issue 10, findings 1, 2, 3 and 9; issue 9,
finding 7), each walked into with a finger on a standing and a lying screen."""

import uuid
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Shop
from tests.browser.journey import build_shop, check_screen, touchscreen
from tests.browser.servers import Terminal
from tests.browser.shopper import badge


@pytest.fixture(scope="module")
def shop_template(module_sqlite_url: str, module_path: Path) -> Shop:
    return Shop(module_sqlite_url, build_shop(module_sqlite_url, module_path))


def someone_else_takes(server_url: str, shop: Shop, sku: str, qty: int) -> None:
    """Another terminal of the store reserves units while our shopper is still choosing."""
    answer = requests.post(
        f"{server_url}/api/v1/orders",
        json={"store": "MSK-1", "lines": [{"sku": sku, "qty": qty}], "payment": "cashier"},
        headers={
            "Authorization": f"Device {shop.tokens['terminal']}",
            "Idempotency-Key": str(uuid.uuid4()),
        },
        timeout=5,
    )
    assert answer.status_code == 201, answer.text


def put_in_cart(page: Page, terminal: Terminal, sku: str, qty: int) -> None:
    page.goto(f"{terminal.url}/product/{sku}")
    for _ in range(qty - 1):
        page.locator(".stepper .step[data-step='1']").tap()
    expect(page.get_by_test_id("qty")).to_have_value(str(qty))
    page.get_by_test_id("add-to-cart").tap()
    expect(page.get_by_test_id("cart-message")).to_have_text("Добавлено в корзину.")


def test_1_after_a_stock_refusal_the_terminal_still_takes_payment(
    browser: Browser, terminal: Terminal, server_url: str, shop: Shop
) -> None:
    with touchscreen(browser, "portrait") as page:
        put_in_cart(page, terminal, "PHONE-2", 3)
        someone_else_takes(server_url, shop, "PHONE-2", 2)
        page.goto(f"{terminal.url}/checkout")
        page.get_by_test_id("pay-card").tap()
        refusal = page.get_by_test_id("error")
        expect(refusal).to_contain_text("в этом магазине осталось 1")
        check_screen(page, "trap-1-stock-refusal", lang="ru")

        refusal.get_by_role("link", name="В корзину").tap()
        expect(page.get_by_test_id("cart-hint-PHONE-2")).to_have_text(
            "Осталось только 1 шт. в этом магазине."
        )
        line = page.get_by_test_id("cart-line-PHONE-2")
        for left in ("2", "1"):
            line.get_by_role("button", name="−").tap()
            expect(line.locator(".qty-show")).to_have_text(left)
        page.get_by_test_id("checkout").tap()
        page.get_by_test_id("pay-card").tap()
        expect(page.get_by_test_id("order-state")).to_contain_text("Оплачено")
        assert "Idempotency" not in page.content()
        check_screen(page, "trap-1-smaller-cart-paid", lang="ru")

        # The next shopper, a brand-new cart, at the cashier.
        page.get_by_test_id("new-purchase").tap()
        expect(page.get_by_test_id("start")).to_be_visible()
        put_in_cart(page, terminal, "TV-1", 1)
        page.goto(f"{terminal.url}/checkout")
        page.get_by_test_id("pay-cashier").tap()
        expect(page.get_by_test_id("order-state")).to_contain_text("Оплатите на кассе")


def test_2_the_cart_plus_stops_at_the_stock_and_says_how_many(
    browser: Browser, terminal: Terminal
) -> None:
    with touchscreen(browser, "landscape") as page:
        put_in_cart(page, terminal, "PHONE-2", 2)  # 3 in this store
        page.get_by_test_id("cart-button").tap()
        line = page.get_by_test_id("cart-line-PHONE-2")
        plus = line.get_by_role("button", name="+")
        plus.tap()
        expect(line.locator(".qty-show")).to_have_text("3")
        expect(page.get_by_test_id("cart-hint-PHONE-2")).to_have_text(
            "Осталось только 3 шт. в этом магазине."
        )
        expect(plus).to_be_disabled()
        expect(badge(page)).to_have_text("3")
        check_screen(page, "trap-2-cart-at-stock", lang="ru")


def test_3_refusals_reach_the_screen_and_the_stepper_says_why_it_stops(
    browser: Browser, terminal: Terminal
) -> None:
    with touchscreen(browser, "portrait") as page:
        page.goto(f"{terminal.url}/product/PHONE-2")
        hint = page.get_by_test_id("stepper-hint")
        expect(hint).to_be_hidden()
        plus = page.locator(".stepper .step[data-step='1']")
        for _ in range(2):
            plus.tap()
        expect(page.get_by_test_id("qty")).to_have_value("3")
        expect(hint).to_have_text("Осталось только 3 шт. в этом магазине.")
        expect(plus).to_be_disabled()
        page.get_by_test_id("add-to-cart").tap()
        expect(badge(page)).to_have_text("3")

        page.reload()
        page.get_by_test_id("add-to-cart").tap()  # one more than the store has
        expect(page.get_by_test_id("cart-message")).to_have_text(
            "Осталось только 3 шт. в этом магазине, и 3 из них уже в корзине."
        )
        expect(badge(page)).to_have_text("3")
        check_screen(page, "trap-3-refusal-shown", lang="ru")


def test_9_pictures_variants_pay_by_time_and_a_favicon(
    browser: Browser, terminal: Terminal
) -> None:
    with touchscreen(browser, "landscape") as page:
        page.goto(f"{terminal.url}/catalog")
        expect(page.locator(".tile img.tile-photo")).to_have_count(15)
        icon = page.locator("link[rel=icon]").get_attribute("href")
        assert icon and page.request.get(f"{terminal.url}{icon}").ok
        assert page.request.get(f"{terminal.url}/favicon.ico").ok

        page.get_by_test_id("category-phones").tap()
        expect(page.locator(".card", has_text="Смартфон Гамма")).to_have_count(1)
        page.locator(".card", has_text="Смартфон Гамма").tap()
        page.get_by_test_id("variant-GAMMA-256-BLK").tap()
        expect(page.get_by_role("heading")).to_have_text("Смартфон Гамма 256 ГБ, чёрный")
        page.get_by_test_id("add-to-cart").tap()
        expect(badge(page)).to_have_text("1")

        page.goto(f"{terminal.url}/checkout")
        page.get_by_test_id("pay-cashier").tap()
        expect(page.get_by_test_id("order-state")).to_contain_text("Оплатите на кассе")
        until = terminal.printer.receipts[-1].instructions[0].rsplit(" ", 1)[-1]
        expect(page.get_by_test_id("pay-by")).to_have_text(
            f"Товар ждёт вас до {until}: оплатите до этого времени."
        )


@pytest.mark.parametrize("value", ["²", "%00", "1" * 10_000])
def test_issue9_7_odd_values_get_a_clear_answer_never_a_server_error(
    browser: Browser, terminal: Terminal, value: str
) -> None:
    with touchscreen(browser, "portrait") as page:  # any 5xx fails the test
        page.goto(f"{terminal.url}/catalog/phones?page={value}&sort={value}")
        expect(page.get_by_role("heading", name="Смартфоны")).to_be_visible()
        page.goto(f"{terminal.url}/search?q={value}&page={value}")
        page.goto(f"{terminal.url}/product/PHONE-1")
        for field in ("qty", "sku"):
            form = {"sku": "PHONE-1", "qty": "1", field: value.replace("%00", "\x00")}
            for path in ("/cart/add", "/cart/set"):
                answer = page.request.post(f"{terminal.url}{path}", form=form)
                assert 400 <= answer.status < 500, (path, field, answer.status)
