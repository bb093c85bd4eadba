"""Stock moves as single conditional UPDATEs, so concurrent terminals never oversell.

On PostgreSQL the UPDATE locks the row and re-checks its WHERE clause after a
concurrent commit; on SQLite writers are serialised. Either way available =
on_hand - reserved cannot go below zero.
"""

from typing import Any, cast

from sqlalchemy import CursorResult, update
from sqlalchemy.orm import Session

from server.models import Stock


def take(session: Session, store_id: int, product_id: int, qty: int) -> bool:
    """Reserve qty units; False when fewer are available."""
    result = session.execute(
        update(Stock)
        .where(
            Stock.store_id == store_id,
            Stock.product_id == product_id,
            Stock.on_hand - Stock.reserved >= qty,
        )
        .values(reserved=Stock.reserved + qty)
        .execution_options(synchronize_session=False)
    )
    return cast(CursorResult[Any], result).rowcount == 1  # a DML result counts its rows


def release(session: Session, store_id: int, product_id: int, qty: int) -> None:
    """Give reserved units back to the shelf (cancel, expiry)."""
    _apply(session, store_id, product_id, reserved_delta=-qty, on_hand_delta=0)


def issue(session: Session, store_id: int, product_id: int, qty: int) -> None:
    """Reserved units leave the store in the customer's hands."""
    _apply(session, store_id, product_id, reserved_delta=-qty, on_hand_delta=-qty)


def _apply(
    session: Session, store_id: int, product_id: int, *, reserved_delta: int, on_hand_delta: int
) -> None:
    session.execute(
        update(Stock)
        .where(Stock.store_id == store_id, Stock.product_id == product_id)
        .values(
            reserved=Stock.reserved + reserved_delta,
            on_hand=Stock.on_hand + on_hand_delta,
        )
        .execution_options(synchronize_session=False)
    )


def write_off(session: Session, store_id: int, product_id: int, qty: int) -> None:
    """Reserved units that turned out not to exist: the count and the hold both drop."""
    _apply(session, store_id, product_id, reserved_delta=-qty, on_hand_delta=-qty)


def restock(session: Session, store_id: int, product_id: int, qty: int) -> None:
    """Goods that had left the store come back to its shelves (a returned transfer)."""
    _apply(session, store_id, product_id, reserved_delta=0, on_hand_delta=qty)
