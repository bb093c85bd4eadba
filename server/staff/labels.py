"""Words staff read on the customer pages, one place for each set of values."""

from flask import g
from flask_babel import lazy_gettext as _l

from server.models import BonusReason, ReviewStatus
from server.services.actors import Actor

BONUS_REASONS = {
    BonusReason.EARNED.value: _l("earned on a purchase"),
    BonusReason.SPENT.value: _l("paid part of an order"),
    BonusReason.SPEND_RETURNED.value: _l("returned: the order was cancelled"),
    BonusReason.EARN_TAKEN_BACK.value: _l("taken back: the purchase was refunded"),
    BonusReason.PROFILE.value: _l("profile completed"),
    BonusReason.SOCIAL.value: _l("mention in a social network"),
    BonusReason.REVIEW.value: _l("review approved"),
    BonusReason.GOODWILL.value: _l("goodwill credit"),
    BonusReason.EXPIRED.value: _l("bonuses expired"),
}
REVIEW_STATUSES = {
    ReviewStatus.PENDING.value: _l("waiting for moderation"),
    ReviewStatus.APPROVED.value: _l("approved"),
    ReviewStatus.REJECTED.value: _l("rejected"),
}


def staff_actor() -> Actor:
    return Actor(name=f"staff:{g.staff.username}"[:80])
