"""The frame of every screen: attract screen, language, contrast, idle reset, server status."""

from flask import Blueprint, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from htmx_flask import make_response, request

from common.api_client import ServerUnreachable
from common.i18n import LANGUAGES, current_language
from common.redirects import safe_next
from terminal import cart, shopper
from terminal.kiosk import kiosk

bp = Blueprint("kiosk", __name__)


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
    cart.clear()
    session.pop("contrast", None)
    session.pop("lang", None)
    if request.htmx:
        return make_response("", redirect=url_for("kiosk.attract"))
    return redirect(url_for("kiosk.attract"))


@bp.get("/status")
def status() -> ResponseReturnValue:
    """Polled by every screen: the banner shows while the server cannot be reached."""
    try:
        kiosk().refresh_identity(current_language())
        online = True
    except ServerUnreachable:
        online = False
    return render_template("terminal/_status.html", online=online)
