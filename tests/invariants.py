"""What must hold in any database the server leaves behind, checked after every test.

Stock: for each stock row, `reserved` equals the units still open on the orders holding
it. This states on its own which orders hold stock, so that a slip in the server's
declarations shows up here instead of being copied:

- reserved, paid, picking: held at the store the goods come from;
- ready, partially_issued of an order collected where its goods are: held there;
- the same statuses and in_transit for an outpost's order: none, the goods left the source
  when they were shipped;
- issued, expired, cancelled, returned: none.
"""

from collections import Counter

from sqlalchemy import and_, create_engine, func, inspect, or_, select
from sqlalchemy.orm import Session

from server.db import normalize_url
from server.models import Order, OrderLine, OrderStatus, Stock

AT_SOURCE = [OrderStatus.RESERVED, OrderStatus.PAID, OrderStatus.PICKING]
AT_WINDOW = [OrderStatus.READY, OrderStatus.PARTIALLY_ISSUED]


def held_by_orders(session: Session) -> Counter[tuple[int, int]]:
    """Open units per (store, product) that orders hold, from the orders alone."""
    source = func.coalesce(Order.stock_store_id, Order.store_id)
    holding = or_(
        Order.status.in_(AT_SOURCE),
        and_(Order.status.in_(AT_WINDOW), source == Order.store_id),
    )
    rows = session.execute(
        select(
            source,
            OrderLine.product_id,
            func.sum(OrderLine.qty - OrderLine.qty_issued - OrderLine.qty_missing),
        )
        .join(Order, Order.id == OrderLine.order_id)
        .where(holding)
        .group_by(source, OrderLine.product_id)
    ).tuples()
    return Counter({(store, product): int(held) for store, product, held in rows if held})


def stock_imbalances(session: Session) -> list[str]:
    """One line per stock row whose `reserved` differs from what orders hold."""
    held = held_by_orders(session)
    reserved = Counter(
        {
            (store, product): value
            for store, product, value in session.execute(
                select(Stock.store_id, Stock.product_id, Stock.reserved).where(Stock.reserved != 0)
            ).tuples()
        }
    )
    return [
        f"store {store} product {product}: reserved {reserved[key]}, orders hold {held[key]}"
        for key in sorted(set(held) | set(reserved))
        for store, product in [key]
        if held[key] != reserved[key]
    ]


def check_stock(url: str) -> None:
    """Fails with every unbalanced stock row of the database at url; cheap (two queries)."""
    engine = create_engine(normalize_url(url))
    try:
        tables = inspect(engine)
        if not tables.has_table("stock") or not tables.has_table("orders"):
            return  # a migration test left the schema half built
        with Session(engine) as session:
            problems = stock_imbalances(session)
    finally:
        engine.dispose()
    assert not problems, "stock out of balance with open orders:\n" + "\n".join(problems)
