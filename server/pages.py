"""Pages for people at the central server (the JSON API is in server/api)."""

from flask import Blueprint, render_template

from common.i18n import current_language
from server.db import get_session
from server.labels import status_label
from server.services.overview import store_overview

bp = Blueprint("pages", __name__)


@bp.get("/")
def index() -> str:
    from flask_babel import gettext as _

    return render_template(
        "server/index.html",
        overview=store_overview(get_session()),
        lang=current_language(),
        labels=status_label,
        kinds={"cybermarket": _("cybermarket"), "outpost": _("outpost")},
    )
