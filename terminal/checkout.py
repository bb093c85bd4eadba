"""Checkout at the terminal: reserve, charge the card, record the payment, print.

Each step can fail on its own (server unreachable, card declined, printer out of
paper) and the shopper sees what happened with their order number; nothing is
charged twice and no order is made twice, whatever is tapped twice. A card charged
while the server is away stays on this terminal until the server has heard of it:
told again, with the same key, from the shopper's screen and from every status poll.
"""

import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from common.api_client import ApiError, ServerUnreachable
from common.customer_wire import BonusQuote
from terminal import cart, shopper
from terminal.cart import CartLine
from terminal.kiosk import Checkout, Kiosk
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
    of yet is told again, and one recorded meanwhile by the status poll gets its receipt."""
    with kiosk.lock:
        if checkout.card_auth is not None:
            _record_payment(kiosk, checkout)
        elif checkout.method == "card" and checkout.paid and checkout.printout.receipt is None:
            print_receipt(kiosk, checkout)


def record_pending_payments(kiosk: Kiosk) -> None:
    """From the status poll, with the server back: every card charged while it was away is
    told to it, whether or not its shopper still waits at the screen. No receipt is printed
    here (it would go to the next shopper); a refused payment is left to the shopper's
    screen and to staff, never retried in the background."""
    for checkout in kiosk.checkouts.every(lambda c: c.card_auth is not None and not c.pay_attempt):
        with kiosk.lock:
            if checkout.card_auth is None:
                continue
            try:
                _record_payment(kiosk, checkout, receipt=False)
            except ApiError as exc:
                log.warning("payment of order %s refused: %s", checkout.number, exc)


def _record_payment(kiosk: Kiosk, checkout: Checkout, *, receipt: bool = True) -> None:
    """Tell the server the card was charged; a lost answer is retried with the same key.
    While the server is away the charge stays in `card_auth` and the screen says so."""
    try:
        checkout.order = kiosk.api.order_action(
            checkout.number,
            "payments",
            {
                "method": "card",
                "amount_minor": checkout.order.due_minor,
                "reference": checkout.card_auth,
            },
            key=checkout.pay_key,
            lang=checkout.lang,
        )
    except ServerUnreachable:
        log.warning("order %s: card charged, the server is away; told again later", checkout.number)
        return
    except ApiError as exc:
        if exc.code != "already_paid":
            # The server keeps its refusal under this key: "Continue" must ask anew.
            checkout.pay_attempt += 1
            raise
        checkout.order = kiosk.api.order(checkout.number, lang=checkout.lang)
    checkout.card_auth = None
    if receipt:
        print_receipt(kiosk, checkout)


def print_receipt(kiosk: Kiosk, checkout: Checkout) -> None:
    store = kiosk.identity(checkout.lang).store
    receipt = build_receipt(checkout.order, store, lang=checkout.lang, now=datetime.now(UTC))
    kiosk.print_receipt(receipt, checkout.printout)
