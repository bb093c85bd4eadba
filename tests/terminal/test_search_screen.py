"""The search screen: what it understood as chips the shopper can take off, the order
buttons, ratings on the cards, and an empty answer that still offers a way on."""

import re
from html import unescape

import pytest
from flask import Flask
from sqlalchemy import select

from server.db import get_session
from server.models import Category, ProductReview
from tests.helpers import T0

HTMX = {"HX-Request": "true"}


def shown(page: str) -> list[str]:
    """The products on a result page, in order."""
    return re.findall(r'data-testid="product-([A-Z0-9-]+)"', page)


def chip_links(page: str) -> dict[str, str]:
    """Each chip's label and the address its ✕ leads to."""
    found = re.findall(
        r'class="chip chip-guess" href="([^"]+)".*?<span>([^<]+)</span>', page, flags=re.S
    )
    return {unescape(label): unescape(href) for href, label in found}


@pytest.fixture(autouse=True)
def demo_codes(app: Flask, world) -> None:
    """The demo catalog's category codes, which the search's lexicon names."""
    with app.app_context():
        session = get_session()
        for old, new in (("phones", "smartphones"), ("tv", "tvs")):
            session.scalar(select(Category).where(Category.code == old)).code = new
        session.commit()


@pytest.fixture
def reviewed(app: Flask, world) -> None:
    with app.app_context():
        session = get_session()
        for rating in (5, 4, 5):
            session.add(
                ProductReview(product_id=world.products["PHONE-1"].id, rating=rating, created_at=T0)
            )
        session.commit()


def test_chips_show_what_was_understood_and_a_tapped_chip_widens_the_search(kiosk):
    page = kiosk.get("/search", query_string={"q": "смартфон до 20000"}).get_data(as_text=True)
    chips = chip_links(page)
    assert list(chips) == ["Смартфоны", "до 20\xa0000\xa0₽"]
    assert shown(page) == ["PHONE-2"]

    wider = kiosk.get(chips["до 20\xa0000\xa0₽"], headers=HTMX).get_data(as_text=True)
    assert list(chip_links(wider)) == ["Смартфоны"]
    assert set(shown(wider)) == {"PHONE-1", "PHONE-2"}
    by_price = re.search(r'href="([^"]+)"[^>]*data-testid="sort-price"', wider, flags=re.S)
    cheap_first = kiosk.get(unescape(by_price.group(1)), headers=HTMX).get_data(as_text=True)
    assert shown(cheap_first) == ["PHONE-2", "PHONE-1"]
    assert list(chip_links(cheap_first)) == ["Смартфоны"]  # the price guess stays off


def test_sort_buttons_order_the_results_and_cards_show_ratings(kiosk, reviewed):
    page = kiosk.get("/search", query_string={"q": "смартфон"}).get_data(as_text=True)
    for label in ("Подходящие", "Сначала дешевле", "Сначала дороже", "По рейтингу"):
        assert label in page
    cheap = kiosk.get(
        "/search", query_string={"q": "смартфон", "sort": "price"}, headers=HTMX
    ).get_data(as_text=True)
    assert shown(cheap) == ["PHONE-2", "PHONE-1"]
    dear = kiosk.get(
        "/search", query_string={"q": "смартфон", "sort": "-price"}, headers=HTMX
    ).get_data(as_text=True)
    assert shown(dear) == ["PHONE-1", "PHONE-2"]
    best = kiosk.get(
        "/search", query_string={"q": "смартфон", "sort": "rating"}, headers=HTMX
    ).get_data(as_text=True)
    assert shown(best)[0] == "PHONE-1"
    assert "★ 4,7 · 3 отзыва" in best


def test_nothing_found_names_the_words_and_offers_the_categories(kiosk):
    page = kiosk.get("/search", query_string={"q": "смартфон до 1000"}).get_data(as_text=True)
    assert shown(page) == []
    assert "Ничего не нашлось по запросу «смартфон до 1000»." in page
    assert "до 1\xa0000\xa0₽" in chip_links(page)
    assert 'href="/catalog/smartphones"' in page and 'href="/catalog/tvs"' in page


@pytest.mark.parametrize(
    "removed", ["intent:simple,,price:", "x" * 5000, "brand:" + "a" * 61, "category:\x00"]
)
def test_a_tampered_chip_list_still_shows_the_results(kiosk, removed):
    answer = kiosk.get("/search", query_string={"q": "смартфон", "removed": removed})
    assert answer.status_code == 200
    assert set(shown(answer.get_data(as_text=True))) == {"PHONE-1", "PHONE-2"}


def suggestions(kiosk, typed: str) -> dict[str, str]:
    page = kiosk.get("/search/suggest", query_string={"q": typed}, headers=HTMX)
    assert page.status_code == 200
    found = re.findall(r'href="([^"]+)"[^>]*data-testid="suggestion">([^<]+)<', page.text)
    return {unescape(text): unescape(href) for href, text in found}


def test_the_search_page_asks_for_suggestions_as_the_shopper_types(kiosk):
    page = kiosk.get("/search").get_data(as_text=True)
    assert 'hx-get="/search/suggest"' in page and 'hx-include="#q"' in page


def test_suggestions_under_the_field_and_a_tap_searches_for_one(kiosk):
    found = suggestions(kiosk, "телеф")  # people's word for the smartphones
    assert list(found)[0] == "Смартфоны"
    assert "Телевизоры" not in found
    results = kiosk.get(found["Смартфоны"]).get_data(as_text=True)
    assert set(shown(results)) == {"PHONE-1", "PHONE-2"}
    assert "Смартфон Альфа" in suggestions(kiosk, "альф")


def test_no_suggestions_for_nothing_typed_or_without_the_server(kiosk, wire):
    assert suggestions(kiosk, "") == {}
    wire.down = True
    assert suggestions(kiosk, "смарт") == {}
