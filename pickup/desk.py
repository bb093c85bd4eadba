"""The clerk's work at the window: look a code up, hand goods out, take a payment, print.

Each step can fail on its own (server unreachable, card declined, printer out of paper)
and the clerk sees what happened; nothing is handed out or charged twice, whatever is
tapped twice, because each displayed state has one idempotency key (Shown.key).
"""

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from common import order_life
from common.api_client import ApiError, new_key
from common.wire import Order
from pickup.slip import (
    build_intake_slip,
    build_payment_receipt,
    build_return_slip,
    build_slip,
)
from pickup.station import Shown, Station

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class CardCharged(Exception):
    """The card was charged but the server refused the payment: someone must refund it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def lookup(station: Station, code: str, *, lang: str) -> Shown:
    """Ask the server about a scanned code; an error answer is a red result, not an exception."""
    try:
        answer = station.api.scan(code, lang=lang)
    except ApiError as exc:
        shown = Shown(token=new_key(), code=code, lang=lang, error=exc.code, message=exc.message)
        if exc.code == "unknown_code":
            _hand_back_repair(station, shown)
    else:
        shown = Shown.of_answer(answer, token=new_key(), code=code, lang=lang)
    station.remember(shown)
    return shown


def _hand_back_repair(station: Station, shown: Shown) -> None:
    """Not an order's code: perhaps a repair intake slip, whose unit then goes back."""
    try:
        repair = station.api.post(
            "/repairs/hand-back", {"code": shown.code}, key=new_key(), lang=shown.lang
        )
    except ApiError as exc:
        if exc.code != "repair_not_found":
            closed = exc.details.get("status") == "returned_to_customer"
            shown.error = "repair_closed" if closed else "repair"
            shown.message = exc.message
        return
    shown.error, shown.done, shown.verdict = None, "repair_back", "green"
    shown.repair, shown.message = repair["number"], f"{repair['name']} ({repair['serial']})"


def lookup_number(station: Station, number: str, proof: str, *, lang: str) -> Shown:
    """An order found by its number and confirmed by the customer; ApiError when it is not."""
    answer = station.api.look_up(number, proof, lang=lang)
    shown = Shown.of_answer(answer, token=new_key(), code=number, lang=lang)
    station.remember(shown)
    return shown


def hand_out(
    station: Station,
    shown: Shown,
    *,
    step: int,
    lines: dict[str, int] | None,
    now: Clock = utc_now,
) -> None:
    """Hand out all open lines (lines=None) or the chosen SKU -> qty, then print the slip."""
    with station.lock:
        if step != shown.step or "hand_out" not in shown.actions or shown.order is None:
            return  # a second tap on a state that is gone: the first tap did the work
        # Asked before the hand-out: the slip must not fail after it.
        identity = station.identity(shown.lang)
        before = {line.sku: line.qty_issued for line in shown.order.lines}
        chosen = [{"sku": sku, "qty": qty} for sku, qty in (lines or {}).items()]
        body = {} if lines is None else {"lines": chosen}
        order = station.api.order_action(
            shown.order.number, "hand-out", body, key=shown.key("hand-out"), lang=shown.lang
        )
        shown.handed = {
            line.sku: line.qty_issued - before.get(line.sku, 0)
            for line in order.lines
            if line.qty_issued > before.get(line.sku, 0)
        }
        _changed(shown, order, done="handed_out")
        more_to_come = order.status == order_life.OrderStatus.PARTIALLY_ISSUED
        shown.actions = ["hand_out"] if more_to_come else []
        slip = build_slip(
            order,
            shown.handed,
            identity.store,
            device=identity.name,
            window=identity.window,
            clerk=identity.clerk,
            lang=shown.lang,
            now=now(),
        )
        station.print_receipt(slip, shown.printout)


