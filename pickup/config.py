"""The pickup station's own settings, over the device defaults in common/device_app.py."""

import glob
import re
from typing import Any

from flask import Flask

MODES = ("window", "cashier")

DEFAULTS: dict[str, Any] = {
    # "auto" (the first camera when one is attached), "none", an index (0) or a stream URL.
    "CAMERA": "auto",
    # "window" hands goods out; "cashier" also offers cash and card for orders waiting to be paid.
    "STATION_MODE": "window",
    # A camera sees the same receipt in many frames, a scanner may fire twice: count it once.
    "DEDUPE_SECONDS": 3.0,
}


def resolve_camera(setting: object, video_devices: str = "/dev/video*") -> str:
    """'auto' becomes the first local camera, or 'none' when the PC has none."""
    if str(setting).strip().lower() != "auto":
        return str(setting)
    found = sorted(glob.glob(video_devices), key=lambda path: int(re.sub(r"\D", "", path) or 0))
    return re.sub(r"^.*?(\d+)$", r"\1", found[0]) if found else "none"


def check_config(app: Flask) -> None:
    app.config["CAMERA"] = resolve_camera(app.config["CAMERA"])
    if app.config["STATION_MODE"] not in MODES:
        raise ValueError(
            f"CYBERMARKET_STATION_MODE must be one of {', '.join(MODES)}, "
            f"not {app.config['STATION_MODE']!r}"
        )
