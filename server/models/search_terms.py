"""Words staff taught the search from the misses page, shared by every server process."""

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class SearchTerm(Base):
    """ "мобила" means the category smartphones; "сяоми" the brand Xiaomi; "для тёщи" the
    intent simple. Read with the lexicon files (server/search/vocabulary.py)."""

    __tablename__ = "search_terms"
    __table_args__ = (UniqueConstraint("kind", "phrase", name="uq_search_terms_kind_phrase"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # category, brand, intent, rewrite
    phrase: Mapped[str] = mapped_column(String(120))  # as cleaned for the search
    meaning: Mapped[str] = mapped_column(String(120))  # category code, brand, intent code, words
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(80))
