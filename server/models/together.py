"""Goods that go together: accessories staff declare, pairs bought together, and how long
goods take to travel from one store to another."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class AccessoryLink(Base):
    """An accessory offered with one product, or with every product of a category."""

    __tablename__ = "accessory_links"
    __table_args__ = (
        CheckConstraint(
            "(product_id IS NULL) <> (category_id IS NULL)", name="product_or_category"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"), index=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    accessory_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    # Why it goes with it, said to the shopper ("без чехла телефон прослужит меньше").
    reason_ru: Mapped[str] = mapped_column(String(255), default="")
    reason_en: Mapped[str] = mapped_column(String(255), default="")
    position: Mapped[int] = mapped_column(default=0)

    def reason(self, locale: str) -> str:
        return self.reason_en if locale == "en" else self.reason_ru


class BoughtTogether(Base):
    """How many paid orders held both products; computed off the request path."""

    __tablename__ = "bought_together"

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    orders: Mapped[int]
    computed_at: Mapped[datetime]


class TransferLead(Base):
    """Hours from an order taken at the destination to the goods ready there."""

    __tablename__ = "transfer_leads"

    source_store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), primary_key=True)
    destination_store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), primary_key=True)
    hours: Mapped[int]
