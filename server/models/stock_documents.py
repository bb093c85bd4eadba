"""Papers behind staff stock moves: delivery notes from suppliers and transfer lines."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.models.base import Base
from server.models.catalog import Product
from server.models.devices import StaffUser


class DeliveryNote(Base):
    """A supplier's delivery as it was received: kept to be looked at later, never edited."""

    __tablename__ = "delivery_notes"
    # A supplier's note number arrives once per store: a second one is a typing slip or
    # the same paper received twice.
    __table_args__ = (
        UniqueConstraint("store_id", "number", name="uq_delivery_notes_store_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    number: Mapped[str] = mapped_column(String(64))
    supplier: Mapped[str] = mapped_column(String(120))
    received_at: Mapped[datetime]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))

    staff: Mapped[StaffUser | None] = relationship()
    lines: Mapped[list["DeliveryLine"]] = relationship(
        back_populates="note", order_by="DeliveryLine.id", cascade="all, delete-orphan"
    )


class DeliveryLine(Base):
    __tablename__ = "delivery_lines"
    __table_args__ = (
        CheckConstraint("expected >= 0", name="expected_not_negative"),
        CheckConstraint("received >= 0", name="received_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("delivery_notes.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    expected: Mapped[int]
    received: Mapped[int]
    bin_location: Mapped[str | None] = mapped_column(String(32))

    note: Mapped[DeliveryNote] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()


class TransferLine(Base):
    """One product of a transfer of goods between cybermarkets (orders to outposts have none)."""

    __tablename__ = "transfer_lines"
    __table_args__ = (
        UniqueConstraint("transfer_id", "product_id", name="uq_transfer_lines_transfer_product"),
        CheckConstraint("requested > 0", name="requested_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    transfer_id: Mapped[int] = mapped_column(ForeignKey("transfers.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    requested: Mapped[int]
    shipped: Mapped[int | None]
    received: Mapped[int | None]

    product: Mapped[Product] = relationship()

    @property
    def short(self) -> int:
        """Units that left the source and did not arrive: left for investigation."""
        if self.shipped is None or self.received is None:
            return 0
        return self.shipped - self.received