def take_payment(
    station: Station, shown: Shown, *, step: int, method: str, now: Clock = utc_now
) -> None:
    """Cash (counted and confirmed by the clerk) or card (charged here first), recorded on
    the server."""
    with station.lock:
        if shown.order is None or step != shown.step or "pay" not in shown.actions:
            return  # a second tap on a state that is gone, or nothing to pay
        if method not in ("cash", "card"):
            return
        if method == "cash" and shown.card_auth is None and not shown.cash_counted:
            return  # cash is recorded only after the amount tendered and the change are confirmed
        if shown.card_auth is not None:
            method = "card"  # the card is already charged: record that, never take cash as well
        store = station.identity(shown.lang).store  # before the card is charged
        due = shown.due_minor
        if method == "card" and shown.card_auth is None:
            result = station.card_reader.charge(due, reference=shown.order.number)
            shown.card = result.outcome
            if result.outcome != "approved":
                return  # nothing charged, nothing changed: the clerk retries or takes cash
            shown.card_auth = result.auth_code or "approved"
        body: dict[str, Any] = {"method": method, "amount_minor": due}
        if method == "card":
            body["reference"] = shown.card_auth
        try:
            order = station.api.order_action(
                shown.order.number, "payments", body, key=shown.key(method), lang=shown.lang
            )
        except ApiError as exc:
            if method == "card":
                shown.card_auth = None
                raise CardCharged(exc.message) from exc
            raise
        auth, shown.card_auth = shown.card_auth, None
        shown.paid_method, shown.paid_minor, shown.cash_stage = method, due, None
        tendered = shown.tendered_minor if method == "cash" else None
        _changed(shown, order, done="paid")
        # Paid on pickup: the goods are here, so the window hands them out next.
        shown.actions = ["hand_out"] if order.at_the_window else []
        receipt = build_payment_receipt(
            order,
            store,
            method=method,
            amount_minor=due,
            auth_code=auth if method == "card" else None,
            tendered_minor=tendered,
            lang=shown.lang,
            now=now(),
        )
        station.print_receipt(receipt, shown.printout)


def take_back(
    station: Station,
    shown: Shown,
    *,
    step: int,
    lines: dict[str, int],
    reason: str,
    resaleable: bool,
    now: Clock = utc_now,
) -> None:
    """Return these units (SKU -> qty) of a handed-out order, then print the return slip."""
    with station.lock:
        if step != shown.step or "return" not in shown.actions or shown.order is None:
            return  # a second tap on a state that is gone: the first tap did the work
        store = station.identity(shown.lang).store  # before the money moves
        body = {
            "lines": [{"sku": sku, "qty": qty} for sku, qty in lines.items()],
            "reason": reason,
            "resaleable": resaleable,
        }
        answer = station.api.post(
            f"/orders/{shown.order.number}/returns",
            body,
            key=shown.key("return", body),
            lang=shown.lang,
        )
        order = Order.from_json(answer["order"])
        shown.returned = dict(lines)
        shown.refund_minor, shown.refund_method = answer["refund_minor"], answer["refund_method"]
        _changed(shown, order, done="returned")
        shown.actions = ["return"] if order.status == order_life.OrderStatus.ISSUED else []
        slip = build_return_slip(
            order, lines, answer, store, reason=reason, lang=shown.lang, now=now()
        )
        station.print_receipt(slip, shown.printout)


def take_in_repair(
    station: Station,
    shown: Shown,
    *,
    step: int,
    intake: dict[str, str | bool],
    now: Clock = utc_now,
) -> None:
    """Take one unit in for repair (under warranty, or a paid one; handed in now or collected
    from home on an agreed day), then print the intake slip with its code."""
    with station.lock:
        if step != shown.step or "return" not in shown.actions or shown.order is None:
            return
        store = station.identity(shown.lang).store
        body = {"order": shown.order.number, **intake}
        repair = station.api.post("/repairs", body, key=shown.key("repair", body), lang=shown.lang)
        shown.repair = repair["number"]
        order = shown.order
        _changed(shown, order, done="repair_taken")
        shown.actions = ["return"]
        slip = build_intake_slip(order, {**body, **repair}, store, lang=shown.lang, now=now())
        station.print_receipt(slip, shown.printout)


def add_repair_photo(station: Station, shown: Shown, *, step: int, photo: bytes) -> None:
    """Send one photo of the unit just taken in to its repair on the server."""
    with station.lock:
        if step != shown.step or shown.repair is None or shown.done != "repair_taken":
            return  # a second tap on a state already gone: the first one sent it
        key = shown.key("photo", {"sha256": hashlib.sha256(photo).hexdigest()})
        repair = station.api.post_picture(
            f"/repairs/{shown.repair}/photos", photo, key=key, lang=shown.lang
        )
        shown.photos = len(repair["photos"])
        shown.step += 1


def receive(station: Station, shown: Shown, *, step: int) -> None:
    """An outpost takes in an order that arrived in a transfer: it is ready to hand out."""
    with station.lock:
        if step != shown.step or "receive" not in shown.actions or shown.order is None:
            return
        order = station.api.order_action(
            shown.order.number, "arrived", key=shown.key("receive"), lang=shown.lang
        )
        _changed(shown, order, done="received")
        shown.actions = ["hand_out"] if order.paid else ["pay"]


def reprint(station: Station, shown: Shown) -> None:
    with station.lock:
        if shown.printout.receipt is not None:
            station.print_receipt(shown.printout.receipt, shown.printout)


def _changed(shown: Shown, order: Order, *, done: str) -> None:
    shown.order, shown.done, shown.verdict, shown.card = order, done, "green", None
    shown.step += 1  # a new state on screen: its actions get a new key
