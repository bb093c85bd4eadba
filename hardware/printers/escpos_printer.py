"""EscposPrinter: a ReceiptPrinter over any python-escpos transport.

Each print opens the connection, asks the printer how it is (where the transport can
answer), sends the receipt as one raster image, cuts, asks again, and closes: a network
printer serves one connection at a time, so holding it open would lock out everyone else.
"""

import logging
import re
import threading
from pathlib import Path

from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from PIL import Image

from hardware.printers.base import FaultReason, PrinterError, PrinterStatus
from hardware.printers.status import ask_status
from hardware.receipt import Receipt
from hardware.receipt_layout import PAPER_80MM_PX, FontNotFoundError, render_receipt

log = logging.getLogger(__name__)

STATUS_TIMEOUT_SECONDS = 1.0

_FAULTS: dict[PrinterStatus, FaultReason] = {
    PrinterStatus.OFFLINE: "offline",
    PrinterStatus.PAPER_OUT: "paper_out",
    PrinterStatus.COVER_OPEN: "cover_open",
}


def paper_width(escpos: Escpos, wanted: int | None) -> int:
    """The width to render at: `wanted`, else the profile's, else 80 mm paper.

    The width is written into this printer's own profile object (the profile class is
    shared by all printers) so that python-escpos refuses an image that is too wide
    instead of printing half of it, and stops printing a notice on every image.
    """
    data = escpos.profile.profile_data
    media = data.get("media", {})
    known = media.get("width", {}).get("pixels")
    if isinstance(known, int):
        if wanted is not None and wanted > known:
            raise ValueError(f"width={wanted} is wider than the printer profile's {known} dots")
        return wanted or known
    width = wanted or PAPER_80MM_PX
    escpos.profile.profile_data = {
        **data,
        "media": {**media, "width": {**media.get("width", {}), "pixels": width}},
    }
    return width


class EscposPrinter:
    """A ReceiptPrinter that lays the receipt out as an image and sends it with python-escpos."""

    def __init__(
        self,
        escpos: Escpos,
        *,
        width_px: int | None = None,
        query_status: bool = False,
        image_dir: str | Path | None = None,
        image_prefix: str = "receipt",
    ) -> None:
        self.escpos = escpos
        self.width_px = paper_width(escpos, width_px)
        self.query_status = query_status  # only TCP and USB printers can answer
        self.status_timeout = STATUS_TIMEOUT_SECONDS
        self.image_dir = Path(image_dir) if image_dir else None
        self.image_prefix = image_prefix
        self.last_image: Image.Image | None = None
        # One job at a time: two requests printing at once would interleave their bytes.
        self._lock = threading.Lock()

    def status(self) -> PrinterStatus:
        if not self.query_status:
            return PrinterStatus.UNKNOWN
        with self._lock:
            try:
                self._open()
            except PrinterError:
                return PrinterStatus.OFFLINE
            try:
                return ask_status(self.escpos, self.status_timeout)
            finally:
                self._close()

    def print_receipt(self, receipt: Receipt) -> None:
        image = self._render(receipt)
        with self._lock:
            self._open()
            try:
                status = PrinterStatus.UNKNOWN
                if self.query_status:
                    status = ask_status(self.escpos, self.status_timeout)
                    if not status.can_print:
                        raise PrinterError(_FAULTS[status])
                self._send(image)
                if status is not PrinterStatus.UNKNOWN:  # it answers: ask whether it is done
                    self._confirm()
            finally:
                self._close()
        self.last_image = image
        if self.image_dir is not None:
            name = re.sub(r"[^\w.-]+", "_", receipt.order_number)
            image.save(self.image_dir / f"{self.image_prefix}-{name}.png")

    def _confirm(self) -> None:
        """Ask once more after the cut. A printer that hung up mid-receipt is not noticed
        by the send itself when the rest of the job still fits in the socket's buffers;
        one that ran out of paper or had its cover opened stopped mid-receipt too. A
        printer that did not answer before the job is not asked again (it cannot tell)."""
        status = ask_status(self.escpos, self.status_timeout)
        if status in _FAULTS:
            log.warning("the receipt printer stopped mid-receipt: %s", status.value)
            raise PrinterError(_FAULTS[status])

    def _render(self, receipt: Receipt) -> Image.Image:
        try:
            return render_receipt(receipt, self.width_px)
        except (FontNotFoundError, ValueError) as exc:  # a machine to fix, not a shopper's fault
            log.exception("cannot lay out the receipt")
            raise PrinterError("failed", f"The receipt cannot be laid out: {exc}") from exc

    def _open(self) -> None:
        try:
            self.escpos.open()
        except DeviceNotFoundError as exc:
            log.warning("receipt printer not reachable: %s", exc)
            raise PrinterError("offline") from exc
        except Exception as exc:  # e.g. pyusb without a libusb backend
            log.exception("cannot open the receipt printer")
            raise PrinterError("failed", f"The receipt printer cannot be opened: {exc}") from exc

    def _close(self) -> None:
        try:
            self.escpos.close()
        except Exception:  # a dead connection must not hide why the print failed
            log.warning("closing the receipt printer failed", exc_info=True)

    def _send(self, image: Image.Image) -> None:
        try:
            self.escpos.hw("INIT")  # ESC @: forget modes a previous job may have left
            self.escpos.image(image, impl="bitImageRaster")  # GS v 0, the most widely supported
            self.escpos.cut()
        except OSError as exc:  # sockets, pyusb and pyserial errors are all OSErrors
            raise PrinterError("offline", "The receipt printer stopped answering.") from exc
        except Exception as exc:
            log.exception("the receipt printer failed")
            raise PrinterError("failed") from exc
