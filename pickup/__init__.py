"""The pickup station: the clerk's screen at a pickup window (and at the cashier), on localhost."""

from typing import Any

from flask import Flask, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from common import device_health, i18n
from common.device_app import api_client, card_reader, create_device_app, heartbeat, printer
from common.screens import ErrorSentences, init_error_pages
from pickup import photos, views_actions, views_card, views_lookup, views_screen, views_shift
from pickup.camera import start_camera
from pickup.config import DEFAULTS, check_config
from pickup.scans import LatestScans
from pickup.station import Shown, Station, init_app, station


def _too_large() -> str:
    # Flask refuses the body before any view sees it: a pasted novel, not a receipt.
    if request.path == "/scan":
        return str(_l("This is not a pickup code."))
    if request.endpoint == "actions.repair_photo":
        return str(_l("This picture is too large: choose one of at most 12 MB."))
    return str(_l("The request is too large."))


ERRORS = ErrorSentences(
    offline=_l("No connection to the server. Nothing was changed: scan again."),
    not_found=_l("This page does not exist."),
    too_large=_too_large,
)


def _photo_limit() -> None:
    """A photo of a unit in repair may be larger than any other form; set before the CSRF
    check reads the form, hence first among the hooks."""
    if request.endpoint == "actions.repair_photo":
        request.max_content_length = photos.MAX_UPLOAD_BYTES


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
            heartbeat=heartbeat(config),
            scans=config.get("SCANS_OBJECT") or LatestScans(config["DEDUPE_SECONDS"]),
        ),
    )
    for module in (views_screen, views_actions, views_lookup, views_shift, views_card):
        app.register_blueprint(module.bp)
    app.before_request_funcs.setdefault(None, []).insert(0, _photo_limit)
    device_health.init_app(app, station)
    init_error_pages(app, show_error, ERRORS)
    app.context_processor(_screen_context)
    app.jinja_env.filters["local_day"] = lambda moment: moment.astimezone().strftime("%d.%m.%Y")
    if config.get("CAMERA_OBJECT") or str(config["CAMERA"]).strip().lower() not in ("", "none"):
        desk_station = app.extensions["pickup"]
        desk_station.camera_wanted = True
        desk_station.camera = start_camera(app)
    return app


def _screen_context() -> dict[str, Any]:
    lang = i18n.current_language()
    identity = station().known_identity(lang)
    return {
        "lang": lang,
        "mode": views_screen.current_mode(),
        "device_name": identity.name if identity else "",
        "window": identity.window if identity else None,
        "clerk": identity.clerk if identity else None,
        "store": identity.store if identity else None,
        "poll_seq": station().scans.last_seq,
        "camera_on": station().camera is not None,
    }


def show_error(message: str, status: int, *, offline: bool = False) -> ResponseReturnValue:
    """The red result panel with this sentence: in place for htmx, the whole screen otherwise."""
    shown = Shown(token="", code="", lang=i18n.current_language(), error="station")
    shown.message = message
    return views_screen.render_result(shown, offline=offline, status=status)
