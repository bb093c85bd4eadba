"""The camera loop beside the clerk's screen: every code it reads goes to the latest scans.

OpenCV and the decoders are heavy and optional, so they are imported only when a camera
is configured; a station without one (or without those packages) still works with a USB
scanner, which needs no driver at all.
"""

import atexit
import logging
from collections.abc import Callable
from typing import Any

from flask import Flask

from pickup.scans import LatestScans

log = logging.getLogger(__name__)


def camera_callback(scans: LatestScans) -> Callable[[str], None]:
    """What the camera loop calls with each code it reads (from its own thread)."""

    def on_code(code: str) -> None:
        scans.push(code, "camera")

    return on_code


def camera_source(setting: Any) -> int | str:
    """CYBERMARKET_CAMERA as OpenCV wants it: an index for a local camera, else a URL."""
    text = str(setting).strip()
    return int(text) if text.isdigit() else text


def start_camera(app: Flask) -> Any | None:
    """Start reading the configured camera; None (and a log line) when it cannot be used."""
    setting = app.config["CAMERA"]
    try:
        from hardware.scanning.scanner import CameraSource, ScanLoop
    except ImportError as exc:
        log.warning("camera %r not started: the scanning loop is unavailable (%s)", setting, exc)
        return None
    scans = app.extensions["pickup"].scans
    try:
        loop = ScanLoop(
            app.config.get("CAMERA_OBJECT") or CameraSource(camera_source(setting)),
            camera_callback(scans),
            dedupe_seconds=app.config["DEDUPE_SECONDS"],
        )
        loop.start()
    except Exception as exc:  # a missing or busy camera must not keep the window closed
        log.warning("camera %r not started: %s", setting, exc)
        return None
    atexit.register(loop.stop)
    app.extensions["pickup_camera"] = loop
    return loop
