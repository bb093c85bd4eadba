"""A shopper searches at the terminal with its on-screen keys: "телефон для мамы", sees what
the search understood as chips and smartphones that fit, takes a guess off, and sorts by
price. Every screen is saved to tests/artifacts/screens/ and read for English and spills."""

import random
import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from server import create_app
from server.db import get_session
from server.demo.catalog import build_catalog
from server.models import Category, ProductReview, Stock
from tests.browser.conftest import Shop
from tests.browser.journey import check_screen, touchscreen
from tests.browser.servers import Terminal
from tests.browser.test_readability import unreadable
from tests.browser.test_touch_targets import too_small
from tests.helpers import T0, build_world, make_product

QUERY = "телефон для мамы"
_LATIN = re.compile(r"[A-Za-z][A-Za-z\-']+")


def _specs(item) -> dict:
    return {
        "ru": [[label_ru, value_ru] for label_ru, _l, value_ru, _v in item.specs],
        "en": [[label_en, value_en] for _l, label_en, _v, value_en in item.specs],
    }


@pytest.fixture(scope="module")
def shop_template(module_sqlite_url: str, module_path: Path) -> Shop:
    """build_world under the demo's category codes, with the demo's smartphones in stock
    here and a few reviews."""
    app = create_app(
        {"TESTING": True, "DATABASE_URL": module_sqlite_url, "MEDIA_DIR": str(module_path)}
    )
    try:
        with app.app_context():
            session = get_session()
            world = build_world(session)
            for old, new in (("phones", "smartphones"), ("tv", "tvs")):
                session.scalar(select(Category).where(Category.code == old)).code = new
            phones = session.scalar(select(Category).where(Category.code == "smartphones"))
            world.products["PHONE-2"].active = False  # "Товар PHONE-2" is no shop's name
            items = [i for i in build_catalog(random.Random(1)) if i.category == "smartphones"]
            for n, item in enumerate(items):
                product = make_product(
                    session,
                    item.sku,
                    phones,
                    brand=item.brand,
                    name_ru=item.name_ru,
                    name_en=item.name_en,
                    price_minor=item.price_minor,
                    specs=_specs(item),
                )
                session.flush()
                session.add(Stock(store=world.store, product=product, on_hand=1 + n % 3))
                for day, stars in enumerate((5, 4, 5)[: n % 4]):
                    when = T0 - timedelta(days=day)
                    session.add(ProductReview(product_id=product.id, rating=stars, created_at=when))
            session.commit()
            return Shop(module_sqlite_url, dict(world.tokens))
    finally:
        app.extensions["db"].engine.dispose()


def brands_and_models() -> set[str]:
    """The Latin words of the goods' own names, which a Russian screen shows as written."""
    names = [i.name_ru for i in build_catalog(random.Random(1)) if i.category == "smartphones"]
    return {word for name in names for word in _LATIN.findall(name)} | {"Acme"}


def type_on_keys(page: Page, text: str) -> None:
    """Tap each letter (and the space bar) of the on-screen keyboard, as a shopper does."""
    keyboard = page.get_by_test_id("keyboard")
    before = page.get_by_test_id("search-input").input_value()
    for ch in text:
        keyboard.locator(f'.key[data-key="{ch}"]:visible').tap()
    expect(page.get_by_test_id("search-input")).to_have_value(before + text)


def card_names(page: Page) -> list[str]:
    return page.locator("#results .card .card-name").all_inner_texts()


def card_prices(page: Page) -> list[int]:
    texts = page.locator("#results .card .card-price").all_inner_texts()
    return [int(re.sub(r"\D", "", t)) for t in texts]


