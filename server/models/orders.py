"""Orders, their lines, payments and the record of every status change."""

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ColumnElement, ForeignKey, Index, String, func
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, WriteOnlyMapped, mapped_column, relationship

from common.order_life import OrderStatus
from server.models.base import Base, str_enum
from server.models.stores import Store

if TYPE_CHECKING:  # for annotations only; a runtime import would be circular
    from server.models.devices import Device
    from server.models.stock_movements import StockMovement


class PaymentMethod(enum.StrEnum):
    CARD = "card"  # at the terminal
    CASHIER = "cashier"  # pay at the cashier window, stock held for minutes
    ONLINE = "online"  # prepaid through the online shop
    ON_PICKUP = "on_pickup"  # online order paid at the pickup window


class PaymentKind(enum.StrEnum):
    PAYMENT = "payment"
    REFUND = "refund"


class Order(Base):
    __tablename__ = "orders"
    # The live stuck-orders page asks "which orders sit in this status since when"; the
    # KPI page "which orders did this store make on this day".
    __table_args__ = (
        Index("ix_orders_status_updated_at", "status", "updated_at"),
        Index("ix_orders_store_id_created_at", "store_id", "created_at"),
        Index("ix_orders_created_at", "created_at"),  # orders of the last 30 days, chain-wide
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(20), unique=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), index=True)
    status: Mapped[OrderStatus] = mapped_column(str_enum(OrderStatus), index=True)
    payment_method: Mapped[PaymentMethod] = mapped_column(str_enum(PaymentMethod))
    # A secret for the barcode: random, never derived from the number.
    pickup_code: Mapped[str] = mapped_column(String(16), unique=True)
    customer_phone: Mapped[str | None] = mapped_column(String(20))
    customer_email: Mapped[str | None] = mapped_column(String(255))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    # The language the customer's messages are written in.
    customer_language: Mapped[str] = mapped_column(String(2), default="ru", server_default="ru")
    # Where the goods come from: the store itself, or an outpost's source cybermarket.
    stock_store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id"))
    transfer_id: Mapped[int | None] = mapped_column(ForeignKey("transfers.id"), index=True)
    total_minor: Mapped[int]  # what is to pay: the lines' price less the bonuses spent
    bonus_minor: Mapped[int] = mapped_column(default=0, server_default="0")
    paid_minor: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # Unpaid reservations and uncollected holds expire at this moment.
    hold_until: Mapped[datetime | None] = mapped_column(index=True)
    window: Mapped[int | None]
    # When it became ready for the customer, and the store-local day of the last reminder.
    ready_at: Mapped[datetime | None]
    reminded_on: Mapped[date | None]
    # Why a person must look at this order (e.g. an item was not found), or None.
    needs_attention: Mapped[str | None] = mapped_column(String(40))
    created_by_device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    # How many times staff extended the hold (limited: goods must not wait for months).
    hold_extensions: Mapped[int] = mapped_column(default=0, server_default="0")

    store: Mapped[Store] = relationship(foreign_keys=[store_id])
    stock_store: Mapped[Store | None] = relationship(foreign_keys=[stock_store_id])
    lines: Mapped[list["OrderLine"]] = relationship(
        back_populates="order", order_by="OrderLine.id", cascade="all, delete-orphan"
    )
    events: Mapped[list["OrderEvent"]] = relationship(
        back_populates="order", order_by="OrderEvent.id", cascade="all, delete-orphan"
    )
    payments: Mapped[list["Payment"]] = relationship(
        back_populates="order", order_by="Payment.id", cascade="all, delete-orphan"
    )
    # Written, never loaded with the order: the stock history is read by store and product.
    stock_movements: WriteOnlyMapped["StockMovement"] = relationship(back_populates="order")

    @hybrid_property
    def source_store_id(self) -> int:
        """The store whose warehouse picks this order (an outpost's orders come from elsewhere)."""
        return self.stock_store_id or self.store_id

    @source_store_id.inplace.expression
    @classmethod
    def _source_store_id_in_sql(cls) -> ColumnElement[int]:
        return func.coalesce(cls.stock_store_id, cls.store_id)

    @property
    def travels(self) -> bool:
        return self.source_store_id != self.store_id

    @property
    def is_paid(self) -> bool:
        return self.paid_minor >= self.total_minor


class OrderLine(Base):
    __tablename__ = "order_lines"
    __table_args__ = (
        CheckConstraint("qty > 0", name="qty_positive"),
        CheckConstraint("qty_issued >= 0 AND qty_issued <= qty", name="qty_issued_in_range"),
        CheckConstraint(
            "qty_returned >= 0 AND qty_returned <= qty_issued", name="returned_in_range"
        ),
        CheckConstraint(
            "qty_picked >= 0 AND qty_missing >= 0 AND qty_picked + qty_missing <= qty",
            name="picked_in_range",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    # Name and price as they were when the order was made.
    sku: Mapped[str] = mapped_column(String(64))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    price_minor: Mapped[int]
    qty: Mapped[int]
    qty_issued: Mapped[int] = mapped_column(default=0)
    # Set by the picker: units put in the tote, and units not found on the shelf.
    qty_picked: Mapped[int] = mapped_column(default=0, server_default="0")
    qty_missing: Mapped[int] = mapped_column(default=0, server_default="0")
    # Units handed out and later brought back (docs/RETURNS.md).
    qty_returned: Mapped[int] = mapped_column(default=0, server_default="0")

    order: Mapped[Order] = relationship(back_populates="lines")

    @property
    def qty_open(self) -> int:
        """Units still to hand out: missing units are never handed out."""
        return self.qty - self.qty_issued - self.qty_missing

    @property
    def qty_kept(self) -> int:
        """Units the customer has and may still return or bring for repair."""
        return self.qty_issued - self.qty_returned

    @property
    def picking_done(self) -> bool:
        return self.qty_picked + self.qty_missing >= self.qty

    def name(self, locale: str) -> str:
        return self.name_en if locale == "en" else self.name_ru


class OrderEvent(Base):
    """One status change: KPIs and "who handed this out" are read from these."""

    __tablename__ = "order_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    from_status: Mapped[OrderStatus | None] = mapped_column(str_enum(OrderStatus))
    to_status: Mapped[OrderStatus] = mapped_column(str_enum(OrderStatus))
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(80))
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    # The person, when one is known: the picker chosen on the warehouse screen, the clerk
    # on shift at a window, the staff member in the console.
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    reason: Mapped[str | None] = mapped_column(String(255))

    order: Mapped[Order] = relationship(back_populates="events")
    device: Mapped["Device | None"] = relationship()  # noqa: F821


class Payment(Base):
    __tablename__ = "payments"
    __table_args__ = (CheckConstraint("amount_minor > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    kind: Mapped[PaymentKind] = mapped_column(str_enum(PaymentKind))
    method: Mapped[str] = mapped_column(String(20))
    amount_minor: Mapped[int]
    reference: Mapped[str | None] = mapped_column(String(80))
    at: Mapped[datetime]
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))

    order: Mapped[Order] = relationship(back_populates="payments")
