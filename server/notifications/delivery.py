"""The worker's side of the outbox: claim due messages, send them, record the outcome.

A claim is a lease: rows are taken with FOR UPDATE SKIP LOCKED (several workers never
take the same message) and marked leased until a deadline, then the claim commits. A
worker killed mid-batch leaves leased rows that free themselves when the lease ends, so
nothing is lost; a failure backs off exponentially and, after the last attempt, parks
the message where staff see it.
"""

import uuid
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from server.models import Channel, Notification, OrderStatus, OutboxStatus
from server.notifications.catalogue import CATALOGUE
from server.notifications.channels import ChannelError, Sender


def claim(
    session: Session, *, now: datetime, limit: int, lease: timedelta, owner: str
) -> list[int]:
    ids = list(
        session.scalars(
            select(Notification.id)
            .where(
                Notification.status == OutboxStatus.PENDING,
                Notification.due_at <= now,
                or_(Notification.lease_until.is_(None), Notification.lease_until < now),
            )
            .order_by(Notification.due_at, Notification.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    if ids:
        session.execute(
            update(Notification)
            .where(Notification.id.in_(ids))
            .values(lease_until=now + lease, lease_owner=owner)
            .execution_options(synchronize_session=False)
        )
    session.commit()
    return ids


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** (attempts - 1), 3600))


def deliver(
    session: Session,
    message_id: int,
    *,
    senders: dict[Channel, Sender],
    now: datetime,
    max_attempts: int,
    owner: str,
) -> OutboxStatus | None:
    """Send one claimed message and commit what happened to it; None if no longer ours."""
    message = session.get(Notification, message_id, with_for_update=True, populate_existing=True)
    if (
        message is None
        or message.lease_owner != owner
        or message.status is not OutboxStatus.PENDING
    ):
        session.commit()  # our lease ran out and another worker took the message over
        return None
    if (
        message.kind in CATALOGUE
        and not CATALOGUE[message.kind].after_pickup
        and message.order
        and message.order.status is OrderStatus.ISSUED
    ):
        message.status = OutboxStatus.CANCELLED  # the customer has the goods: say no more
    elif message.channel not in senders:
        _failed(message, f"no {message.channel.value} channel is configured", now, max_attempts)
    else:
        try:
            senders[message.channel].send(message)
        except ChannelError as exc:
            _failed(message, str(exc), now, max_attempts)
        else:
            message.status, message.sent_at = OutboxStatus.SENT, now
    message.lease_until, message.lease_owner = None, None
    session.commit()
    return message.status


def _failed(message: Notification, error: str, now: datetime, max_attempts: int) -> None:
    message.attempts += 1
    message.last_error = error[:500]
    if message.attempts >= max_attempts:
        message.status = OutboxStatus.PARKED
    else:
        message.due_at = now + backoff(message.attempts)


def deliver_due(
    session: Session,
    *,
    senders: dict[Channel, Sender],
    now: datetime,
    limit: int,
    lease: timedelta,
    max_attempts: int,
) -> int:
    """One batch: how many messages were claimed (sent, failed or cancelled)."""
    owner = str(uuid.uuid4())
    claimed = claim(session, now=now, limit=limit, lease=lease, owner=owner)
    for message_id in claimed:
        deliver(
            session, message_id, senders=senders, now=now, max_attempts=max_attempts, owner=owner
        )
    return len(claimed)
