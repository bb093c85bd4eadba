"""/staff/repairs: units taken in for repair, moved along their path by managers and clerks;
each change that matters is sent to the customer (server/services/repairs.py)."""

from datetime import date
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from common import form_values
from common.i18n import keep_language_choice
from server.clock import now
from server.db import get_session
from server.errors import DomainError, ErrorCode
from server.labels import Money
from server.models import RepairStatus, StaffRole
from server.screens.access import staff_role
from server.services import repair_photos, repairs
from server.services.repair_labels import REPAIR_STATUSES
from server.staff.labels import staff_actor

bp = Blueprint("staff_repairs", __name__, url_prefix="/staff")
bp.before_request(keep_language_choice)
STATUS_NAMES = {status.value: status for status in RepairStatus}


def _page(error: str | None = None, status: int = 200) -> ResponseReturnValue:
    wanted = STATUS_NAMES.get(request.args.get("status", ""))
    return render_template(
        "server/staff/repairs.html",
        repairs=repairs.listing(get_session(), status=wanted),
        moves=repairs.MOVES,
        labels=REPAIR_STATUSES,
        wanted=wanted,
        error=error,
        money=Money,
        staff=g.staff,
    ), status


@bp.get("/repairs")
@staff_role(StaffRole.MANAGER, StaffRole.CLERK)
def listing() -> ResponseReturnValue:
    return _page()


def _quote() -> int | None:
    """The service's price typed in roubles, in kopecks; None when not given or not a number."""
    try:
        typed = request.form.get("quote")
        return form_values.integer(typed, low=1, high=10_000_000, message="") * 100
    except form_values.BadValue:
        return None


@bp.post("/repairs/<number>/collection")
@staff_role(StaffRole.MANAGER, StaffRole.CLERK)
def collection(number: str) -> ResponseReturnValue:
    """The collection day agreed with the customer again (they called, the courier cannot)."""
    session = get_session()
    try:
        repair = repairs.find(session, number[:20], actor=staff_actor())
        day = _day(request.form.get("collect_on"))
        repairs.reschedule_collection(session, repair, day, actor=staff_actor(), now=now())
        session.commit()
    except DomainError as exc:
        session.rollback()
        return _page(error=str(exc.message), status=exc.status)
    return redirect(url_for("staff_repairs.listing"))


def _day(typed: str | None) -> date:
    try:
        return date.fromisoformat((typed or "").strip()[:10])
    except ValueError:
        raise DomainError(
            ErrorCode.REPAIR_INVALID, _("Choose the collection day on the calendar.")
        ) from None


@bp.post("/repairs/<number>/move")
@staff_role(StaffRole.MANAGER, StaffRole.CLERK)
def move(number: str) -> ResponseReturnValue:
    session = get_session()
    target = STATUS_NAMES.get(request.form.get("to", ""))
    note = form_values.text(request.form.get("note"), limit=300) or None
    try:
        repair = repairs.find(session, number[:20], actor=staff_actor())
        if target is None:
            raise DomainError(ErrorCode.REPAIR_INVALID, repairs.choose_status())
        repairs.move(
            session, repair, target, note=note, actor=staff_actor(), now=now(), quote_minor=_quote()
        )
        session.commit()
    except DomainError as exc:
        session.rollback()
        return _page(error=str(exc.message), status=exc.status)
    return redirect(url_for("staff_repairs.listing"))


@bp.get("/repairs/<number>/photos/<name>")
@staff_role(StaffRole.MANAGER, StaffRole.CLERK)
def photo(number: str, name: str) -> ResponseReturnValue:
    """A photo of a unit in repair: customer's property, so never public nor cached."""
    folder = Path(current_app.config["MEDIA_DIR"]) / "repairs"
    path = repair_photos.photo_file(get_session(), number[:20], name[:80], folder)
    if path is None:
        abort(404)
    answer = send_file(path, mimetype="image/jpeg", max_age=0)
    answer.headers["Cache-Control"] = "private, no-store"
    return answer
