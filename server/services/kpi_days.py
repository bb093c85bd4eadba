"""Closed days' KPI figures kept per store (kpi_days), so the KPI page and its CSV read
past days from one small table and compute only today from the orders.

The worker writes each cybermarket's rows for the KEEP_DAYS days before today (since its
first order) that have none: a closed day's events no longer change. Two workers racing
write one row (the unique key). A day without its row yet is computed on the spot.
"""

from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from server.models import KpiDay, Order, Store, StoreKind
from server.services import kpi, kpi_figures
from server.services.kpi_figures import DayFigures

KEEP_DAYS = 400  # filled back this far (a year and more); older days are computed on asking
FILL_AT_ONCE = 10  # rows per worker pass (~0.3 s each on a million orders): a first
# backfill never holds up the worker's other work for long


def fill_closed_days(
    session: Session, *, now: datetime, limit: int = FILL_AT_ONCE, keep: int = KEEP_DAYS
) -> int:
    """Write the missing rows of the `keep` closed days before today, at most `limit`; how
    many. Raises nothing."""
    written = 0
    stores = session.scalars(select(Store).where(Store.kind == StoreKind.CYBERMARKET))
    for store in list(stores):
        today = kpi_figures.local_day(store, now)
        have = set(
            session.scalars(
                select(KpiDay.day).where(
                    KpiDay.store_id == store.id, KpiDay.day >= today - timedelta(days=keep)
                )
            )
        )
        since = session.scalar(select(func.min(Order.created_at)).where(Order.store_id == store.id))
        if since is None:
            continue  # nothing to count yet
        first = max(today - timedelta(days=keep), kpi_figures.local_day(store, since))
        for back in range(1, (today - first).days + 1):
            day = today - timedelta(days=back)
            if day in have:
                continue
            if written >= limit:
                return written
            one = kpi_figures.with_context(session, kpi_figures.window(session, store, day, day)[0])
            written += _insert(session, store, day, _to_row(one), now)
    return written


def days(session: Session, store: Store, day: date, *, now: datetime) -> list[DayFigures]:
    """The TREND_DAYS days up to `day`, oldest first: kept rows where there are, the rest
    (today, a day not yet kept) computed now; the last one has its context. No error."""
    first = day - timedelta(days=kpi_figures.TREND_DAYS - 1)
    kept = {
        row.day: row.figures
        for row in session.scalars(
            select(KpiDay).where(KpiDay.store_id == store.id, KpiDay.day.between(first, day))
        )
    }
    today = kpi_figures.local_day(store, now)
    every = [first + timedelta(days=n) for n in range(kpi_figures.TREND_DAYS)]
    result: list[DayFigures] = []
    for one in every:
        if one in kept and one < today:
            result.append(_from_row(store, one, kept[one]))
        else:
            result.append(kpi_figures.window(session, store, one, one)[0])
    last = result[-1]
    result[-1] = (
        kpi_figures.with_appeals(session, last)
        if day in kept and day < today
        else kpi_figures.with_context(session, last)
    )
    return result


def _insert(session: Session, store: Store, day: date, row: dict[str, Any], now: datetime) -> int:
    table = cast(Table, KpiDay.__table__)
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    written = session.scalar(  # RETURNING: psycopg counts no rows for ON CONFLICT inserts
        insert(table)
        .values(store_id=store.id, day=day, figures=row, computed_at=now)
        .on_conflict_do_nothing(index_elements=["store_id", "day"])
        .returning(table.c.id)
    )
    return 0 if written is None else 1


def _to_row(one: DayFigures) -> dict[str, Any]:
    span = one.promise.paid_to_issued
    return {
        "orders": one.orders,
        "per_hour": one.per_hour,
        "handed_out": one.handed_out,
        "average_check_minor": one.average_check_minor,
        "buyout": one.buyout,
        "online_closed": one.online_closed,
        "retention": one.retention,
        "customers": one.customers,
        "searches_missed": one.searches_missed,
        "abandoned_carts": one.abandoned_carts,
        "abandoned_minor": one.abandoned_minor,
        "measured": span.count,
        "median_seconds": None if span.median is None else span.median.total_seconds(),
        "p90_seconds": None if span.p90 is None else span.p90.total_seconds(),
        "within_promise": one.promise.within_promise,
    }


def _from_row(store: Store, day: date, row: dict[str, Any]) -> DayFigures:
    def seconds(name: str) -> timedelta | None:
        value = row.get(name)
        return None if value is None else timedelta(seconds=value)

    span = kpi.Span(row["measured"], seconds("median_seconds"), seconds("p90_seconds"))
    empty = kpi.nothing_measured(store)
    return DayFigures(
        store=store,
        day=day,
        promise=kpi.StoreDay(
            store=store,
            paid_to_issued=span,
            paid_to_picking=empty.paid_to_picking,
            picking_to_ready=empty.picking_to_ready,
            ready_to_issued=empty.ready_to_issued,
            within_promise=row["within_promise"],
        ),
        orders=row["orders"],
        per_hour=list(row["per_hour"]),
        handed_out=row["handed_out"],
        average_check_minor=row["average_check_minor"],
        buyout=row["buyout"],
        online_closed=row["online_closed"],
        retention=row["retention"],
        customers=row["customers"],
        searches_missed=row["searches_missed"],
        appeals=None,
        # Rows kept before carts were reported have none: none were counted then.
        abandoned_carts=row.get("abandoned_carts", 0),
        abandoned_minor=row.get("abandoned_minor", 0),
    )
