"""After the goods are handed out: tell the customer what they earned, ask once for a review.

Both go through the outbox and the message catalogue, within the customer's preferences
(bonuses earned is an account message, the review request a marketing one: see
server/notifications/catalogue.py) and outside the store's quiet hours. The dedupe key
per order and kind makes the review request once per order, never again.
"""

from datetime import datetime

from sqlalchemy.orm import Session

from server.models import Customer, Order
from server.notifications.outbox import format_points, notify_customer
from server.services import bonuses
from server.services.reviews import review_link, reviewable_lines


def after_hand_out(session: Session, order: Order, *, earned: int, now: datetime) -> int:
    """Queue "bonuses earned" (when any) and the review request; how many messages."""
    if order.customer_id is None:
        return 0
    customer = session.get(Customer, order.customer_id)
    assert customer is not None
    zone = order.store.timezone
    lang = "en" if customer.language == "en" else "ru"
    queued = 0
    if earned > 0:
        queued += notify_customer(
            session,
            customer,
            "bonus_earned",
            {
                "number": order.number or "",
                "points": format_points(earned, lang),
                "balance": format_points(bonuses.balance(session, customer.id), lang),
            },
            key=f"{order.id}:bonus_earned",
            timezone=zone,
            now=now,
            order=order,
        )
    if reviewable_lines(order):
        queued += notify_customer(
            session,
            customer,
            "review_request",
            {"number": order.number or "", "link": review_link(order)},
            key=f"{order.id}:review_request",
            timezone=zone,
            now=now,
            order=order,
        )
    return queued
