"""The frame of every screen: attract screen, language, contrast, idle reset, server status."""

import contextlib
from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from htmx_flask import make_response, request
from werkzeug.exceptions import HTTPException

from common.api_client import ApiError, ServerUnreachable
from common.i18n import LANGUAGES, current_language
from common.redirects import safe_next
from terminal import cart, checkout, shopper
from terminal.kiosk import kiosk

bp = Blueprint("kiosk", __name__)

# Pages a terminal out of service still shows: the "closed" screen itself, and an order
# already being paid or placed (its shopper must see it through, receipt and all).
STAYS_OPEN = frozenset(
    {"kiosk.closed", "kiosk.status", "kiosk.favicon", "kiosk.reset", "static", "health"}
    | {"checkout.choose", "checkout.done"}
)


@bp.before_app_request
def closed_when_out_of_service() -> ResponseReturnValue | None:
    """Staff switched this terminal off, or its printer cannot print: no shopping here."""
    if request.method != "GET" or request.htmx or request.endpoint in STAYS_OPEN:
        return None
    if kiosk().service.out_of_service:
        return redirect(url_for("kiosk.closed"))
    return None


def _back() -> ResponseReturnValue:
    """Back to the page the shopper was on; a tampered ?next= must not send the kiosk elsewhere."""
    target = request.values.get("next") or request.referrer
    return redirect(safe_next(target, url_for("kiosk.attract"), host=request.host))


@bp.get("/")
def attract() -> str:
    return render_template("terminal/attract.html")


@bp.get("/favicon.ico")
def favicon() -> ResponseReturnValue:
    """Browsers ask for it whatever the page links; the kiosk's log stays free of 404s."""
    return redirect(url_for("static", filename="terminal-icon.svg"), code=301)


@bp.post("/lang/<code>")
def set_language(code: str) -> ResponseReturnValue:
    if code in LANGUAGES:
        session["lang"] = code
    return _back()


@bp.post("/contrast")
def toggle_contrast() -> ResponseReturnValue:
    session["contrast"] = not session.get("contrast", False)
    return _back()


@bp.post("/reset")
def reset() -> ResponseReturnValue:
    """Idle timeout or "start over": the next shopper finds an empty cart and nobody's
    name or bonuses."""
    shopper.forget(kiosk().api, lang=current_language())
    report = cart.abandon(kiosk().api)
    session.pop("contrast", None)
    session.pop("lang", None)
    if request.htmx:
        answer = make_response("", redirect=url_for("kiosk.attract"))
    else:
        answer = redirect(url_for("kiosk.attract"))
    # Told once the screen has its answer: a slow server never holds the next shopper up.
    answer.call_on_close(report)
    return answer


@bp.get("/closed")
def closed() -> ResponseReturnValue:
    """The polite screen of a terminal out of service, pointing to one that works."""
    if not kiosk().service.out_of_service:
        return redirect(url_for("kiosk.attract"))
    return render_template("terminal/closed.html", service=kiosk().service)


def _shown_endpoint() -> str | None:
    """The page the polling screen shows (htmx names it), as an endpoint."""
    url = request.headers.get("HX-Current-URL", "")
    try:
        endpoint, _args = current_app.url_map.bind("localhost").match(urlsplit(url).path)
    except HTTPException:
        return None
    return str(endpoint)


@bp.get("/status")
def status() -> ResponseReturnValue:
    """Polled by every screen: the banner shows while the server cannot be reached; the
    heartbeat rides on it, and its answer opens or closes this terminal."""
    try:
        with contextlib.suppress(ApiError):  # revoked: the heartbeat below closes the screen
            kiosk().refresh_identity(current_language())
        kiosk().beat()
        checkout.record_pending_payments(kiosk())
        online = True
    except ServerUnreachable:
        online = False
    shown = _shown_endpoint()
    out = kiosk().service.out_of_service
    if out and shown is not None and shown not in STAYS_OPEN:
        return make_response("", redirect=url_for("kiosk.closed"))
    if not out and shown == "kiosk.closed":
        return make_response("", redirect=url_for("kiosk.attract"))
    return render_template("terminal/_status.html", online=online)
