"""What crosses the wire between the server and the devices, typed and parsed once.

The field names are the server's own (server/api/schemas.py), so a template reads
``order.pickup_code`` and a slip reads ``line.qty_missing`` as the JSON says them. The
API client turns each answer into these objects; nothing past it handles raw dicts.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from common import order_life


def _moment(raw: str | None) -> datetime | None:
    return datetime.fromisoformat(raw) if raw else None


@dataclass(frozen=True)
class Store:
    code: str
    name: str
    address: str
    timezone: str
    kind: str = "cybermarket"
    opening_hours: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Store":
        return cls(
            code=data["code"],
            name=data["name"],
            address=data["address"],
            timezone=data["timezone"],
            kind=data.get("kind", "cybermarket"),
            opening_hours=data.get("opening_hours", ""),
        )


@dataclass(frozen=True)
class DeviceIdentity:
    """Who this device is (GET /api/v1/device), in one language: its store's name and
    address are in it. A pickup station adds its window and the clerk on shift."""

    name: str
    kind: str
    store: Store
    window: int | None = None
    clerk: str | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "DeviceIdentity":
        return cls(name=data["name"], kind=data["kind"], store=Store.from_json(data["store"]))


@dataclass(frozen=True)
class Shift:
    """A pickup window's number and the clerk on shift there (GET /api/v1/device/shift)."""

    window: int | None
    clerk: str | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Shift":
        return cls(window=data.get("window"), clerk=data.get("clerk"))


@dataclass(frozen=True)
class OrderLine:
    sku: str
    name: str
    qty: int
    price_minor: int
    qty_issued: int = 0
    qty_picked: int = 0
    qty_missing: int = 0  # not found in the warehouse: refunded, never handed out
    total_minor: int = 0  # price × qty as ordered
    qty_returned: int = 0  # handed out, then brought back
    # Handed out: the last moments of the return period and of the warranty.
    return_until: datetime | None = None
    warranty_until: datetime | None = None
    under_warranty: bool = False  # out of it, a repair is a paid one the service quotes
    returnable: int = 0  # units the customer may return now (within the period)

    @property
    def qty_kept(self) -> int:
        """Units the customer has: they may be returned (in time) or brought for repair."""
        return max(self.qty_issued - self.qty_returned, 0)

    @property
    def qty_to_hand_out(self) -> int:
        return max(self.qty - self.qty_missing - self.qty_issued, 0)

    @property
    def qty_here(self) -> int:
        """Units the customer gets in the end: ordered minus the ones not found."""
        return self.qty - self.qty_missing

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "OrderLine":
        return cls(
            sku=data["sku"],
            name=data["name"],
            qty=data["qty"],
            price_minor=data["price_minor"],
            qty_issued=data.get("qty_issued", 0),
            qty_picked=data.get("qty_picked", 0),
            qty_missing=data.get("qty_missing", 0),
            total_minor=data.get("total_minor", data["price_minor"] * data["qty"]),
            qty_returned=data.get("qty_returned", 0),
            return_until=_moment(data.get("return_until")),
            warranty_until=_moment(data.get("warranty_until")),
            under_warranty=data.get("under_warranty", False),
            returnable=data.get("returnable", 0),
        )


@dataclass(frozen=True)
class Order:
    number: str
    status: str
    pickup_code: str
    lines: tuple[OrderLine, ...]
    total_minor: int
    paid_minor: int
    store: str = ""
    payment: str = ""
    hold_until: datetime | None = None
    window: int | None = None
    customer_phone: str | None = None
    customer_email: str | None = None
    needs_attention: str | None = None
    payment_url: str | None = None
    bonus_minor: int = 0  # paid with the customer's bonuses (already off total_minor)
    currency: str = "RUB"
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def paid(self) -> bool:
        return self.paid_minor >= self.total_minor

    @property
    def due_minor(self) -> int:
        return max(self.total_minor - self.paid_minor, 0)

    @property
    def at_the_window(self) -> bool:
        """The goods wait at a window: the customer can take them now."""
        return self.status in order_life.WAITING

    # One reading of the lines for the clerk's table, its header, the band's colour and
    # the printed slips, so they cannot say two different things about one order.

    @property
    def qty_to_hand_out(self) -> int:
        return sum(line.qty_to_hand_out for line in self.lines)

    @property
    def qty_missing(self) -> int:
        return sum(line.qty_missing for line in self.lines)

    @property
    def qty_issued(self) -> int:
        return sum(line.qty_issued for line in self.lines)

    @property
    def open_lines(self) -> list[OrderLine]:
        return [line for line in self.lines if line.qty_to_hand_out]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Order":
        return cls(
            number=data["number"],
            status=data["status"],
            pickup_code=data["pickup_code"],
            lines=tuple(OrderLine.from_json(line) for line in data["lines"]),
            total_minor=data["total_minor"],
            paid_minor=data["paid_minor"],
            store=data.get("store", ""),
            payment=data.get("payment", ""),
            hold_until=_moment(data.get("hold_until")),
            window=data.get("window"),
            customer_phone=data.get("customer_phone"),
            customer_email=data.get("customer_email"),
            needs_attention=data.get("needs_attention"),
            payment_url=data.get("payment_url"),
            bonus_minor=data.get("bonus_minor", 0),
            currency=data.get("currency", "RUB"),
            created_at=_moment(data.get("created_at")),
            updated_at=_moment(data.get("updated_at")),
        )


@dataclass(frozen=True)
class ScanAnswer:
    """What the server says about a scanned code: the order, the colour and what may be done."""

    order: Order
    verdict: str  # green / amber / red
    message: str
    actions: tuple[str, ...]  # hand_out / pay / cancel / receive

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ScanAnswer":
        return cls(
            order=Order.from_json(data["order"]),
            verdict=data["verdict"],
            message=data["message"],
            actions=tuple(data["actions"]),
        )
