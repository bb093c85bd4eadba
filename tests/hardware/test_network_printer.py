"""The tcp:// printer against a real socket on 127.0.0.1 that behaves like a printer."""

import socket

import pytest

from hardware.printers import PrinterError, PrinterStatus, make_printer
from hardware.printers.escpos_printer import EscposPrinter
from tests.hardware.network_printer import (
    COVER_OPEN,
    OFFLINE_ERROR,
    ONLINE,
    PAPER_LOW,
    PAPER_OUT,
    SILENT,
    NetworkPrinter,
    printed_part,
)
from tests.hardware.receipts import make_receipt

RASTER_IMAGE = b"\x1dv0"  # GS v 0
CUT = b"\x1dV\x00"  # GS V 0, full cut


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_receipt_arrives_over_tcp_as_an_image_and_a_cut(network_printer: NetworkPrinter) -> None:
    make_printer(network_printer.url).print_receipt(make_receipt())

    (job,) = network_printer.wait_for_jobs()
    assert job.startswith(b"\x10\x04\x01")  # asked whether it is online first
    assert b"\x1b@" + RASTER_IMAGE in job
    assert printed_part(job).endswith(CUT)


def test_two_receipts_are_two_connections(network_printer: NetworkPrinter) -> None:
    printer = make_printer(network_printer.url)

    printer.print_receipt(make_receipt(order_number="A-1042"))
    printer.print_receipt(make_receipt(order_number="A-1043"))

    jobs = network_printer.wait_for_jobs(2)
    assert [job.count(CUT) for job in jobs] == [1, 1]
    assert all(printed_part(job).endswith(CUT) for job in jobs)


def test_printer_that_is_switched_off_raises_offline() -> None:
    printer = make_printer(f"tcp://127.0.0.1:{closed_port()}?timeout=2")

    with pytest.raises(PrinterError) as raised:
        printer.print_receipt(make_receipt())

    assert raised.value.reason == "offline"
    assert "offline" in raised.value.message
    assert printer.status() is PrinterStatus.OFFLINE


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (ONLINE, PrinterStatus.OK),
        (PAPER_LOW, PrinterStatus.PAPER_LOW),
        (PAPER_OUT, PrinterStatus.PAPER_OUT),
        (COVER_OPEN, PrinterStatus.COVER_OPEN),
        (OFFLINE_ERROR, PrinterStatus.OFFLINE),
    ],
)
def test_status_says_what_the_printer_answers(
    network_printer: NetworkPrinter, answers: dict[int, int], expected: PrinterStatus
) -> None:
    network_printer.answers = answers

    assert make_printer(network_printer.url).status() is expected


@pytest.mark.parametrize(
    ("answers", "reason", "words"),
    [
        (PAPER_OUT, "paper_out", "out of paper"),
        (COVER_OPEN, "cover_open", "cover is open"),
        (OFFLINE_ERROR, "offline", "offline"),
    ],
)
def test_nothing_is_sent_to_a_printer_that_cannot_print(
    network_printer: NetworkPrinter, answers: dict[int, int], reason: str, words: str
) -> None:
    network_printer.answers = answers

    with pytest.raises(PrinterError, match=words) as raised:
        make_printer(network_printer.url).print_receipt(make_receipt())

    assert raised.value.reason == reason
    (job,) = network_printer.wait_for_jobs()
    assert RASTER_IMAGE not in job and CUT not in job


def test_printer_comes_back_after_the_paper_is_changed(network_printer: NetworkPrinter) -> None:
    printer = make_printer(network_printer.url)
    network_printer.answers = PAPER_OUT
    with pytest.raises(PrinterError):
        printer.print_receipt(make_receipt())

    network_printer.answers = ONLINE
    printer.print_receipt(make_receipt())

    assert printed_part(network_printer.wait_for_jobs(2)[1]).endswith(CUT)


def test_paper_running_low_still_prints(network_printer: NetworkPrinter) -> None:
    network_printer.answers = PAPER_LOW

    make_printer(network_printer.url).print_receipt(make_receipt())

    assert printed_part(network_printer.wait_for_jobs()[0]).endswith(CUT)


def test_printer_that_ignores_status_queries_still_prints(
    network_printer: NetworkPrinter,
) -> None:
    network_printer.answers = SILENT
    printer = make_printer(network_printer.url)
    assert isinstance(printer, EscposPrinter)
    printer.status_timeout = 0.2

    assert printer.status() is PrinterStatus.UNKNOWN
    printer.print_receipt(make_receipt())

    assert printed_part(network_printer.wait_for_jobs(2)[1]).endswith(CUT)


@pytest.mark.parametrize("share", [0.5, 0.99])
def test_printer_that_hangs_up_mid_receipt_is_not_taken_for_printed(
    network_printer: NetworkPrinter, share: float
) -> None:
    """Switched off or unplugged mid-receipt: even when the rest of the job still fits in
    the socket's buffers, the receipt counts as not printed, and printing again works."""
    printer = make_printer(network_printer.url)
    printer.print_receipt(make_receipt())
    (whole,) = network_printer.wait_for_jobs()
    network_printer.hang_up_after = int(len(whole) * share)

    with pytest.raises(PrinterError) as raised:
        printer.print_receipt(make_receipt())

    assert raised.value.reason == "offline"
    assert not printed_part(network_printer.wait_for_jobs(2)[1]).endswith(CUT)
    network_printer.hang_up_after = None
    printer.print_receipt(make_receipt())
    assert printed_part(network_printer.wait_for_jobs(3)[2]).endswith(CUT)
