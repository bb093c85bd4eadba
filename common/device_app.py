"""What the terminal and the pickup station share: their Flask shell, config and devices.

Each device app is a small Flask app on localhost of its PC, shown in a kiosk browser,
talking to the central server with its device token and printing on its own printer.
"""

import secrets
from pathlib import Path
from typing import Any

from flask import Flask
from htmx_flask import Htmx

from common import assets, i18n, logs, web_security
from common.api_client import ApiClient
from common.heartbeat import Heartbeat
from common.money import format_money
from common.pickup_code import display_pickup_code
from hardware.card_reader import CardReader, make_card_reader
from hardware.printers import ReceiptPrinter, make_printer

DEVICE_DEFAULTS: dict[str, Any] = {
    "SERVER_URL": "http://127.0.0.1:5000",
    "DEVICE_TOKEN": "",
    # file:PATH (the demo: ESC/POS bytes plus a PNG of each print), tcp://host:9100,
    # usb://0x04b8:0x0202, serial:///dev/ttyUSB0?baudrate=19200, dummy:
    "PRINTER": None,
    "CARD_READER": "fake",
    "BABEL_DEFAULT_LOCALE": "ru",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Moscow",
    # A kiosk browser's own language says nothing about the person in front of it.
    "KIOSK_LANGUAGE": True,
    "MAX_CONTENT_LENGTH": 16 * 1024,
    # How often the screen's status poll also reports to the server (the fleet page).
    "HEARTBEAT_SECONDS": 15,
}


def create_device_app(
    import_name: str,
    defaults: dict[str, Any],
    test_config: dict[str, Any] | None,
    *,
    printer_file: str,
) -> Flask:
    """The shell: config (defaults, CYBERMARKET_* variables, tests), htmx, languages, money,
    CSRF and security headers."""
    app = Flask(
        import_name,
        instance_relative_config=True,
        template_folder=str(assets.TEMPLATES),
        static_folder=str(assets.STATIC),
    )
    logs.init_app(app, import_name.split(".")[0])
    app.config.from_mapping(DEVICE_DEFAULTS)
    app.config.from_mapping(defaults)
    app.config.from_prefixed_env("CYBERMARKET")
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        # A device app is one process serving one screen on localhost: a key made at start
        # is known to nobody, and losing the screen's session on a restart loses nothing.
        app.config["SECRET_KEY"] = secrets.token_hex(32)
    if not app.config["PRINTER"]:
        folder = Path(app.instance_path) / "printer"
        folder.mkdir(parents=True, exist_ok=True)
        app.config["PRINTER"] = f"file:{folder / printer_file}"
    Htmx(app)
    i18n.init_app(app)
    # The terminal shows product photos served by the central server.
    web_security.init_app(app, image_sources=[web_security.origin(app.config["SERVER_URL"])])
    app.jinja_env.filters["money"] = lambda minor: format_money(minor, i18n.current_language())
    app.jinja_env.filters["pickup_code"] = display_pickup_code
    return app


def api_client(config: Any) -> ApiClient:
    return config.get("API_CLIENT") or ApiClient(config["SERVER_URL"], config["DEVICE_TOKEN"])


def heartbeat(config: Any) -> Heartbeat:
    return Heartbeat(interval=float(config["HEARTBEAT_SECONDS"]))


def printer(config: Any) -> ReceiptPrinter:
    return config.get("PRINTER_OBJECT") or make_printer(config["PRINTER"])


def card_reader(config: Any) -> CardReader:
    return config.get("CARD_READER_OBJECT") or make_card_reader(config["CARD_READER"])
