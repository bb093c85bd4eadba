"""Receipt printers behind one small interface: `print_receipt(receipt)` and `status()`.

    from hardware.printers import PrinterError, make_printer

    printer = make_printer("tcp://192.168.1.50:9100")
    try:
        printer.print_receipt(receipt)
    except PrinterError as error:
        show(error.message)  # error.reason: offline / paper_out / cover_open / failed

Modules: base (the interface, status and error), urls (parsing printer URLs),
factory (make_printer), transports (scheme -> python-escpos class), escpos_printer
(EscposPrinter), status (DLE EOT status queries), fake (FakePrinter, the dummy:
printer for tests). python-escpos is imported only when a printer is made, so
importing this package stays cheap.
"""

from hardware.printers.base import FaultReason, PrinterError, PrinterStatus, ReceiptPrinter
from hardware.printers.factory import make_printer
from hardware.printers.urls import PrinterSpec, parse_printer_url

__all__ = [
    "FaultReason",
    "PrinterError",
    "PrinterSpec",
    "PrinterStatus",
    "ReceiptPrinter",
    "make_printer",
    "parse_printer_url",
]
