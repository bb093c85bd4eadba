"""The frame around every screen: idle reset, language, large text and high contrast, search."""

import re
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from sqlalchemy.engine import make_url

from tests.browser.conftest import Shop
from tests.browser.servers import Terminal
from tests.browser.shopper import add_product, badge, screenshot


def idle_terminal(start_terminal: Callable[..., Terminal]) -> Terminal:
    return start_terminal(IDLE_SECONDS=2, IDLE_COUNTDOWN_SECONDS=2)


def abandoned_carts(shop: Shop) -> list[tuple[int, int]]:
    """(units, value) of each cart the server heard an idle reset clear (for the KPIs)."""
    path = make_url(shop.database_url).database
    assert path is not None
    with closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT items, value_minor FROM abandoned_carts ORDER BY id").fetchall()


def test_idle_terminal_asks_then_clears_the_cart_for_the_next_shopper(
    page: Page, start_terminal: Callable[..., Terminal], shop: Shop
) -> None:
    terminal = idle_terminal(start_terminal)
    add_product(page, terminal.url, "PHONE-1", expect_count=1)

    overlay = page.locator("#idle")
    expect(overlay).to_be_visible(timeout=5_000)
    expect(overlay).to_contain_text("Вы ещё здесь?")
    expect(overlay).to_contain_text("Корзина очистится через")
    expect(page.locator("#idle-seconds")).to_have_text(re.compile(r"^[12]$"))
    screenshot(page, "idle")
    expect(page.locator("#idle-seconds")).to_have_text("1", timeout=3_000)

    expect(page.locator("body")).to_have_class(re.compile(r"\battract\b"), timeout=5_000)
    expect(page.get_by_text("Коснитесь, чтобы начать")).to_be_visible()
    page.goto(terminal.url + "/cart")
    expect(page.get_by_text("Корзина пуста.")).to_be_visible()
    expect(badge(page)).to_have_text("0")
    # Told once the screen had its answer: waited for as expect() waits for the screen.
    for _ in range(50):
        if abandoned_carts(shop):
            break
        time.sleep(0.1)
    assert abandoned_carts(shop) == [(1, 2_999_000)]


def test_im_here_hides_the_idle_question_and_keeps_the_cart(
    page: Page, start_terminal: Callable[..., Terminal]
) -> None:
    terminal = idle_terminal(start_terminal)
    add_product(page, terminal.url, "PHONE-1", expect_count=1)
    overlay = page.locator("#idle")
    expect(overlay).to_be_visible(timeout=5_000)

    # The tap must land on the button the shopper touched, not on what lies under the overlay.
    try:
        page.get_by_role("button", name="Я здесь, продолжить").tap(timeout=3_000)
    except PlaywrightTimeoutError as exc:
        log = "\n".join(exc.message.splitlines()[:12])
        pytest.fail(f"tapping «Я здесь, продолжить» does not reach the button:\n{log}")
    expect(overlay).to_be_hidden()
    expect(page).to_have_url(terminal.url + "/product/PHONE-1")
    expect(page.get_by_role("heading", name="Смартфон Альфа")).to_be_visible()
    expect(badge(page)).to_have_text("1")


def test_english_and_back_to_russian_on_the_category_page(page: Page, terminal: Terminal) -> None:
    page.goto(terminal.url + "/catalog/phones")
    expect(page.get_by_role("heading", name="Смартфоны")).to_be_visible()

    page.get_by_test_id("lang-en").tap()
    expect(page.get_by_role("heading", name="Smartphones")).to_be_visible()
    card = page.get_by_test_id("product-PHONE-1")
    expect(card).to_contain_text("Alpha phone")
    expect(card).to_contain_text("10 in stock here")
    expect(page.get_by_test_id("cart-button")).to_contain_text("Cart")
    screenshot(page, "english")

    page.get_by_test_id("lang-ru").tap()
    expect(page.get_by_role("heading", name="Смартфоны")).to_be_visible()
    expect(card).to_contain_text("Смартфон Альфа")
    expect(card).to_contain_text("10 шт. в этом магазине")


def test_large_text_high_contrast_toggle(page: Page, terminal: Terminal) -> None:
    page.goto(terminal.url + "/product/PHONE-1")
    body = page.locator("body")

    def font_px() -> float:
        return float(body.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))

    before = font_px()
    expect(body).not_to_have_class(re.compile(r"\bcontrast\b"))
    page.get_by_test_id("contrast").tap()
    expect(body).to_have_class(re.compile(r"\bcontrast\b"))
    expect(page.get_by_role("heading", name="Смартфон Альфа")).to_be_visible()
    after = font_px()
    assert after > before, f"body text is {after}px with large text on, {before}px without"
    screenshot(page, "high-contrast")

    page.get_by_test_id("contrast").tap()
    expect(body).not_to_have_class(re.compile(r"\bcontrast\b"))


def test_search_with_the_on_screen_keyboard(page: Page, terminal: Terminal) -> None:
    page.goto(terminal.url + "/catalog")
    page.get_by_test_id("open-search").tap()
    expect(page.get_by_role("heading", name="Поиск")).to_be_visible()
    keyboard = page.get_by_test_id("keyboard")
    for letter in "альфа":
        keyboard.get_by_role("button", name=letter, exact=True).tap()
    expect(page.get_by_test_id("search-input")).to_have_value("альфа")

    results = page.locator("#results")
    expect(results.get_by_test_id("product-PHONE-1")).to_contain_text("Смартфон Альфа")
    expect(results).not_to_contain_text("Телевизор Бета")
    screenshot(page, "search")
