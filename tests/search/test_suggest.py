"""Suggestions as the shopper types: the index on its own, and GET /products/suggest."""

import pytest
from sqlalchemy import select

from server.db import get_session
from server.models import Category
from server.search.suggest import build_index
from server.search.vocabulary import load_lexicon
from tests.helpers import make_product
from tests.search.test_search_api import terminal  # noqa: F401  (the fixture)

CATEGORIES = [
    ("smartphones", "Смартфоны"),
    ("tvs", "Телевизоры"),
    ("tablets", "Планшеты"),
    ("laptops", "Ноутбуки"),
]
PRODUCTS = [
    ("PH-1", "Смартфон Samsung Galaxy A15"),
    ("PH-2", "Смартфон Samsung Galaxy S24"),
    ("PH-3", "Смартфон Samsung Galaxy S24"),  # another colour of the same model
    ("TV-1", "Телевизор Samsung QE55"),
    ("TB-1", "Планшет Huawei MatePad 11"),
    ("PH-4", "Смартфон Apple iPhone 15"),
    *((f"NB-{n}", f"Ноутбук Lenovo IdeaPad {n}") for n in range(20)),
]


@pytest.fixture(scope="module")
def index():
    return build_index(
        CATEGORIES, ["Samsung", "Huawei", "Lenovo", "Apple"], PRODUCTS, load_lexicon()
    )


def texts(found) -> list[str]:
    return [s.text for s in found]


def test_categories_then_brands_then_products(index):
    assert texts(index.suggest("сам")) == ["Samsung"]  # Samsung as people say it
    assert texts(index.suggest("смарт"))[:2] == ["Смартфоны", "Смартфон Apple iPhone 15"]


def test_people_s_names_for_categories_and_brands(index):
    assert texts(index.suggest("телефо"))[0] == "Смартфоны"
    assert texts(index.suggest("телефоны"))[0] == "Смартфоны"
    assert "Huawei" in texts(index.suggest("хуав"))


def test_every_word_typed_narrows_and_a_model_is_offered_once(index):
    assert texts(index.suggest("samsung galaxy s")) == ["Смартфон Samsung Galaxy S24"]
    # The name's own order first: "galaxy s" is the S24 before it is "Samsung Galaxy A15".
    assert texts(index.suggest("galaxy s"))[0] == "Смартфон Samsung Galaxy S24"
    assert texts(index.suggest("гал"))[0] == "Смартфон Samsung Galaxy A15"  # "галакси"


def test_purpose_words_are_left_out_and_people_s_words_rewritten(index):
    assert texts(index.suggest("ноутбук для"))[0] == "Ноутбуки"
    assert texts(index.suggest("айф")) == texts(index.suggest("iphone"))


def test_the_other_keyboard_layout(index):
    assert texts(index.suggest("gkfy"))[0] == "Планшеты"  # "план"


def test_at_most_eight(index):
    assert len(index.suggest("ноут")) == 8
    assert texts(index.suggest("ноут"))[0] == "Ноутбуки"


@pytest.mark.parametrize("typed", ["", "   ", "*", '"*" NEAR(', "\x00", "😀", "а" * 10_000])
def test_odd_input_suggests_nothing_or_something_never_fails(index, typed):
    assert len(index.suggest(typed)) <= 8


def test_api_suggests_in_russian(terminal):  # noqa: F811
    ru = terminal.get("/products/suggest", q="смарт")
    assert ru.status_code == 200
    first = ru.json["items"][0]
    assert (first["kind"], first["text"]) == ("category", "Смартфоны")


def test_api_suggests_in_english_when_asked(terminal):  # noqa: F811
    first = terminal.get("/products/suggest", q="smart", lang="en").json["items"][0]
    assert (first["kind"], first["text"]) == ("category", "Smartphones")


def test_api_offers_a_new_product_at_once(terminal):  # noqa: F811
    assert terminal.get("/products/suggest", q="pixel").json["items"] == []
    session = get_session()  # the fixture's app context: the server's own session
    phones = session.scalar(select(Category).where(Category.code == "smartphones"))
    make_product(session, "PH-PX8", phones, brand="Google", name_ru="Смартфон Google Pixel 8")
    session.commit()
    found = terminal.get("/products/suggest", q="pixel").json["items"]
    assert found == [{"kind": "product", "text": "Смартфон Google Pixel 8", "value": "PH-PX8"}]


@pytest.mark.parametrize("typed", ["", "x" * 16_000, '"*" NEAR(', "a\x00b", "%", "😀"])
def test_api_never_fails_on_what_is_typed(terminal, typed):  # noqa: F811
    answer = terminal.get("/products/suggest", q=typed)
    assert answer.status_code == 200
    assert len(answer.json["items"]) <= 8
