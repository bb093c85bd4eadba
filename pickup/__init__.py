"""The pickup station: the clerk's screen at a pickup window (and at the cashier), on localhost."""

from typing import Any

from flask import Flask, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from common import i18n
from common.api_client import ApiError, ServerUnreachable
from common.device_app import api_client, card_reader, create_device_app, printer
from pickup import views_actions, views_lookup, views_screen, views_shift
from pickup.camera import start_camera
from pickup.config import DEFAULTS, check_config
from pickup.scans import LatestScans
from pickup.station import Shown, Station, init_app, station


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = create_device_app(__name__, DEFAULTS, test_config, printer_file="pickup-slips.bin")
    check_config(app)
    config = app.config
    init_app(
        app,
        Station(
            api=api_client(config),
            printer=printer(config),
            card_reader=card_reader(config),
            scans=config.get("SCANS_OBJECT") or LatestScans(config["DEDUPE_SECONDS"]),
        ),
    )
    for module in (views_screen, views_actions, views_lookup, views_shift):
        app.register_blueprint(module.bp)
    app.register_error_handler(ServerUnreachable, _offline)
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(404, _not_found)
    app.register_error_handler(413, _too_large)
    app.context_processor(_screen_context)
    if config.get("CAMERA_OBJECT") or str(config["CAMERA"]).strip().lower() not in ("", "none"):
        start_camera(app)
    return app


def _screen_context() -> dict[str, Any]:
    me = station().me or {}
    return {
        "lang": i18n.current_language(),
        "mode": views_screen.current_mode(),
        "device_name": me.get("name", ""),
        "window": me.get("window"),
        "clerk": me.get("clerk"),
        "store": me.get("store") or {},
        "poll_seq": station().scans.last_seq,
    }


def _red(message: str, status: int, *, offline: bool = False) -> ResponseReturnValue:
    shown = Shown(token="", code="", lang=i18n.current_language(), error="station")
    shown.message = message
    return views_screen.render_result(shown, offline=offline, status=status)


def _offline(_exc: ServerUnreachable) -> ResponseReturnValue:
    return _red(
        _("No connection to the server. Nothing was changed: scan again."), 503, offline=True
    )


def _api_error(exc: ApiError) -> ResponseReturnValue:
    return _red(exc.message, 409 if exc.status == 409 else 422)


def _not_found(_exc: Exception) -> ResponseReturnValue:
    return _red(_("This page does not exist."), 404)


def _too_large(_exc: Exception) -> ResponseReturnValue:
    # Flask refuses the body before any view sees it: a pasted novel, not a receipt.
    if request.path == "/scan":
        return _red(_("This is not a pickup code."), 413)
    return _red(_("The request is too large."), 413)
