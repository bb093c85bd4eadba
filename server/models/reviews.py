"""Shoppers' reviews of what they collected: a product's rating is the mean of approved ones."""

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base, str_enum


class ReviewStatus(enum.StrEnum):
    PENDING = "pending"  # written by the customer, waiting for a moderator
    APPROVED = "approved"  # shown on the product page and counted in its rating
    REJECTED = "rejected"  # kept with the moderator's reason, never shown


class ProductReview(Base):
    __tablename__ = "product_reviews"
    __table_args__ = (
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_1_to_5"),
        # One review per product of an order: a second submission cannot add another.
        UniqueConstraint("order_id", "product_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    rating: Mapped[int] = mapped_column(SmallInteger)
    text: Mapped[str] = mapped_column(Text, default="")
    pros: Mapped[str] = mapped_column(Text, default="", server_default="")
    cons: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime]
    # Reviews from before moderation existed (and the demo's) have no customer or order.
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    status: Mapped[ReviewStatus] = mapped_column(
        str_enum(ReviewStatus, 12), default=ReviewStatus.APPROVED, server_default="approved"
    )
    moderated_by: Mapped[str | None] = mapped_column(String(80))
    moderated_at: Mapped[datetime | None]
    reject_reason: Mapped[str | None] = mapped_column(String(300))
