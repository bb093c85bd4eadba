"""What one pickup station holds between requests: its devices, its scans, what is on screen.

One window serves one customer at a time, so one lock around the actions is enough to
make a double tap harmless even before the server's idempotency key is involved.
"""

import threading
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app

from common.api_client import ApiClient, ServerUnreachable
from hardware.card_reader import CardReader
from hardware.printers import ReceiptPrinter
from hardware.receipt import Receipt
from pickup.scans import LatestScans
from pickup.view import LineView, OrderView, order_view

KEEP_SHOWN = 30  # only the last few customers can come back for a reprint


@dataclass
class Shown:
    """One scan result on the clerk's screen, and what was done from it.

    `step` grows with every action that changed the order, and the idempotency key of an
    action is token + step: a double tap or a retry sends the same key, the next action
    on the new state a new one.
    """

    token: str
    code: str
    lang: str
    verdict: str = "red"  # green / amber / red
    message: str = ""
    error: str | None = None  # the server's error code when there is no order to show
    order: dict[str, Any] | None = None
    actions: list[str] = field(default_factory=list)
    step: int = 0
    done: str | None = None  # "handed_out" or "paid", after this station did it
    handed: dict[str, int] = field(default_factory=dict)  # SKU -> qty of the last hand-out
    paid_method: str | None = None
    paid_minor: int = 0
    # Cash is counted in steps: "tendered" (the clerk types what was handed over), then
    # "confirm" (the change is shown, the clerk confirms); only then is it recorded.
    cash_stage: str | None = None
    tendered_minor: int | None = None
    card: str | None = None  # approved / declined / timeout, for the last attempt
    card_auth: str | None = None  # charged but not yet recorded on the server
    slip: Receipt | None = None
    printed: bool = False
    print_error: str | None = None  # offline / paper_out / cover_open / failed

    def key(self, action: str) -> str:
        return f"{self.token}-{self.step}-{action}"

    @property
    def number(self) -> str | None:
        return self.order["number"] if self.order else None

    @property
    def due_minor(self) -> int:
        return self.order["total_minor"] - self.order["paid_minor"] if self.order else 0

    @property
    def cash_counted(self) -> bool:
        """The clerk has typed what the customer gave, it covers the sum, and saw the change."""
        return (
            self.cash_stage == "confirm"
            and self.tendered_minor is not None
            and self.tendered_minor >= self.due_minor
        )

    @property
    def change_minor(self) -> int:
        return (self.tendered_minor or 0) - (self.paid_minor or self.due_minor)

    def quick_cash(self) -> list[int]:
        """Amounts a customer is likely to hand over, in kopecks: the exact sum, round notes."""
        exact = -(-self.due_minor // 100) * 100  # whole roubles: nobody pays cash in kopecks
        notes = {exact} | {
            -(-exact // n) * n for n in (10_000, 50_000, 100_000, 500_000, 1_000_000)
        }
        return sorted(notes)[:4]

    def can_pay(self, mode: str) -> bool:
        """A window takes payment only for goods already here (paid on pickup); a cashier: any."""
        if "pay" not in self.actions or self.order is None:
            return False
        return mode == "cashier" or self.order["status"] in ("ready", "partially_issued")

    @property
    def view(self) -> OrderView:
        """The order as the clerk reads it; empty when there is no order on screen."""
        return order_view(self.order) if self.order else OrderView([])

    @property
    def open_lines(self) -> list[LineView]:
        return self.view.open_lines


@dataclass
class Station:
    api: ApiClient
    printer: ReceiptPrinter
    card_reader: CardReader
    scans: LatestScans
    # Re-entrant: an action holds it while it remembers what it shows.
    lock: threading.RLock = field(default_factory=threading.RLock)
    shown: dict[str, Shown] = field(default_factory=dict)
    me: dict[str, Any] | None = None

    def remember(self, shown: Shown) -> None:
        with self.lock:
            self.shown[shown.token] = shown
            while len(self.shown) > KEEP_SHOWN:
                self.shown.pop(next(iter(self.shown)))

    def latest(self) -> Shown | None:
        with self.lock:
            return next(reversed(self.shown.values()), None)

    def whoami(self, lang: str) -> dict[str, Any]:
        """This device and its store, asked once per language; raises ServerUnreachable."""
        if self.me is None or self.me.get("_lang") != lang:
            return self.ask_server(lang)
        return self.me

    def ask_server(self, lang: str) -> dict[str, Any]:
        """Ask the server who this device is, now: the status banner's check."""
        me = self.api.get("/device", lang=lang)
        if me["store"] is None:
            raise ServerUnreachable("this device token belongs to no store")
        shift = self.api.get("/device/shift", lang=lang)  # its window and the clerk on shift
        self.me = dict(me, window=shift["window"], clerk=shift["clerk"], _lang=lang)
        return self.me

    def set_clerk(self, name: str, lang: str) -> None:
        """Name the clerk on shift; hand-outs from now on are credited to them."""
        shift = self.api.post("/device/shift", {"clerk": name}, lang=lang)
        self.whoami(lang)
        if self.me is not None:
            self.me.update(window=shift["window"], clerk=shift["clerk"])


def station() -> Station:
    return current_app.extensions["pickup"]


def init_app(app: Flask, station_: Station) -> None:
    app.extensions["pickup"] = station_
