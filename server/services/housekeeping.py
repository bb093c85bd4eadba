"""Keeping tables small: answers kept for idempotent retries are needed for hours, not forever."""

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete
from sqlalchemy.orm import Session

from server.models import IdempotencyKey


def purge_idempotency_keys(session: Session, *, older_than: datetime) -> int:
    result = session.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at < older_than))
    return cast(CursorResult[Any], result).rowcount or 0  # a DML result counts its rows
