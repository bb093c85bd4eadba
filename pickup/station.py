"""What one pickup station holds between requests: the device shell, its shift, its scans,
and what is on screen.

One window serves one customer at a time, so one lock around the actions is enough to
make a double tap harmless even before the server's idempotency key is involved.
"""

import hashlib
import json
from dataclasses import dataclass, field, replace
from typing import Any

from flask import Flask, current_app

from common.device_shell import Device, Printout
from common.fleet import ScannerState
from common.recent import Recent
from common.wire import DeviceIdentity, Order, OrderLine, ScanAnswer, Shift
from pickup.scans import LatestScans

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
    order: Order | None = None
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
    returned: dict[str, int] = field(default_factory=dict)  # SKU -> qty of the last return
    refund_minor: int = 0
    refund_method: str | None = None
    repair: str | None = None  # the number of the repair just taken in
    photos: int = 0  # how many photos that repair has from this screen's camera or files
    card: str | None = None  # approved / declined / timeout, for the last attempt
    card_auth: str | None = None  # charged but not yet recorded on the server
    printout: Printout = field(default_factory=Printout)

    @classmethod
    def of_answer(cls, answer: ScanAnswer, *, token: str, code: str, lang: str) -> "Shown":
        return cls(
            token=token,
            code=code,
            lang=lang,
            order=answer.order,
            verdict=answer.verdict,
            message=answer.message,
            actions=list(answer.actions),
        )

    def key(self, action: str, form: dict[str, Any] | None = None) -> str:
        """One key per screen state and action; with `form`, per what the clerk filled in
        too: a second tap repeats the first, a corrected form after a refusal is new."""
        if form is None:
            return f"{self.token}-{self.step}-{action}"
        filled = hashlib.sha256(json.dumps(form, sort_keys=True).encode()).hexdigest()[:12]
        return f"{self.token}-{self.step}-{action}-{filled}"

    @property
    def number(self) -> str | None:
        return self.order.number if self.order else None

    @property
    def due_minor(self) -> int:
        return self.order.due_minor if self.order else 0

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
            -(-exact // note) * note for note in (10_000, 50_000, 100_000, 500_000, 1_000_000)
        }
        return sorted(notes)[:4]

    def can_pay(self, mode: str) -> bool:
        """A window takes payment only for goods already here (paid on pickup); a cashier: any."""
        if "pay" not in self.actions or self.order is None:
            return False
        return mode == "cashier" or self.order.at_the_window

    @property
    def kept_lines(self) -> list[OrderLine]:
        """Lines the customer still has some of: what a return may take back."""
        return [line for line in self.order.lines if line.qty_kept] if self.order else []

    @property
    def warranty_lines(self) -> list[OrderLine]:
        """Lines the customer has some of: a unit of each may be taken in for repair."""
        return [line for line in self.kept_lines if line.warranty_until is not None]

    @property
    def any_warranty_over(self) -> bool:
        """Some line may go in only for a paid repair: the form asks the customer's consent."""
        return any(not line.under_warranty for line in self.warranty_lines)

    @property
    def open_lines(self) -> list[OrderLine]:
        return self.order.open_lines if self.order else []


@dataclass
class Station(Device):
    scans: LatestScans = field(default_factory=LatestScans)
    shown: Recent[str, Shown] = field(default_factory=lambda: Recent(KEEP_SHOWN))
    # The camera loop (hardware.scanning.scanner.ScanLoop) when a camera is configured.
    camera_wanted: bool = False
    camera: Any = None

    def camera_state(self) -> ScannerState:
        """ok: the camera gives frames; offline: configured but silent; none: no camera
        (a USB scanner types like a keyboard and cannot be asked)."""
        if not self.camera_wanted:
            return "none"
        return "ok" if self.camera is not None and self.camera.seeing() else "offline"

    def scanner_state(self) -> ScannerState:
        # The camera is this station's only code reader that can say how it is.
        return self.camera_state()

    def remember(self, shown: Shown) -> None:
        self.shown.remember(shown.token, shown)

    def latest(self) -> Shown | None:
        return self.shown.latest()

    def refresh_identity(self, lang: str) -> DeviceIdentity:
        """Who this device is, with its window and the clerk on shift, asked now."""
        super().refresh_identity(lang)
        self._keep_shift(self.api.shift(lang=lang))
        return self._identities[lang]

    def set_clerk(self, name: str, lang: str) -> None:
        """Name the clerk on shift; hand-outs from now on are credited to them."""
        shift = self.api.name_clerk(name, lang=lang)
        self.identity(lang)
        self._keep_shift(shift)

    def _keep_shift(self, shift: Shift) -> None:
        for lang, identity in list(self._identities.items()):
            self._identities[lang] = replace(identity, window=shift.window, clerk=shift.clerk)


def station() -> Station:
    return current_app.extensions["pickup"]


def init_app(app: Flask, pickup_station: Station) -> None:
    app.extensions["pickup"] = pickup_station
