"""The pickup station: the clerk's screen at a pickup window (and at the cashier), on localhost."""

from pathlib import Path
from typing import Any

from flask import Flask, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from htmx_flask import Htmx

from common import i18n
from common.api_client import ApiClient, ApiError, ServerUnreachable
from common.money import format_money
from hardware.card_reader import make_card_reader
from hardware.printers import make_printer
from pickup import views_actions, views_screen
from pickup.camera import start_camera
from pickup.config import load_config
from pickup.scans import LatestScans
from pickup.station import Shown, Station, init_app, station

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    load_config(app, test_config)
    Htmx(app)
    i18n.init_app(app)
    config = app.config
    init_app(
        app,
        Station(
            api=config.get("API_CLIENT") or ApiClient(config["SERVER_URL"], config["DEVICE_TOKEN"]),
            printer=config.get("PRINTER_OBJECT") or make_printer(config["PRINTER"]),
            card_reader=config.get("CARD_READER_OBJECT") or make_card_reader(config["CARD_READER"]),
            scans=config.get("SCANS_OBJECT") or LatestScans(config["DEDUPE_SECONDS"]),
        ),
    )
    for module in (views_screen, views_actions):
        app.register_blueprint(module.bp)
    app.register_error_handler(ServerUnreachable, _offline)
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(404, _not_found)
    app.register_error_handler(413, _too_large)
    app.context_processor(_screen_context)
    app.jinja_env.filters["money"] = lambda minor: format_money(minor, i18n.current_language())
    if config.get("CAMERA_OBJECT") or str(config["CAMERA"]).strip().lower() not in ("", "none"):
        start_camera(app)
    return app


def _screen_context() -> dict[str, Any]:
    me = station().me or {}
    return {
        "lang": i18n.current_language(),
        "mode": views_screen.current_mode(),
        "device_name": me.get("name", ""),
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
