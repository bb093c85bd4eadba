"""The audit of staff actions: who did what to what, when and from where.

Every staff POST writes one entry through ``record`` in the same transaction as the action
itself, so an action that rolls back leaves no entry and an entry never lacks its action.
The address is the client's as the proxy setup (common/web_security.py) reads it.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import g, has_request_context, request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.clock import now
from server.models import AuditEntry, StaffUser

PAGE_SIZE = 100


def record(
    session: Session,
    staff: StaffUser | None,
    action: str,
    target: str = "",
    details: dict[str, Any] | None = None,
    *,
    username: str | None = None,
) -> AuditEntry:
    """Add one audit entry for this staff member (None: nobody signed in, name as typed).

    Raises no domain error; the caller commits it together with the action.
    """
    address = (request.remote_addr or "") if has_request_context() else ""
    entry = AuditEntry(
        at=now(),
        staff_id=staff.id if staff is not None else None,
        username=(staff.username if staff is not None else username or "")[:60],
        action=action[:40],
        target=target[:120],
        details=details or {},
        address=address[:45],
    )
    session.add(entry)
    if has_request_context():
        g.audited = True
    return entry


@dataclass(frozen=True)
class AuditFilter:
    """What the audit page was asked for; empty fields match everything."""

    username: str = ""
    action: str = ""
    since: datetime | None = None
    until: datetime | None = None  # exclusive
    page: int = 0


def entries(session: Session, wanted: AuditFilter) -> tuple[list[AuditEntry], bool]:
    """The entries matching the filter, newest first, one page; and whether more follow."""
    query = select(AuditEntry)
    if wanted.username:
        query = query.where(func.lower(AuditEntry.username) == wanted.username.lower())
    if wanted.action:
        query = query.where(AuditEntry.action == wanted.action)
    if wanted.since is not None:
        query = query.where(AuditEntry.at >= wanted.since)
    if wanted.until is not None:
        query = query.where(AuditEntry.at < wanted.until)
    query = query.order_by(AuditEntry.id.desc()).offset(wanted.page * PAGE_SIZE)
    found = list(session.scalars(query.limit(PAGE_SIZE + 1)))
    return found[:PAGE_SIZE], len(found) > PAGE_SIZE


def actions_seen(session: Session) -> list[str]:
    """Every action name in the audit, for the page's filter."""
    return list(session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))
