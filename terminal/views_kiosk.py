"""The frame of every screen: attract screen, language, contrast, idle reset, server status."""

from urllib.parse import urlparse

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from htmx_flask import make_response

from common.api_client import ServerUnreachable
from common.i18n import LANGUAGES, current_language
from terminal import cart
from terminal.kiosk import kiosk

bp = Blueprint("kiosk", __name__)


def _safe_next(default: str) -> str:
    """Only paths on this terminal: a tampered ?next= must not send the kiosk elsewhere."""
    target = request.values.get("next") or request.referrer or default
    parsed = urlparse(target)
    path = parsed.path or default
    if not path.startswith("/") or path.startswith("//"):
        return default
    return path + (f"?{parsed.query}" if parsed.query else "")


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
    return redirect(_safe_next(url_for("kiosk.attract")))


@bp.post("/contrast")
def toggle_contrast() -> ResponseReturnValue:
    session["contrast"] = not session.get("contrast", False)
    return redirect(_safe_next(url_for("kiosk.attract")))


@bp.post("/reset")
def reset() -> ResponseReturnValue:
    """Idle timeout or "start over": the next shopper finds an empty cart."""
    cart.clear()
    session.pop("contrast", None)
    session.pop("lang", None)
    if request.headers.get("HX-Request"):
        return make_response("", redirect=url_for("kiosk.attract"))
    return redirect(url_for("kiosk.attract"))


@bp.get("/status")
def status() -> ResponseReturnValue:
    """Polled by every screen: the banner shows while the server cannot be reached."""
    try:
        kiosk().api.get("/device", lang=current_language())
        online = True
    except ServerUnreachable:
        online = False
    return render_template("terminal/_status.html", online=online)
