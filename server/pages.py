"""Pages for staff at the central server (the JSON API is in server/api)."""

from flask import Blueprint, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from common import form_values
from common.form_values import BadValue
from common.i18n import current_language, keep_language_choice
from server.clock import now
from server.db import get_session
from server.labels import status_label
from server.models import StoreKind
from server.notifications.staff import (
    CHANNEL_LABELS,
    STATUS_LABELS,
    outbox_counts,
    parked_messages,
    retry_parked,
)
from server.screens.access import staff_required
from server.services.catalog import list_stores
from server.services.kpi import PROMISE, store_day
from server.services.overview import store_overview

bp = Blueprint("pages", __name__)
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
@staff_required
def stats() -> str:
    session, moment = get_session(), now()
    days = [
        store_day(session, store, moment)
        for store in list_stores(session)
        if store.kind is StoreKind.CYBERMARKET
    ]
    return render_template(
        "server/stats.html", days=days, promise=PROMISE, lang=current_language(), staff=g.staff
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
@staff_required
def outbox() -> ResponseReturnValue:
    return _outbox_page()


@bp.post("/outbox/<message_id>/retry")
@staff_required
def retry_message(message_id: str) -> ResponseReturnValue:
    try:
        found = form_values.record_id(message_id)
    except BadValue as exc:
        return _outbox_page(error=str(exc.message), status=404)
    session = get_session()
    retry_parked(session, found, now=now())
    session.commit()
    return redirect(url_for("pages.outbox"))
