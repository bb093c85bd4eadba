"""make_printer: a ReceiptPrinter from the URL in a device's configuration."""

from pathlib import Path

from hardware.printers.base import ReceiptPrinter
from hardware.printers.urls import parse_printer_url

# Printers that answer DLE EOT status queries over their transport. A file cannot, and
# serial reads wait out their whole timeout for 16 bytes, which a shopper would feel.
ANSWERS_STATUS = {"tcp", "usb"}


def make_printer(url: str, *, image_dir: str | None = None) -> ReceiptPrinter:
    """The printer at `url` (see hardware.printers.urls); ValueError if the URL is wrong.

    Nothing is opened here: a printer that is off shows up when printing or in status().
    `image_dir` also saves every printed receipt as a PNG there; a file: printer does
    that beside its file anyway (out.bin -> out-A-1042.png), so a person can look at it.
    """
    spec = parse_printer_url(url)
    # python-escpos takes a quarter of a second to import: only devices that print pay.
    from hardware.printers.escpos_printer import EscposPrinter
    from hardware.printers.fake import FakePrinter
    from hardware.printers.transports import TRANSPORTS

    if spec.scheme == "dummy":
        return FakePrinter(width_px=spec.width_px, image_dir=image_dir, **spec.params)
    try:
        escpos = TRANSPORTS[spec.scheme](profile=spec.profile, **spec.params)
    except KeyError:
        raise ValueError(f"unknown python-escpos profile {spec.profile!r} in {url!r}") from None
    prefix = "receipt"
    if spec.scheme == "file":
        devfile = Path(spec.params["devfile"])
        image_dir = image_dir or str(devfile.parent)
        prefix = devfile.stem
    try:
        return EscposPrinter(
            escpos,
            width_px=spec.width_px,
            query_status=spec.scheme in ANSWERS_STATUS,
            image_dir=image_dir,
            image_prefix=prefix,
        )
    except ValueError as exc:
        raise ValueError(f"{exc} in {url!r}") from None
