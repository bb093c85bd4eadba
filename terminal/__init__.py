"""The terminal app: the shopper's touchscreen, on localhost of each terminal PC."""

from typing import Any
from urllib.parse import urlencode

from flask import Flask, render_template, request, session
from flask.typing import ResponseReturnValue

from common import i18n
from common.api_client import ApiError, ServerUnreachable
from common.device_app import api_client, card_reader, create_device_app, printer
from common.form_values import BadValue
from terminal import cart, views_cart, views_catalog, views_checkout, views_kiosk
from terminal.config import DEFAULTS
from terminal.kiosk import Kiosk, init_app


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = create_device_app(__name__, DEFAULTS, test_config, printer_file="terminal-receipts.bin")
    config = app.config
    init_app(
        app,
        Kiosk(api=api_client(config), printer=printer(config), card_reader=card_reader(config)),
    )
    for module in (views_kiosk, views_catalog, views_cart, views_checkout):
        app.register_blueprint(module.bp)
    app.register_error_handler(ServerUnreachable, _offline)
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(BadValue, _bad_value)
    app.register_error_handler(404, _not_found)
    app.context_processor(_screen_context)
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


# Refusals about the request itself, not the shopper's choice: their messages speak of
# keys and fields, which a shopper must never read.
_PROTOCOL_CODES = {
    "bad_json",
    "validation_error",
    "unsupported_media_type",
    "idempotency_key_invalid",
    "idempotency_key_reused",
    "unauthorized",
    "forbidden",
    "method_not_allowed",
    "body_too_large",
    "internal_error",
}


def _api_error(exc: ApiError) -> ResponseReturnValue:
    from flask_babel import gettext as _

    if exc.code in _PROTOCOL_CODES:
        return _error_page(
            _(
                "This did not go through. Nothing was charged and your cart is kept: "
                "please try again, or ask staff for help."
            ),
            422,
        )
    return _error_page(exc.message, 409 if exc.status == 409 else 422)


def _bad_value(exc: BadValue) -> ResponseReturnValue:
    return _error_page(str(exc.message), 400)


def _not_found(_exc: Exception) -> ResponseReturnValue:
    from flask_babel import gettext as _

    return _error_page(_("This page does not exist."), 404)
