"""The terminal app: the shopper's touchscreen, on localhost of each terminal PC."""

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Flask, render_template, request, session
from flask.typing import ResponseReturnValue
from htmx_flask import Htmx

from common import i18n
from common.api_client import ApiClient, ApiError, ServerUnreachable
from common.money import format_money
from hardware.card_reader import make_card_reader
from hardware.printers import make_printer
from terminal import cart, views_cart, views_catalog, views_checkout, views_kiosk
from terminal.config import load_config
from terminal.kiosk import Kiosk, init_app

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
        Kiosk(
            api=config.get("API_CLIENT") or ApiClient(config["SERVER_URL"], config["DEVICE_TOKEN"]),
            printer=config.get("PRINTER_OBJECT") or make_printer(config["PRINTER"]),
            card_reader=config.get("CARD_READER_OBJECT") or make_card_reader(config["CARD_READER"]),
        ),
    )
    for module in (views_kiosk, views_catalog, views_cart, views_checkout):
        app.register_blueprint(module.bp)
    app.register_error_handler(ServerUnreachable, _offline)
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(404, _not_found)
    app.context_processor(_screen_context)
    app.jinja_env.filters["money"] = lambda minor: format_money(minor, i18n.current_language())
    app.jinja_env.filters["urlencode_page"] = _with_page
    return app


def _with_page(args: Any, page: int) -> str:
    """The current query string with another page number, for the pager links."""
    return urlencode({**args.to_dict(), "page": page})


def _screen_context() -> dict[str, Any]:
    return {
        "lang": i18n.current_language(),
        "contrast": session.get("contrast", False),
        "cart_lines": cart.lines(),
        "cart_count": cart.count(),
        "cart_total": cart.total_minor(),
    }


def _error_page(message: str, status: int, *, offline: bool = False) -> ResponseReturnValue:
    if request.headers.get("HX-Request"):
        return render_template("terminal/_error.html", message=message, offline=offline), status
    return render_template(
        "terminal/error.html", message=message, offline=offline, online=not offline
    ), status


def _offline(_exc: ServerUnreachable) -> ResponseReturnValue:
    from flask_babel import gettext as _

    return _error_page(
        _(
            "That did not go through: the store's server did not answer. Nothing was "
            "charged and your cart is kept. This page comes back by itself."
        ),
        503,
        offline=True,
    )


def _api_error(exc: ApiError) -> ResponseReturnValue:
    return _error_page(exc.message, 409 if exc.status == 409 else 422)


def _not_found(_exc: Exception) -> ResponseReturnValue:
    from flask_babel import gettext as _

    return _error_page(_("This page does not exist."), 404)
