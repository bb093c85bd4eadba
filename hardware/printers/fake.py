"""FakePrinter: the `dummy:` printer, for tests and for machines without a printer."""

from pathlib import Path

from escpos.printer import Dummy

from hardware.printers.base import FaultReason, PrinterError, PrinterStatus
from hardware.printers.escpos_printer import EscposPrinter
from hardware.receipt import Receipt

_FAULT_STATUS = {
    "offline": PrinterStatus.OFFLINE,
    "paper_out": PrinterStatus.PAPER_OUT,
    "cover_open": PrinterStatus.COVER_OPEN,
    "failed": PrinterStatus.UNKNOWN,
}


class FakePrinter(EscposPrinter):
    """Real ESC/POS bytes kept in memory, and a `fault` a test sets to break the printer.

    Set `fault` to "offline", "paper_out", "cover_open" or "failed" and every print
    raises PrinterError with that reason; set it back to None and printing works again.
    """

    def __init__(self, *, width_px: int | None = None, image_dir: str | Path | None = None) -> None:
        self._dummy = Dummy()
        super().__init__(self._dummy, width_px=width_px, image_dir=image_dir)
        self.fault: FaultReason | None = None
        self.receipts: list[Receipt] = []  # what was printed, in order

    @property
    def output(self) -> bytes:
        """Every ESC/POS byte sent so far."""
        output: bytes = self._dummy.output
        return output

    def status(self) -> PrinterStatus:
        return PrinterStatus.OK if self.fault is None else _FAULT_STATUS[self.fault]

    def print_receipt(self, receipt: Receipt) -> None:
        if self.fault is not None:
            raise PrinterError(self.fault)
        super().print_receipt(receipt)
        self.receipts.append(receipt)
