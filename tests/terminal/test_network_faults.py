"""The terminal's network drops between the card payment and the receipt.

The card is charged; then the cable goes, before the server hears of the payment or
before its answer comes back. The shopper must see their order as paid-and-being-saved
(not "no connection" over a full cart, which sends them to pay again at the cashier),
the payment must reach the server once the cable is back, even if nobody touches the
screen, and the receipt comes out once, with the money taken once.
"""

from collections.abc import Callable
from typing import Any

import pytest

from tests.wired import WiredTransport

PAYMENTS = "/payments"


def add(kiosk, sku: str) -> None:
    kiosk.post("/cart/add", data={"sku": sku, "qty": "1"}, headers={"HX-Request": "true"})


@pytest.fixture
def answer_lost(monkeypatch) -> list[bool]:
    """While set, the server does hear the payment, but its answer never comes back."""
    lost = [False]
    through = WiredTransport.__call__

    def call(self: WiredTransport, method: str, url: str, **parts: Any) -> tuple[int, Any]:
        answer = through(self, method, url, **parts)
        if lost[0] and url.endswith(PAYMENTS):
            self.down = True
            return through(self, method, url, **parts)  # raises: the cable is pulled
        return answer

    monkeypatch.setattr(WiredTransport, "__call__", call)
    return lost


@pytest.fixture
def paid_then_cut(kiosk, wire, card_reader, monkeypatch) -> Callable[[], str]:
    """A shopper pays a phone by card and the cable goes right after the charge; the
    order screen's address."""
    charge = card_reader.charge

    def charge_then_cable_goes(amount_minor: int, reference: str):  # type: ignore[no-untyped-def]
        result = charge(amount_minor, reference)
        wire.down = True
        return result

    def pay() -> str:
        monkeypatch.setattr(card_reader, "charge", charge_then_cable_goes)
        add(kiosk, "PHONE-1")
        kiosk.get("/checkout")
        return str(kiosk.post("/checkout", data={"method": "card"}).location)

    return pay


@pytest.mark.parametrize("drops", ["before the server hears", "before its answer"])
def test_network_drop_between_card_payment_and_receipt_loses_nothing(
    kiosk, wire, card_reader, printer, terminal, monkeypatch, answer_lost, drops
):
    charge = card_reader.charge

    def charge_then_cable_goes(amount_minor: int, reference: str):  # type: ignore[no-untyped-def]
        result = charge(amount_minor, reference)
        if drops == "before the server hears":
            wire.down = True
        else:
            answer_lost[0] = True
        return result

    monkeypatch.setattr(card_reader, "charge", charge_then_cable_goes)
    add(kiosk, "PHONE-1")
    kiosk.get("/checkout")

    tapped = kiosk.post("/checkout", data={"method": "card"})

    assert tapped.status_code == 302, tapped.get_data(as_text=True)[:300]
    number = tapped.location.rsplit("/", 1)[-1]
    page = kiosk.get(tapped.location).get_data(as_text=True)
    assert number in page and "Оплата картой принята, сохраняем её" in page
    assert "Попробовать картой ещё раз" not in page  # nothing invites a second charge
    assert printer.receipts == []
    assert "Корзина пуста" in kiosk.get("/cart").get_data(as_text=True)

    # The cable is back: the status poll, which every screen runs whether or not anyone
    # is at it, tells the server of the payment by itself.
    wire.down, answer_lost[0] = False, False
    kiosk.get("/status")
    order = terminal.get(f"/orders/{number}").json
    assert order["status"] == "paid"
    assert wire.count(f"/orders/{number}{PAYMENTS}") <= 2
    assert len(card_reader.charges) == 1

    # A shopper still at the screen gets the receipt, once, when the page looks again.
    page = kiosk.get(tapped.location).get_data(as_text=True)
    assert "Оплачено" in page and "Возьмите чек" in page
    kiosk.get(tapped.location)
    assert [receipt.order_number for receipt in printer.receipts] == [number]
    assert len(card_reader.charges) == 1


def test_a_card_payment_the_server_never_heard_of_survives_a_restart_of_the_terminal(
    terminal_app, wire, card_reader, terminal, paid_then_cut
):
    """Charged, the cable gone, and the terminal app restarted (systemd, a power cut): the
    new process tells the server at its first status poll, once."""
    from terminal import create_app as create_terminal

    number = paid_then_cut().rsplit("/", 1)[-1]
    assert terminal.get(f"/orders/{number}").json["status"] == "reserved"

    restarted = create_terminal(dict(terminal_app.config)).test_client()
    wire.down = False
    restarted.get("/status")

    assert terminal.get(f"/orders/{number}").json["status"] == "paid"
    assert (
        terminal.get(f"/orders/{number}").json["paid_minor"] == card_reader.charges[0].amount_minor
    )
    restarted.get("/status")
    assert wire.count(f"/orders/{number}{PAYMENTS}") == 1
    assert len(card_reader.charges) == 1


def test_a_payment_refused_once_the_server_is_back_waits_for_the_shopper(
    kiosk, wire, card_reader, terminal, paid_then_cut
):
    """The server, back, refuses the payment (here: the order was cancelled meanwhile). The
    order screen stops asking by itself; "Continue" shows the server's sentence."""
    done = paid_then_cut()
    number = done.rsplit("/", 1)[-1]
    assert terminal.post(f"/orders/{number}/cancel", key="cancel-1").status_code == 200
    wire.down = False

    page = kiosk.get(done)
    asked = wire.count(f"/orders/{number}{PAYMENTS}")
    again = kiosk.get(done, headers={"HX-Request": "true"})

    assert page.status_code == again.status_code == 200
    assert "every 3s" not in page.get_data(as_text=True)  # it stopped asking
    assert wire.count(f"/orders/{number}{PAYMENTS}") == asked == 1
    refused = kiosk.post(f"/order/{number}/retry-card")
    assert refused.status_code == 409
    assert len(card_reader.charges) == 1
