"""What the terminal and the pickup station hold alike between requests: the server's
client, the printer and card reader, who this device is, and what it printed.

``Kiosk`` (terminal/kiosk.py) and ``Station`` (pickup/station.py) build on ``Device``;
the views reach theirs through ``kiosk()`` and ``station()``.
"""

import threading
from dataclasses import dataclass, field

from common.api_client import ApiClient
from common.fleet import ScannerState
from common.heartbeat import Heartbeat, Service, printer_state
from common.wire import DeviceIdentity
from hardware.card_reader import CardReader
from hardware.printers import FaultReason, PrinterError, ReceiptPrinter
from hardware.receipt import Receipt


@dataclass
class Printout:
    """What was last printed for one order on screen, and whether the paper came out."""

    receipt: Receipt | None = None
    printed: bool = False
    fault: FaultReason | None = None  # offline / paper_out / cover_open / failed


@dataclass
class Device:
    api: ApiClient
    printer: ReceiptPrinter
    card_reader: CardReader
    # Re-entrant: an action holds it while it remembers what it shows.
    lock: threading.RLock = field(default_factory=threading.RLock)
    heartbeat: Heartbeat = field(default_factory=Heartbeat)
    _identities: dict[str, DeviceIdentity] = field(default_factory=dict, init=False)

    def identity(self, lang: str) -> DeviceIdentity:
        """This device and its store, asked of the server once per language (the store's
        name and address are in it); raises ServerUnreachable."""
        known = self._identities.get(lang)
        return known if known is not None else self.refresh_identity(lang)

    def refresh_identity(self, lang: str) -> DeviceIdentity:
        """Ask the server who this device is, now: the status banner's check."""
        identity = self.api.device(lang=lang)
        self._identities[lang] = identity
        return identity

    def known_identity(self, lang: str) -> DeviceIdentity | None:
        """What is known without asking: this language's answer, else the latest one."""
        known = self._identities.get(lang)
        return known if known is not None else next(reversed(self._identities.values()), None)

    def scanner_state(self) -> ScannerState:
        """The code reader's state for the heartbeat; a device without one has "none"."""
        return "none"

    def camera_state(self) -> ScannerState:
        return "none"

    def beat(self, *, force: bool = False) -> Service:
        """The heartbeat, when due: printer and scanner as they are now, and the server's
        answer on whether this device serves; raises ServerUnreachable."""
        if not force and not self.heartbeat.due():
            return self.heartbeat.service
        return self.heartbeat.beat(
            self.api,
            printer=printer_state(self.printer),
            scanner=self.scanner_state(),
            camera=self.camera_state(),
            force=True,
        )

    @property
    def service(self) -> Service:
        """The server's last answer, without asking."""
        return self.heartbeat.service

    def print_receipt(self, receipt: Receipt, printout: Printout) -> None:
        """Print on this device's printer; a fault is recorded for the screen, not raised,
        because what was done on the server stands whether the paper comes out or not."""
        printout.receipt = receipt
        try:
            self.printer.print_receipt(receipt)
        except PrinterError as exc:
            printout.printed, printout.fault = False, exc.reason
        else:
            printout.printed, printout.fault = True, None
