"""Stores (cybermarkets and outposts) and the stock each of them holds."""

import enum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.models.base import Base, str_enum

if TYPE_CHECKING:  # for annotations only; a runtime import would be circular
    from server.models.catalog import Product


class StoreKind(enum.StrEnum):
    CYBERMARKET = "cybermarket"
    OUTPOST = "outpost"


class Store(Base):
    __tablename__ = "stores"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    kind: Mapped[StoreKind] = mapped_column(str_enum(StoreKind, 16))
    name_ru: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    address_ru: Mapped[str] = mapped_column(String(255))
    address_en: Mapped[str] = mapped_column(String(255))
    # Free text as printed on the door, e.g. "24/7" or "10:00–22:00".
    opening_hours: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Moscow")
    # Letter that starts this store's order numbers ("A-1042").
    order_prefix: Mapped[str] = mapped_column(String(4), unique=True)
    pickup_windows: Mapped[int] = mapped_column(default=1)
    # Outposts hold no stock: their orders are picked at this cybermarket and sent over.
    source_store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id"))
    # How long a ready order waits for its customer here (None: the chain's default).
    hold_days: Mapped[int | None]
    # Local hour of the morning reminder to customers whose order waits here.
    reminder_hour: Mapped[int] = mapped_column(default=9, server_default="9")

    stock: Mapped[list["Stock"]] = relationship(back_populates="store")
    source_store: Mapped["Store | None"] = relationship(remote_side=[id])

    def name(self, locale: str) -> str:
        return self.name_en if locale == "en" else self.name_ru

    def address(self, locale: str) -> str:
        return self.address_en if locale == "en" else self.address_ru


class Stock(Base):
    """What one store holds of one product; available = on_hand - reserved."""

    __tablename__ = "stock"
    __table_args__ = (
        UniqueConstraint("store_id", "product_id", name="uq_stock_store_product"),
        CheckConstraint("on_hand >= 0", name="on_hand_not_negative"),
        CheckConstraint("reserved >= 0", name="reserved_not_negative"),
        CheckConstraint("reserved <= on_hand", name="reserved_within_on_hand"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    on_hand: Mapped[int] = mapped_column(default=0)
    reserved: Mapped[int] = mapped_column(default=0)
    bin_location: Mapped[str | None] = mapped_column(String(32))
    # Available at or below this is "low stock" here (None: the chain's default).
    low_threshold: Mapped[int | None]
    # Returned units not fit for sale: kept apart from on_hand, never sold (docs/RETURNS.md).
    defective: Mapped[int] = mapped_column(default=0, server_default="0")

    store: Mapped[Store] = relationship(back_populates="stock")
    product: Mapped["Product"] = relationship()  # noqa: F821

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved
