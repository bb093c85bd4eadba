"""Pages for staff at the central server (the JSON API is in server/api)."""

from flask import Blueprint, g, render_template
from flask_babel import gettext as _

from common.i18n import current_language
from server.clock import now
from server.db import get_session
from server.labels import status_label
from server.models import StoreKind
from server.screens.access import staff_required
from server.services.catalog import list_stores
from server.services.kpi import PROMISE, store_day
from server.services.overview import store_overview

bp = Blueprint("pages", __name__)


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
