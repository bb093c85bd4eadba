"""Returns of handed-out goods and repairs under warranty, taken in at a pickup window."""

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.models.base import Base, str_enum
from server.models.orders import Order


class OrderReturn(Base):
    """Goods of one order brought back at once: what came back, what was refunded, where."""

    __tablename__ = "order_returns"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    # The store whose window took the goods back (any cybermarket of the chain).
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), index=True)
    reason: Mapped[str] = mapped_column(String(300))
    resaleable: Mapped[bool] = mapped_column(default=True)
    refund_minor: Mapped[int] = mapped_column(default=0)
    refund_method: Mapped[str | None] = mapped_column(String(20))
    bonus_restored: Mapped[int] = mapped_column(default=0)
    bonus_taken_back: Mapped[int] = mapped_column(default=0)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(80))
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))

    order: Mapped[Order] = relationship()
    lines: Mapped[list["ReturnLine"]] = relationship(
        back_populates="order_return", order_by="ReturnLine.id", cascade="all, delete-orphan"
    )


class ReturnLine(Base):
    __tablename__ = "return_lines"
    __table_args__ = (CheckConstraint("qty > 0", name="return_qty_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("order_returns.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))
    sku: Mapped[str] = mapped_column(String(32))
    qty: Mapped[int]
    amount_minor: Mapped[int]  # the price paid for these units

    order_return: Mapped[OrderReturn] = relationship(back_populates="lines")


class RepairStatus(enum.StrEnum):
    ACCEPTED = "accepted"
    AWAITING_COLLECTION = "awaiting_collection"  # a big appliance, collected from home
    QUOTED = "quoted"  # out of warranty: a paid repair waits for the customer's yes
    QUOTE_ACCEPTED = "quote_accepted"  # the customer said yes: the service may repair
    SENT_TO_SERVICE = "sent_to_service"
    DIAGNOSED = "diagnosed"
    REPAIRED = "repaired"
    REPLACED = "replaced"
    REFUSED = "refused"
    READY_FOR_PICKUP = "ready_for_pickup"
    RETURNED_TO_CUSTOMER = "returned_to_customer"
    DECLINED = "declined"  # the customer said no to the quote


class Repair(Base):
    """One unit handed in for repair: what the customer said, and where it is now."""

    __tablename__ = "repairs"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(20), unique=True)
    # The secret on the intake slip's barcode: the item is handed back against it.
    intake_code: Mapped[str] = mapped_column(String(16), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), index=True)
    sku: Mapped[str] = mapped_column(String(32))
    serial: Mapped[str] = mapped_column(String(64))
    defect: Mapped[str] = mapped_column(String(500))
    condition: Mapped[str] = mapped_column(String(300), default="")
    accessories: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[RepairStatus] = mapped_column(str_enum(RepairStatus, 24), index=True)
    under_warranty: Mapped[bool] = mapped_column(default=True)
    quote_minor: Mapped[int | None]
    collect_on: Mapped[date | None]  # agreed day of collection from home
    note: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(index=True)
    updated_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]

    order: Mapped[Order] = relationship()
    events: Mapped[list["RepairEvent"]] = relationship(
        back_populates="repair", order_by="RepairEvent.id", cascade="all, delete-orphan"
    )
    photos: Mapped[list["RepairPhoto"]] = relationship(
        back_populates="repair", order_by="RepairPhoto.id", cascade="all, delete-orphan"
    )


class RepairEvent(Base):
    __tablename__ = "repair_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    repair_id: Mapped[int] = mapped_column(ForeignKey("repairs.id"), index=True)
    from_status: Mapped[RepairStatus | None] = mapped_column(str_enum(RepairStatus, 24))
    to_status: Mapped[RepairStatus] = mapped_column(str_enum(RepairStatus, 24))
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(80))
    note: Mapped[str | None] = mapped_column(String(300))

    repair: Mapped[Repair] = relationship(back_populates="events")


class RepairPhoto(Base):
    """A photo of the unit taken at the window (its damage, its serial plate), re-encoded
    by the server and kept under MEDIA_DIR/repairs by this file name."""

    __tablename__ = "repair_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    repair_id: Mapped[int] = mapped_column(ForeignKey("repairs.id"), index=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(80))

    repair: Mapped[Repair] = relationship(back_populates="photos")
