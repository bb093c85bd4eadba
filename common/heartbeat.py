"""The device apps' heartbeat: how this device is, told to the server every few seconds,
and the server's answer (may it serve shoppers, and if not, where to send them).

The screen's status poll drives it (every page polls every few seconds), so a kiosk
whose browser died falls silent on the fleet page as it should. Each app process keeps
its own last answer and sends at most once per interval: several processes of one app
simply each report, and the newest report wins on the server.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata

from common.api_client import ApiClient, ApiError, ServerUnreachable
from common.fleet import PRINTER_STOPS, PrinterState, ScannerState, printer_word
from hardware.printers import ReceiptPrinter


@dataclass(frozen=True)
class Service:
    """The server's last word on this device; in service until it says otherwise."""

    out_of_service: bool = False
    reason: str | None = None  # "switched_off", "printer" or "refused" (revoked here)
    nearest: str | None = None  # the nearest working device of this kind in the store


def app_version() -> str:
    try:
        return metadata.version("cybermarket")
    except metadata.PackageNotFoundError:
        return "dev"


@dataclass
class Heartbeat:
    interval: float = 15.0
    clock: Callable[[], float] = time.monotonic
    service: Service = field(default_factory=Service)
    sent_at: float | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def due(self) -> bool:
        return self.sent_at is None or self.clock() - self.sent_at >= self.interval

    def beat(
        self,
        api: ApiClient,
        *,
        printer: PrinterState,
        scanner: ScannerState,
        camera: ScannerState = "none",
        force: bool = False,
    ) -> Service:
        """Send the heartbeat when due (or forced) and keep the answer; raises
        ServerUnreachable. A device the server no longer knows (revoked) is out of
        service until the server accepts it again; another refusal keeps the last answer."""
        with self._lock:
            if not force and not self.due():
                return self.service
            self.sent_at = self.clock()
        body = {"version": app_version(), "printer": printer, "scanner": scanner, "camera": camera}
        try:
            # No Idempotency-Key: a repeated heartbeat is harmless, and none is kept on the server.
            answer = api.post_once("/devices/heartbeat", body)
        except ApiError as exc:
            if exc.status == 401:  # revoked: serving shoppers would fail at every step
                self.service = Service(out_of_service=True, reason="refused")
            return self.service
        except ServerUnreachable:
            with self._lock:
                self.sent_at = None  # try again at the next poll
            raise
        self.service = Service(
            out_of_service=bool(answer.get("out_of_service")),
            reason=answer.get("reason"),
            nearest=answer.get("nearest"),
        )
        return self.service


def printer_state(printer: ReceiptPrinter) -> PrinterState:
    return printer_word(printer.status().value)


def printer_stopped(state: str) -> bool:
    return state in PRINTER_STOPS
