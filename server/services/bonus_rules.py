"""Bonuses for what a customer does besides buying: profile, social mention, review, goodwill.

Amounts are points (1 point = 1 kopeck of discount): "+100 bonuses" is 100 ₽, 10 000
points. Each grant locks the customer's row first (bonuses.lock), so a rule that pays
once (the profile) cannot pay twice when two requests race.
"""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.errors import DomainError, ErrorCode
from server.models import BonusEntry, BonusReason, Customer, ProductReview
from server.services import bonuses
from server.services.actors import Actor

PROFILE_POINTS = 10_000  # 100 ₽, once, for name + e-mail + birthday
SOCIAL_POINTS = 15_000  # 150 ₽ per mention confirmed by staff
REVIEW_SHORT_POINTS = 10_000  # 100 ₽ for an approved review that is not detailed
# A detailed review names pros and cons and says enough: the longer, the more (≤ 1 500 ₽).
DETAILED_MIN_CHARS = 300
DETAILED_PROS_CONS_MIN_CHARS = 10
DETAILED_TIERS = ((1_500, 150_000), (800, 100_000), (DETAILED_MIN_CHARS, 50_000))
GOODWILL_MAX_POINTS = 500_000  # 5 000 ₽ at most in one goodwill credit


def is_detailed(review: ProductReview) -> bool:
    return (
        len(review.text.strip()) >= DETAILED_MIN_CHARS
        and len(review.pros.strip()) >= DETAILED_PROS_CONS_MIN_CHARS
        and len(review.cons.strip()) >= DETAILED_PROS_CONS_MIN_CHARS
    )


def review_points(review: ProductReview) -> int:
    """What an approved review earns: 100 ₽ short, 500 / 1 000 / 1 500 ₽ detailed."""
    if not is_detailed(review):
        return REVIEW_SHORT_POINTS
    length = len(review.text.strip())
    return next(points for chars, points in DETAILED_TIERS if length >= chars)


def _has(session: Session, customer_id: int, reason: BonusReason, note: str | None = None) -> bool:
    query = select(BonusEntry.id).where(
        BonusEntry.customer_id == customer_id, BonusEntry.reason == reason
    )
    if note is not None:
        query = query.where(BonusEntry.note == note)
    return session.scalar(query.limit(1)) is not None


def profile_complete(customer: Customer) -> bool:
    return bool(customer.name and customer.email and customer.birthday)


def grant_profile(
    session: Session, customer: Customer, *, actor: Actor | str, now: datetime
) -> int:
    """+100 ₽ once the profile has a name, an e-mail and a birthday, once per customer.

    How many points were granted (0 when incomplete or already granted). Raises nothing.
    """
    if not profile_complete(customer):
        return 0
    bonuses.lock(session, customer.id)
    if _has(session, customer.id, BonusReason.PROFILE):
        return 0
    bonuses.credit(session, customer.id, PROFILE_POINTS, BonusReason.PROFILE, actor=actor, now=now)
    return PROFILE_POINTS


def confirm_social_mention(
    session: Session, customer: Customer, link: str, *, actor: Actor | str, now: datetime
) -> int:
    """+150 ₽ for a post staff have seen; one grant per post. Raises BONUS_GRANT_INVALID,
    BONUS_ALREADY_GRANTED."""
    link = link.strip()
    if not link.startswith(("https://", "http://")) or len(link) > 300 or " " in link:
        raise DomainError(
            ErrorCode.BONUS_GRANT_INVALID,
            _l("Paste the address of the post, starting with https://."),
        )
    bonuses.lock(session, customer.id)
    if _has(session, customer.id, BonusReason.SOCIAL, link):
        raise DomainError(
            ErrorCode.BONUS_ALREADY_GRANTED,
            _l("Bonuses for this post were already granted."),
        )
    bonuses.credit(
        session, customer.id, SOCIAL_POINTS, BonusReason.SOCIAL, actor=actor, now=now, note=link
    )
    return SOCIAL_POINTS


def grant_goodwill(
    session: Session,
    customer: Customer,
    points: int,
    reason: str,
    *,
    actor: Actor | str,
    now: datetime,
) -> int:
    """Staff's credit with a reason ("we apologise and compensate"). Raises BONUS_GRANT_INVALID."""
    reason = reason.strip()
    if not reason:
        raise DomainError(ErrorCode.BONUS_GRANT_INVALID, _l("Write the reason for the credit."))
    if not 0 < points <= GOODWILL_MAX_POINTS:
        raise DomainError(
            ErrorCode.BONUS_GRANT_INVALID,
            _l(
                "A goodwill credit is from 1 to %(most)s ₽.",
                most=GOODWILL_MAX_POINTS // 100,
            ),
        )
    bonuses.lock(session, customer.id)
    bonuses.credit(
        session, customer.id, points, BonusReason.GOODWILL, actor=actor, now=now, note=reason
    )
    return points


def grant_review(
    session: Session, review: ProductReview, *, actor: Actor | str, now: datetime
) -> int:
    """The bonus for an approved review of a customer's; how many points. Raises nothing."""
    if review.customer_id is None:
        return 0
    points = review_points(review)
    bonuses.lock(session, review.customer_id)
    note = f"review:{review.id}"
    if _has(session, review.customer_id, BonusReason.REVIEW, note):
        return 0
    bonuses.credit(
        session, review.customer_id, points, BonusReason.REVIEW, actor=actor, now=now, note=note
    )
    return points
