"""The shopper's cart, kept in the signed session cookie so a server outage loses nothing.

Each line keeps the name and price it was added with, so the cart can still be shown
when the server cannot be reached; the server's prices count at checkout.
"""

import contextlib
from collections.abc import Callable
from dataclasses import asdict, dataclass

from flask import session

from common.api_client import ApiClient, ApiError, ServerUnreachable, new_key

CART_KEY = "cart_key"


@dataclass
class CartLine:
    sku: str
    qty: int
    name_ru: str
    name_en: str
    price_minor: int
    # What the store had when last asked; None in carts saved before it was kept.
    available: int | None = None

    def cap(self, max_qty: int) -> int:
        """The most of this line the shopper may take: the store's count or the line limit."""
        return max_qty if self.available is None else min(max_qty, self.available)

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_ru

    @property
    def total_minor(self) -> int:
        return self.qty * self.price_minor


def lines() -> list[CartLine]:
    return [CartLine(**line) for line in session.get("cart", [])]


def save(cart: list[CartLine]) -> None:
    session["cart"] = [asdict(line) for line in cart if line.qty > 0]
    # The cart's own key, for its report if a reset clears it: two resets racing with the
    # same cookie (the idle timer and a tap) report it once.
    session.setdefault(CART_KEY, new_key())


def count() -> int:
    return sum(line.qty for line in lines())


def total_minor() -> int:
    return sum(line.total_minor for line in lines())


def clear() -> None:
    session.pop("cart", None)
    session.pop("checkout", None)
    session.pop(CART_KEY, None)


def abandon(api: ApiClient) -> Callable[[], None]:
    """Idle reset or "start over": empty the cart; the call returned tells the server what
    it held (the KPI "abandoned carts"), to be made once the screen has its answer. A cart
    emptied line by line or bought comes here empty and tells nothing. Refused or out of
    reach, the report is dropped: a figure is not worth a shopper waiting or an error."""
    left = [(line.sku, line.qty, line.price_minor) for line in lines() if line.qty > 0]
    kept = session.get(CART_KEY)
    key = kept if isinstance(kept, str) else new_key()
    clear()

    def report() -> None:
        if left:
            with contextlib.suppress(ApiError, ServerUnreachable):
                api.report_abandoned_cart(left, key=key)

    return report


def _attempt() -> str:
    return ";".join(sorted(f"{line.sku}x{line.qty}" for line in lines()))


def checkout_key() -> str:
    """The idempotency key of this attempt to order this cart, made on the payment screen.

    A double tap or a retry after a lost answer sends the same cart again and must find
    the same order, so the key is kept while the cart stays the same; a changed cart is
    another request and gets a new key, or the server would refuse it as a reused one.
    """
    kept = session.get("checkout")
    if not isinstance(kept, dict) or kept.get("attempt") != _attempt():
        kept = {"attempt": _attempt(), "key": new_key()}
        session["checkout"] = kept
    return kept["key"]


def current_checkout_key() -> str | None:
    """The key made for exactly this cart, or None when the cart changed since."""
    kept = session.get("checkout")
    if isinstance(kept, dict) and kept.get("attempt") == _attempt():
        return kept["key"]
    return None


def forget_checkout_key() -> None:
    """The server answered this attempt with a refusal: the next tap is a new attempt."""
    session.pop("checkout", None)


def remember_available(sku: str, available: int) -> None:
    cart = lines()
    for item in cart:
        if item.sku == sku:
            item.available = available
    save(cart)


class CartError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def add(line: CartLine, *, available: int, max_qty: int, max_lines: int, messages: dict) -> None:
    """Add qty of a product; never more than the store has or a line may hold."""
    cart = lines()
    existing = next((item for item in cart if item.sku == line.sku), None)
    wanted = line.qty + (existing.qty if existing else 0)
    if wanted > min(available, max_qty):
        if existing is not None:
            existing.available = available
            save(cart)
        raise CartError("not_available", messages["not_available"])
    if existing is None and len(cart) >= max_lines:
        raise CartError("cart_full", messages["cart_full"])
    line.available = available
    if existing is not None:
        existing.qty, existing.available = wanted, available
    else:
        cart.append(line)
    save(cart)


def find(sku: str) -> CartLine | None:
    return next((item for item in lines() if item.sku == sku), None)


def set_qty(sku: str, qty: int, *, max_qty: int, available: int | None = None) -> int:
    """Set a line's quantity, never beyond what the store has; returns the quantity set."""
    cart = lines()
    kept = 0
    for item in cart:
        if item.sku == sku:
            if available is not None:
                item.available = available
            capped = max(0, min(qty, item.cap(max_qty)))
            # A "+" never takes away: if the store now has fewer, checkout will say so.
            item.qty = kept = max(capped, min(qty, item.qty))
    save(cart)
    return kept
