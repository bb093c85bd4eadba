"""Stuck orders, found live from the database (so every server process sees the same), and
the alert to a store's managers when the three-minute promise breaks there.

Each query reads one status (or the outbox's failing rows) through an index on
(status, updated_at) or (status, ...): cheap enough to poll every two seconds.
"""

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import ScalarSelect

from common import order_life
from server.models import (
    Notification,
    Order,
    OrderEvent,
    OrderStatus,
    OutboxStatus,
    PaymentMethod,
    StaffUser,
    Store,
)
from server.services.kpi import PROMISE
from server.services.order_care import orders_in_reach
from server.services.staff_alerts import tell_managers

# Orders at a terminal: the promise (goods about three minutes after payment) is theirs.
AT_TERMINAL = (PaymentMethod.CARD, PaymentMethod.CASHIER)
ROW_LIMIT = 100


class StuckKind(enum.StrEnum):
    UNTAKEN = "untaken"  # paid, no picker took it
    UNPLACED = "unplaced"  # picking, not at a window
    AT_WINDOW = "at_window"  # at a window longer than the promise
    LATE_TRANSIT = "late_transit"  # in transit past its expected arrival
    HOLD_ENDS = "hold_ends"  # waiting for the customer, the hold ends today
    MESSAGE_FAILING = "message_failing"
    NOT_FOUND = "not_found"  # the picker did not find a line


@dataclass(frozen=True)
class Limits:
    untaken: timedelta
    unplaced: timedelta
    transit: timedelta
    day_end: datetime  # holds ending before this end "today"


@dataclass(frozen=True)
class StuckRow:
    kind: StuckKind
    number: str | None
    store: str
    since: datetime
    message_id: int | None = None
    detail: str = ""


def _paid_at() -> ScalarSelect[datetime]:
    """When the order in the outer query was paid: its move to paid. Correlated, so it is
    read per open order through ix_order_events_order_id, never over the whole history."""
    return (
        select(func.min(OrderEvent.at))
        .where(OrderEvent.order_id == Order.id, OrderEvent.to_status == OrderStatus.PAID)
        .correlate(Order)
        .scalar_subquery()
    )


def stuck_orders(
    session: Session, staff: StaffUser, limits: Limits, *, now: datetime
) -> list[StuckRow]:
    """Every stuck order and failing message within the person's reach, oldest first in
    each kind. Raises no domain error."""
    rows: list[StuckRow] = []

    def orders(kind: StuckKind, *where, since=Order.updated_at) -> None:  # type: ignore[no-untyped-def]
        query = (
            select(Order.number, Store.code, since)
            .join(Store, Store.id == Order.store_id)
            .where(*where)
            .order_by(since)
            .limit(ROW_LIMIT)
        )
        for number, store, at in session.execute(orders_in_reach(query, staff)):
            rows.append(StuckRow(kind, number, store, at))

    orders(
        StuckKind.UNTAKEN,
        Order.status == OrderStatus.PAID,
        Order.updated_at <= now - limits.untaken,
    )
    orders(
        StuckKind.UNPLACED,
        Order.status == OrderStatus.PICKING,
        Order.updated_at <= now - limits.unplaced,
    )
    paid = _paid_at()
    query = (
        select(Order.number, Store.code, paid)
        .join(Store, Store.id == Order.store_id)
        .where(
            Order.status == OrderStatus.READY,
            Order.payment_method.in_(AT_TERMINAL),
            Order.updated_at > now - timedelta(days=1),
            paid <= now - PROMISE,
        )
        .order_by(paid)
        .limit(ROW_LIMIT)
    )
    for number, store, at in session.execute(orders_in_reach(query, staff)):
        rows.append(StuckRow(StuckKind.AT_WINDOW, number, store, at))
    orders(
        StuckKind.LATE_TRANSIT,
        Order.status == OrderStatus.IN_TRANSIT,
        Order.updated_at <= now - limits.transit,
    )
    orders(
        StuckKind.HOLD_ENDS,
        Order.status.in_(order_life.WAITING),
        Order.hold_until > now,
        Order.hold_until <= limits.day_end,
        since=Order.hold_until,
    )
    orders(
        StuckKind.NOT_FOUND,
        Order.status.in_(order_life.OPEN),
        Order.needs_attention.is_not(None),
    )
    failing = (
        select(
            Notification.id, Order.number, Store.code, Notification.created_at, Notification.kind
        )
        .join(Order, Order.id == Notification.order_id)
        .join(Store, Store.id == Order.store_id)
        .where(
            or_(
                Notification.status == OutboxStatus.PARKED,
                (Notification.status == OutboxStatus.PENDING) & (Notification.attempts > 0),
            )
        )
        .order_by(Notification.id)
        .limit(ROW_LIMIT)
    )
    for message_id, number, store, at, kind in session.execute(orders_in_reach(failing, staff)):
        rows.append(StuckRow(StuckKind.MESSAGE_FAILING, number, store, at, message_id, kind))
    return rows


def broken_promise_stores(session: Session, *, now: datetime, within: timedelta) -> list[Store]:
    """Stores where an order paid at a terminal in the last `within` still has no goods in
    hand three minutes after payment. Raises no domain error."""
    paid = _paid_at()
    store_ids = select(Order.store_id).where(
        Order.status.in_((OrderStatus.PAID, OrderStatus.PICKING, OrderStatus.READY)),
        Order.payment_method.in_(AT_TERMINAL),
        # A cheap first cut through the index: an order paid within `within` moved since.
        Order.updated_at > now - within,
        paid <= now - PROMISE,
        paid > now - within,
    )
    return list(session.scalars(select(Store).where(Store.id.in_(store_ids)).order_by(Store.code)))


def alert_broken_promises(session: Session, *, now: datetime, every: timedelta) -> int:
    """Tell each store's managers (by e-mail and SMS, through the outbox) that the promise
    broke there, at most once per store in `every`; how many messages. No domain error."""
    queued = 0
    for store in broken_promise_stores(session, now=now, within=every):
        recent = session.scalar(
            select(Notification.id).where(
                Notification.kind == "promise_alert",
                Notification.dedupe_key.like(f"promise:{store.id}:%"),
                Notification.created_at > now - every,
            )
        )
        if recent:
            continue
        period = int(now.timestamp() // every.total_seconds())
        text = (
            f"Cybermarket {store.code}: обещание «товар через 3 минуты» нарушено. "
            f"Откройте /staff/stuck. / The three-minute promise broke at {store.code}."
        )
        queued += tell_managers(
            session,
            store,
            kind="promise_alert",
            key=f"promise:{store.id}:{period}",
            subject=f"Cybermarket {store.code}: 3 min",
            body=text,
            now=now,
        )
    return queued
