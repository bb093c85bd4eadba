"""Payments that arrived when their order could no longer take them, and their refunds."""

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.models.base import Base, str_enum
from server.models.orders import Order


class RefundState(enum.StrEnum):
    REFUNDED = "refunded"  # the provider gave the money back
    BY_HAND = "by_hand"  # the provider has no refund call of ours: staff refund in its dashboard
    FAILED = "failed"  # the provider refused: staff must look


class LatePayment(Base):
    """A customer's money for an order that had expired, was cancelled or was already paid.

    Kept so that it is never lost: refunded through the provider, shown to staff, and the
    customer is told.
    """

    __tablename__ = "late_payments"
    __table_args__ = (CheckConstraint("amount_minor > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    # The provider's event: a replayed webhook finds it and does nothing again.
    event_id: Mapped[str] = mapped_column(String(120), unique=True)
    amount_minor: Mapped[int]
    # Why the order could not take it: the error code (order_expired, already_paid, ...).
    reason: Mapped[str] = mapped_column(String(40))
    received_at: Mapped[datetime] = mapped_column(index=True)
    refund_state: Mapped[RefundState] = mapped_column(str_enum(RefundState, 12))
    refund_reference: Mapped[str | None] = mapped_column(String(80))
    refund_error: Mapped[str | None] = mapped_column(String(255))
    refunded_at: Mapped[datetime | None]

    order: Mapped[Order] = relationship()
