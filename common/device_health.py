"""/health on the terminal and the pickup station: the server reachable with this device's
key, the printer able to print, the scanner reading (shape in common/health.py)."""

from collections.abc import Callable
from typing import Any

from flask import Flask
from flask.typing import ResponseReturnValue

from common.api_client import ApiError, ServerUnreachable
from common.device_shell import Device
from common.health import Checks, answer
from common.heartbeat import printer_state, printer_stopped


def device_checks(device: Device) -> Checks:
    """Is the server reachable with this device's token, can it print, can it read codes."""
    try:
        device.api.device(lang="ru")
        server: dict[str, Any] = {"ok": True, "state": "ok"}
    except ServerUnreachable:
        server = {"ok": False, "state": "unreachable"}
    except ApiError:
        server = {"ok": False, "state": "refused"}  # e.g. a revoked device token
    printer = printer_state(device.printer)
    scanner = device.scanner_state()
    return {
        "server": server,
        "printer": {"ok": not printer_stopped(printer), "state": printer},
        "scanner": {"ok": scanner != "offline", "state": scanner},
    }


def init_app(app: Flask, device: Callable[[], Device]) -> None:
    """Add /health to a device app; `device` finds its Device (Kiosk or Station)."""

    def health() -> ResponseReturnValue:
        return answer(device_checks(device()))

    app.add_url_rule("/health", "health", health, methods=["GET"])
