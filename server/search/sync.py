"""Keeping the index in step with the catalog, and the catalog's vocabulary at hand.

`index_products` is the one function that writes the index; a session hook calls it for
every product added, changed or removed in a flush, so whatever code changes the catalog
(staff, import, demo data) keeps the index current in the same transaction.
`rebuild_index` is behind `cybermarket search rebuild`.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, event, inspect, select
from sqlalchemy.orm import Session

from server.models import Category, Product
from server.search import engine, snapshot
from server.search.documents import names_text, specs_text
from server.search.schema import INDEX_TABLE
from server.search.vocabulary import Vocabulary


def document(product: Product, category_names: Sequence[str]) -> engine.Document:
    names = [product.sku, product.brand, product.name_ru, product.name_en, *category_names]
    return engine.Document(product.id, names_text(names), specs_text(product.specs or {}))


def index_products(conn: Connection, products: Iterable[Product]) -> None:
    """Write the index rows of these products (inactive ones are taken out)."""
    products = list(products)
    categories = {
        cid: (ru, en)
        for cid, ru, en in conn.execute(
            select(Category.id, Category.name_ru, Category.name_en).where(
                Category.id.in_({p.category_id for p in products})
            )
        )
    }
    engine.remove(conn, [p.id for p in products if not p.active])
    engine.write(
        conn, [document(p, categories.get(p.category_id, ())) for p in products if p.active]
    )


def rebuild_index(session: Session, batch: int = 500) -> int:
    """Index every active product again; returns how many. The caller commits, and every
    process then reads the catalog's words again (goods written around the server)."""
    conn = session.connection()
    _changed(session)
    engine.clear(conn)
    count, last_id = 0, 0
    while True:
        products = session.scalars(
            select(Product)
            .where(Product.active.is_(True), Product.id > last_id)
            .order_by(Product.id)
            .limit(batch)
        ).all()
        if not products:
            return count
        index_products(conn, products)
        count += len(products)
        last_id = products[-1].id


def vocabulary(session: Session) -> Vocabulary:
    """The catalog's words as this process holds them (server/search/snapshot.py)."""
    return snapshot.current(session).vocabulary


# Per process: whether a database has the index yet (an older schema, before migration
# 0008, has none and its flushes must still work).
_HAS_INDEX: set[str] = set()


def _has_index(conn: Connection) -> bool:
    key = str(conn.engine.url)
    if key not in _HAS_INDEX and inspect(conn).has_table(INDEX_TABLE):
        _HAS_INDEX.add(key)
    return key in _HAS_INDEX


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    changed = [o for o in (*session.new, *session.dirty) if isinstance(o, Product)]
    deleted = [o.id for o in session.deleted if isinstance(o, Product)]
    if not (changed or deleted):
        return
    conn = session.connection()
    _changed(session)
    if not _has_index(conn):
        return
    engine.remove(conn, deleted)
    index_products(conn, changed)


_CHANGED = "search_catalog_changed"


def _changed(session: Session) -> None:
    """Once a transaction: the version other processes watch moves, and this process
    rebuilds its picture after the commit."""
    if not session.info.get(_CHANGED):
        session.info[_CHANGED] = True
        snapshot.bump_version(session.connection())


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.info.pop(_CHANGED, False):
        snapshot.after_commit(session)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_CHANGED, None)
