"""Stock moves as single conditional UPDATEs, so concurrent terminals never oversell.

On PostgreSQL the UPDATE locks the row and re-checks its WHERE clause after a
concurrent commit; on SQLite writers are serialised. Either way available =
on_hand - reserved cannot go below zero.

No order move raises a domain error: take() answers False when stock is short. Every move
writes one StockMovement row, so the history of a unit can be read back (received,
reserved, picked, written off, moved, returned); staff moves (receiving, counts,
corrections, imports, transfers) go through adjust() and set_on_hand().

Every move is for an order and happens at the order's source_store_id, the store its
goods come from (an outpost holds none), so no caller can pick the wrong store.
"""

from collections import Counter
from collections.abc import Sequence
from typing import Any, cast

from flask_babel import gettext as _
from sqlalchemy import CursorResult, Table, bindparam, select, update
from sqlalchemy.orm import Session

from server.clock import now
from server.db import insert_rows
from server.errors import DomainError, ErrorCode
from server.models import MovementKind, Order, Stock, StockMovement


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
    taken = cast(CursorResult[Any], result).rowcount == 1  # a DML result counts its rows
    if taken:
        _record(session, order, product_id, MovementKind.RESERVED, reserved_delta=qty)
    return taken


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
    _apply(session, order, product_id, MovementKind.RELEASED, reserved_delta=-qty, on_hand_delta=0)


def release_many(session: Session, moves: Sequence[tuple[int, int, int, int]]) -> None:
    """release() for a batch of (order id, its source store id, product id, units): one
    UPDATE per stock row (sent together, rows in a fixed order) and one insert of their
    movements."""
    if not moves:
        return
    at = now()
    deltas: Counter[tuple[int, int]] = Counter()
    for _order_id, store_id, product_id, qty in moves:
        deltas[store_id, product_id] += qty
    table = cast(Table, Stock.__table__)
    session.execute(
        update(table)
        .where(table.c.store_id == bindparam("s"), table.c.product_id == bindparam("p"))
        .values(reserved=table.c.reserved - bindparam("q")),
        [{"s": s, "p": p, "q": q} for (s, p), q in sorted(deltas.items())],
    )
    insert_rows(  # one statement for the whole batch
        session,
        cast(Table, StockMovement.__table__),
        [
            {
                "store_id": store_id,
                "product_id": product_id,
                "kind": MovementKind.RELEASED,
                "on_hand_delta": 0,
                "reserved_delta": -qty,
                "at": at,
                "order_id": order_id,
            }
            for order_id, store_id, product_id, qty in moves
        ],
    )


def issue(session: Session, order: Order, product_id: int, qty: int) -> None:
    """Reserved units leave the store: in the customer's hands, or shipped to an outpost."""
    _apply(session, order, product_id, MovementKind.ISSUED, reserved_delta=-qty, on_hand_delta=-qty)


def write_off(session: Session, order: Order, product_id: int, qty: int) -> None:
    """Reserved units that turned out not to exist: the count and the hold both drop."""
    _apply(
        session,
        order,
        product_id,
        MovementKind.WRITTEN_OFF,
        reserved_delta=-qty,
        on_hand_delta=-qty,
    )


def restock(session: Session, order: Order, product_id: int, qty: int) -> None:
    """Goods that had left the store come back to its shelves (a returned transfer)."""
    _apply(session, order, product_id, MovementKind.RETURNED, reserved_delta=0, on_hand_delta=qty)


def adjust(
    session: Session,
    *,
    store_id: int,
    product_id: int,
    on_hand_delta: int,
    kind: MovementKind,
    staff_id: int | None = None,
    document: str | None = None,
    reason: str | None = None,
) -> StockMovement:
    """Add (or take away) units on hand outside any order: a delivery, a correction, a transfer.

    Creates the store's row for the product when it has none. Raises `stock_below_reserved`
    when taking units away would leave fewer on hand than orders hold (or below zero).
    """
    row = _locked_row(session, store_id, product_id)
    if row.on_hand + on_hand_delta < row.reserved:
        raise DomainError(
            ErrorCode.STOCK_BELOW_RESERVED,
            _stock_short_message(row.on_hand, row.reserved, on_hand_delta),
        )
    row.on_hand += on_hand_delta
    return _movement(
        session, store_id, product_id, kind, on_hand_delta, 0, None, staff_id, document, reason
    )


