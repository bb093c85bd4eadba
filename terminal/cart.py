"""The shopper's cart, kept in the signed session cookie so a server outage loses nothing.

Each line keeps the name and price it was added with, so the cart can still be shown
when the server cannot be reached; the server's prices count at checkout.
"""

from dataclasses import asdict, dataclass

from flask import session


@dataclass
class CartLine:
    sku: str
    qty: int
    name_ru: str
    name_en: str
    price_minor: int

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_ru

    @property
    def total_minor(self) -> int:
        return self.qty * self.price_minor


def lines() -> list[CartLine]:
    return [CartLine(**line) for line in session.get("cart", [])]


def save(cart: list[CartLine]) -> None:
    session["cart"] = [asdict(line) for line in cart if line.qty > 0]


def count() -> int:
    return sum(line.qty for line in lines())


def total_minor() -> int:
    return sum(line.total_minor for line in lines())


def clear() -> None:
    session.pop("cart", None)
    session.pop("checkout_key", None)


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
        raise CartError("not_available", messages["not_available"])
    if existing is None and len(cart) >= max_lines:
        raise CartError("cart_full", messages["cart_full"])
    if existing is not None:
        existing.qty = wanted
    else:
        cart.append(line)
    save(cart)


def set_qty(sku: str, qty: int, *, max_qty: int) -> None:
    cart = lines()
    for item in cart:
        if item.sku == sku:
            item.qty = max(0, min(qty, max_qty))
    save(cart)
