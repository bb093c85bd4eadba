"""Import jobs started from the console: what was uploaded, how far it got, how it ended."""

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base, str_enum


class ImportKind(enum.StrEnum):
    CATALOG = "catalog"
    STOCK = "stock"


class ImportState(enum.StrEnum):
    QUEUED = "queued"
    CHECKING = "checking"  # the first pass: every row and element is read and checked
    APPLYING = "applying"  # the second pass, inside one transaction
    DONE = "done"
    FAILED = "failed"


class ImportJob(Base):
    __tablename__ = "import_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ImportKind] = mapped_column(str_enum(ImportKind, 16))
    store_code: Mapped[str | None] = mapped_column(String(16))
    dry_run: Mapped[bool] = mapped_column(default=False)
    # The names as uploaded (errors name them) and where the uploads wait on disk.
    file_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    paths: Mapped[list[str]] = mapped_column(JSON, default=list)
    state: Mapped[ImportState] = mapped_column(str_enum(ImportState, 16))
    percent: Mapped[int] = mapped_column(default=0)
    # One per bad row or element (file, line, element, reason), in the language of the
    # person who started it.
    problems: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    language: Mapped[str] = mapped_column(String(8), default="ru")
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
