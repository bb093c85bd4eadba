"""Appeals: a customer's complaint or question from any channel, until it is resolved."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.models.base import Base, str_enum
from server.models.orders import Order


class AppealChannel(enum.StrEnum):
    WINDOW = "window"
    CALL_CENTRE = "call_centre"
    SMS = "sms"


class AppealCategory(enum.StrEnum):
    QUESTION = "question"
    DELAY = "delay"
    WRONG_GOODS = "wrong_goods"
    QUALITY = "quality"
    SERVICE = "service"


class AppealStatus(enum.StrEnum):
    OPEN = "open"
    ESCALATED = "escalated"  # unanswered past its due time: the manager was told
    RESOLVED = "resolved"


class Appeal(Base):
    __tablename__ = "appeals"
    __table_args__ = (Index("ix_appeals_status_due_at", "status", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_phone: Mapped[str] = mapped_column(String(20), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id"))
    channel: Mapped[AppealChannel] = mapped_column(str_enum(AppealChannel, 16))
    category: Mapped[AppealCategory] = mapped_column(str_enum(AppealCategory, 16))
    text: Mapped[str] = mapped_column(Text)
    # The staff member who must answer, by username.
    responsible: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[AppealStatus] = mapped_column(str_enum(AppealStatus, 12))
    created_at: Mapped[datetime] = mapped_column(index=True)
    created_by: Mapped[str] = mapped_column(String(80))
    due_at: Mapped[datetime]
    escalated_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(80))
    resolution: Mapped[str | None] = mapped_column(Text)
    bonus_minor: Mapped[int] = mapped_column(default=0, server_default="0")
    refund_minor: Mapped[int] = mapped_column(default=0, server_default="0")

    order: Mapped[Order | None] = relationship()
