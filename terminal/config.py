"""Terminal configuration: defaults, then CYBERMARKET_* environment variables, then tests."""

from pathlib import Path
from typing import Any

from flask import Flask

DEFAULTS: dict[str, Any] = {
    "SECRET_KEY": "terminal-demo-secret-change-me",
    "SERVER_URL": "http://127.0.0.1:5000",
    "DEVICE_TOKEN": "",
    # file:PATH (the demo: ESC/POS bytes plus a PNG of each receipt), tcp://host:9100,
    # usb://0x04b8:0x0202, serial:///dev/ttyUSB0?baudrate=19200, dummy:
    "PRINTER": None,
    "CARD_READER": "fake",
    "IDLE_SECONDS": 60,
    "IDLE_COUNTDOWN_SECONDS": 15,
    "MAX_CART_LINES": 20,
    "MAX_LINE_QTY": 10,
    "BABEL_DEFAULT_LOCALE": "ru",
    "KIOSK_LANGUAGE": True,
    "BABEL_DEFAULT_TIMEZONE": "Europe/Moscow",
    "MAX_CONTENT_LENGTH": 16 * 1024,
}


def load_config(app: Flask, test_config: dict[str, Any] | None) -> None:
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("CYBERMARKET")
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config["PRINTER"]:
        folder = Path(app.instance_path) / "printer"
        folder.mkdir(parents=True, exist_ok=True)
        app.config["PRINTER"] = f"file:{folder / 'terminal-receipts.bin'}"
