"""Goods that go with a product: accessories staff declared, and what paid orders show
shoppers buy together. The pairs are counted off the request path (`recount_bought_together`,
run by the worker and by `cybermarket search together`) and read from one table, so every
server process offers the same."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.orm import Session, aliased, selectinload

from common.order_life import OrderStatus
from server.models import AccessoryLink, BoughtTogether, Order, OrderLine, Product, Stock, Store

# An order counts once it is paid; a cancelled or expired one says nothing about taste.
PAID = frozenset(
    {
        OrderStatus.PAID,
        OrderStatus.PICKING,
        OrderStatus.IN_TRANSIT,
        OrderStatus.READY,
        OrderStatus.ISSUED,
        OrderStatus.PARTIALLY_ISSUED,
        OrderStatus.RETURNED,
    }
)
KEEP_PER_PRODUCT = 10
RECOUNT_EVERY = timedelta(hours=1)


@dataclass(frozen=True)
class Companion:
    product: Product
    available: int | None  # in the store asked about; None when none was
    kind: str  # "accessory" or "bought_together"
    reason: str  # why, for the shopper; may be empty


def goes_with(
    session: Session, product: Product, *, store: Store | None, language: str, limit: int = 6
) -> list[Companion]:
    """Accessories of this product, then of its category, then goods bought with it; never
    the product itself or another variant of its model, each once, on sale only."""
    links = session.scalars(
        select(AccessoryLink)
        .where(
            (AccessoryLink.product_id == product.id)
            | (AccessoryLink.category_id == product.category_id)
        )
        .order_by(AccessoryLink.product_id.is_(None), AccessoryLink.position, AccessoryLink.id)
    ).all()
    picked: list[tuple[int, str, str]] = [
        (a.accessory_id, "accessory", a.reason(language)) for a in links
    ]
    bought = session.execute(
        select(BoughtTogether.other_id)
        .where(BoughtTogether.product_id == product.id)
        .order_by(BoughtTogether.orders.desc(), BoughtTogether.other_id)
        .limit(KEEP_PER_PRODUCT)
    ).scalars()
    picked += [(pid, "bought_together", "") for pid in bought]
    ids = {pid for pid, _kind, _reason in picked}
    products = {
        p.id: p
        for p in session.scalars(
            select(Product)
            .where(Product.id.in_(ids), Product.active.is_(True))
            .options(selectinload(Product.category))
        )
    }
    available = available_here(session, store, list(products)) if store else {}
    out: list[Companion] = []
    seen = {product.id}
    models = {product.model_code} if product.model_code else set()
    for pid, kind, reason in picked:
        found = products.get(pid)
        if found is None or pid in seen or (found.model_code and found.model_code in models):
            continue
        seen.add(pid)
        if found.model_code:
            models.add(found.model_code)  # one colour of a case is enough
        out.append(Companion(found, available.get(pid, 0) if store else None, kind, reason))
    # What the shopper can take now comes first; the declared order stays otherwise.
    out.sort(key=lambda c: c.available == 0)
    return out[:limit]


def available_here(session: Session, store: Store, ids: list[int]) -> dict[int, int]:
    """Units available (on hand less reserved) of each product at this store."""
    if not ids:
        return {}
    rows = session.execute(
        select(Stock.product_id, Stock.on_hand - Stock.reserved).where(
            Stock.store_id == store.id, Stock.product_id.in_(ids)
        )
    )
    return {pid: max(n, 0) for pid, n in rows}


def recount_due(session: Session, *, now: datetime) -> bool:
    """True when the pairs were never counted or were counted over RECOUNT_EVERY ago."""
    last = session.scalar(select(func.max(BoughtTogether.computed_at)))
    if last is None:
        return session.scalar(select(Order.id).where(Order.status.in_(PAID)).limit(1)) is not None
    return now - last >= RECOUNT_EVERY


def recount_bought_together(session: Session, *, now: datetime) -> int:
    """Count, over every paid order, how often each two products were in it together, and
    keep the KEEP_PER_PRODUCT most frequent per product; returns the pairs kept. Replaces
    the table in the caller's transaction, so readers see the old pairs or the new ones."""
    if session.get_bind().dialect.name == "postgresql":
        # Two workers recounting at once would insert the same pairs; the second waits.
        session.execute(text("SELECT pg_advisory_xact_lock(71012)"))
    a, b = aliased(OrderLine), aliased(OrderLine)
    n = func.count(func.distinct(a.order_id))
    rows = session.execute(
        select(a.product_id, b.product_id, n)
        .join(b, (b.order_id == a.order_id) & (b.product_id != a.product_id))
        .join(Order, Order.id == a.order_id)
        .where(Order.status.in_(PAID))
        .group_by(a.product_id, b.product_id)
        .order_by(a.product_id, n.desc(), b.product_id)
    ).all()
    kept: list[dict[str, object]] = []
    per: dict[int, int] = {}
    for pid, other, count in rows:
        if per.get(pid, 0) < KEEP_PER_PRODUCT:
            per[pid] = per.get(pid, 0) + 1
            kept.append({"product_id": pid, "other_id": other, "orders": count, "computed_at": now})
    session.execute(delete(BoughtTogether))
    if kept:
        session.execute(insert(BoughtTogether), kept)
    session.flush()
    return len(kept)
