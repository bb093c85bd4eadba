"""Reviews from the terminal: the identified shopper sees what they collected and have not
reviewed yet, and leaves a rating and a short text there.

The rules stay in server/services/reviews.py (length, stars, one review per product of an
order) and moderation.py (shown and rewarded only once approved): this module only finds
the shopper's own orders and what is left to review in them.
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.errors import DomainError, ErrorCode
from server.models import Customer, Order, OrderLine, ProductReview
from server.services.reviews import REVIEWABLE, ReviewIn, reviewable_lines, submit_reviews


@dataclass(frozen=True)
class ToReview:
    order: Order
    line: OrderLine


def _reviewed_products(session: Session, customer: Customer) -> set[int]:
    query = select(ProductReview.product_id).where(ProductReview.customer_id == customer.id)
    return set(session.scalars(query))


def to_review(session: Session, customer: Customer, *, limit: int = 6) -> list[ToReview]:
    """What the customer took home and has not reviewed, newest first, each product once."""
    done = _reviewed_products(session, customer)
    orders = session.scalars(
        select(Order)
        .where(Order.customer_id == customer.id, Order.status.in_(REVIEWABLE))
        .order_by(Order.id.desc())
        .limit(50)
    )
    found: list[ToReview] = []
    for order in orders:
        for line in reviewable_lines(order):
            if line.product_id not in done:
                done.add(line.product_id)
                found.append(ToReview(order, line))
    return found[:limit]


def _not_yours() -> DomainError:
    # The same answer for another customer's order as for none: nothing leaks.
    return DomainError(
        ErrorCode.REVIEW_NOT_FOUND, _l("This product is not among the goods you collected.")
    )


def review_collected(
    session: Session,
    customer: Customer,
    *,
    order_number: str,
    sku: str,
    rating: int,
    text: str,
    lang: str,
    now: datetime,
) -> ProductReview:
    """The shopper's review of a product they collected; it waits for moderation.

    Raises REVIEW_NOT_FOUND, REVIEW_INVALID, ALREADY_REVIEWED."""
    order = session.scalar(
        select(Order)
        .where(Order.number == order_number, Order.customer_id == customer.id)
        # The order's row is locked while saving, as on the review page: one review per
        # product of an order, whatever the taps.
        .with_for_update()
    )
    if order is None or order.status not in REVIEWABLE:
        raise _not_yours()
    line = next((ln for ln in reviewable_lines(order) if ln.sku == sku), None)
    if line is None:
        raise _not_yours()
    if line.product_id in _reviewed_products(session, customer):
        raise DomainError(
            ErrorCode.ALREADY_REVIEWED,
            _l("You have already reviewed this product. Thank you!"),
            sku=sku,
        )
    (review,) = submit_reviews(
        session, order, [ReviewIn(line.product_id, rating, text)], lang=lang, now=now
    )
    return review
