"""Transfers of goods between cybermarkets: requested, shipped, received.

The same Transfer that carries outpost orders (server/services/transfers.py), of kind
`goods` with its lines. Shipping takes the units off the source's shelves (`moved_out`,
never more than is available there); receiving puts what arrived on the destination's
(`moved_in`). Units shipped and not received are left for investigation: they are on
neither store's count (they left one and did not reach the other), the transfer shows
the shortfall with the receiver's note, and nothing is written off by guess. Whatever
turns up later is added back with a correction ("found").
"""

import enum
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from server.errors import DomainError, ErrorCode
from server.models import (
    MovementKind,
    Product,
    StaffUser,
    Store,
    Transfer,
    TransferKind,
    TransferLine,
)
from server.services import stock


class TransferState(enum.StrEnum):
    REQUESTED = "requested"
    SHIPPED = "shipped"
    RECEIVED = "received"


def state(transfer: Transfer) -> TransferState:
    if transfer.shipped_at is None:
        return TransferState.REQUESTED
    return TransferState.SHIPPED if transfer.arrived_at is None else TransferState.RECEIVED


@dataclass(frozen=True)
class Wanted:
    product: Product
    qty: int


def request(
    session: Session,
    *,
    source: Store,
    destination: Store,
    lines: list[Wanted],
    reach: list[Store],
    staff: StaffUser,
    now: datetime,
) -> Transfer:
    """Ask for goods to go from one cybermarket to another (one of them in reach).

    Raises UNKNOWN_STORE (neither store in reach), VALIDATION_ERROR (the same store twice,
    no lines, a quantity below 1) and DUPLICATE_LINE (a product twice).
    """
    if not {source.id, destination.id} & {s.id for s in reach}:
        raise DomainError(ErrorCode.UNKNOWN_STORE, _l("Choose your own store on one side."))
    if source.id == destination.id:
        raise DomainError(ErrorCode.VALIDATION_ERROR, _l("Choose two different stores."))
    if not lines:
        raise DomainError(ErrorCode.VALIDATION_ERROR, _l("Add at least one line."))
    if len({w.product.id for w in lines}) != len(lines):
        raise DomainError(ErrorCode.DUPLICATE_LINE, _l("Each product goes on one line only."))
    if any(w.qty < 1 for w in lines):
        raise DomainError(ErrorCode.VALIDATION_ERROR, _l("Enter how many units, 1 or more."))
    transfer = Transfer(
        kind=TransferKind.GOODS,
        source_store_id=source.id,
        destination_store_id=destination.id,
        created_at=now,
        requested_by_id=staff.id,
        lines=[TransferLine(product_id=w.product.id, requested=w.qty) for w in lines],
    )
    session.add(transfer)
    session.flush()
    return transfer


def ship(
    session: Session,
    transfer: Transfer,
    shipped: dict[int, int],
    *,
    reach: list[Store],
    staff: StaffUser,
    now: datetime,
) -> None:
    """The source sends the goods: `shipped` per product id (absent: as requested).

    Raises FORBIDDEN (the source is not in reach), INVALID_TRANSITION (already shipped),
    VALIDATION_ERROR (more than requested, or nothing at all) and INSUFFICIENT_STOCK (more
    than is available at the source).
    """
    if not may_ship(transfer, reach):
        raise DomainError(ErrorCode.FORBIDDEN, _l("Only the sending store ships a transfer."))
    _lock(session, transfer)
    if state(transfer) is not TransferState.REQUESTED:
        raise DomainError(ErrorCode.INVALID_TRANSITION, _l("This transfer has already left."))
    for line in transfer.lines:
        qty = shipped.get(line.product_id, line.requested)
        if not 0 <= qty <= line.requested:
            raise DomainError(
                ErrorCode.VALIDATION_ERROR,
                _l("%(sku)s: from 0 to %(n)s.", sku=line.product.sku, n=line.requested),
            )
        have = stock.available(session, transfer.source_store_id, line.product_id)
        if qty > have:
            raise DomainError(
                ErrorCode.INSUFFICIENT_STOCK,
                _l("%(sku)s: only %(n)s available to send.", sku=line.product.sku, n=have),
            )
        line.shipped = qty
        if qty:
            _move(session, transfer, line, -qty, MovementKind.MOVED_OUT, staff)
    if not any(line.shipped for line in transfer.lines):
        raise DomainError(ErrorCode.VALIDATION_ERROR, _l("Nothing to send: every line is 0."))
    transfer.shipped_at, transfer.shipped_by_id = now, staff.id
    session.flush()


