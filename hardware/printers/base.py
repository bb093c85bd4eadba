"""What every receipt printer promises: print a receipt, or say clearly why it cannot.

This module imports nothing heavy, so an app can catch PrinterError or show a
PrinterStatus without loading python-escpos.
"""

from enum import StrEnum
from typing import Literal, Protocol, get_args, runtime_checkable

from hardware.receipt import Receipt

FaultReason = Literal["offline", "paper_out", "cover_open", "failed"]

_MESSAGES: dict[str, str] = {
    "offline": "The receipt printer is offline or cannot be reached.",
    "paper_out": "The receipt printer is out of paper.",
    "cover_open": "The receipt printer cover is open.",
    "failed": "The receipt printer failed to print.",
}


class PrinterStatus(StrEnum):
    OK = "ok"
    OFFLINE = "offline"
    PAPER_OUT = "paper_out"
    PAPER_LOW = "paper_low"  # still prints: a sign for staff to change the roll soon
    COVER_OPEN = "cover_open"
    UNKNOWN = "unknown"  # the transport cannot ask (a file, a serial line) or got no answer

    @property
    def can_print(self) -> bool:
        return self not in (
            PrinterStatus.OFFLINE,
            PrinterStatus.PAPER_OUT,
            PrinterStatus.COVER_OPEN,
        )


class PrinterError(Exception):
    """The receipt was not printed; `reason` is for the app, the message for the person."""

    def __init__(self, reason: FaultReason, message: str | None = None) -> None:
        if reason not in get_args(FaultReason):
            raise ValueError(f"unknown printer fault {reason!r}")
        self.reason: FaultReason = reason
        self.message = message or _MESSAGES[reason]
        super().__init__(self.message)


@runtime_checkable
class ReceiptPrinter(Protocol):
    def print_receipt(self, receipt: Receipt) -> None:
        """Print the receipt, or raise PrinterError saying why it could not."""

    def status(self) -> PrinterStatus:
        """What the printer says about itself now; never raises."""
