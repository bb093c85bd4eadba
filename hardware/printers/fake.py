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


_FILE_FAULTS: tuple[FaultReason, ...] = ("offline", "paper_out", "cover_open")


class FakePrinter(EscposPrinter):
    """Real ESC/POS bytes kept in memory, and a `fault` a test sets to break the printer.

    Set `fault` to "offline", "paper_out", "cover_open" or "failed" and every print
    raises PrinterError with that reason; set it back to None and printing works again.
    `paper_low` makes it say so while it still prints. For a demo, `state_file` does the
    same from outside: a file holding one of "paper_low", "paper_out", "cover_open" or
    "offline" (anything else, or no file: all is well), read at every status and print.
    """

    def __init__(
        self,
        *,
        width_px: int | None = None,
        image_dir: str | Path | None = None,
        state_file: str | Path | None = None,
    ) -> None:
        self._dummy = Dummy()
        super().__init__(self._dummy, width_px=width_px, image_dir=image_dir)
        self.fault: FaultReason | None = None
        self.paper_low = False
        self.state_file = Path(state_file) if state_file else None
        self.receipts: list[Receipt] = []  # what was printed, in order

    def _simulated(self) -> str:
        if self.state_file is None:
            return ""
        try:
            return self.state_file.read_text(encoding="utf-8").strip()
        except (OSError, ValueError):
            return ""

    def _fault_now(self) -> FaultReason | None:
        if self.fault is not None:
            return self.fault
        state = self._simulated()
        for reason in _FILE_FAULTS:
            if reason == state:
                return reason
        return None

    @property
    def output(self) -> bytes:
        """Every ESC/POS byte sent so far."""
        output: bytes = self._dummy.output
        return output

    def status(self) -> PrinterStatus:
        fault = self._fault_now()
        if fault is not None:
            return _FAULT_STATUS[fault]
        if self.paper_low or self._simulated() == "paper_low":
            return PrinterStatus.PAPER_LOW
        return PrinterStatus.OK

    def print_receipt(self, receipt: Receipt) -> None:
        fault = self._fault_now()
        if fault is not None:
            raise PrinterError(fault)
        super().print_receipt(receipt)
        self.receipts.append(receipt)
