"""The outbox: every message to a customer, written in the same transaction as its cause."""

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.models.base import Base, str_enum

if TYPE_CHECKING:  # for annotations only; a runtime import would be circular
    from server.models.orders import Order
    from server.models.stock_documents import TransferLine


class Channel(enum.StrEnum):
    SMS = "sms"
    EMAIL = "email"


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"  # due at due_at; retried with backoff until sent or parked
    SENT = "sent"
    PARKED = "parked"  # kept failing: staff must look
    CANCELLED = "cancelled"  # no longer true to say (e.g. a reminder after pickup)


class Notification(Base):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    # One message per (order, kind, day for reminders): a retry of the cause never sends twice.
    dedupe_key: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, 8))
    recipient: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255), default="")
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[OutboxStatus] = mapped_column(str_enum(OutboxStatus, 12), index=True)
    due_at: Mapped[datetime] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    # A worker that claimed the message owns it until then; after a crash it is free again.
    lease_until: Mapped[datetime | None]
    lease_owner: Mapped[str | None] = mapped_column(String(36))
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]

    order: Mapped["Order | None"] = relationship()  # noqa: F821


class TransferKind(enum.StrEnum):
    ORDERS = "orders"  # picked orders travelling from a cybermarket to its outpost
    GOODS = "goods"  # stock moved between cybermarkets: requested, shipped, received


class Transfer(Base):
    """Goods travelling together from one store to another: orders for an outpost, or
    stock for another cybermarket (its lines in TransferLine)."""

    __tablename__ = "transfers"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[TransferKind] = mapped_column(
        str_enum(TransferKind, 8), default=TransferKind.ORDERS, server_default="orders"
    )
    source_store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    destination_store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), index=True)
    created_at: Mapped[datetime]
    shipped_at: Mapped[datetime | None]
    arrived_at: Mapped[datetime | None]
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    shipped_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    received_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    # What the receiver said about units that did not arrive.
    note: Mapped[str | None] = mapped_column(String(255))

    lines: Mapped[list["TransferLine"]] = relationship(
        order_by="TransferLine.id", cascade="all, delete-orphan"
    )


class WebhookEvent(Base):
    """Payment provider events already handled: a replayed webhook changes nothing."""

    __tablename__ = "webhook_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(40))
    event_id: Mapped[str] = mapped_column(String(120), unique=True)
    received_at: Mapped[datetime]
