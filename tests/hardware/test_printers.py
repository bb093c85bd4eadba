"""make_printer's URLs, and the dummy:, file: and fake printers end to end."""

from pathlib import Path

import pytest
from escpos.printer import Dummy
from PIL import Image

from hardware.printers import (
    PrinterError,
    PrinterStatus,
    ReceiptPrinter,
    make_printer,
    parse_printer_url,
)
from hardware.printers.escpos_printer import EscposPrinter
from hardware.printers.fake import FakePrinter
from tests.hardware.receipts import make_receipt, read_codes

INIT = b"\x1b@"  # ESC @
RASTER_IMAGE = b"\x1dv0"  # GS v 0
CUT = b"\x1dV\x00"  # GS V 0, full cut


def test_python_escpos_dummy_gets_init_a_raster_image_and_a_cut() -> None:
    dummy = Dummy()
    EscposPrinter(dummy).print_receipt(make_receipt())

    assert dummy.output.startswith(INIT + RASTER_IMAGE)
    width_bytes = dummy.output[len(INIT + RASTER_IMAGE) + 1]
    assert width_bytes == 576 // 8
    assert dummy.output.endswith(CUT)


def test_dummy_printer_keeps_the_bytes_and_the_image() -> None:
    printer = make_printer("dummy:")
    assert isinstance(printer, FakePrinter)

    printer.print_receipt(make_receipt(pickup_code="K7QF2M9XRT"))

    assert printer.output.startswith(INIT) and printer.output.endswith(CUT)
    assert printer.last_image is not None
    assert read_codes(printer.last_image) == {
        ("CODE128", "K7QF2M9XRT"),
        ("QRCODE", "K7QF2M9XRT"),
    }
    assert printer.status() is PrinterStatus.OK


def test_dummy_printer_for_58mm_paper() -> None:
    printer = make_printer("dummy:?width=384")
    assert isinstance(printer, FakePrinter)

    printer.print_receipt(make_receipt())

    assert printer.last_image is not None and printer.last_image.width == 384


def test_file_printer_appends_receipts_and_saves_a_png_beside_them(tmp_path: Path) -> None:
    out = tmp_path / "out.bin"
    printer = make_printer(f"file:{out}")

    printer.print_receipt(make_receipt(order_number="A-1042", pickup_code="K7QF2M9XRT"))
    printer.print_receipt(make_receipt(order_number="A-1043", pickup_code="ZX81QW4P7M"))

    data = out.read_bytes()
    assert data.startswith(INIT + RASTER_IMAGE)
    assert data.count(CUT) == 2
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "out-A-1042.png",
        "out-A-1043.png",
        "out.bin",
    ]
    with Image.open(tmp_path / "out-A-1043.png") as png:
        assert png.width == 576
        assert ("CODE128", "ZX81QW4P7M") in read_codes(png)
    assert printer.status() is PrinterStatus.UNKNOWN  # a file cannot say


def test_file_printer_creates_its_folder(tmp_path: Path) -> None:
    make_printer(f"file:{tmp_path}/new/out.bin").print_receipt(make_receipt())
    assert (tmp_path / "new" / "out.bin").stat().st_size > 0


