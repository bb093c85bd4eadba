"""GET /api/v1/products?q=: what the search understood, sorting, ratings, a current index,
and hostile words, on SQLite and on PostgreSQL."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from server.db import get_session
from server.models import Category, Product, ProductReview, Stock
from tests.helpers import T0, Api, build_world, make_product


def _phone(session, category, sku, name, price, brand="Samsung", specs=None):
    return make_product(
        session,
        sku,
        category,
        brand=brand,
        name_ru=f"Смартфон {brand} {name}",
        name_en=f"{brand} {name}",
        price_minor=price * 100,
        specs=specs or {"ru": [["Память", "8/128 ГБ"]], "en": [["Memory", "8/128 GB"]]},
    )


def _fridge(session, category, sku, no_frost, price):
    mark = ("есть", "yes") if no_frost else ("нет", "no")
    return make_product(
        session,
        sku,
        category,
        brand="Pozis",
        name_ru=f"Холодильник Pozis {sku}",
        name_en=f"Pozis {sku}",
        price_minor=price * 100,
        specs={"ru": [["No Frost", mark[0]]], "en": [["No Frost", mark[1]]]},
    )


@pytest.fixture
def terminal(any_db_app):
    """Phones, fridges and TVs named as the demo catalog names them, with reviews."""
    with any_db_app.app_context():
        session = get_session()
        world = build_world(session)
        phones = Category(code="smartphones", name_ru="Смартфоны", name_en="Smartphones")
        fridges = Category(code="fridges", name_ru="Холодильники", name_en="Refrigerators")
        session.add_all([phones, fridges])
        made = [
            _phone(session, phones, "PH-A15", "Galaxy A15", 14990),
            _phone(session, phones, "PH-S24", "Galaxy S24 Ultra", 119990),
            _phone(session, phones, "PH-IP15", "iPhone 15", 79990, brand="Apple"),
            _fridge(session, fridges, "RF-NF", True, 39990),
            _fridge(session, fridges, "RF-DRIP", False, 28990),
        ]
        session.flush()
        for product, stars in zip(made, [[5, 4], [3], [], [5], []], strict=True):
            session.add(Stock(store=world.store, product=product, on_hand=4, reserved=0))
            for n, rating in enumerate(stars):
                when = T0 - timedelta(days=n)
                session.add(ProductReview(product_id=product.id, rating=rating, created_at=when))
        session.commit()
        yield Api(any_db_app.test_client(), world.tokens["terminal"])


def skus(answer) -> list[str]:
    return [item["sku"] for item in answer.json["items"]]


def test_phone_for_mum_understands_category_and_intent_and_puts_the_simple_one_first(terminal):
    answer = terminal.get("/products", q="телефон для мамы", store="MSK-1")
    assert answer.status_code == 200
    assert answer.json["understood"] == [
        {"kind": "category", "value": "smartphones", "label": "Смартфоны"},
        {"kind": "intent", "value": "simple", "label": "простой"},
    ]
    assert skus(answer)[0] == "PH-A15"
    assert set(skus(answer)) == {"PH-A15", "PH-S24", "PH-IP15"}


def test_chips_speak_the_request_language(terminal):
    answer = terminal.get("/products", q="phone for grandma under 20000", lang="en")
    assert answer.json["understood"] == [
        {"kind": "category", "value": "smartphones", "label": "Smartphones"},
        {"kind": "price", "value": "-2000000", "label": "up to 20,000\u00a0₽"},
        {"kind": "intent", "value": "simple", "label": "simple"},
    ]
    assert skus(answer) == ["PH-A15"]


def test_price_brand_and_spec_chips_in_russian(terminal):
    answer = terminal.get("/products", q="самсунг не дороже 40к 128 гб")
    assert answer.json["understood"] == [
        {"kind": "brand", "value": "Samsung", "label": "Samsung"},
        {"kind": "price", "value": "-4000000", "label": "до 40\u00a0000\u00a0₽"},
        {"kind": "spec", "value": "128gb", "label": "128\u00a0ГБ"},
    ]
    assert skus(answer) == ["PH-A15"]


def test_specs_are_searchable_and_a_missing_feature_does_not_match(terminal):
    answer = terminal.get("/products", q="холодильник no frost")
    assert skus(answer) == ["RF-NF"]


def test_typo_and_wrong_layout_still_find_the_goods(terminal):
    assert set(skus(terminal.get("/products", q="холодильнек"))) == {"RF-DRIP", "RF-NF"}
    assert skus(terminal.get("/products", q="fqajy"))[0] == "PH-IP15"  # "айфон" typed in Latin


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("price", ["PH-A15", "PH-IP15", "PH-S24"]),
        ("-price", ["PH-S24", "PH-IP15", "PH-A15"]),
        ("rating", ["PH-A15", "PH-S24", "PH-IP15"]),  # 4.5, 3.0, then no reviews
    ],
)
def test_sorting_the_found_goods(terminal, sort, expected):
    assert skus(terminal.get("/products", q="смартфоны", sort=sort)) == expected


def test_newest_first(terminal):
    assert skus(terminal.get("/products", q="смартфон", sort="new")) == [
        "PH-IP15",
        "PH-S24",
        "PH-A15",
    ]


def test_items_carry_rating_and_review_count(terminal):
    items = {i["sku"]: i for i in terminal.get("/products", q="смартфон").json["items"]}
    assert (items["PH-A15"]["rating"], items["PH-A15"]["reviews"]) == (4.5, 2)
    assert (items["PH-IP15"]["rating"], items["PH-IP15"]["reviews"]) == (None, 0)


def test_rating_order_without_words_lists_the_whole_catalog(terminal):
    found = skus(terminal.get("/products", sort="rating"))
    assert found[:2] == ["RF-NF", "PH-A15"] and len(found) == 8


def test_the_index_follows_a_renamed_and_a_withdrawn_product(any_db_app, terminal):
    with any_db_app.app_context():
        session = get_session()
        a15 = session.scalar(select(Product).where(Product.sku == "PH-A15"))
        a15.name_ru, a15.name_en = "Смартфон Samsung Galaxy Zeta", "Samsung Galaxy Zeta"
        session.scalar(select(Product).where(Product.sku == "PH-S24")).active = False
        session.commit()
    assert skus(terminal.get("/products", q="zeta")) == ["PH-A15"]
    assert "PH-S24" not in skus(terminal.get("/products", q="samsung"))


HOSTILE = [
    pytest.param("телефон " * 1250, id="10kb"),
    pytest.param('"*" NEAR(', id="fts-near"),
    pytest.param('смартфон "galaxy', id="unbalanced-quote"),
    pytest.param("смартфон (galaxy", id="unbalanced-bracket"),
    pytest.param("galaxy) OR (", id="fts-operators"),
    pytest.param("'; DROP TABLE products; --", id="sql"),
    pytest.param("смартфон\x00galaxy", id="nul"),
    pytest.param("📱 смартфон 😀", id="emoji"),
    pytest.param("*", id="star"),
    pytest.param("%", id="percent"),
    pytest.param("a15:* & !", id="tsquery"),
    pytest.param("NEAR/2 AND NOT", id="fts-words"),
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_words_get_results_or_a_clear_empty_answer(terminal, text):
    answer = terminal.get("/products", q=text, store="MSK-1")
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    assert isinstance(answer.json["items"], list) and isinstance(answer.json["understood"], list)
    assert answer.json["total"] == len(answer.json["items"])


def test_words_with_fts_syntax_still_find_the_goods(terminal):
    assert "PH-A15" in skus(terminal.get("/products", q='смартфон "galaxy a15'))
    assert skus(terminal.get("/products", q="смартфон\x00galaxy a15"))[0] == "PH-A15"


def test_a_lone_star_or_percent_finds_nothing(terminal):
    for text in ("*", "%", "😀"):
        answer = terminal.get("/products", q=text).json
        assert answer["items"] == [] and answer["understood"] == []


def test_rebuild_indexes_goods_written_around_the_server(any_db_app, terminal):
    from sqlalchemy import insert

    from server.search.sync import rebuild_index

    with any_db_app.app_context():
        session = get_session()
        phones = session.scalar(select(Category).where(Category.code == "smartphones"))
        session.execute(  # a bulk load that bypasses the models, as a raw import might
            insert(Product).values(
                sku="PH-OMEGA",
                category_id=phones.id,
                brand="Acme",
                name_ru="Смартфон Acme Zeta",
                name_en="Acme Zeta",
                price_minor=999_000,
                specs={},
                photos=[],
                search_text="",
                active=True,
            )
        )
        session.commit()
        assert skus(terminal.get("/products", q="zeta")) == []
        assert rebuild_index(session) == 9
        session.commit()
    assert skus(terminal.get("/products", q="zeta")) == ["PH-OMEGA"]


def test_browsing_and_the_product_page_carry_the_rating_too(terminal):
    browse = {i["sku"]: i for i in terminal.get("/products", category="smartphones").json["items"]}
    assert (browse["PH-A15"]["rating"], browse["PH-A15"]["reviews"]) == (4.5, 2)
    assert (browse["PH-IP15"]["rating"], browse["PH-IP15"]["reviews"]) == (None, 0)
    page = terminal.get("/products/PH-S24").json
    assert (page["rating"], page["reviews"]) == (3.0, 1)


def test_taking_a_chip_off_undoes_that_guess(terminal):
    answer = terminal.get(
        "/products", q="phone for grandma under 20000", lang="en", removed="price:-2000000"
    )
    assert [c["kind"] for c in answer.json["understood"]] == ["category", "intent"]
    assert set(skus(answer)) == {"PH-A15", "PH-S24", "PH-IP15"}
    answer = terminal.get("/products", q="самсунг", removed="brand:Samsung")
    assert answer.json["understood"] == [] and skus(answer) == []


def test_a_search_reads_its_candidates_in_one_statement_however_many(any_db_app, terminal):
    """Counted, not timed: candidates come with their index rows, stock, reviews and orders
    in one statement, so forty phones cost the search what two fridges do."""
    from tests.server.test_reserve_statements import statements

    with any_db_app.app_context():
        session = get_session()
        phones = session.scalars(select(Category).where(Category.code == "smartphones")).one()
        for n in range(40):
            _phone(session, phones, f"PH-X{n}", f"Galaxy X{n}", 20000 + n)
        session.commit()

    def search(words: str) -> list[str]:
        with statements(any_db_app) as seen:
            assert terminal.get("/products", q=words, store="MSK-1").json["total"]
        return seen

    search("холодильник")  # the first search of a process builds its picture
    fridges, phones_read = search("холодильник"), search("смартфон")
    assert len(phones_read) == len(fridges), phones_read
    assert len([s for s in phones_read if "product_search" in s]) == 1, phones_read
