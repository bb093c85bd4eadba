"""The audit of staff actions (admin): who did what, when and from where, with filters."""

from datetime import date, datetime, time, timedelta

from flask import Blueprint, g, render_template, request
from flask_babel import get_timezone
from flask_babel import lazy_gettext as _l

from common import form_values
from common.i18n import keep_language_choice
from server.db import get_session
from server.models import StaffRole
from server.screens.access import staff_role
from server.services import audit
from server.staff.forms import guard

ACTION_LABELS = {
    "sign_in": _l("signed in"),
    "sign_in_failed": _l("failed to sign in"),
    "sign_out": _l("signed out"),
    "own_password": _l("changed own password"),
    "staff_create": _l("created a staff account"),
    "staff_role": _l("changed role or store"),
    "staff_password_reset": _l("set a new password"),
    "staff_activate": _l("switched an account on"),
    "staff_deactivate": _l("switched an account off"),
    "staff_pin": _l("set a PIN"),
    "picker_on_shift": _l("started picking at a screen"),
    "product_create": _l("created a product"),
    "product_edit": _l("edited a product"),
    "photo_add": _l("added a photo"),
    "photo_remove": _l("removed a photo"),
    "category_create": _l("created a category"),
    "category_edit": _l("edited a category"),
    "outbox_retry": _l("sent a message again"),
    "search_miss_forget": _l("took a search off the list"),
}

bp = Blueprint("audit", __name__, url_prefix="/staff")
bp.before_request(keep_language_choice)
guard(bp)


def _day(raw: str | None) -> date | None:
    try:
        return date.fromisoformat((raw or "").strip()[:10])
    except ValueError:
        return None


def _start_of(day: date) -> datetime:
    """Midnight of that day in the chain's time zone."""
    return datetime.combine(day, time(), tzinfo=get_timezone())


@bp.get("/audit")
@staff_role(StaffRole.ADMIN)
def audit_page() -> str:
    args = request.args
    since, until = _day(args.get("from")), _day(args.get("to"))
    wanted = audit.AuditFilter(
        username=form_values.text(args.get("who"), limit=60),
        action=form_values.text(args.get("action"), limit=40),
        since=_start_of(since) if since else None,
        until=_start_of(until + timedelta(days=1)) if until else None,
        page=form_values.counter(args.get("page")) % 100_000,
    )
    session = get_session()
    found, more = audit.entries(session, wanted)
    return render_template(
        "server/staff/audit.html",
        entries=found,
        more=more,
        wanted=wanted,
        since=since,
        until=until,
        actions=audit.actions_seen(session),
        labels=ACTION_LABELS,
        staff=g.staff,
    )
