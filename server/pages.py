"""Pages for staff at the central server (the JSON API is in server/api)."""

from datetime import timedelta

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from common import form_values
from common.form_values import BadValue
from common.i18n import current_language, keep_language_choice
from server.clock import now
from server.db import get_session
from server.labels import Money, status_label
from server.models import RefundState, StaffRole, StoreKind
from server.notifications.staff import (
    CHANNEL_LABELS,
    STATUS_LABELS,
    outbox_counts,
    parked_messages,
    retry_parked,
)
from server.payments.late import late_payments
from server.screens.access import staff_required, staff_role
from server.search.misses import forget_misses, frequent_misses
from server.search.terms import taught_terms, teaching_choices
from server.services import aftercare_kpi, audit
from server.services.catalog import list_stores
from server.services.kpi import PROMISE, store_day
from server.services.overview import store_overview

bp = Blueprint("pages", __name__, url_prefix="/staff")
bp.before_request(keep_language_choice)


@bp.get("/")
@staff_required
def index() -> str:
    return render_template(
        "server/index.html",
        overview=store_overview(get_session()),
        lang=current_language(),
        labels=status_label,
        kinds={"cybermarket": _("cybermarket"), "outpost": _("outpost")},
        staff=g.staff,
    )


@bp.get("/stats")
@staff_role(StaffRole.MANAGER)
def stats() -> str:
    session, moment = get_session(), now()
    days = [
        store_day(session, store, moment)
        for store in list_stores(session)
        if store.kind is StoreKind.CYBERMARKET
    ]
    return render_template(
        "server/stats.html",
        days=days,
        promise=PROMISE,
        aftercare=aftercare_kpi.figures(session, moment),
        lang=current_language(),
        staff=g.staff,
    )


def _outbox_page(error: str | None = None, status: int = 200) -> ResponseReturnValue:
    session = get_session()
    return render_template(
        "server/outbox.html",
        counts=outbox_counts(session),
        parked=parked_messages(session),
        outbox_labels=STATUS_LABELS,
        channel_labels=CHANNEL_LABELS,
        staff=g.staff,
        error=error,
    ), status


@bp.get("/outbox")
@staff_role(StaffRole.MANAGER)
def outbox() -> ResponseReturnValue:
    return _outbox_page()


@bp.post("/outbox/<message_id>/retry")
@staff_role(StaffRole.MANAGER)
def retry_message(message_id: str) -> ResponseReturnValue:
    try:
        found = form_values.record_id(message_id)
    except BadValue as exc:
        return _outbox_page(error=str(exc.message), status=404)
    session = get_session()
    retry_parked(session, found, now=now())
    audit.record(session, g.staff, "outbox_retry", f"message {found}")
    session.commit()
    return redirect(url_for("pages.outbox"))


LATE_REASONS = {
    "order_expired": _l("the order had expired"),
    "order_cancelled": _l("the order was cancelled"),
    "already_paid": _l("the order was already paid"),
    "amount_mismatch": _l("the amount was not the amount due"),
    "invalid_transition": _l("the order was already handed out or returned"),
}
REFUND_STATES = {
    RefundState.REFUNDED: _l("refunded"),
    RefundState.BY_HAND: _l("refund it in the provider's dashboard"),
    RefundState.FAILED: _l("the provider refused the refund"),
}


@bp.get("/late-payments")
@staff_role(StaffRole.MANAGER)
def late_payments_page() -> str:
    """Money that came for orders that could no longer take it, and where its refund is."""
    return render_template(
        "server/late_payments.html",
        payments=late_payments(get_session()),
        reasons=LATE_REASONS,
        states=REFUND_STATES,
        money=Money,
        staff=g.staff,
    )


MISSES_DAYS = 30


@bp.get("/search-misses")
@staff_role(StaffRole.MANAGER)
def search_misses_page() -> str:
    """What shoppers searched for and found nothing, most frequent first: words to teach."""
    return render_misses()


def render_misses(error: str | None = None, form: dict[str, str] | None = None) -> str:
    """The misses page; with the teaching form's refusal and what was typed, after a bad form."""
    session = get_session()
    since = now() - timedelta(days=MISSES_DAYS)
    return render_template(
        "server/search_misses.html",
        misses=frequent_misses(session, since=since),
        days=MISSES_DAYS,
        staff=g.staff,
        teaching=teaching_choices(session, current_language()),
        taught=taught_terms(session)[:50],
        error=error,
        form=form or {},
    )


@bp.post("/search-misses/forget")
@staff_role(StaffRole.MANAGER)
def forget_search_miss() -> ResponseReturnValue:
    session = get_session()
    query = form_values.text(request.form.get("query"))
    forget_misses(session, query)
    audit.record(session, g.staff, "search_miss_forget", query)
    session.commit()
    return redirect(url_for("pages.search_misses_page"))
