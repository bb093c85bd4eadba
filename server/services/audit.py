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
# Form fields never written to the audit, whatever the page calls them.
SECRET_FIELDS = ("password", "pin", "token", "csrf_token", "code")


def begin(session: Session, staff: StaffUser) -> AuditEntry:
    """Start the entry of the staff POST being answered: the page, its target, the form.

    Called by the sign-in guard before the view runs, so every staff action has its entry in
    the view's own transaction even where the view says nothing more; a view that calls
    `record` fills this same entry in instead of adding a second one. A view that changes
    nothing commits nothing, and then no entry is kept either.
    """
    fields = {
        key: value[:80]
        for key, value in list(request.form.items())[:30]
        if not any(secret in key.lower() for secret in SECRET_FIELDS)
    }
    fields.update({key: f"<{upload.filename}>" for key, upload in request.files.items()})
    target = ",".join(str(value) for value in (request.view_args or {}).values())
    entry = record(session, staff, request.endpoint or request.path, target, {"form": fields})
    g.audit_entry = entry
    return entry


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
    started: AuditEntry | None = g.get("audit_entry") if has_request_context() else None
    if started is not None and started in session:
        started.action = action[:40]
        started.target = target[:120] or started.target
        started.details = {**started.details, **(details or {})}
        return started
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
