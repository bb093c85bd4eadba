"""Handing an open order over to another store of the chain: the customer collects it there.

The goods stay where they are reserved (the order's source store) and travel the way an
outpost's orders do (server/services/transfers.py): picked at the source, shipped in the
open transfer to the new store, ready there on the arrival scan, where the customer's
hold starts again. An order already at a window of its source goes into the transfer at
once; its goods leave the source's stock. Handed over to its own source, an order simply
stops travelling. The customer hears once, from the message catalogue.
"""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from common import order_life
from server.errors import DomainError, ErrorCode
from server.models import Order, OrderStatus, Store, StoreKind
from server.notifications.outbox import notify
from server.services import order_flow, transfers, transitions
from server.services.actors import Actor

# Not yet handed out, and not on the road or at a window elsewhere (checked below).
MOVABLE = frozenset(
    {OrderStatus.RESERVED, OrderStatus.PAID, OrderStatus.PICKING, OrderStatus.READY}
)


def destinations(session: Session, order: Order) -> list[Store]:
    """The stores that could take this order now (none when it cannot move). No error."""
    if _refusal(order) is not None or order.status in order_life.FINAL:
        return []
    stores = session.scalars(select(Store).where(Store.id != order.store_id).order_by(Store.code))
    return [store for store in stores if _cannot_take(order, store) is None]


def hand_over(
    session: Session,
    order: Order,
    store_code: str,
    reason: str,
    *,
    actor: Actor,
    now: datetime,
) -> Store:
    """Make another store the order's pickup point; the store. The caller locks the order.

    Raises REASON_REQUIRED, UNKNOWN_STORE, ORDER_EXPIRED, ORDER_CANCELLED, ALREADY_ISSUED,
    HAND_OVER_REFUSED (handed out in part, on its way, the same store, a store that cannot
    take it).
    """
    why = reason.strip()
    if not why:
        raise DomainError(ErrorCode.REASON_REQUIRED, _l("Write the reason for this action."))
    destination = session.scalar(select(Store).where(Store.code == store_code.strip().upper()))
    if destination is None:
        raise DomainError(ErrorCode.UNKNOWN_STORE, _l("Choose a store of the chain."))
    order_flow.refuse_closed(order)
    if order.status in (OrderStatus.ISSUED, OrderStatus.RETURNED):
        raise order_flow.already_issued(order)
    refusal = _refusal(order) or _cannot_take(order, destination)
    if refusal is not None:
        raise DomainError(ErrorCode.HAND_OVER_REFUSED, refusal)
    old = order.store
    source = order.stock_store or old
    order.store = destination
    order.stock_store = None if source.id == destination.id else source
    transitions.note(
        session,
        order,
        reason=f"{actor.name}: handed over {old.code} → {destination.code}: {why}"[:255],
        actor=actor,
        now=now,
    )
    session.flush()
    if order.status is OrderStatus.READY:
        transfers.send(session, order, actor=actor, now=now)  # from the window into the van
    notify(session, order, "handed_over", now=now, occasion=f"event:{len(order.events)}")
    return destination


def _refusal(order: Order) -> str | None:
    """Why this order cannot move to any store, or None."""
    if order.status is OrderStatus.PARTIALLY_ISSUED:
        return str(_l("Part of this order is already handed out here; it cannot move."))
    if order.status is OrderStatus.IN_TRANSIT or (
        order.travels and order.status in order_life.SHIPPED
    ):
        return str(
            _l(
                "The goods of this order have already gone to %(store)s; they cannot be "
                "sent on from there.",
                store=order.store.code,
            )
        )
    if order.status not in MOVABLE:
        return str(transitions.wrong_state(order).message)
    return None


def _cannot_take(order: Order, store: Store) -> str | None:
    """Why this store cannot take the order, or None."""
    if store.id == order.store_id:
        return str(_l("This order is already collected at %(store)s.", store=store.code))
    source = order.stock_store or order.store
    if store.kind is StoreKind.OUTPOST and store.source_store_id != source.id:
        return str(
            _l(
                "%(store)s receives goods only from its own cybermarket; the goods of this "
                "order are at %(source)s.",
                store=store.code,
                source=source.code,
            )
        )
    return None