def receive(
    session: Session,
    transfer: Transfer,
    received: dict[int, int],
    *,
    note: str,
    reach: list[Store],
    staff: StaffUser,
    now: datetime,
) -> None:
    """The destination counts what arrived: `received` per product id (absent: as shipped).

    Raises FORBIDDEN (the destination is not in reach), INVALID_TRANSITION (not on its way)
    and VALIDATION_ERROR (more than shipped, or a shortfall without a note saying what is
    known of it).
    """
    if not may_receive(transfer, reach):
        raise DomainError(ErrorCode.FORBIDDEN, _l("Only the receiving store receives a transfer."))
    _lock(session, transfer)
    if state(transfer) is not TransferState.SHIPPED:
        raise DomainError(ErrorCode.INVALID_TRANSITION, _l("This transfer is not on its way."))
    for line in transfer.lines:
        shipped = line.shipped or 0
        qty = received.get(line.product_id, shipped)
        if not 0 <= qty <= shipped:
            raise DomainError(
                ErrorCode.VALIDATION_ERROR,
                _l(
                    "%(sku)s: %(n)s were sent; count again, or receive the extra as a delivery.",
                    sku=line.product.sku,
                    n=shipped,
                ),
            )
        line.received = qty
        if qty:
            _move(session, transfer, line, qty, MovementKind.MOVED_IN, staff)
    if any(line.short for line in transfer.lines) and not note:
        raise DomainError(
            ErrorCode.VALIDATION_ERROR, _l("Some units did not arrive: say what is known of them.")
        )
    transfer.arrived_at, transfer.received_by_id, transfer.note = now, staff.id, note or None
    session.flush()


def transfers_of(session: Session, stores: list[Store], limit: int = 50) -> list[Transfer]:
    """Transfers of goods from or to these stores, the newest first. Raises no domain error."""
    ids = [s.id for s in stores]
    return list(
        session.scalars(
            select(Transfer)
            .where(
                Transfer.kind == TransferKind.GOODS,
                or_(Transfer.source_store_id.in_(ids), Transfer.destination_store_id.in_(ids)),
            )
            .order_by(Transfer.id.desc())
            .limit(limit)
        )
    )


def get(session: Session, stores: list[Store], transfer_id: int) -> Transfer:
    """A goods transfer from or to one of these stores. Raises TRANSFER_NOT_FOUND."""
    transfer = session.get(Transfer, transfer_id)
    ids = {s.id for s in stores}
    if (
        transfer is None
        or transfer.kind is not TransferKind.GOODS
        or not {transfer.source_store_id, transfer.destination_store_id} & ids
    ):
        raise DomainError(ErrorCode.TRANSFER_NOT_FOUND, _l("There is no such transfer."))
    return transfer


def may_ship(transfer: Transfer, stores: list[Store]) -> bool:
    return transfer.source_store_id in {s.id for s in stores}


def may_receive(transfer: Transfer, stores: list[Store]) -> bool:
    return transfer.destination_store_id in {s.id for s in stores}


def _lock(session: Session, transfer: Transfer) -> None:
    # Two people pressing "ship" at once: the second waits here, then finds it shipped.
    session.scalars(
        select(Transfer)
        .where(Transfer.id == transfer.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def _move(
    session: Session,
    transfer: Transfer,
    line: TransferLine,
    delta: int,
    kind: MovementKind,
    staff: StaffUser,
) -> None:
    """Units leave the source (delta < 0) or join the destination, with one movement."""
    stock.adjust(
        session,
        store_id=transfer.source_store_id if delta < 0 else transfer.destination_store_id,
        product_id=line.product_id,
        on_hand_delta=delta,
        kind=kind,
        staff_id=staff.id,
        document=f"transfer:{transfer.id}",
    )
