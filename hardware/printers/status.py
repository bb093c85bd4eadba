"""Asking an ESC/POS printer how it is, with the real-time status queries (DLE EOT n)."""

import errno

from escpos.constants import RT_STATUS
from escpos.escpos import Escpos
from escpos.printer import Network

from hardware.printers.base import PrinterStatus

# DLE EOT 2 asks why the printer is offline; python-escpos wraps only 1 and 4.
RT_STATUS_OFFLINE_CAUSE = RT_STATUS + b"\x02"
COVER_OPEN_BIT = 0x04
PAPER_END_STOP_BIT = 0x20

_PAPER = {0: PrinterStatus.PAPER_OUT, 1: PrinterStatus.PAPER_LOW, 2: PrinterStatus.OK}


def ask_status(escpos: Escpos, timeout: float) -> PrinterStatus:
    """DLE EOT 1 (online?), then 2 (why not) or 4 (paper sensor), on an open printer.

    `timeout` bounds each answer on a network printer: one that does not answer status
    queries should delay a receipt by a moment, not by the whole connection timeout.
    """
    sock = escpos.device if isinstance(escpos, Network) else None
    if sock is not None:
        sock.settimeout(timeout)
    try:
        if escpos.is_online():
            return _PAPER.get(escpos.paper_status(), PrinterStatus.UNKNOWN)
        cause = escpos.query_status(RT_STATUS_OFFLINE_CAUSE)
        if cause and cause[0] & COVER_OPEN_BIT:
            return PrinterStatus.COVER_OPEN
        if (cause and cause[0] & PAPER_END_STOP_BIT) or escpos.paper_status() == 0:
            return PrinterStatus.PAPER_OUT
        return PrinterStatus.OFFLINE
    except OSError as exc:  # sockets, pyusb and pyserial errors are all OSErrors
        if isinstance(exc, TimeoutError) or exc.errno == errno.ETIMEDOUT:
            return PrinterStatus.UNKNOWN  # connected, but it does not answer status queries
        return PrinterStatus.OFFLINE
    finally:
        if sock is not None:
            sock.settimeout(escpos.timeout)
