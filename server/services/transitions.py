"""The one place an order changes status, so every change is recorded with who and when,
and only along a move declared in common/order_life.py."""

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from flask_babel import lazy_gettext as _l
from sqlalchemy import Table, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from common import logs, order_life
from server.db import among, insert_rows
from server.errors import DomainError, ErrorCode
from server.labels import status_label
from server.models import Order, OrderEvent, OrderStatus
from server.notifications.texts import Addressee
from server.services.actors import Actor

log = logging.getLogger(__name__)


def wrong_state(order: Order) -> DomainError:
    """The error for an order that cannot do this in its status (INVALID_TRANSITION)."""
    made = order.status is not None
    return DomainError(
        ErrorCode.INVALID_TRANSITION,
        _l(
            "Order %(number)s cannot do this now (it is %(status)s).",
            number=order.number,
            status=status_label(order.status) if made else _l("not made yet"),
        ),
        status=order.status.value if made else None,
    )


def require_move(order: Order, to_status: OrderStatus) -> None:
    """Raises INVALID_TRANSITION unless the order may move to to_status now."""
    if not order_life.allowed(order.status, to_status):
        raise wrong_state(order)


def record(
    session: Session,
    order: Order,
    to_status: OrderStatus,
    *,
    actor: Actor,
    now: datetime,
    reason: str | None = None,
) -> None:
    """Move the order and record who did it. Raises INVALID_TRANSITION for an undeclared move."""
    require_move(order, to_status)
    _add_event(session, order, to_status, actor=actor, now=now, reason=reason)
    before = order.status or "new"
    logs.after_commit(
        session,
        log,
        lambda: f"order {order.number}: {before} -> {to_status}",
        order=lambda: order.number,
        actor=actor.name,
        **({"reason": reason} if reason else {}),
    )
    order.status = to_status


def record_many(
    session: Session,
    orders: Sequence[Addressee],
    to_status: OrderStatus,
    *,
    actor: Actor,
    now: datetime,
    reasons: Mapping[int, str | None],
    **values: Any,
) -> None:
    """record() for a batch in two statements: one insert of the events, one update of the
    orders (setting `values` too, e.g. hold_until=None). Orders read as rows may stand in
    for Orders; loaded Orders are kept in step with what was written. Raises
    INVALID_TRANSITION for an undeclared move, before anything is written."""
    if not orders:
        return
    for order in orders:
        require_move(cast(Order, order), to_status)
    insert_rows(  # one statement for the whole batch
        session,
        cast(Table, OrderEvent.__table__),
        [
            {
                "order_id": order.id,
                "from_status": order.status,
                "to_status": to_status,
                "at": now,
                "actor": actor.name,
                "device_id": actor.device_id,
                "reason": reasons.get(order.id),
            }
            for order in orders
        ],
    )
    for order in orders:
        reason = reasons.get(order.id)
        logs.after_commit(
            session,
            log,
            f"order {order.number}: {order.status} -> {to_status}",
            order=order.number,
            actor=actor.name,
            **({"reason": reason} if reason else {}),
        )
    session.execute(
        update(Order)
        .where(among(session, Order.id, [order.id for order in orders]))
        .values(status=to_status, updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    written = {"status": to_status, "updated_at": now, **values}
    for order in orders:  # what the UPDATE wrote, without another round trip or flush
        loaded = order if isinstance(order, Order) else _loaded(session, order.id)
        if loaded is not None:
            for name, value in written.items():
                set_committed_value(loaded, name, value)


def _loaded(session: Session, order_id: int) -> Order | None:
    """The order's object if this session holds one (a row stood in for it), else None."""
    found = session.identity_map.get(identity_key(Order, order_id))
    return found if isinstance(found, Order) else None


def note(session: Session, order: Order, *, reason: str, actor: Actor, now: datetime) -> None:
    """Record something that happened to the order without moving it (an item not found)."""
    _add_event(session, order, order.status, actor=actor, now=now, reason=reason)


def _add_event(
    session: Session,
    order: Order,
    to_status: OrderStatus,
    *,
    actor: Actor,
    now: datetime,
    reason: str | None,
) -> None:
    order.updated_at = now
    session.add(
        OrderEvent(
            order=order,
            from_status=order.status,
            to_status=to_status,
            at=now,
            actor=actor.name,
            device_id=actor.device_id,
            staff_id=actor.staff_id,
            reason=reason,
        )
    )
