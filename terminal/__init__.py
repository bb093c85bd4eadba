"""The terminal app: the shopper's touchscreen, on localhost of each terminal PC."""

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Flask, session
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from common import device_health, i18n
from common.device_app import api_client, card_reader, create_device_app, heartbeat, printer
from common.screens import ErrorSentences, init_error_pages, page_or_partial
from terminal import (
    cart,
    shopper,
    views_cart,
    views_catalog,
    views_checkout,
    views_identify,
    views_kiosk,
    views_reviews,
)
from terminal.config import DEFAULTS
from terminal.kiosk import Kiosk, init_app
from terminal.pending import PendingPayments

ERRORS = ErrorSentences(
    offline=_l(
        "That did not go through: the store's server did not answer. Nothing was "
        "charged and your cart is kept. This page comes back by itself."
    ),
    not_found=_l("This page does not exist."),
    too_large=lambda: _l("The request is too large."),
    protocol_refusal=_l(
        "This did not go through. Nothing was charged and your cart is kept: "
        "please try again, or ask staff for help."
    ),
)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = create_device_app(__name__, DEFAULTS, test_config, printer_file="terminal-receipts.bin")
    config = app.config
    init_app(
        app,
        Kiosk(
            api=api_client(config),
            printer=printer(config),
            card_reader=card_reader(config),
            heartbeat=heartbeat(config),
            pending=PendingPayments(
                config["PENDING_PAYMENTS_FILE"] or Path(app.instance_path) / "pending-payments.json"
            ),
        ),
    )
    for module in (
        views_kiosk,
        views_catalog,
        views_cart,
        views_checkout,
        views_identify,
        views_reviews,
    ):
        app.register_blueprint(module.bp)
    device_health.init_app(app, lambda: app.extensions["kiosk"])
    init_error_pages(app, show_error, ERRORS)
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
        "shopper": shopper.current(),
    }


def show_error(message: str, status: int, *, offline: bool = False) -> ResponseReturnValue:
    """The error notice: in place for htmx, on its own page otherwise."""
    return page_or_partial(
        "terminal/error.html",
        "terminal/_error.html",
        status=status,
        message=message,
        offline=offline,
        online=not offline,
    )
