"""Never a dead end: when a product is not available here, the close models that are, and
the stores that have it with how long until it could be ready here."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from server.models import Product, Stock, Store, StoreKind, TransferLead

PRICE_SPREAD = 0.35  # "close price": within 35 % either way


@dataclass(frozen=True)
class Elsewhere:
    store: Store
    available: int
    lead_hours: int  # from an order here to the goods ready here


@dataclass(frozen=True)
class Similar:
    product: Product
    available: int


def lead_hours(session: Session, source: Store, destination: Store, *, default: int) -> int:
    """Hours a transfer takes between two stores: the pair's own figure, or the default."""
    hours = session.scalar(
        select(TransferLead.hours).where(
            TransferLead.source_store_id == source.id,
            TransferLead.destination_store_id == destination.id,
        )
    )
    return default if hours is None else hours


def stores_that_have(
    session: Session, product: Product, here: Store, *, default_hours: int
) -> list[Elsewhere]:
    """Other cybermarkets with the product available, the quickest to bring it first."""
    rows = session.execute(
        select(Store, Stock.on_hand - Stock.reserved)
        .join(Stock, Stock.store_id == Store.id)
        .where(
            Stock.product_id == product.id,
            Store.id != here.id,
            Store.kind == StoreKind.CYBERMARKET,
            Stock.on_hand - Stock.reserved > 0,
        )
    ).all()
    found = [
        Elsewhere(store, n, lead_hours(session, store, here, default=default_hours))
        for store, n in rows
    ]
    return sorted(found, key=lambda e: (e.lead_hours, -e.available, e.store.code))


def similar_here(
    session: Session, product: Product, store: Store, *, limit: int = 4
) -> list[Similar]:
    """Models of the same category at a close price that this store has now; the closest in
    price and the same brand first, each model once."""
    low, high = (int(product.price_minor * (1 - s)) for s in (PRICE_SPREAD, -PRICE_SPREAD))
    rows = (
        session.execute(
            select(Product, Stock.on_hand - Stock.reserved)
            .join(Stock, Stock.product_id == Product.id)
            .where(
                Stock.store_id == store.id,
                Stock.on_hand - Stock.reserved > 0,
                Product.category_id == product.category_id,
                Product.active.is_(True),
                Product.id != product.id,
                Product.price_minor.between(low, high),
            )
            .options(selectinload(Product.category))
        )
        .tuples()
        .all()
    )
    wanted_specs = _spec_values(product)

    def closeness(row: tuple[Product, int]) -> tuple[float, int]:
        other = row[0]
        shared = len(wanted_specs & _spec_values(other))
        price = abs(other.price_minor - product.price_minor) / max(product.price_minor, 1)
        return (price - 0.05 * shared - (0.1 if other.brand == product.brand else 0), other.id)

    out: list[Similar] = []
    models = {product.model_code} if product.model_code else set()
    for other, n in sorted(rows, key=closeness):
        if other.model_code and other.model_code in models:
            continue
        if other.model_code:
            models.add(other.model_code)
        out.append(Similar(other, n))
        if len(out) == limit:
            break
    return out


def _spec_values(product: Product) -> set[tuple[str, str]]:
    return {(str(label), str(value)) for label, value in (product.specs or {}).get("en", [])}
