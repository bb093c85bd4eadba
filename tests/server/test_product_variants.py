"""One model's colours and memory sizes: listed once, chosen on the product page."""

import pytest
from flask import Flask

from server.db import get_session
from tests.catalog_variants import add_gamma_model


@pytest.fixture
def gamma(app: Flask, world) -> None:
    with app.app_context():
        add_gamma_model(get_session(), world)


def test_a_category_of_models_lists_each_model_once_from_its_cheapest_price(terminal, gamma):
    page = terminal.get(
        "/products", category="phones", store="MSK-1", models="true", sort="price"
    ).json
    assert page["total"] == 3  # PHONE-1, PHONE-2 and the Gamma model
    gamma_row = next(item for item in page["items"] if item["model"] == "PH-GAMMA")
    assert gamma_row["sku"] == "GAMMA-128-BLK"  # the cheapest one in stock here
    assert gamma_row["variant_count"] == 3
    assert gamma_row["price_from_minor"] == 3_999_000
    assert gamma_row["model_name"] == "Смартфон Гамма"


def test_without_models_every_variant_is_listed(terminal, gamma):
    assert terminal.get("/products", category="phones").json["total"] == 5


def test_the_model_shown_is_one_in_stock_here_when_the_cheapest_is_not(terminal, gamma, app):
    with app.app_context():
        from sqlalchemy import update

        from server.models import Stock

        session = get_session()
        session.execute(update(Stock).where(Stock.bin_location == "G-1").values(on_hand=0))
        session.execute(
            update(Stock)
            .where(Stock.bin_location == "G-1", Stock.product_id == _id(session, "GAMMA-256-BLK"))
            .values(on_hand=4)
        )
        session.commit()
    page = terminal.get("/products", category="phones", store="MSK-1", models="true").json
    row = next(item for item in page["items"] if item["model"] == "PH-GAMMA")
    assert (row["sku"], row["available"]) == ("GAMMA-256-BLK", 4)


def _id(session, sku: str) -> int:
    from sqlalchemy import select

    from server.models import Product

    return session.scalar(select(Product.id).where(Product.sku == sku))


def test_a_product_names_its_siblings_with_what_the_store_has(terminal, gamma):
    detail = terminal.get("/products/GAMMA-128-WHT", store="MSK-1", lang="en").json
    assert detail["model"] == "PH-GAMMA" and detail["model_name"] == "Gamma phone"
    by_sku = {v["sku"]: v for v in detail["variants"]}
    assert set(by_sku) == {"GAMMA-128-BLK", "GAMMA-128-WHT", "GAMMA-256-BLK"}
    assert by_sku["GAMMA-128-WHT"]["available"] == 0
    assert by_sku["GAMMA-256-BLK"]["available"] == 2
    assert by_sku["GAMMA-256-BLK"]["memory"] == {"name": "256 GB", "rgb": None}
    assert by_sku["GAMMA-128-WHT"]["colour"] == {"name": "white", "rgb": "#f6f6f4"}


def test_a_single_product_has_no_variants(terminal, gamma):
    detail = terminal.get("/products/PHONE-1", store="MSK-1").json
    assert detail["variants"] == [] and detail["model"] is None
    assert detail["model_name"] == "Смартфон Альфа"


def test_one_row_per_model_on_sqlite_and_postgresql(any_db_app: Flask) -> None:
    from server.services import catalog
    from tests.helpers import build_world

    with any_db_app.app_context():
        session = get_session()
        world = build_world(session)
        add_gamma_model(session, world)
        page = catalog.list_products(
            session, category="phones", store=world.store, models=True, sort="-price"
        )
        rows = [(r.product.sku, r.variants, r.price_from, r.available) for r in page.rows]
    assert page.total == 3
    assert rows == [
        ("GAMMA-128-BLK", 3, 3_999_000, 5),
        ("PHONE-1", 1, 2_999_000, 10),
        ("PHONE-2", 1, 1_499_000, 3),
    ]
