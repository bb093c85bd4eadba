"""Stock counts in the console: choose a bin or a category, count blind, check, confirm."""

from flask import g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from common import form_values
from server.clock import now
from server.db import get_session
from server.errors import DomainError, ErrorCode
from server.models import StaffRole
from server.screens.access import staff_role
from server.services import counts
from server.services.catalog import list_categories
from server.staff.console import blueprint, field, picked_store, reach, rows

bp = blueprint("counts", __name__)
manager = staff_role(StaffRole.MANAGER)


def _start(error: str | None = None, status: int = 200) -> ResponseReturnValue:
    return render_template(
        "server/stock/count_start.html",
        stores=reach(),
        categories=list_categories(get_session()),
        error=error,
    ), status


@bp.get("/counts")
@manager
def start() -> ResponseReturnValue:
    return _start()


def _scope() -> counts.Scope:
    store = picked_store(reach())
    if store is None:
        raise DomainError(ErrorCode.UNKNOWN_STORE, _("Choose the store to count in."))
    return counts.scope(
        get_session(), store, bin_label=field("bin", 32), category=field("category", 40)
    )


def _sheet(
    what: counts.Scope, checked: counts.CountCheck | None = None, status: int = 200
) -> ResponseReturnValue:
    return render_template(
        "server/stock/count_sheet.html",
        what=what,
        rows=counts.sheet(get_session(), what),
        checked=checked,
        done=request.args.get("done") == "1",
    ), status


@bp.get("/counts/sheet")
@manager
def sheet() -> ResponseReturnValue:
    try:
        what = _scope()
    except DomainError as exc:
        return _start(error=str(exc.message), status=422)
    return _sheet(what)


@bp.post("/counts/sheet")
@manager
def submit() -> ResponseReturnValue:
    """Check shows the differences and keeps the figures seen; confirm sets them."""
    session = get_session()
    try:
        what = _scope()
    except DomainError as exc:
        return _start(error=str(exc.message), status=422)
    lines = rows(request.form, "sku", "found", "seen")
    found = {line["sku"]: line["found"] for line in lines}
    seen = {line["sku"]: line["seen"] for line in lines}
    if form_values.choice(field("action", 10), {"check", "confirm"}, default="check") == "check":
        checked = counts.check(session, what, found)
        return _sheet(what, checked, status=200 if checked.ok else 422)
    try:
        counts.confirm(session, what, found, seen, staff=g.staff, now=now())
        session.commit()
    except DomainError as exc:
        session.rollback()
        return _sheet(what, counts.check(session, what, found, seen), status=exc.status)
    category = what.category.code if what.category else ""
    done = url_for(
        "counts.sheet", store=what.store.code, bin=what.bin or "", category=category, done=1
    )
    return redirect(done)
