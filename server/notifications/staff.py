"""What staff see of the outbox: how much is waiting, and what keeps failing."""

from datetime import datetime

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.models import Channel, Notification, OutboxStatus

# What staff read for the outbox's machine words.
STATUS_LABELS: dict[OutboxStatus, LazyString] = {
    OutboxStatus.PENDING: _l("waiting to be sent"),
    OutboxStatus.SENT: _l("sent"),
    OutboxStatus.PARKED: _l("kept failing"),
    OutboxStatus.CANCELLED: _l("no longer needed"),
}
CHANNEL_LABELS: dict[Channel, LazyString] = {
    Channel.SMS: _l("text message"),
    Channel.EMAIL: _l("e-mail"),
}


def outbox_counts(session: Session) -> dict[OutboxStatus, int]:
    rows = session.execute(
        select(Notification.status, func.count()).group_by(Notification.status)
    ).tuples()
    counts = dict.fromkeys(OutboxStatus, 0)
    counts.update(rows.all())
    return counts


def parked_messages(session: Session, limit: int = 100) -> list[Notification]:
    return list(
        session.scalars(
            select(Notification)
            .where(Notification.status == OutboxStatus.PARKED)
            .order_by(Notification.created_at.desc())
            .limit(limit)
        )
    )


def retry_parked(session: Session, message_id: int, *, now: datetime) -> bool:
    """Put a parked message back in the queue (after staff fixed the gateway or the address)."""
    message = session.get(Notification, message_id, with_for_update=True)
    if message is None or message.status is not OutboxStatus.PARKED:
        return False
    message.status, message.attempts, message.due_at = OutboxStatus.PENDING, 0, now
    message.lease_until = message.lease_owner = None
    session.flush()
    return True
