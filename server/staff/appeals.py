"""/staff/appeals: record a customer's complaint or question from any channel, answer and
close it with compensation (managers), and see the counts the chain is measured by."""

from flask import g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from common import form_values
from common.form_values import BadValue
from server.clock import now
from server.db import get_session
from server.errors import DomainError
from server.labels import Money
from server.models import AppealCategory, AppealChannel, StaffRole
from server.payments.provider import payment_provider
from server.screens.access import staff_role
from server.services import appeals as appeal_service
from server.services.actors import Actor
from server.services.bonus_rules import GOODWILL_MAX_POINTS
from server.staff.care_labels import APPEAL_CATEGORIES, APPEAL_CHANNELS, APPEAL_STATUSES
from server.staff.console import blueprint, field, status_of
from server.staff.labels import staff_actor

bp = blueprint("staff_appeals", __name__)

VIEWERS = (StaffRole.MANAGER, StaffRole.CLERK)
REFUND_MAX_RUB = 1_000_000
LABELS = {
    "categories": APPEAL_CATEGORIES,
    "channels": APPEAL_CHANNELS,
    "statuses": APPEAL_STATUSES,
    "money": Money,
}


def _list_page(*, error: str | None = None, status: int = 200) -> ResponseReturnValue:
    session, everything = get_session(), request.args.get("all") == "1"
    return render_template(
        "server/care/appeals.html",
        appeals=appeal_service.list_appeals(session, g.staff, unresolved=not everything),
        counts=appeal_service.appeal_counts(session, now=now()),
        everything=everything,
        error=error,
        now=now(),
        **LABELS,
    ), status


@bp.get("/appeals")
@staff_role(*VIEWERS)
def appeals() -> ResponseReturnValue:
    return _list_page()


@bp.post("/appeals")
@staff_role(*VIEWERS)
def record() -> ResponseReturnValue:
    session = get_session()
    form = request.form
    wanted = appeal_service.AppealIn(
        phone=field("phone", 40),
        category=AppealCategory(
            form_values.choice(form.get("category"), set(APPEAL_CATEGORIES), default="question")
        ),
        channel=AppealChannel(
            form_values.choice(form.get("channel"), set(APPEAL_CHANNELS), default="window")
        ),
        text=form_values.text(form.get("text"), limit=4000),
        order_number=field("order", 40),
        responsible=field("responsible", 60),
    )
    # The appeal belongs to the recorder's store unless its order names another.
    actor = Actor(name=staff_actor().name, store_id=g.staff.store_id)
    try:
        appeal = appeal_service.open_appeal(session, wanted, actor=actor, now=now())
        session.commit()
    except DomainError as exc:
        session.rollback()
        return _list_page(error=str(exc.message), status=exc.status)
    return redirect(url_for("staff_appeals.appeal", appeal_id=appeal.id))


def _page(appeal_id: str, *, error: str | None = None, status: int = 200) -> ResponseReturnValue:
    session = get_session()
    try:
        found = appeal_service.appeal_in_reach(session, g.staff, form_values.record_id(appeal_id))
    except (BadValue, DomainError):
        return render_template(
            "server/stock/missing.html", message=_l("There is no such appeal.")
        ), 404
    return render_template(
        "server/care/appeal.html",
        appeal=found,
        can_resolve=g.staff.role in (StaffRole.ADMIN, StaffRole.MANAGER),
        bonus_max=GOODWILL_MAX_POINTS // 100,
        error=error,
        now=now(),
        **LABELS,
    ), status


@bp.get("/appeals/<appeal_id>")
@staff_role(*VIEWERS)
def appeal(appeal_id: str) -> ResponseReturnValue:
    return _page(appeal_id)


def _roubles(name: str, most: int) -> int:
    raw = (request.form.get(name) or "").strip() or "0"
    return 100 * form_values.integer(
        raw,
        low=0,
        high=most,
        message=_l("Enter a whole number of roubles from 0 to %(most)s.", most=most),
    )


@bp.post("/appeals/<appeal_id>/resolve")
@staff_role(StaffRole.MANAGER)
def resolve(appeal_id: str) -> ResponseReturnValue:
    session = get_session()
    try:
        found = appeal_service.appeal_in_reach(session, g.staff, form_values.record_id(appeal_id))
        appeal_service.resolve_appeal(
            session,
            found,
            form_values.text(request.form.get("resolution"), limit=4000),
            bonus_minor=_roubles("bonus", GOODWILL_MAX_POINTS // 100),
            refund_minor=_roubles("refund", REFUND_MAX_RUB),
            provider=payment_provider(),
            actor=staff_actor(),
            now=now(),
        )
        session.commit()
    except (BadValue, DomainError) as exc:
        session.rollback()
        return _page(appeal_id, error=str(exc.message), status=status_of(exc))
    return redirect(url_for("staff_appeals.appeal", appeal_id=found.id))
