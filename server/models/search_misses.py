"""Searches that found nothing, kept so staff can teach the search the shoppers' words."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.models.base import Base
from server.models.stores import Store


class SearchMiss(Base):
    """One search that showed the shopper nothing: the words as cleaned for the search
    (so "Телефон " and "телефон" count as one), where, when, and the chips it understood."""

    __tablename__ = "search_misses"

    id: Mapped[int] = mapped_column(primary_key=True)
    query: Mapped[str] = mapped_column(String(200), index=True)
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id"))
    at: Mapped[datetime] = mapped_column(index=True)
    understood: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    store: Mapped[Store | None] = relationship()
