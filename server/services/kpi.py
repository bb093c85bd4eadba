"""Today's times per store, from the transition records: the three-minute promise, measured."""

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import Order, OrderEvent, OrderStatus, Store

PROMISE = timedelta(minutes=3)


@dataclass(frozen=True)
class Span:
    count: int
    median: timedelta | None
    p90: timedelta | None


@dataclass(frozen=True)
class StoreDay:
    store: Store
    paid_to_issued: Span
    paid_to_picking: Span
    picking_to_ready: Span
    ready_to_issued: Span
    within_promise: float | None  # share of orders handed out within three minutes of payment


def _span(values: list[float]) -> Span:
    if not values:
        return Span(0, None, None)
    ordered = sorted(values)
    p90 = ordered[0] if len(ordered) == 1 else statistics.quantiles(ordered, n=10)[-1]
    return Span(len(ordered), timedelta(seconds=statistics.median(ordered)), timedelta(seconds=p90))


def nothing_measured(store: Store) -> StoreDay:
    """A day on which nothing was handed out."""
    return _measure(store, [])


def store_day(
    session: Session, store: Store, now: datetime, *, until: datetime | None = None
) -> StoreDay:
    """Orders handed out on now's local day (before `until`, if given), measured from
    their first payment."""
    zone = ZoneInfo(store.timezone)
    start = datetime.combine(now.astimezone(zone).date(), time(), zone)
    end = until or start + timedelta(days=1)
    return _measure(store, list(_first_marks(session, store, start, end).values()))


def store_days(
    session: Session, store: Store, start: datetime, end: datetime
) -> dict[date, StoreDay]:
    """store_day for every local day between start and end, read in one pass; a day on
    which nothing was handed out is missing."""
    zone = ZoneInfo(store.timezone)
    by_day: dict[date, list[dict[OrderStatus, datetime]]] = {}
    for marks in _first_marks(session, store, start, end).values():
        by_day.setdefault(marks[OrderStatus.ISSUED].astimezone(zone).date(), []).append(marks)
    return {day: _measure(store, group) for day, group in by_day.items()}


def _first_marks(
    session: Session, store: Store, start: datetime, end: datetime
) -> dict[int, dict[OrderStatus, datetime]]:
    """For each order handed out here between start and end: when it first reached each
    status."""
    issued = (
        select(OrderEvent.order_id)
        .join(Order, Order.id == OrderEvent.order_id)
        .where(
            Order.store_id == store.id,
            OrderEvent.to_status == OrderStatus.ISSUED,
            OrderEvent.at >= start,
            OrderEvent.at < end,
        )
    )
    events = session.execute(
        select(OrderEvent.order_id, OrderEvent.to_status, OrderEvent.at)
        .where(OrderEvent.order_id.in_(issued))
        .order_by(OrderEvent.id)
    ).all()
    first: dict[int, dict[OrderStatus, datetime]] = {}
    for order_id, status, at in events:
        first.setdefault(order_id, {}).setdefault(status, at)
    return first


def _measure(store: Store, orders: list[dict[OrderStatus, datetime]]) -> StoreDay:
    def between(a: OrderStatus, b: OrderStatus) -> list[float]:
        return [
            (marks[b] - marks[a]).total_seconds() for marks in orders if a in marks and b in marks
        ]

    total = between(OrderStatus.PAID, OrderStatus.ISSUED)
    return StoreDay(
        store=store,
        paid_to_issued=_span(total),
        paid_to_picking=_span(between(OrderStatus.PAID, OrderStatus.PICKING)),
        picking_to_ready=_span(between(OrderStatus.PICKING, OrderStatus.READY)),
        ready_to_issued=_span(between(OrderStatus.READY, OrderStatus.ISSUED)),
        within_promise=(
            sum(1 for t in total if t <= PROMISE.total_seconds()) / len(total) if total else None
        ),
    )
