"""Orders for outposts: picked at the source cybermarket, shipped together, received there.

Stock moves with the goods: it leaves the source when the order ships; the outpost holds
no stock, so handing out there touches none; an order that expires at the outpost goes
back to the source's shelves.
"""

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.errors import DomainError, ErrorCode
from server.models import Order, OrderStatus, Transfer, TransferKind
from server.notifications.outbox import notify
from server.services import access, order_flow, stock, transitions
from server.services.actors import Actor


def ship(session: Session, order: Order, *, actor: Actor, now: datetime) -> Transfer:
    """A picked outpost order leaves in the open transfer to its outpost.

    Raises ORDER_NOT_FOUND, ORDER_EXPIRED, ORDER_CANCELLED, INVALID_TRANSITION (not being
    picked, or collected where it is picked), NOT_PICKED (nothing of it was found).
    """
    access.require_reach(actor, order)
    order_flow.refuse_closed(order)
    # Only from picking: a ready order that travels is already at its outpost.
    if not order.travels or order.status is not OrderStatus.PICKING:
        raise transitions.wrong_state(order)
    order_flow.close_tote(order)
    return send(session, order, actor=actor, now=now)


def send(session: Session, order: Order, *, actor: Actor, now: datetime) -> Transfer:
    """Its picked goods leave the source's stock in the open transfer to the order's store.

    Raises INVALID_TRANSITION when the order may not go on its way from where it is.
    """
    transitions.require_move(order, OrderStatus.IN_TRANSIT)
    for line in order.lines:
        if line.qty_picked:
            stock.issue(session, order, line.product_id, line.qty_picked)
    transfer = session.scalar(
        select(Transfer)
        .where(
            Transfer.source_store_id == order.source_store_id,
            Transfer.destination_store_id == order.store_id,
            Transfer.kind == TransferKind.ORDERS,
            Transfer.arrived_at.is_(None),
        )
        .order_by(Transfer.id.desc())
        .limit(1)
        .with_for_update()
    )
    if transfer is None:
        transfer = Transfer(
            kind=TransferKind.ORDERS,
            source_store_id=order.source_store_id,
            destination_store_id=order.store_id,
            created_at=now,
            shipped_at=now,
        )
        session.add(transfer)
        session.flush()
    order.transfer_id = transfer.id
    order.window = None
    order.ready_at = None
    order.hold_until = None
    transitions.record(session, order, OrderStatus.IN_TRANSIT, actor=actor, now=now)
    session.flush()
    return transfer


def receive(session: Session, order: Order, *, hold_days: int, actor: Actor, now: datetime) -> None:
    """The outpost scans an arrived order: it is ready, its hold starts, the customer hears.

    Raises ORDER_NOT_FOUND, ORDER_EXPIRED, ORDER_CANCELLED, INVALID_TRANSITION (not on its way).
    """
    access.require_reach(actor, order)
    order_flow.refuse_closed(order)
    if order.status is not OrderStatus.IN_TRANSIT:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            _l("Order %(number)s is not on its way here.", number=order.number),
        )
    order.window = 1
    order.ready_at = now
    order.hold_until = now + timedelta(days=order.store.hold_days or hold_days)
    transitions.record(session, order, OrderStatus.READY, actor=actor, now=now, reason="arrived")
    session.flush()
    if order.transfer_id is not None:
        waiting = session.scalar(
            select(Order.id)
            .where(Order.transfer_id == order.transfer_id, Order.status == OrderStatus.IN_TRANSIT)
            .limit(1)
        )
        if waiting is None:
            session.get(Transfer, order.transfer_id).arrived_at = now  # type: ignore[union-attr]
    # Once per store: an order handed over here after it was ready elsewhere hears again.
    notify(session, order, "ready", now=now, occasion=f"at:{order.store_id}")
