"""Goods receiving in the console: type a delivery note, check it, confirm it, look it up."""

from flask import g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from common import form_values
from common.form_values import BadValue
from server.clock import now
from server.db import get_session
from server.errors import DomainError
from server.models import StaffRole
from server.screens.access import staff_role
from server.services import receiving
from server.staff.console import blueprint, field, missing, picked_store, reach, rows

bp = blueprint("receiving", __name__)
desk = staff_role(StaffRole.MANAGER, StaffRole.CLERK)
BLANK_LINES = 5
COLUMNS = ("sku", "expected", "received", "bin")


def _page(
    typed: list[receiving.LineInput],
    checked: receiving.CheckedNote | None = None,
    error: str | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    stores = reach()
    return render_template(
        "server/stock/receiving.html",
        stores=stores,
        store=picked_store(stores),
        number=field("number", 64),
        supplier=field("supplier"),
        typed=typed,
        checked=checked,
        error=error,
        notes=receiving.recent_notes(get_session(), stores),
    ), status


@bp.get("/receiving")
@desk
def new() -> ResponseReturnValue:
    return _page([receiving.LineInput() for _n in range(BLANK_LINES)])


@bp.post("/receiving")
@desk
def submit() -> ResponseReturnValue:
    """One form, three buttons: more lines, check the note, confirm it."""
    typed = [receiving.LineInput(**line) for line in rows(request.form, *COLUMNS)]
    action = form_values.choice(field("action", 10), {"more", "check", "confirm"}, default="check")
    if action == "more":
        return _page(typed + [receiving.LineInput() for _n in range(BLANK_LINES)])
    store = picked_store(reach())
    if store is None:
        return _page(typed, error=_("Choose the store that receives the goods."), status=422)
    session = get_session()
    checked = receiving.check(session, store, field("number", 64).upper(), field("supplier"), typed)
    if action == "check" or not checked.ok:
        return _page(typed, checked, status=200 if checked.ok else 422)
    try:
        note = receiving.receive(session, checked, staff=g.staff, now=now())
        session.commit()
    except DomainError as exc:
        session.rollback()
        return _page(typed, checked, error=str(exc.message), status=exc.status)
    return redirect(url_for("receiving.note", note_id=note.id))


@bp.get("/receiving/<note_id>")
@desk
def note(note_id: str) -> ResponseReturnValue:
    try:
        found = receiving.get_note(get_session(), reach(), form_values.record_id(note_id))
    except (DomainError, BadValue) as exc:
        return missing(exc.message)
    return render_template("server/stock/note.html", note=found)
