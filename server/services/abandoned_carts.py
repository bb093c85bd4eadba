"""Carts cleared at a terminal by idle reset or "start over" with goods still in them.

The terminal reports the cart as the shopper saw it (names aside: skus, quantities, the
prices shown), once per reset; a cart emptied line by line or bought is never reported.
The KPI page counts them per store and local day (kpi_figures.window).
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from server.errors import DomainError, ErrorCode
from server.models import AbandonedCart, Device


@dataclass(frozen=True)
class CartLine:
    sku: str
    qty: int
    price_minor: int


def record_abandoned_cart(
    session: Session,
    device: Device,
    *,
    lines: list[CartLine],
    total_minor: int,
    store_code: str | None,
    now: datetime,
) -> AbandonedCart:
    """Keep one cleared cart at the device's store. `store_code`: the store the terminal
    names, if it names one. Raises WRONG_STORE (not its own store, an unknown one alike),
    DUPLICATE_LINE, AMOUNT_MISMATCH (the total is not the lines' sum)."""
    if device.store is None or store_code not in (None, device.store.code):
        raise DomainError(
            ErrorCode.WRONG_STORE, _l("This device reports carts of its own store only.")
        )
    if len({line.sku for line in lines}) != len(lines):
        raise DomainError(ErrorCode.DUPLICATE_LINE, _l("Each product may appear on one line only."))
    value = sum(line.qty * line.price_minor for line in lines)
    if value != total_minor:
        raise DomainError(
            ErrorCode.AMOUNT_MISMATCH,
            _l("The cart's total is not the sum of its lines."),
            expected_minor=value,
        )
    cart = AbandonedCart(
        store_id=device.store.id,
        device_id=device.id,
        at=now,
        lines=[{"sku": li.sku, "qty": li.qty, "price_minor": li.price_minor} for li in lines],
        items=sum(line.qty for line in lines),
        value_minor=value,
    )
    session.add(cart)
    session.flush()
    return cart
