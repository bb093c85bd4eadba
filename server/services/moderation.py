"""The moderation queue: staff approve a review (it is shown, and its bonus granted) or
reject it with a reason. The review's row is locked first, so two moderators pressing at
once decide once and the bonus is granted once."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.errors import DomainError, ErrorCode
from server.models import Customer, Order, Product, ProductReview, ReviewStatus
from server.services import bonus_rules
from server.services.actors import Actor

REASON_MAX = 300


@dataclass(frozen=True)
class QueuedReview:
    review: ProductReview
    product: Product
    customer: Customer | None
    order_number: str | None
    points: int  # what approving it would grant


def queue(session: Session, *, limit: int = 100) -> list[QueuedReview]:
    """Reviews waiting for a moderator, oldest first."""
    rows = session.execute(
        select(ProductReview, Product, Customer, Order.number)
        .join(Product, Product.id == ProductReview.product_id)
        .outerjoin(Customer, Customer.id == ProductReview.customer_id)
        .outerjoin(Order, Order.id == ProductReview.order_id)
        .where(ProductReview.status == ReviewStatus.PENDING)
        .order_by(ProductReview.created_at, ProductReview.id)
        .limit(limit)
    ).all()
    return [
        QueuedReview(review, product, customer, number, bonus_rules.review_points(review))
        for review, product, customer, number in rows
    ]


def waiting(session: Session) -> int:
    return (
        session.scalar(
            select(func.count(ProductReview.id)).where(ProductReview.status == ReviewStatus.PENDING)
        )
        or 0
    )


def _pending(session: Session, review_id: int) -> ProductReview:
    review = session.scalar(
        select(ProductReview).where(ProductReview.id == review_id).with_for_update()
    )
    if review is None:
        raise DomainError(ErrorCode.REVIEW_NOT_FOUND, _l("There is no such review."))
    if review.status is not ReviewStatus.PENDING:
        raise DomainError(
            ErrorCode.REVIEW_ALREADY_MODERATED,
            _l("This review has already been moderated by %(who)s.", who=review.moderated_by),
        )
    return review


def approve(session: Session, review_id: int, *, actor: Actor, now: datetime) -> int:
    """Show the review and grant its bonus; the points granted. Raises REVIEW_NOT_FOUND,
    REVIEW_ALREADY_MODERATED."""
    review = _pending(session, review_id)
    review.status = ReviewStatus.APPROVED
    review.moderated_by, review.moderated_at = actor.name[:80], now
    return bonus_rules.grant_review(session, review, actor=actor, now=now)


def reject(session: Session, review_id: int, reason: str, *, actor: Actor, now: datetime) -> None:
    """Hide the review for good, saying why. Raises REVIEW_NOT_FOUND, REVIEW_ALREADY_MODERATED,
    REVIEW_INVALID."""
    reason = reason.strip()
    if not reason:
        raise DomainError(ErrorCode.REVIEW_INVALID, _l("Write why the review is rejected."))
    review = _pending(session, review_id)
    review.status = ReviewStatus.REJECTED
    review.reject_reason = reason[:REASON_MAX]
    review.moderated_by, review.moderated_at = actor.name[:80], now
