"""Customer care on one order: find it by anything the customer can say, read its whole
story, and act on it with a reason (cancel and refund, extend the hold, resend a message).

Every action is recorded as an order event naming the staff member and the reason.
"""

import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from common import order_life
from server.errors import DomainError, ErrorCode
from server.models import (
    BonusEntry,
    Notification,
    Order,
    OutboxStatus,
    StaffRole,
    StaffUser,
    StockMovement,
)
from server.services import order_flow, transitions
from server.services.actors import Actor
from server.services.customer_profile import find_customers
from server.services.lookup import canonical_number
from server.services.phones import normalize_phone
from server.services.pickup_codes import normalize as normalize_code

FOUND_LIMIT = 50
T = TypeVar("T", bound=tuple[Any, ...])


def orders_in_reach(query: Select[T], staff: StaffUser) -> Select[T]:
    """Orders of the person's store (collected or picked there); every store for the chain."""
    if staff.store_id is None or staff.role == StaffRole.ADMIN:
        return query
    return query.where(
        or_(Order.store_id == staff.store_id, Order.stock_store_id == staff.store_id)
    )


def find_orders(session: Session, staff: StaffUser, words: str) -> list[Order]:
    """Orders matching a number, a phone in any format, a pickup code or a customer's name
    or e-mail, newest first, within the person's reach. Raises no domain error."""
    words = words.strip()
    if not words:
        return []
    conditions = []
    number = canonical_number(words)
    if number:
        conditions.append(Order.number == number)
    with contextlib.suppress(DomainError):  # not a phone: the other ways still search
        conditions.append(Order.customer_phone == normalize_phone(words))
    code = normalize_code(words)
    if code:
        conditions.append(Order.pickup_code == code)
    # A name or e-mail: the customer's orders (a number, phone or code already says which).
    if not conditions and len(words) >= 3:
        customers = [c.id for c in find_customers(session, words)]
        if customers:
            conditions.append(Order.customer_id.in_(customers))
    if not conditions:
        return []
    query = select(Order).where(or_(*conditions)).order_by(Order.id.desc()).limit(FOUND_LIMIT)
    return list(session.scalars(orders_in_reach(query, staff).options(selectinload(Order.store))))


def order_in_reach(session: Session, staff: StaffUser, number: str, *, lock: bool = False) -> Order:
    """The order with this number if the person may see it. Raises ORDER_NOT_FOUND (also for
    an order out of reach: a refusal tells nothing)."""
    query = orders_in_reach(
        select(Order).where(Order.number == (canonical_number(number) or "")), staff
    )
    if lock:
        query = query.with_for_update(of=Order)
    order: Order | None = session.scalar(query)
    if order is None:
        raise DomainError(ErrorCode.ORDER_NOT_FOUND, _l("There is no such order."))
    return order


@dataclass(frozen=True)
class Timeline:
    order: Order
    messages: list[Notification]
    bonuses: list[BonusEntry]
    movements: list[StockMovement]


def timeline(session: Session, order: Order) -> Timeline:
    """Everything that happened to the order: events and payments come with it; the
    messages with their delivery state, bonus entries and stock movements. No error."""
    return Timeline(
        order=order,
        messages=list(
            session.scalars(
                select(Notification)
                .where(Notification.order_id == order.id)
                .order_by(Notification.id)
            )
        ),
        bonuses=list(
            session.scalars(
                select(BonusEntry).where(BonusEntry.order_id == order.id).order_by(BonusEntry.id)
            )
        ),
        movements=list(
            session.scalars(
                select(StockMovement)
                .where(StockMovement.order_id == order.id)
                .order_by(StockMovement.id)
            )
        ),
    )


def _reason(text: str) -> str:
    reason = text.strip()
    if not reason:
        raise DomainError(ErrorCode.REASON_REQUIRED, _l("Write the reason for this action."))
    return reason[:200]


def cancel_and_refund(
    session: Session, order: Order, reason: str, *, actor: Actor, now: datetime
) -> int:
    """Cancel the order, return its goods to stock and refund what was paid; the refund.

    Raises REASON_REQUIRED, ORDER_EXPIRED, ORDER_CANCELLED, ALREADY_ISSUED, INVALID_TRANSITION.
    """
    why = _reason(reason)
    paid_before = order.paid_minor
    order_flow.cancel_order(session, order, reason=f"{actor.name}: {why}", actor=actor, now=now)
    return paid_before - order.paid_minor


def extend_hold(
    session: Session,
    order: Order,
    reason: str,
    *,
    days: int,
    most: int,
    actor: Actor,
    now: datetime,
) -> datetime:
    """Keep a waiting order's goods `days` longer, at most `most` times; the new end.

    Raises REASON_REQUIRED, INVALID_TRANSITION (not waiting), HOLD_LIMIT (extended enough).
    """
    why = _reason(reason)
    if order.status not in order_life.WAITING or order.hold_until is None:
        raise transitions.wrong_state(order)
    if order.hold_extensions >= most:
        raise DomainError(
            ErrorCode.HOLD_LIMIT,
            _l(
                "The hold of this order was already extended %(count)s times; it cannot be "
                "extended again.",
                count=order.hold_extensions,
            ),
        )
    order.hold_extensions += 1
    order.hold_until = max(order.hold_until, now) + timedelta(days=days)
    transitions.note(
        session, order, reason=f"{actor.name}: hold extended: {why}"[:255], actor=actor, now=now
    )
    return order.hold_until


def resend_message(
    session: Session, order: Order, kind: str, reason: str, *, actor: Actor, now: datetime
) -> int:
    """Queue the last message of this kind again on each channel it went by; how many.

    Raises REASON_REQUIRED, NOTHING_TO_RESEND (no such message was ever sent).
    """
    why = _reason(reason)
    earlier = list(
        session.scalars(
            select(Notification)
            .where(Notification.order_id == order.id, Notification.kind == kind)
            .order_by(Notification.id.desc())
        )
    )
    latest: dict[str, Notification] = {}
    for message in earlier:
        latest.setdefault(message.channel.value, message)
    if not latest or kind == "code":
        raise DomainError(ErrorCode.NOTHING_TO_RESEND, _l("This order has no such message."))
    for message in latest.values():
        session.add(
            Notification(
                order_id=order.id,
                # A new key: the first message's key keeps it from ever being queued twice.
                dedupe_key=f"{order.id}:{kind}:{message.channel.value}:resend:{len(earlier)}"[:120],
                kind=kind,
                channel=message.channel,
                recipient=message.recipient,
                subject=message.subject,
                body=message.body,
                status=OutboxStatus.PENDING,
                due_at=now,
                created_at=now,
            )
        )
    transitions.note(
        session, order, reason=f"{actor.name}: message resent: {why}"[:255], actor=actor, now=now
    )
    return len(latest)


def resendable(order_messages: list[Notification]) -> list[str]:
    """The kinds of message the order has had that may be sent again (never a code)."""
    return sorted({m.kind for m in order_messages if m.kind != "code"})
