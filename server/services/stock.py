"""Stock moves as single conditional UPDATEs, so concurrent terminals never oversell.

On PostgreSQL the UPDATE locks the row and re-checks its WHERE clause after a
concurrent commit; on SQLite writers are serialised. Either way available =
on_hand - reserved cannot go below zero.

No move raises a domain error: take() answers False when stock is short.

Every move is for an order and happens at the order's source_store_id, the store its
goods come from (an outpost holds none), so no caller can pick the wrong store.
"""

from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from server.models import Order, Stock


def take(session: Session, order: Order, product_id: int, qty: int) -> bool:
    """Reserve qty units for the order; False when fewer are available."""
    result = session.execute(
        update(Stock)
        .where(
            Stock.store_id == order.source_store_id,
            Stock.product_id == product_id,
            Stock.on_hand - Stock.reserved >= qty,
        )
        .values(reserved=Stock.reserved + qty)
        .execution_options(synchronize_session=False)
    )
    return cast(CursorResult[Any], result).rowcount == 1  # a DML result counts its rows


def available(session: Session, store_id: int, product_id: int) -> int:
    """Units a new order could take now (0 when the store has no row for the product)."""
    left = session.scalar(
        select(Stock.on_hand - Stock.reserved).where(
            Stock.store_id == store_id, Stock.product_id == product_id
        )
    )
    return max(left or 0, 0)


def release(session: Session, order: Order, product_id: int, qty: int) -> None:
    """Give reserved units back to the shelf (cancel, expiry)."""
    _apply(session, order, product_id, reserved_delta=-qty, on_hand_delta=0)


def issue(session: Session, order: Order, product_id: int, qty: int) -> None:
    """Reserved units leave the store: in the customer's hands, or shipped to an outpost."""
    _apply(session, order, product_id, reserved_delta=-qty, on_hand_delta=-qty)


def write_off(session: Session, order: Order, product_id: int, qty: int) -> None:
    """Reserved units that turned out not to exist: the count and the hold both drop."""
    _apply(session, order, product_id, reserved_delta=-qty, on_hand_delta=-qty)


def restock(session: Session, order: Order, product_id: int, qty: int) -> None:
    """Goods that had left the store come back to its shelves (a returned transfer)."""
    _apply(session, order, product_id, reserved_delta=0, on_hand_delta=qty)


def _apply(
    session: Session, order: Order, product_id: int, *, reserved_delta: int, on_hand_delta: int
) -> None:
    session.execute(
        update(Stock)
        .where(Stock.store_id == order.source_store_id, Stock.product_id == product_id)
        .values(
            reserved=Stock.reserved + reserved_delta,
            on_hand=Stock.on_hand + on_hand_delta,
        )
        .execution_options(synchronize_session=False)
    )
