"""/staff/kpi: one store's figures for one day (the promise, orders per hour, the average
check, buyout, retention, appeals, searches that found nothing, carts abandoned at
terminals), a 14-day chart, and the same as CSV."""

import csv
import io
from datetime import date

from flask import Response, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from server.clock import now
from server.db import get_session
from server.errors import DomainError, ErrorCode
from server.labels import Money
from server.models import StaffRole, Store
from server.screens.access import staff_role
from server.services import kpi_days, kpi_figures
from server.services.kpi import PROMISE
from server.staff.console import blueprint, picked_store, reach

bp = blueprint("staff_kpi", __name__)

FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
CSV_COLUMNS = (
    "store",
    "day",
    "orders",
    "handed_out",
    "median_seconds",
    "p90_seconds",
    "within_promise",
    "average_check_rub",
    "buyout",
    "searches_missed",
    "abandoned_carts",
    "abandoned_rub",
)


def _chosen() -> tuple[Store, date]:
    """The store (in reach) and day asked for: by default the first store and its today.

    Raises UNKNOWN_STORE (also for a store out of reach), VALIDATION_ERROR (not a day)."""
    stores = reach()
    store = picked_store(stores) if request.args.get("store") else next(iter(stores), None)
    if store is None:
        raise DomainError(ErrorCode.UNKNOWN_STORE, _l("There is no such store."))
    raw = request.args.get("day", "")[:40]
    if not raw:
        return store, kpi_figures.local_day(store, now())
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        day = None
    if day is None or not FIRST_DAY <= day <= LAST_DAY:  # nor a day no chain has lived
        raise DomainError(
            ErrorCode.VALIDATION_ERROR,
            _l("Choose a day as year-month-day, for example 2026-12-08."),
        )
    return store, day


def _refused(exc: DomainError) -> ResponseReturnValue:
    status = 404 if exc.code is ErrorCode.UNKNOWN_STORE else exc.status
    return render_template("server/stock/missing.html", message=exc.message), status


@bp.get("/kpi")
@staff_role(StaffRole.MANAGER)
def page() -> ResponseReturnValue:
    try:
        store, day = _chosen()
    except DomainError as exc:
        return _refused(exc)
    session = get_session()
    trend = kpi_days.days(session, store, day, now=now())
    return render_template(
        "server/kpi.html",
        stores=reach(),
        figures=trend[-1],
        trend=[one.orders for one in trend],
        trend_labels=[one.day.strftime("%d.%m") for one in trend],
        promise=PROMISE,
        norm=kpi_figures.RETENTION_NORM,
        money=Money,
    )


@bp.get("/kpi.csv")
@staff_role(StaffRole.MANAGER)
def export() -> ResponseReturnValue:
    try:
        store, day = _chosen()
    except DomainError as exc:
        return _refused(exc)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for one in kpi_days.days(get_session(), store, day, now=now()):
        span = one.promise.paid_to_issued
        writer.writerow(
            [
                store.code,
                one.day.isoformat(),
                one.orders,
                one.handed_out,
                "" if span.median is None else round(span.median.total_seconds()),
                "" if span.p90 is None else round(span.p90.total_seconds()),
                "" if one.promise.within_promise is None else round(one.promise.within_promise, 3),
                "" if one.average_check_minor is None else f"{one.average_check_minor / 100:.2f}",
                "" if one.buyout is None else round(one.buyout, 3),
                one.searches_missed,
                one.abandoned_carts,
                f"{one.abandoned_minor / 100:.2f}",
            ]
        )
    filename = f"kpi-{store.code}-{day.isoformat()}.csv"
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
