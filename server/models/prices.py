"""Every price a product had: who changed it, when, and from what (console or an import)."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.models.base import Base
from server.models.catalog import Product
from server.models.devices import StaffUser


class PriceChange(Base):
    __tablename__ = "price_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    old_price_minor: Mapped[int | None]  # None: the product's first price
    new_price_minor: Mapped[int]
    at: Mapped[datetime]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    source: Mapped[str] = mapped_column(String(20))  # "console", "import", "demo"
    document: Mapped[str | None] = mapped_column(String(120))  # the import file, when any

    product: Mapped[Product] = relationship()
    staff: Mapped[StaffUser | None] = relationship()
