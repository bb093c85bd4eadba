"""What one terminal holds between requests: the device shell and its recent checkouts.

One terminal is one shopper at a time, so a lock around checkout is enough to make a
double tap harmless even before the server's idempotency key is involved.
"""

from dataclasses import dataclass, field

from flask import Flask, current_app

from common.api_client import ServerUnreachable
from common.device_shell import Device, Printout
from common.heartbeat import Service, printer_state, printer_stopped
from common.recent import Recent
from common.wire import Order
from terminal.pending import PendingPayments

KEEP_CHECKOUTS = 50  # only the last few shoppers can come back for a reprint


@dataclass
class Checkout:
    """A placed order as this terminal saw it: what the "done" screen shows."""

    key: str
    method: str  # "card" or "cashier"
    order: Order
    lang: str
    card: str | None = None  # approved / declined / timeout, for the last attempt
    card_auth: str | None = None  # approved but not yet recorded on the server
    printout: Printout = field(default_factory=Printout)
    pay_attempt: int = 0  # a refused "record the payment" is final; the next try is new

    @property
    def pay_key(self) -> str:
        return f"{self.key}-pay-{self.pay_attempt}"

    @property
    def number(self) -> str:
        return self.order.number

    @property
    def paid(self) -> bool:
        return self.order.paid


@dataclass
class Kiosk(Device):
    checkouts: Recent[str, Checkout] = field(default_factory=lambda: Recent(KEEP_CHECKOUTS))
    pending: PendingPayments = field(kw_only=True)  # card payments the server has not heard of

    def can_take_money(self) -> bool:
        """In service, and the printer can print the receipt now (asked now, not at the
        last heartbeat): a shopper must learn before paying, not after."""
        if self.service.out_of_service:
            return False
        if not printer_stopped(printer_state(self.printer)):
            return True
        try:
            self.beat(force=True)  # the fleet page learns at once why this terminal stopped
        except ServerUnreachable:
            self.heartbeat.service = Service(True, "printer", self.service.nearest)
        return False

    def remember(self, checkout: Checkout) -> None:
        self.checkouts.remember(checkout.key, checkout)

    def find(self, number: str) -> Checkout | None:
        return self.checkouts.find(lambda checkout: checkout.number == number)


def kiosk() -> Kiosk:
    return current_app.extensions["kiosk"]


def init_app(app: Flask, terminal_kiosk: Kiosk) -> None:
    app.extensions["kiosk"] = terminal_kiosk
