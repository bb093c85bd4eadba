"""Checkout at the terminal: reserve, charge the card, record the payment, print.

Each step can fail on its own (server unreachable, card declined, printer out of
paper) and the shopper sees what happened with their order number; nothing is
charged twice and no order is made twice, whatever is tapped twice. A card charged
while the server is away stays on this terminal until the server has heard of it:
told again, with the same key, from the shopper's screen and from every status poll.
"""

import contextlib
import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from common.api_client import ApiError, ServerUnreachable
from common.customer_wire import BonusQuote
from terminal import cart, shopper
from terminal.cart import CartLine
from terminal.kiosk import Checkout, Kiosk
from terminal.pending import PendingPayment
from terminal.receipt import build_receipt
from terminal.shopper import Identified

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BonusOffer:
    """What the identified shopper may pay of this cart with bonuses, and what they chose."""

    shopper: Identified
    quote: BonusQuote
    chosen: int


def bonus_offer(kiosk: Kiosk, lines: list[CartLine], *, lang: str) -> BonusOffer | None:
    """The server's word on how many bonuses may pay for these lines, and the shopper's
    choice kept within it; None when nobody is identified, the server cannot be asked, or
    the identification ended (then the shopper is forgotten here too). With no offer the
    choice is dropped: the order never spends what the screen did not show."""
    offer = _ask_offer(kiosk, lines, lang=lang)
    before = shopper.chosen_bonus()
    chosen = min(before, offer.quote.spendable_minor) if offer else 0
    if chosen != before:
        shopper.choose_bonus(chosen)
        cart.forget_checkout_key()  # another amount is another order
    return replace(offer, chosen=chosen) if offer else None


def _ask_offer(kiosk: Kiosk, lines: list[CartLine], *, lang: str) -> BonusOffer | None:
    known = shopper.current()
    if known is None or not lines:
        return None
    try:
        quote = kiosk.api.bonus_quote(known.token, [(ln.sku, ln.qty) for ln in lines], lang=lang)
    except ServerUnreachable:
        return None  # checkout itself will say the server is away
    except ApiError as exc:
        if exc.code != "customer_token_invalid":
            raise
        shopper.forget(kiosk.api, lang=lang)
        return None
    return BonusOffer(known, quote, 0)


def place_order(
    kiosk: Kiosk,
    *,
    key: str,
    method: str,
    lines: list[CartLine],
    lang: str,
    identified: Identified | None = None,
    bonus_minor: int = 0,
    source: str | None = None,
) -> Checkout:
    """Reserve the cart as an order (for the identified shopper, part paid with their
    bonuses); pay it by card or print the cashier receipt. `source`: another store whose
    goods are brought here for pickup."""
    with kiosk.lock:
        done = kiosk.checkouts.get(key)
        if done is not None:
            return done  # a double tap: the first tap's order
        store = kiosk.identity(lang).store
        body: dict[str, Any] = {
            "store": store.code,
            "lines": [{"sku": line.sku, "qty": line.qty} for line in lines],
            "payment": "card" if method == "card" else "cashier",
        }
        if identified is not None and bonus_minor > 0:
            body["bonus_minor"] = bonus_minor
        order = kiosk.api.place_order(
            body | ({"source": source} if source else {}),
            key=key,
            lang=lang,
            shopper=identified.token if identified else None,
        )
        checkout = Checkout(key=key, method=method, order=order, lang=lang)
        kiosk.remember(checkout)
        # A replayed order may already be paid (the terminal restarted mid-checkout).
        if method == "card" and not checkout.paid:
            _charge(kiosk, checkout)
        else:
            print_receipt(kiosk, checkout)
        return checkout


def retry_card(kiosk: Kiosk, checkout: Checkout) -> None:
    with kiosk.lock:
        if not checkout.paid and checkout.card_auth is None:
            _charge(kiosk, checkout)
        elif checkout.card_auth is not None:
            _record_payment(kiosk, checkout)


def pay_at_cashier(kiosk: Kiosk, checkout: Checkout) -> None:
    """After a declined card: the order stays reserved and the receipt sends them to the cashier."""
    with kiosk.lock:
        if not checkout.paid and checkout.card_auth is None:
            checkout.method = "cashier"
            print_receipt(kiosk, checkout)


