"""The bonus ledger: append-only; a customer's balance is the sum of their entries."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base, str_enum


class BonusReason(enum.StrEnum):
    EARNED = "earned"  # a share of what was paid, once the goods are handed out
    SPENT = "spent"  # part of an order's price paid with bonuses
    SPEND_RETURNED = "spend_returned"  # the order was cancelled or expired
    EARN_TAKEN_BACK = "earn_taken_back"  # the purchase was refunded
    PROFILE = "profile"  # name, e-mail and birthday all given (once per customer)
    SOCIAL = "social_mention"  # a mention in a social network, confirmed by staff
    REVIEW = "review"  # a review approved by a moderator
    GOODWILL = "goodwill"  # staff's apology or compensation, with a reason
    EXPIRED = "expired"  # points older than the lifetime, oldest first (FIFO)


class BonusEntry(Base):
    __tablename__ = "bonus_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    # Points; one point is one kopeck of discount. Negative when spent or taken back.
    amount: Mapped[int]
    reason: Mapped[BonusReason] = mapped_column(str_enum(BonusReason, 20))
    # Who or what caused it: a device, a staff member, the worker ("device:12", "order").
    source: Mapped[str] = mapped_column(String(80))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    # Why, in people's words: the goodwill reason, the confirmed post's link, the review.
    note: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(index=True)
