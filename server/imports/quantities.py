"""Setting many quantities on hand at once, through stock.set_on_hand, without its per-row cost.

One query reads the batch's current rows; rows that already hold the figure (and bin) are
left alone, so a re-import writes nothing and locks nothing; missing rows are created in
one flush. The caller flushes its own changes first, so each set_on_hand flushes only
its own row and movement.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from server.errors import DomainError
from server.models import MovementKind, Stock, Store, StoreKind
from server.services import stock


@dataclass(frozen=True, slots=True)
class Wanted:
    store_id: int
    product_id: int
    on_hand: int
    bin_location: str | None = None  # None keeps the current bin


def set_quantities(
    session: Session, wanted: Sequence[Wanted], *, document: str, staff_id: int | None
) -> tuple[int, list[tuple[Wanted, str]]]:
    """How many rows changed, and the refused ones with the reason (stock_below_reserved)."""
    keys = {(w.store_id, w.product_id) for w in wanted}
    current = {
        (row.store_id, row.product_id): row
        for row in session.scalars(
            select(Stock).where(tuple_(Stock.store_id, Stock.product_id).in_(keys))
        )
    }
    todo = []
    for item in wanted:
        row = current.get((item.store_id, item.product_id))
        if row is None:
            if item.on_hand == 0 and not item.bin_location:
                continue  # no row already means none on hand
            session.add(
                Stock(store_id=item.store_id, product_id=item.product_id, on_hand=0, reserved=0)
            )
        elif row.on_hand == item.on_hand and item.bin_location in (None, row.bin_location):
            continue
        todo.append(item)
    session.flush()
    changed, refused = 0, []
    for item in todo:
        try:
            moved = stock.set_on_hand(
                session,
                store_id=item.store_id,
                product_id=item.product_id,
                on_hand=item.on_hand,
                kind=MovementKind.IMPORTED,
                bin_location=item.bin_location,
                staff_id=staff_id,
                document=document[:120],
            )
        except DomainError as exc:
            refused.append((item, str(exc.message)))
            continue
        changed += moved is not None or item.bin_location is not None
    session.flush()
    return changed, refused


def store_warehouses(session: Session, warehouses: dict[str, str]) -> dict[str, int]:
    """Warehouse Ид → store id, for warehouses whose Ид or name is a cybermarket's code."""
    stores = {
        code.lower(): sid
        for sid, code in session.execute(
            select(Store.id, Store.code).where(Store.kind == StoreKind.CYBERMARKET)
        )
    }
    found = {}
    for ident, name in warehouses.items():
        sid = stores.get(ident.strip().lower()) or stores.get(name.strip().lower())
        if sid is not None:
            found[ident] = sid
    return found