def test_file_printer_that_cannot_open_its_file_raises(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file where the folder should be")
    printer = make_printer(f"file:{tmp_path}/taken/out.bin")

    with pytest.raises(PrinterError) as raised:
        printer.print_receipt(make_receipt())

    assert raised.value.reason == "offline"


def test_image_dir_keeps_a_png_of_every_receipt_for_any_printer(tmp_path: Path) -> None:
    make_printer("dummy:", image_dir=str(tmp_path)).print_receipt(make_receipt())

    assert [path.name for path in tmp_path.iterdir()] == ["receipt-A-1042.png"]


@pytest.mark.parametrize("fault", ["offline", "paper_out", "cover_open", "failed"])
def test_fake_printer_fault_stops_printing_until_it_is_cleared(fault: str) -> None:
    printer = FakePrinter()
    printer.fault = fault  # type: ignore[assignment]

    with pytest.raises(PrinterError) as raised:
        printer.print_receipt(make_receipt())
    assert raised.value.reason == fault
    assert printer.output == b"" and printer.receipts == []
    assert printer.status() is not PrinterStatus.OK

    printer.fault = None
    printer.print_receipt(make_receipt())
    assert printer.output.endswith(CUT)
    assert [receipt.order_number for receipt in printer.receipts] == ["A-1042"]
    assert printer.status() is PrinterStatus.OK


@pytest.mark.parametrize(
    ("fault", "status"),
    [
        ("offline", PrinterStatus.OFFLINE),
        ("paper_out", PrinterStatus.PAPER_OUT),
        ("cover_open", PrinterStatus.COVER_OPEN),
    ],
)
def test_fake_printer_status_tells_the_fault(fault: str, status: PrinterStatus) -> None:
    printer = FakePrinter()
    printer.fault = fault  # type: ignore[assignment]

    assert printer.status() is status


@pytest.mark.parametrize(
    "url", ["dummy:", "file:/tmp/out.bin", "tcp://10.0.0.5", "usb://0x04b8:0x0202"]
)
def test_every_printer_has_the_small_interface(url: str) -> None:
    assert isinstance(make_printer(url), ReceiptPrinter)


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("", "empty"),
        ("lpt:/dev/lp0", "unknown printer URL"),
        ("192.168.1.50:9100", "unknown printer URL"),
        ("tcp://", "needs a host"),
        ("tcp://printer:port", "bad port"),
        ("tcp://printer:70000", "bad port"),
        ("tcp://printer?timeout=soon", "timeout must be a number"),
        ("tcp://printer?colour=red", "unknown option colour"),
        ("usb://0x04b8", "vendor:product"),
        ("usb://epson:0x0202", "bad USB id 'epson'"),
        ("serial:", "needs a port"),
        ("serial:///dev/ttyUSB0?baudrate=fast", "baudrate must be a number"),
        ("file:", "needs a local path"),
        ("dummy:?width=100", "width must be 384 to 832"),
        ("dummy:somewhere", "just 'dummy:'"),
        ("tcp://printer?profile=NoSuchPrinter", "unknown python-escpos profile"),
        ("tcp://printer?profile=TM-T88V&width=576", "wider than the printer profile's 512"),
    ],
)
def test_bad_printer_urls_are_refused_with_a_clear_message(url: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        make_printer(url)


def test_usb_url_gives_vendor_product_and_endpoints() -> None:
    spec = parse_printer_url("usb://0x04b8:0x0202?in_ep=0x81&out_ep=0x03&width=384")

    assert spec.scheme == "usb"
    assert spec.params["idVendor"] == 0x04B8 and spec.params["idProduct"] == 0x0202
    assert spec.params["in_ep"] == 0x81 and spec.params["out_ep"] == 0x03
    assert spec.width_px == 384


def test_serial_url_gives_port_and_baudrate() -> None:
    spec = parse_printer_url("serial:///dev/ttyUSB0?baudrate=19200")

    assert (spec.scheme, spec.params) == ("serial", {"devfile": "/dev/ttyUSB0", "baudrate": 19200})


def test_tcp_url_defaults_to_port_9100_and_a_short_timeout() -> None:
    spec = parse_printer_url("tcp://192.168.1.50")

    assert spec.params["port"] == 9100
    assert 0 < spec.params["timeout"] <= 5


def test_usb_and_serial_printers_are_made_without_opening_the_device() -> None:
    usb = make_printer("usb://0x04b8:0x0202?profile=TM-T20II")
    serial = make_printer("serial:///dev/ttyUSB0?baudrate=19200")
    assert isinstance(usb, EscposPrinter) and isinstance(serial, EscposPrinter)

    assert usb.escpos.usb_args == {"idVendor": 0x04B8, "idProduct": 0x0202}  # type: ignore[attr-defined]
    assert usb.width_px == 576  # from the TM-T20II profile
    assert serial.escpos.baudrate == 19200  # type: ignore[attr-defined]
    assert serial.status() is PrinterStatus.UNKNOWN


def test_receipt_that_cannot_be_laid_out_fails_without_printing() -> None:
    printer = FakePrinter(width_px=384)

    with pytest.raises(PrinterError, match="cannot be laid out") as raised:
        printer.print_receipt(make_receipt(pickup_code="K7QF2M9XRT" * 4))

    assert raised.value.reason == "failed"
    assert printer.output == b""


def test_a_state_file_makes_the_dummy_printer_run_low_then_out_of_paper(tmp_path) -> None:
    """What a demo or a browser test uses to show a terminal without paper."""
    from hardware.printers import PrinterError, PrinterStatus

    state = tmp_path / "printer-state"
    printer = make_printer(f"dummy:?state={state}")
    assert printer.status() is PrinterStatus.OK
    state.write_text("paper_low\n")
    assert printer.status() is PrinterStatus.PAPER_LOW
    printer.print_receipt(make_receipt())  # low paper still prints
    state.write_text("paper_out")
    assert printer.status() is PrinterStatus.PAPER_OUT
    with pytest.raises(PrinterError) as refused:
        printer.print_receipt(make_receipt())
    assert refused.value.reason == "paper_out"
    state.write_text("")
    assert printer.status() is PrinterStatus.OK
