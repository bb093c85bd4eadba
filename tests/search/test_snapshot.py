"""The search's picture of the catalog is rebuilt off the shoppers' requests: a change made
by another process reaches this one's suggestions by a background rebuild, while searches
go on answering from the picture they have."""

import time

from sqlalchemy import insert, select, text

from server.db import get_session
from server.models import Category, Product
from server.search import snapshot
from tests.helpers import Api, build_world


def test_another_process_s_new_product_is_suggested_after_a_background_rebuild(app):
    with app.app_context():
        world = build_world(get_session())
        get_session().commit()
    terminal = Api(app.test_client(), world.tokens["terminal"])

    def suggested(typed: str) -> list[str]:
        return [s["text"] for s in terminal.get("/products/suggest", q=typed).json["items"]]

    assert suggested("квазифон") == []  # this process has its picture now
    with app.app_context():  # as another process would: rows and the version, no hooks here
        session = get_session()
        phones = session.scalar(select(Category.id).where(Category.code == "phones"))
        session.execute(
            insert(Product).values(
                sku="QF-1",
                category_id=phones,
                brand="Acme",
                name_ru="Квазифон Омега",
                name_en="Omega quasiphone",
                price_minor=100_000,
                specs={},
                photos=[],
                variant={},
                search_text="",
                description_ru="",
                description_en="",
                active=True,
            )
        )
        snapshot.bump_version(session.connection())
        session.commit()
    seen = suggested("квазифон")  # answered from the old picture; a rebuild has started
    for _ in range(100):
        if seen:
            break
        time.sleep(0.05)
        seen = suggested("квазифон")
    assert seen == ["Квазифон Омега"]


def test_the_catalog_version_is_read_from_its_one_row(app):
    with app.app_context():
        conn = get_session().connection()
        conn.execute(text("UPDATE search_state SET version = 7"))
        assert snapshot.catalog_version(conn) == 7
