"""What crosses the wire about customers, typed and parsed once (see common/wire.py): the
shopper a terminal identified, what bonuses may pay of a cart, and the card the pickup
window sees of an order's customer. Phones here are already masked by the server.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Shopper:
    """The identified shopper as the terminal may show it to everyone around."""

    phone: str  # masked: "+7 *** ***-45-67"
    name: str | None
    bonus_balance: int

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Shopper":
        return cls(phone=data["phone"], name=data.get("name"), bonus_balance=data["bonus_balance"])


@dataclass(frozen=True)
class CustomerOrder:
    number: str | None
    store: str
    status: str
    total_minor: int
    created_at: datetime
    bonus_minor: int = 0

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "CustomerOrder":
        return cls(
            number=data.get("number"),
            store=data["store"],
            status=data["status"],
            total_minor=data["total_minor"],
            created_at=datetime.fromisoformat(data["created_at"]),
            bonus_minor=data.get("bonus_minor", 0),
        )


@dataclass(frozen=True)
class ShopperSummary:
    """GET /customers/me: the shopper and their orders not yet over."""

    shopper: Shopper
    open_orders: tuple[CustomerOrder, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ShopperSummary":
        return cls(
            shopper=Shopper.from_json(data["customer"]),
            open_orders=tuple(CustomerOrder.from_json(o) for o in data["open_orders"]),
        )


@dataclass(frozen=True)
class BonusQuote:
    bonus_balance: int
    limit_minor: int
    spendable_minor: int

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "BonusQuote":
        return cls(
            bonus_balance=data["bonus_balance"],
            limit_minor=data["limit_minor"],
            spendable_minor=data["spendable_minor"],
        )


@dataclass(frozen=True)
class ToReview:
    """A product the identified shopper collected and has not reviewed yet."""

    order: str
    sku: str
    name: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ToReview":
        return cls(order=data["order"], sku=data["sku"], name=data["name"])


@dataclass(frozen=True)
class CardMessage:
    at: datetime
    kind: str
    channel: str
    status: str
    text: str


@dataclass(frozen=True)
class CardBonus:
    at: datetime
    amount: int
    reason: str


@dataclass(frozen=True)
class CustomerCard:
    """GET /orders/<number>/customer: the card the pickup clerk sees after a scan."""

    phone: str
    name: str | None
    bonus_balance: int
    orders: tuple[CustomerOrder, ...]
    messages: tuple[CardMessage, ...]
    bonus_ledger: tuple[CardBonus, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "CustomerCard":
        return cls(
            phone=data["phone"],
            name=data.get("name"),
            bonus_balance=data["bonus_balance"],
            orders=tuple(CustomerOrder.from_json(o) for o in data["orders"]),
            messages=tuple(
                CardMessage(
                    at=datetime.fromisoformat(m["at"]),
                    kind=m["kind"],
                    channel=m["channel"],
                    status=m["status"],
                    text=m["text"],
                )
                for m in data["messages"]
            ),
            bonus_ledger=tuple(
                CardBonus(
                    at=datetime.fromisoformat(b["at"]), amount=b["amount"], reason=b["reason"]
                )
                for b in data["bonus_ledger"]
            ),
        )
