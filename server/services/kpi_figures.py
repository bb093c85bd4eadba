"""The KPI page's figures for one store and one local day, read from the database.

Every query is bounded by the day (or the 90 days before it, for retention) through an
index, so the page costs the same on a chain with a million orders as on a new one
(tests/perf/bench_kpi.py measures it). Figures with nothing to count are None.
"""

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.models import (
    AbandonedCart,
    Order,
    OrderEvent,
    OrderStatus,
    PaymentMethod,
    SearchMiss,
    Store,
)
from server.services import appeals, kpi
from server.services.access import ONLINE_PAYMENTS

RETENTION_DAYS = 90
RETENTION_NORM = 0.40  # the chain's norm: 40 % of customers buy again
TREND_DAYS = 14
BOUGHT = (OrderStatus.ISSUED, OrderStatus.PARTIALLY_ISSUED, OrderStatus.RETURNED)


@dataclass(frozen=True)
class DayFigures:
    store: Store
    day: date
    promise: kpi.StoreDay
    orders: int  # orders made here that day
    handed_out: int  # orders handed out in full here that day, however they were paid
    per_hour: list[int]  # of those, by the local hour they were made
    average_check_minor: int | None  # goods' value of the orders handed out in full
    buyout: float | None  # online orders collected, of those collected or expired that day
    online_closed: int
    retention: float | None  # customers of the last 90 days who bought twice or more
    customers: int
    searches_missed: int
    appeals: appeals.AppealCounts | None
    # Carts a terminal's idle reset (or "start over") cleared unbought, and their value.
    abandoned_carts: int = 0
    abandoned_minor: int = 0


def day_bounds(store: Store, day: date) -> tuple[datetime, datetime]:
    zone = ZoneInfo(store.timezone)
    start = datetime.combine(day, time(), zone)
    return start, start + timedelta(days=1)


def local_day(store: Store, moment: datetime) -> date:
    return moment.astimezone(ZoneInfo(store.timezone)).date()


def figures(session: Session, store: Store, day: date) -> DayFigures:
    """The store's figures for its local day. Raises no domain error."""
    return with_context(session, window(session, store, day, day)[0])


def with_context(session: Session, one: DayFigures) -> DayFigures:
    """The day's figures with retention and appeals added. Raises no domain error."""
    _, end = day_bounds(one.store, one.day)
    buyers = _buyers(session, one.store, end)
    return with_appeals(
        session,
        replace(
            one,
            retention=sum(1 for n in buyers if n >= 2) / len(buyers) if buyers else None,
            customers=len(buyers),
        ),
    )


def with_appeals(session: Session, one: DayFigures) -> DayFigures:
    """The day's figures with the chain's appeal counts at its end. No error."""
    _, end = day_bounds(one.store, one.day)
    return replace(one, appeals=appeals.appeal_counts(session, now=end))


def window(session: Session, store: Store, first: date, last: date) -> list[DayFigures]:
    """The figures of each local day from first to last, read in one pass over the
    window, without retention and appeals (they look back over months, not at a day).
    Raises no domain error."""
    start, _ = day_bounds(store, first)
    _, end = day_bounds(store, last)
    zone = ZoneInfo(store.timezone)
    made: dict[date, list[int]] = {}
    for at in _made(session, store, start, end):
        local = at.astimezone(zone)
        made.setdefault(local.date(), []).append(local.hour)
    closed: dict[date, list[tuple[OrderStatus, int, PaymentMethod]]] = {}
    for status, value, method, at in session.execute(
        select(
            OrderEvent.to_status,
            Order.total_minor + Order.bonus_minor,
            Order.payment_method,
            OrderEvent.at,
        )
        .join(Order, Order.id == OrderEvent.order_id)
        .where(
            Order.store_id == store.id,
            OrderEvent.at >= start,
            OrderEvent.at < end,
            OrderEvent.to_status.in_((OrderStatus.ISSUED, OrderStatus.EXPIRED)),
            OrderEvent.from_status != OrderEvent.to_status,
        )
    ):
        closed.setdefault(at.astimezone(zone).date(), []).append((status, value, method))
    missed = Counter(
        at.astimezone(zone).date()
        for at in session.scalars(
            select(SearchMiss.at).where(
                SearchMiss.store_id == store.id, SearchMiss.at >= start, SearchMiss.at < end
            )
        )
    )
    abandoned = _abandoned(session, store, start, end)
    spans = kpi.store_days(session, store, start, end)
    every = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [
        replace(
            _day(store, one, made.get(one, []), closed.get(one, []), missed[one], spans.get(one)),
            abandoned_carts=len(abandoned.get(one, [])),
            abandoned_minor=sum(abandoned.get(one, [])),
        )
        for one in every
    ]


def _day(
    store: Store,
    day: date,
    hours: list[int],
    closed: list[tuple[OrderStatus, int, PaymentMethod]],
    missed: int,
    promise: kpi.StoreDay | None,
) -> DayFigures:
    checks = [value for status, value, _method in closed if status is OrderStatus.ISSUED]
    online = [status for status, _value, method in closed if method in ONLINE_PAYMENTS]
    collected = sum(1 for status in online if status is OrderStatus.ISSUED)
    per_hour = Counter(hours)
    return DayFigures(
        store=store,
        day=day,
        promise=promise or kpi.nothing_measured(store),
        orders=len(hours),
        per_hour=[per_hour.get(hour, 0) for hour in range(24)],
        handed_out=len(checks),
        average_check_minor=round(sum(checks) / len(checks)) if checks else None,
        buyout=collected / len(online) if online else None,
        online_closed=len(online),
        retention=None,
        customers=0,
        searches_missed=missed,
        appeals=None,
    )


def _made(session: Session, store: Store, start: datetime, end: datetime) -> list[datetime]:
    """When each order made here between start and end was made (index on store, time)."""
    return list(
        session.scalars(
            select(Order.created_at).where(
                Order.store_id == store.id, Order.created_at >= start, Order.created_at < end
            )
        )
    )


def _abandoned(
    session: Session, store: Store, start: datetime, end: datetime
) -> dict[date, list[int]]:
    """The value of each cart cleared unbought here, by local day (index on store, time)."""
    zone = ZoneInfo(store.timezone)
    by_day: dict[date, list[int]] = {}
    for at, value in session.execute(
        select(AbandonedCart.at, AbandonedCart.value_minor).where(
            AbandonedCart.store_id == store.id, AbandonedCart.at >= start, AbandonedCart.at < end
        )
    ):
        by_day.setdefault(at.astimezone(zone).date(), []).append(value)
    return by_day


def _buyers(session: Session, store: Store, end: datetime) -> list[int]:
    """How many purchases each customer of the store made in the 90 days up to `end`."""
    return list(
        session.scalars(
            select(func.count(Order.id))
            .where(
                Order.store_id == store.id,
                Order.created_at >= end - timedelta(days=RETENTION_DAYS),
                Order.created_at < end,
                Order.customer_id.is_not(None),
                Order.status.in_(BOUGHT),
            )
            .group_by(Order.customer_id)
        )
    )
