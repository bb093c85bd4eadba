"""A shopper's happy paths at the terminal, in Russian and in English, on a standing and a
lying screen: category tiles → a model → its colour and memory → cart → card or cashier.
Every screen is saved to tests/artifacts/screens/ and read for English and spilled text."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Shop
from tests.browser.journey import build_shop, check_screen, touchscreen
from tests.browser.servers import Terminal
from tests.browser.shopper import badge

WORDS = {
    "ru": {
        "categories": "Что вы ищете?",
        "phones": "Смартфоны",
        "model": "Смартфон Гамма",
        "variants": "Вариантов: 3",
        "here": "2 шт. в этом магазине",
        "added": "Добавлено в корзину.",
        "cart": "Ваша корзина",
        "pay": "Как вы хотите оплатить?",
        "paid": "Оплачено",
        "cashier": "Оплатите на кассе",
        "held": "Товар ждёт вас до",
        "not_here": "нет в этом магазине",
    },
    "en": {
        "categories": "What are you looking for?",
        "phones": "Smartphones",
        "model": "Gamma phone",
        "variants": "Variants: 3",
        "here": "2 in stock here",
        "added": "Added to the cart.",
        "cart": "Your cart",
        "pay": "How would you like to pay?",
        "paid": "Paid",
        "cashier": "Pay at the cashier",
        "held": "Your goods are held until",
        "not_here": "not in this store",
    },
}


@pytest.fixture(scope="module")
def shop_template(module_sqlite_url: str, module_path: Path) -> Shop:
    return Shop(module_sqlite_url, build_shop(module_sqlite_url, module_path))


def start(page: Page, terminal: Terminal, lang: str, name: str) -> None:
    page.goto(terminal.url + "/")
    if lang == "en":
        page.get_by_test_id("lang-en").tap()
        expect(page.get_by_test_id("lang-en")).to_have_class(re.compile(r"\bon\b"))
        expect(page.locator("html")).to_have_attribute("lang", "en")
    check_screen(page, f"{name}-01-attract", lang=lang)
    page.get_by_test_id("start").tap(force=True)  # the call to action pulses for ever


def choose_gamma_256(page: Page, lang: str, name: str, height: int) -> None:
    """From the category tiles to the Gamma model's black 256 GB variant, in the cart."""
    words = WORDS[lang]
    expect(page.get_by_role("heading", name=words["categories"])).to_be_visible()
    tiles = page.locator(".tile")
    expect(tiles).to_have_count(15)
    for tile in tiles.all():
        expect(tile.locator("img.tile-photo")).to_be_visible()
    last = tiles.last.bounding_box()
    assert last and last["y"] + last["height"] > 0.85 * height, "the tiles leave the screen empty"
    check_screen(page, f"{name}-02-categories", lang=lang)

    page.get_by_test_id("category-phones").tap()
    expect(page.get_by_role("heading", name=words["phones"])).to_be_visible()
    gamma = page.locator(".card", has_text=words["model"])
    expect(gamma).to_have_count(1)
    expect(gamma.get_by_test_id("variant-count")).to_have_text(words["variants"])
    check_screen(page, f"{name}-03-phones", lang=lang)

    gamma.tap()
    expect(page.get_by_test_id("variants-colour")).to_be_visible()
    expect(page.get_by_test_id("variant-GAMMA-128-WHT")).to_contain_text(words["not_here"])
    check_screen(page, f"{name}-04-product", lang=lang)

    page.get_by_test_id("variant-GAMMA-256-BLK").tap()
    expect(page).to_have_url(re.compile(r"/product/GAMMA-256-BLK$"))
    expect(page.get_by_test_id("availability")).to_have_text(words["here"])
    page.wait_for_load_state("load")  # the stepper's script is bound once the page has loaded
    page.locator(".stepper .step[data-step='1']").tap()
    expect(page.get_by_test_id("stepper-hint")).to_be_visible()
    page.get_by_test_id("add-to-cart").tap()
    expect(page.get_by_test_id("cart-message")).to_have_text(words["added"])
    expect(badge(page)).to_have_text("2")
    check_screen(page, f"{name}-05-variant-added", lang=lang)

    page.get_by_test_id("cart-button").tap()
    expect(page.get_by_role("heading", name=words["cart"])).to_be_visible()
    expect(page.get_by_test_id("cart-line-GAMMA-256-BLK")).to_be_visible()
    check_screen(page, f"{name}-06-cart", lang=lang)
    page.get_by_test_id("checkout").tap()
    expect(page.get_by_role("heading", name=words["pay"])).to_be_visible()
    check_screen(page, f"{name}-07-checkout", lang=lang)


@pytest.mark.parametrize("size", ["portrait", "landscape"])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_shopper_picks_a_variant_and_pays_by_card(
    browser: Browser, terminal: Terminal, order_api, lang: str, size: str
) -> None:
    name = f"shopper-card-{lang}-{size}"
    with touchscreen(browser, size) as page:
        start(page, terminal, lang, name)
        choose_gamma_256(page, lang, name, page.viewport_size["height"])
        page.get_by_test_id("pay-card").tap()
        expect(page.get_by_test_id("order-state")).to_contain_text(WORDS[lang]["paid"])
        check_screen(page, f"{name}-08-done", lang=lang)
        number = page.get_by_test_id("order-number").inner_text().strip()
    order = order_api(number)
    assert order["status"] == "paid"
    assert [(line["sku"], line["qty"]) for line in order["lines"]] == [("GAMMA-256-BLK", 2)]


@pytest.mark.parametrize(("lang", "size"), [("ru", "portrait"), ("en", "landscape")])
def test_shopper_pays_at_the_cashier_and_is_told_until_when(
    browser: Browser, terminal: Terminal, lang: str, size: str
) -> None:
    name = f"shopper-cashier-{lang}-{size}"
    with touchscreen(browser, size) as page:
        start(page, terminal, lang, name)
        choose_gamma_256(page, lang, name, page.viewport_size["height"])
        page.get_by_test_id("pay-cashier").tap()
        expect(page.get_by_test_id("order-state")).to_contain_text(WORDS[lang]["cashier"])
        until = terminal.printer.receipts[-1].instructions[0].rsplit(" ", 1)[-1]
        expect(page.get_by_test_id("pay-by")).to_contain_text(f"{WORDS[lang]['held']} {until}")
        check_screen(page, f"{name}-08-done", lang=lang)
