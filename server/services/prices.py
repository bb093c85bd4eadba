"""Changing a price, always with its history."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.clock import now
from server.models import PriceChange, Product


def set_price(
    session: Session,
    product: Product,
    price_minor: int,
    *,
    source: str,
    staff_id: int | None = None,
    document: str | None = None,
) -> PriceChange | None:
    """Give the product a new price and record who changed it; None when it is unchanged.

    The caller validates the amount (a whole number of kopecks above zero).
    """
    first = product.id is None and product.price_minor is None
    if product.price_minor == price_minor:
        return None
    change = PriceChange(
        product=product,
        old_price_minor=None if first else product.price_minor,
        new_price_minor=price_minor,
        at=now(),
        staff_id=staff_id,
        source=source,
        document=document,
    )
    product.price_minor = price_minor
    session.add(change)
    return change


def history(session: Session, product: Product) -> list[PriceChange]:
    """The product's price changes, newest first."""
    query = (
        select(PriceChange)
        .where(PriceChange.product_id == product.id)
        .order_by(PriceChange.id.desc())
    )
    return list(session.scalars(query))