def test_phone_for_mum_on_the_on_screen_keys(browser: Browser, terminal: Terminal) -> None:
    allowed = brands_and_models()
    with touchscreen(browser, "portrait") as page:
        page.goto(terminal.url + "/search")

        # Suggestions come as the shopper types: the smartphones by people's word for them.
        type_on_keys(page, "телеф")
        suggestions = page.get_by_test_id("suggestions")
        expect(suggestions.get_by_text("Смартфоны", exact=True)).to_be_visible()
        check_screen(page, "search-01-suggestions", lang="ru", allowed=allowed)

        type_on_keys(page, "он для мамы")
        expect(page.get_by_test_id("search-input")).to_have_value(QUERY)

        understood = page.get_by_test_id("understood")
        expect(understood.get_by_test_id("chip-category")).to_contain_text("Смартфоны")
        expect(understood.get_by_test_id("chip-intent")).to_contain_text("простой")
        for chip in understood.locator(".chip-guess").all():
            box = chip.bounding_box()
            assert box and box["height"] >= 56, "a chip is too small to take off by touch"
        names = card_names(page)
        assert names and all(name.startswith("Смартфон") for name in names)
        # "для мамы": simple and not dear, so the first ones cost less than the flagships.
        assert max(card_prices(page)[:4]) < 40_000
        expect(page.locator("#results .rating").first).to_be_visible()
        check_screen(page, "search-02-phone-for-mum", lang="ru", allowed=allowed)

        # A wrong guess comes off with one touch; the smartphones stay.
        understood.get_by_test_id("chip-intent").tap()
        expect(understood.get_by_test_id("chip-intent")).to_have_count(0)
        expect(understood.get_by_test_id("chip-category")).to_be_visible()
        assert all(name.startswith("Смартфон") for name in card_names(page))

        page.get_by_test_id("sort-price").tap()
        expect(page.get_by_test_id("sort-price")).to_have_class(re.compile(r"\bon\b"))
        prices = card_prices(page)
        assert len(prices) > 5 and prices == sorted(prices)
        assert all(name.startswith("Смартфон") for name in card_names(page))
        expect(understood.get_by_test_id("chip-intent")).to_have_count(0)
        check_screen(page, "search-03-cheaper-first", lang="ru", allowed=allowed)

        # Typing on keeps the order the shopper chose (the guesses are read afresh).
        page.get_by_test_id("keyboard").locator('[data-action="backspace"]').tap()
        expect(page.get_by_test_id("search-input")).to_have_value(QUERY[:-1])
        expect(understood.get_by_test_id("chip-intent")).to_be_visible()
        expect(page.get_by_test_id("sort-price")).to_have_class(re.compile(r"\bon\b"))
        prices = card_prices(page)
        assert len(prices) > 5 and prices == sorted(prices)


def test_nothing_found_offers_a_way_on(browser: Browser, terminal: Terminal) -> None:
    with touchscreen(browser, "landscape") as page:
        page.goto(terminal.url + "/search")
        expect(page.get_by_test_id("suggestions")).to_contain_text("Здесь появятся подсказки")
        type_on_keys(page, "квоблик")
        empty = page.get_by_test_id("nothing-found")
        expect(empty).to_contain_text("Ничего не нашлось по запросу «квоблик».")
        check_screen(page, "search-04-nothing-found", lang="ru")
        empty.get_by_test_id("suggest-category-smartphones").tap()
        expect(page.get_by_role("heading", name="Смартфоны")).to_be_visible()


def test_results_are_big_enough_to_tap_and_read_in_high_contrast(
    browser: Browser, terminal: Terminal
) -> None:
    with touchscreen(browser, "portrait") as page:
        page.goto(f"{terminal.url}/search?q={QUERY}")
        expect(page.get_by_test_id("chip-intent")).to_be_visible()
        assert too_small(page) == [], "too small to tap on the search screen"
        page.get_by_test_id("contrast").tap()
        expect(page.locator("body.contrast")).to_have_count(1)
        check_screen(page, "search-05-high-contrast", lang="ru", allowed=brands_and_models())
        assert unreadable(page) == [], "text the shopper cannot read in high contrast"
