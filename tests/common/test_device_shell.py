"""The device shell both apps stand on: who this device is, and what its printer did."""

import pytest

from common.api_client import ApiClient
from common.device_shell import Device, Printout
from hardware.card_reader import FakeCardReader
from hardware.receipt import Receipt


@pytest.fixture
def device(world, wire, printer) -> Device:
    api = ApiClient("http://server.test", world.tokens["terminal"], wire)
    return Device(api=api, printer=printer, card_reader=FakeCardReader())


def test_the_identity_is_asked_once_per_language(device, wire):
    russian = device.identity("ru")
    assert device.identity("ru") is russian
    assert wire.count("/device") == 1
    english = device.identity("en")
    assert wire.count("/device") == 2
    assert russian.store.code == english.store.code == "MSK-1"
    assert russian.kind == "terminal" and russian.store.timezone
    # The status banner asks anew, and what is known stays for a server that went away.
    device.refresh_identity("ru")
    assert wire.count("/device") == 3
    wire.down = True
    assert device.known_identity("ru") is not None


def test_a_printer_fault_is_recorded_on_the_printout_and_cleared_by_a_good_print(device, printer):
    receipt = Receipt(
        store_name="Store",
        store_address="Street 1",
        title="Order",
        order_number="A-1",
        lines=[],
        total_label="Total",
        total="0 ₽",
        instructions=[],
        pickup_code="ABCD2345X",
        pickup_code_display="ABCD-2345-X",
        code_label="Pickup code",
        printed_at="25.11.2026 12:00",
    )
    printout = Printout()
    printer.fault = "paper_out"
    device.print_receipt(receipt, printout)
    assert (printout.printed, printout.fault, printout.receipt) == (False, "paper_out", receipt)
    printer.fault = None
    device.print_receipt(receipt, printout)
    assert (printout.printed, printout.fault) == (True, None)