def _charge(kiosk: Kiosk, checkout: Checkout) -> None:
    result = kiosk.card_reader.charge(checkout.order.total_minor, reference=checkout.number)
    checkout.card = result.outcome
    if result.outcome == "approved":
        checkout.card_auth = result.auth_code or "approved"
        _record_payment(kiosk, checkout)


def settle(kiosk: Kiosk, checkout: Checkout) -> None:
    """The shopper's own order screen looks again: a card payment the server has not heard
    of yet is told again, and one recorded meanwhile by the status poll gets its receipt.
    After a refusal it waits for the shopper's "Continue", which shows the server's word."""
    with kiosk.lock:
        if checkout.card_auth is not None and not checkout.pay_attempt:
            with contextlib.suppress(ApiError):  # kept in pay_attempt: the screen stops asking
                _record_payment(kiosk, checkout)
        elif checkout.method == "card" and checkout.paid and checkout.printout.receipt is None:
            print_receipt(kiosk, checkout)


def record_pending_payments(kiosk: Kiosk) -> None:
    """From the status poll: every card charged while the server was away is told to it now,
    whether or not its shopper still waits at the screen, and after a restart of this app
    too (terminal/pending.py). No receipt is printed here (it would go to the next shopper).
    A refusal is the server's answer: it is left to the shopper's screen and to staff."""
    for payment in kiosk.pending.all():
        with kiosk.lock:
            on_screen = _on_screen(kiosk, payment.key)
            try:
                if on_screen is not None:
                    told = _record_payment(kiosk, on_screen, receipt=False)
                else:
                    told = _tell(kiosk, payment)
            except ApiError as exc:
                log.warning("payment of order %s refused: %s", payment.number, exc)
                continue
            if not told:
                return  # the server is away again: the rest waits for the next poll


def _on_screen(kiosk: Kiosk, key: str) -> Checkout | None:
    """The remembered checkout waiting to record this payment, if this process has it."""
    return kiosk.checkouts.find(lambda c: c.card_auth is not None and c.pay_key == key)


def _tell(kiosk: Kiosk, payment: PendingPayment) -> bool:
    """A payment no screen shows any more (this app restarted since): the server's answer,
    whatever it is, ends it here."""
    try:
        kiosk.api.order_action(
            payment.number, "payments", payment.body(), key=payment.key, lang=payment.lang
        )
    except ServerUnreachable:
        return False
    except ApiError as exc:
        if exc.code != "already_paid":
            log.warning("payment of order %s refused: %s", payment.number, exc)
    kiosk.pending.done(payment.key)
    return True


def _record_payment(kiosk: Kiosk, checkout: Checkout, *, receipt: bool = True) -> bool:
    """Tell the server the card was charged; False while it is away. The payment is kept on
    disk first, so neither a lost answer nor a restart of this app loses it; it is told
    again with the same key from the shopper's screen and from every status poll."""
    payment = PendingPayment(
        checkout.number,
        checkout.pay_key,
        checkout.order.due_minor,
        checkout.card_auth or "",
        checkout.lang,
    )
    kiosk.pending.keep(payment)
    try:
        checkout.order = kiosk.api.order_action(
            payment.number, "payments", payment.body(), key=payment.key, lang=payment.lang
        )
    except ServerUnreachable:
        log.warning("order %s: card charged, the server is away; told again later", payment.number)
        return False
    except ApiError as exc:
        kiosk.pending.done(payment.key)
        if exc.code != "already_paid":
            # The server keeps its refusal under this key: "Continue" must ask anew.
            checkout.pay_attempt += 1
            raise
        checkout.order = kiosk.api.order(checkout.number, lang=checkout.lang)
    else:
        kiosk.pending.done(payment.key)
    checkout.card_auth = None
    if receipt:
        print_receipt(kiosk, checkout)
    return True


def print_receipt(kiosk: Kiosk, checkout: Checkout) -> None:
    store = kiosk.identity(checkout.lang).store
    receipt = build_receipt(checkout.order, store, lang=checkout.lang, now=datetime.now(UTC))
    kiosk.print_receipt(receipt, checkout.printout)
