"""Customers review what they collected: a signed link per order, one review per product.

The link in the thank-you SMS carries the order's id signed with the server's secret
(itsdangerous, its own salt): it cannot be guessed or turned into another order's, and
needs no login. Reviews wait for a moderator (server/services/moderation.py) before
they are shown or counted in a product's rating.
"""

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadData, URLSafeSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.errors import DomainError, ErrorCode
from server.models import Customer, Order, OrderLine, OrderStatus, ProductReview, ReviewStatus

TEXT_MIN = 10
TEXT_MAX = 5_000
PROS_CONS_MAX = 1_000
# Orders whose goods reached the customer; a partly handed-out order may review those lines.
REVIEWABLE = (OrderStatus.ISSUED, OrderStatus.PARTIALLY_ISSUED)


@dataclass(frozen=True)
class ReviewIn:
    product_id: int
    rating: int | None  # None: the customer skipped this product
    text: str = ""
    pros: str = ""
    cons: str = ""


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="review-link")


def review_token(order: Order) -> str:
    return _signer().dumps(order.id)


def review_link(order: Order) -> str:
    base = str(current_app.config["PUBLIC_URL"]).rstrip("/")
    return f"{base}/r/{review_token(order)}"


def _missing() -> DomainError:
    return DomainError(
        ErrorCode.REVIEW_NOT_FOUND,
        _l("This link does not open a review. Check the address in the message."),
    )


def order_of_token(session: Session, token: str, *, lock: bool = False) -> Order:
    """The order a review link names. Raises REVIEW_NOT_FOUND for anything else."""
    try:
        order_id = _signer().loads(token)
    except BadData:
        raise _missing() from None
    if not isinstance(order_id, int) or isinstance(order_id, bool):
        raise _missing()
    query = select(Order).where(Order.id == order_id)
    order = session.scalar(query.with_for_update() if lock else query)
    if order is None or order.customer_id is None or order.status not in REVIEWABLE:
        raise _missing()
    return order


def reviewable_lines(order: Order) -> list[OrderLine]:
    """The products the customer took home, each once."""
    seen: set[int] = set()
    lines = []
    for line in order.lines:
        if line.qty_issued > 0 and line.product_id not in seen:
            seen.add(line.product_id)
            lines.append(line)
    return lines


def reviews_of_order(session: Session, order: Order) -> dict[int, ProductReview]:
    rows = session.scalars(select(ProductReview).where(ProductReview.order_id == order.id))
    return {review.product_id: review for review in rows}


def _invalid(line: OrderLine, lang: str, message: str) -> DomainError:
    name = line.name_en if lang == "en" else line.name_ru
    return DomainError(ErrorCode.REVIEW_INVALID, f"{name}: {message}", sku=line.sku)


def submit_reviews(
    session: Session, order: Order, answers: list[ReviewIn], *, lang: str, now: datetime
) -> list[ProductReview]:
    """Record the customer's reviews of this order's products, all or none; they wait for
    moderation. Raises REVIEW_INVALID, ALREADY_REVIEWED."""
    lines = {line.product_id: line for line in reviewable_lines(order)}
    done = reviews_of_order(session, order)
    given = [a for a in answers if a.rating is not None]
    if not given:
        raise DomainError(ErrorCode.REVIEW_INVALID, _l("Rate at least one product."))
    added = []
    for answer in given:
        line = lines.get(answer.product_id)
        if line is None:
            raise _missing()
        if answer.product_id in done:
            raise DomainError(
                ErrorCode.ALREADY_REVIEWED,
                _l("You have already reviewed this product. Thank you!"),
                sku=line.sku,
            )
        rating = answer.rating or 0
        if not 1 <= rating <= 5:
            raise _invalid(line, lang, str(_l("choose from 1 to 5 stars.")))
        text = answer.text.strip()
        if len(text) < TEXT_MIN:
            raise _invalid(
                line, lang, str(_l("write at least %(n)s characters about it.", n=TEXT_MIN))
            )
        if len(text) > TEXT_MAX or max(len(answer.pros), len(answer.cons)) > PROS_CONS_MAX:
            raise _invalid(line, lang, str(_l("the text is too long.")))
        review = ProductReview(
            product_id=answer.product_id,
            order_id=order.id,
            customer_id=order.customer_id,
            rating=rating,
            text=text,
            pros=answer.pros.strip(),
            cons=answer.cons.strip(),
            status=ReviewStatus.PENDING,
            created_at=now,
        )
        session.add(review)
        added.append(review)
    session.flush()
    return added


def approved_reviews(
    session: Session, product_id: int, *, limit: int = 3
) -> list[tuple[ProductReview, str | None]]:
    """The newest approved reviews of a product with their author's first name, for its page."""
    rows = session.execute(
        select(ProductReview, Customer.name)
        .outerjoin(Customer, Customer.id == ProductReview.customer_id)
        .where(
            ProductReview.product_id == product_id,
            ProductReview.status == ReviewStatus.APPROVED,
        )
        .order_by(ProductReview.created_at.desc(), ProductReview.id.desc())
        .limit(limit)
    ).all()
    # Only the first name: the page is public, the customer's full name is not.
    return [(review, name.split()[0] if name and name.split() else None) for review, name in rows]
