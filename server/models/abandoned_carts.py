"""Carts a terminal's idle reset (or the shopper's "start over") threw away unbought, as the
terminal reported them: counted on the KPI page per store and day."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class AbandonedCart(Base):
    """One cleared cart: its lines as the shopper saw them and their value. `at` is the
    server's time of the report, so a closed day never gains a cart after it was kept."""

    __tablename__ = "abandoned_carts"
    __table_args__ = (Index("ix_abandoned_carts_store_id_at", "store_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    at: Mapped[datetime]
    # [{"sku", "qty", "price_minor"}]: the prices the terminal showed, not today's.
    lines: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    items: Mapped[int]  # units in the cart
    value_minor: Mapped[int] = mapped_column(BigInteger)  # 50 lines of dear goods pass 2**31
