"""The clerk's screen: the scan box, the result panel, new camera scans, language, mode, status."""

import contextlib

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from common import form_values
from common.api_client import ApiError, ServerUnreachable
from common.i18n import LANGUAGES, current_language
from common.redirects import safe_next
from common.screens import page_or_partial
from pickup import desk
from pickup.config import MODES
from pickup.scans import looks_like_order_number
from pickup.station import Shown, station

bp = Blueprint("screen", __name__)


def render_result(
    shown: Shown | None,
    *,
    notice: str | None = None,
    offline: bool = False,
    poll_after: int | None = None,
    ask_number: str | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    """The result panel for htmx, the whole screen around it otherwise."""
    return page_or_partial(
        "pickup/screen.html",
        "pickup/_result.html",
        status=status,
        shown=shown,
        notice=notice,
        offline=offline,
        poll_after=poll_after,
        ask_number=ask_number,
    )


def offline_result(code: str, *, poll_after: int | None = None) -> ResponseReturnValue:
    # Nothing reached the server: the same code must count again as soon as it is rescanned.
    station().scans.forget(code)
    shown = Shown(token="", code=code, lang=current_language(), error="offline")
    shown.message = _("No connection to the server. Nothing was changed: scan again.")
    return render_result(shown, offline=True, poll_after=poll_after, status=503)


def _lookup(code: str, *, poll_after: int | None = None) -> ResponseReturnValue:
    try:
        shown = desk.lookup(station(), code, lang=current_language())
    except ServerUnreachable:
        return offline_result(code, poll_after=poll_after)
    return render_result(shown, poll_after=poll_after)


@bp.get("/")
def screen() -> str:
    # The bar names the store and this device; a station that cannot ask still opens.
    with contextlib.suppress(ServerUnreachable, ApiError):
        station().identity(current_language())
    return render_template("pickup/screen.html", shown=station().latest())


@bp.post("/scan")
def scan() -> ResponseReturnValue:
    """A code typed by the USB scanner (keyboard mode) or by the clerk, then Enter."""
    scanned = station().scans.push(request.form.get("code", ""), "keyboard")
    if scanned is None:
        return "", 204  # empty, or the same code again within seconds: the panel stays
    if looks_like_order_number(scanned.code):
        # The number alone opens nothing: the customer confirms first (views_lookup).
        return render_result(None, ask_number=scanned.code.upper())
    return _lookup(scanned.code)


@bp.get("/scans/latest")
def latest_scan() -> ResponseReturnValue:
    """Polled several times a second: the newest camera scan, or 204 when there is none."""
    seq = form_values.counter(request.args.get("after"))  # anything odd: from the start
    scanned = station().scans.newest_after(seq)
    if scanned is None:
        return "", 204
    return _lookup(scanned.code, poll_after=scanned.seq)


@bp.get("/status")
def status() -> ResponseReturnValue:
    """Polled by the screen: the banner shows while the server cannot be reached."""
    online, problem = False, None
    try:
        station().refresh_identity(current_language())
        station().beat()  # the heartbeat rides on the poll (see common/heartbeat.py)
        online = True
    except ServerUnreachable:
        pass  # the banner's own sentence says it
    except ApiError as exc:
        problem = exc.message  # a revoked token, say: the server answers but refuses this station
    return render_template(
        "pickup/_status.html", online=online, problem=problem, service=station().service
    )


def _back() -> ResponseReturnValue:
    """Back to the screen; a tampered ?next= must not send the kiosk elsewhere."""
    return redirect(safe_next(request.values.get("next"), url_for("screen.screen")))


@bp.post("/lang/<code>")
def set_language(code: str) -> ResponseReturnValue:
    if code in LANGUAGES:
        session["lang"] = code
    return _back()


@bp.post("/mode/<mode>")
def set_mode(mode: str) -> ResponseReturnValue:
    """Window or cashier: the same station takes payments when it works as a cashier."""
    if mode in MODES:
        session["mode"] = mode
    return _back()


def current_mode() -> str:
    mode = session.get("mode")
    return mode if mode in MODES else current_app.config["STATION_MODE"]
