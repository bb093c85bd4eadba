"""What one terminal holds between requests: its store, its devices, its recent orders.

One terminal is one shopper at a time, so a lock around checkout is enough to make a
double tap harmless even before the server's idempotency key is involved.
"""

import threading
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app

from common.api_client import ApiClient, ServerUnreachable
from hardware.card_reader import CardReader
from hardware.printers import ReceiptPrinter


@dataclass
class Checkout:
    """A placed order as this terminal saw it: what the "done" screen shows."""

    key: str
    method: str  # "card" or "cashier"
    order: dict[str, Any]
    lang: str
    card: str | None = None  # approved / declined / timeout, for the last attempt
    card_auth: str | None = None  # approved but not yet recorded on the server
    printed: bool = False
    print_error: str | None = None  # offline / paper_out / cover_open / failed
    pay_attempt: int = 0  # a refused "record the payment" is final; the next try is new

    @property
    def pay_key(self) -> str:
        return f"{self.key}-pay-{self.pay_attempt}"

    @property
    def number(self) -> str:
        return self.order["number"]

    @property
    def paid(self) -> bool:
        return self.order["paid_minor"] >= self.order["total_minor"]


@dataclass
class Kiosk:
    api: ApiClient
    printer: ReceiptPrinter
    card_reader: CardReader
    lock: threading.Lock = field(default_factory=threading.Lock)
    by_key: dict[str, Checkout] = field(default_factory=dict)
    store: dict[str, Any] | None = None

    def remember(self, checkout: Checkout) -> None:
        self.by_key[checkout.key] = checkout
        while len(self.by_key) > 50:  # only the last few shoppers can come back for a reprint
            self.by_key.pop(next(iter(self.by_key)))

    def find(self, number: str) -> Checkout | None:
        return next((c for c in self.by_key.values() if c.number == number), None)

    def my_store(self, lang: str) -> dict[str, Any]:
        """This terminal's store, asked of the server once; raises ServerUnreachable."""
        if self.store is None or self.store.get("_lang") != lang:
            me = self.api.get("/device", lang=lang)
            if me["store"] is None:
                raise ServerUnreachable("this device token belongs to no store")
            self.store = dict(me["store"], _lang=lang)
        return self.store


def kiosk() -> Kiosk:
    return current_app.extensions["kiosk"]


def init_app(app: Flask, kiosk_: Kiosk) -> None:
    app.extensions["kiosk"] = kiosk_
