"""The history of every unit: one row per change of a store's stock, never edited."""

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.models.base import Base, str_enum

if TYPE_CHECKING:  # for annotations only; a runtime import would be circular
    from server.models.orders import Order


class MovementKind(enum.StrEnum):
    RESERVED = "reserved"  # an order took units off the available count
    RELEASED = "released"  # a cancelled or expired order gave them back
    ISSUED = "issued"  # handed to the customer, or shipped to an outpost
    WRITTEN_OFF = "written_off"  # not found when picking, damaged, lost
    RETURNED = "returned"  # came back to the shelf (a returned transfer or purchase)
    DEFECTIVE = "defective"  # a returned unit not fit for sale, put aside (Stock.defective)
    RECEIVED = "received"  # a delivery from a supplier
    COUNTED = "counted"  # a stock count set on-hand to what was found
    CORRECTED = "corrected"  # a correction with a reason
    IMPORTED = "imported"  # a stock file from the accounting system set on-hand
    MOVED_OUT = "moved_out"  # a transfer to another store left this one
    MOVED_IN = "moved_in"  # a transfer from another store arrived here


class StockMovement(Base):
    __tablename__ = "stock_movements"
    __table_args__ = (Index("ix_stock_movements_store_product", "store_id", "product_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    kind: Mapped[MovementKind] = mapped_column(str_enum(MovementKind, 16))
    on_hand_delta: Mapped[int] = mapped_column(default=0)
    reserved_delta: Mapped[int] = mapped_column(default=0)
    at: Mapped[datetime]
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    # What the movement belongs to when it is not an order: a delivery note, a count, a
    # transfer or an import file.
    document: Mapped[str | None] = mapped_column(String(120))
    reason: Mapped[str | None] = mapped_column(String(255))

    order: Mapped["Order | None"] = relationship(back_populates="stock_movements")
