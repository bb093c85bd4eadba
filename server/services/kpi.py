"""Today's times per store, from the transition records: the three-minute promise, measured."""

import statistics
from dataclasses import dataclass
from datetime import datetime, time, timedelta
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


def store_day(
    session: Session, store: Store, now: datetime, *, until: datetime | None = None
) -> StoreDay:
    """Orders handed out on now's local day (before `until`, if given), measured from
    their first payment."""
    zone = ZoneInfo(store.timezone)
    start = datetime.combine(now.astimezone(zone).date(), time(), zone)
    end = until or start + timedelta(days=1)
    issued_today = (
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
        .where(OrderEvent.order_id.in_(issued_today))
        .order_by(OrderEvent.id)
    ).all()
    first: dict[int, dict[OrderStatus, datetime]] = {}
    for order_id, status, at in events:
        first.setdefault(order_id, {}).setdefault(status, at)

    def between(a: OrderStatus, b: OrderStatus) -> list[float]:
        return [
            (marks[b] - marks[a]).total_seconds()
            for marks in first.values()
            if a in marks and b in marks
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
