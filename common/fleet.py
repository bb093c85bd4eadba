"""What a device says about itself in its heartbeat, named once for the server and the devices.

The device apps send these words (POST /api/v1/devices/heartbeat); the server keeps them
and the fleet page shows them. A terminal whose printer is in one of PRINTER_STOPS
cannot print a receipt, so it takes no money: it is out of service until the paper is in.
"""

from typing import Literal

PrinterState = Literal["ok", "paper_low", "paper_out", "cover_open", "offline", "none"]
ScannerState = Literal["ok", "offline", "none"]

PRINTER_STATES: tuple[PrinterState, ...] = (
    "ok",
    "paper_low",
    "paper_out",
    "cover_open",
    "offline",
    "none",
)
SCANNER_STATES: tuple[ScannerState, ...] = ("ok", "offline", "none")
PRINTER_STOPS: frozenset[str] = frozenset({"paper_out", "cover_open", "offline"})

# Why a device is out of service, as the heartbeat answers it.
OutOfServiceReason = Literal["switched_off", "printer"]


def printer_word(status: str) -> PrinterState:
    """A printer's own status (hardware.printers.PrinterStatus) as the heartbeat says it.

    A file or serial printer cannot be asked ("unknown"): as far as anyone knows it prints.
    """
    for state in PRINTER_STATES:
        if state == status:
            return state
    return "ok"
