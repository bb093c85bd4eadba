"""A closed day's KPI figures per store, written once the night after by the worker, so the
KPI page reads past days without going through a million orders."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class KpiDay(Base):
    __tablename__ = "kpi_days"
    __table_args__ = (UniqueConstraint("store_id", "day", name="uq_kpi_days_store_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    day: Mapped[date]  # the store's local day
    # server/services/kpi_days.py writes and reads these (counts, seconds, shares).
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)
    computed_at: Mapped[datetime]
