"""Stock and open orders per store, for the front page of the central server."""

from dataclasses import dataclass, field

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from common import order_life
from server.models import Order, OrderStatus, Stock, Store

LOW_STOCK = 2  # the chain's default; a store may set its own per product (Stock.low_threshold)
THRESHOLD = func.coalesce(Stock.low_threshold, LOW_STOCK)


@dataclass
class StoreOverview:
    store: Store
    products: int = 0
    units_available: int = 0
    low_stock: int = 0
    out_of_stock: int = 0
    open_orders: dict[OrderStatus, int] = field(default_factory=dict)


def store_overview(session: Session) -> list[StoreOverview]:
    """Stock and open orders of every store. Raises no domain error."""
    stores = {
        s.id: StoreOverview(s)
        for s in session.scalars(select(Store).order_by(Store.kind, Store.code))
    }
    available = Stock.on_hand - Stock.reserved
    stock_rows = session.execute(
        select(
            Stock.store_id,
            func.count(),
            func.coalesce(func.sum(available), 0),
            func.sum(case((available.between(1, THRESHOLD), 1), else_=0)),
            func.sum(case((available <= 0, 1), else_=0)),
        ).group_by(Stock.store_id)
    )
    for store_id, products, units, low, out in stock_rows:
        row = stores[store_id]
        row.products, row.units_available, row.low_stock, row.out_of_stock = (
            products,
            units,
            low or 0,
            out or 0,
        )
    order_rows = session.execute(
        select(Order.store_id, Order.status, func.count())
        .where(Order.status.in_(order_life.OPEN))
        .group_by(Order.store_id, Order.status)
    )
    for store_id, status, count in order_rows:
        stores[store_id].open_orders[status] = count
    return list(stores.values())
