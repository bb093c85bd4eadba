"""The staff console's pages under /staff/ (the older ones live in server/pages.py).

Every view is guarded by ``staff_role``/``staff_required`` (server/screens/access.py), and
every staff POST that changes something writes an audit entry (server/services/audit.py);
``_audited`` checks the latter on every answer and, where AUDIT_STRICT is set (tests),
fails the request that forgot.
"""

import logging

from flask import Flask, Response, current_app, g, redirect, request, url_for
from flask.typing import ResponseReturnValue

from server.screens.access import may_open
from server.staff import (
    accounts,
    appeals,
    audit_log,
    categories,
    counts,
    customers,
    devices,
    imports,
    kpi,
    orders,
    products,
    receiving,
    repairs,
    reviews,
    search_terms,
    stock,
    stuck,
    transfers,
)

log = logging.getLogger(__name__)


def _root() -> ResponseReturnValue:
    return redirect(url_for("pages.index"))


def _audited(answer: Response) -> Response:
    if request.method != "POST" or g.get("staff") is None or answer.status_code >= 400:
        return answer
    if not g.get("audited"):
        message = f"staff POST {request.endpoint} wrote no audit entry"
        if current_app.config.get("AUDIT_STRICT"):
            raise AssertionError(message)
        log.warning(message)
    return answer


def _upload_limit() -> None:
    """Photo uploads may be larger than every other form (read before the CSRF check)."""
    if request.endpoint == "products.upload_photo":
        request.max_content_length = int(current_app.config["PHOTO_UPLOAD_MAX_BYTES"])


def limit_uploads(app: Flask) -> None:
    """Call before web_security.init_app: the upload limit must be set before CSRF reads."""
    app.before_request(_upload_limit)


def init_app(app: Flask) -> None:
    for module in (
        accounts,
        audit_log,
        products,
        categories,
        customers,
        reviews,
        stock,
        receiving,
        counts,
        transfers,
        devices,
        imports,
        search_terms,
        orders,
        kpi,
        stuck,
        appeals,
        repairs,
    ):
        app.register_blueprint(module.bp)
    app.add_url_rule("/", "root", _root)
    app.after_request(_audited)
    app.context_processor(lambda: {"may_open": may_open})
