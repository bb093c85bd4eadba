"""The pickup station's own settings, over the device defaults in common/device_app.py."""

from typing import Any

from flask import Flask

MODES = ("window", "cashier")

DEFAULTS: dict[str, Any] = {
    "SECRET_KEY": "pickup-demo-secret-change-me",
    # "none", a camera index (0) or a stream URL (rtsp://..., http://.../video).
    "CAMERA": "none",
    # "window" hands goods out; "cashier" also offers cash and card for orders waiting to be paid.
    "STATION_MODE": "window",
    # A camera sees the same receipt in many frames, a scanner may fire twice: count it once.
    "DEDUPE_SECONDS": 3.0,
}


def check_config(app: Flask) -> None:
    if app.config["STATION_MODE"] not in MODES:
        raise ValueError(
            f"CYBERMARKET_STATION_MODE must be one of {', '.join(MODES)}, "
            f"not {app.config['STATION_MODE']!r}"
        )
