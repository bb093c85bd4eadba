"""Pickup-station configuration: defaults, then CYBERMARKET_* environment variables, then tests."""

from pathlib import Path
from typing import Any

from flask import Flask

MODES = ("window", "cashier")

DEFAULTS: dict[str, Any] = {
    "SECRET_KEY": "pickup-demo-secret-change-me",
    "SERVER_URL": "http://127.0.0.1:5000",
    "DEVICE_TOKEN": "",
    # file:PATH (the demo: ESC/POS bytes plus a PNG of each slip), tcp://host:9100,
    # usb://0x04b8:0x0202, serial:///dev/ttyUSB0?baudrate=19200, dummy:
    "PRINTER": None,
    "CARD_READER": "fake",
    # "none", a camera index (0) or a stream URL (rtsp://..., http://.../video).
    "CAMERA": "none",
    # "window" hands goods out; "cashier" also offers cash and card for orders waiting to be paid.
    "STATION_MODE": "window",
    # A camera sees the same receipt in many frames, a scanner may fire twice: count it once.
    "DEDUPE_SECONDS": 3.0,
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
    if app.config["STATION_MODE"] not in MODES:
        raise ValueError(
            f"CYBERMARKET_STATION_MODE must be one of {', '.join(MODES)}, "
            f"not {app.config['STATION_MODE']!r}"
        )
    if not app.config["PRINTER"]:
        folder = Path(app.instance_path) / "printer"
        folder.mkdir(parents=True, exist_ok=True)
        app.config["PRINTER"] = f"file:{folder / 'pickup-slips.bin'}"
