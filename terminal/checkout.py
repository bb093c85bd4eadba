"""Checkout at the terminal: reserve, charge the card, record the payment, print.

Each step can fail on its own (server unreachable, card declined, printer out of
paper) and the shopper sees what happened with their order number; nothing is
charged twice and no order is made twice, whatever is tapped twice.
"""

from datetime import UTC, datetime

from common.api_client import ApiError
from terminal.cart import CartLine
from terminal.kiosk import Checkout, Kiosk
from terminal.receipt import build_receipt


def place_order(
    kiosk: Kiosk,
    *,
    key: str,
    method: str,
    lines: list[CartLine],
    lang: str,
    source: str | None = None,
) -> Checkout:
    """Reserve the cart as an order; pay it by card or print the cashier receipt.
    `source`: another store whose goods are brought here for pickup."""
    with kiosk.lock:
        done = kiosk.checkouts.get(key)
        if done is not None:
            return done  # a double tap: the first tap's order
        store = kiosk.identity(lang).store
        order = kiosk.api.place_order(
            {
                "store": store.code,
                "lines": [{"sku": line.sku, "qty": line.qty} for line in lines],
                "payment": "card" if method == "card" else "cashier",
            }
            | ({"source": source} if source else {}),
            key=key,
            lang=lang,
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


def _record_payment(kiosk: Kiosk, checkout: Checkout) -> None:
    """Tell the server the card was charged; a lost answer is retried with the same key."""
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
    except ApiError as exc:
        if exc.code != "already_paid":
            # The server keeps its refusal under this key: "Continue" must ask anew.
            checkout.pay_attempt += 1
            raise
        checkout.order = kiosk.api.order(checkout.number, lang=checkout.lang)
    checkout.card_auth = None
    print_receipt(kiosk, checkout)


def print_receipt(kiosk: Kiosk, checkout: Checkout) -> None:
    store = kiosk.identity(checkout.lang).store
    receipt = build_receipt(checkout.order, store, lang=checkout.lang, now=datetime.now(UTC))
    kiosk.print_receipt(receipt, checkout.printout)