def put_aside(
    session: Session,
    *,
    store_id: int,
    product_id: int,
    qty: int,
    order_id: int | None,
    document: str | None,
    reason: str | None,
) -> StockMovement:
    """Returned units not fit for sale: counted apart (Stock.defective), never on sale.

    Creates the store's row for the product when it has none. Raises nothing.
    """
    row = _locked_row(session, store_id, product_id)
    row.defective += qty
    return _movement(
        session,
        store_id,
        product_id,
        MovementKind.DEFECTIVE,
        0,
        0,
        order_id,
        None,
        document,
        reason,
    )


def set_on_hand(
    session: Session,
    *,
    store_id: int,
    product_id: int,
    on_hand: int,
    kind: MovementKind,
    bin_location: str | None = None,
    staff_id: int | None = None,
    document: str | None = None,
    reason: str | None = None,
) -> StockMovement | None:
    """Set units on hand to what was counted or imported; None when nothing changed.

    The movement records the difference, so the history still sums to on-hand. A new bin
    (when given) is kept. Raises `stock_below_reserved` when the new figure is below what
    orders hold: those goods must be found or the orders cancelled first.
    """
    row = _locked_row(session, store_id, product_id)
    if bin_location is not None:
        row.bin_location = bin_location or None
    delta = on_hand - row.on_hand
    if delta == 0:
        return None
    return adjust(
        session,
        store_id=store_id,
        product_id=product_id,
        on_hand_delta=delta,
        kind=kind,
        staff_id=staff_id,
        document=document,
        reason=reason,
    )


def place(session: Session, *, store_id: int, product_id: int, bin_location: str) -> None:
    """Keep the product in this bin of the store (the warehouse screen reads it at once)."""
    _locked_row(session, store_id, product_id).bin_location = bin_location or None


def _locked_row(session: Session, store_id: int, product_id: int) -> Stock:
    """The store's stock row for the product, locked until commit (created when missing)."""
    query = (
        select(Stock)
        .where(Stock.store_id == store_id, Stock.product_id == product_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    row = session.scalars(query).one_or_none()
    if row is None:
        row = Stock(store_id=store_id, product_id=product_id, on_hand=0, reserved=0)
        session.add(row)
        session.flush()
    return row


def _stock_short_message(on_hand: int, reserved: int, delta: int) -> str:
    return str(
        _(
            "Orders hold %(reserved)s of the %(on_hand)s units on hand; %(after)s cannot be left.",
            reserved=reserved,
            on_hand=on_hand,
            after=on_hand + delta,
        )
    )


def _apply(
    session: Session,
    order: Order,
    product_id: int,
    kind: MovementKind,
    *,
    reserved_delta: int,
    on_hand_delta: int,
) -> None:
    _record(session, order, product_id, kind, reserved_delta, on_hand_delta)
    session.execute(
        update(Stock)
        .where(Stock.store_id == order.source_store_id, Stock.product_id == product_id)
        .values(
            reserved=Stock.reserved + reserved_delta,
            on_hand=Stock.on_hand + on_hand_delta,
        )
        .execution_options(synchronize_session=False)
    )


def _record(
    session: Session,
    order: Order,
    product_id: int,
    kind: MovementKind,
    reserved_delta: int = 0,
    on_hand_delta: int = 0,
) -> None:
    # Through the order: a new order is not in the session yet, and its movements are
    # written with it when it is.
    order.stock_movements.add(
        StockMovement(
            store_id=order.source_store_id,
            product_id=product_id,
            kind=kind,
            on_hand_delta=on_hand_delta,
            reserved_delta=reserved_delta,
            at=now(),
        )
    )


def _movement(
    session: Session,
    store_id: int,
    product_id: int,
    kind: MovementKind,
    on_hand_delta: int,
    reserved_delta: int,
    order_id: int | None,
    staff_id: int | None,
    document: str | None,
    reason: str | None,
) -> StockMovement:
    movement = StockMovement(
        store_id=store_id,
        product_id=product_id,
        kind=kind,
        on_hand_delta=on_hand_delta,
        reserved_delta=reserved_delta,
        at=now(),
        order_id=order_id,
        staff_id=staff_id,
        document=document,
        reason=reason,
    )
    session.add(movement)
    return movement
