"""Messages to a store's managers (the promise broke, an appeal is late), through the same
outbox and channels as customers' messages, each at most once per key."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.models import Channel, Notification, OutboxStatus, StaffRole, StaffUser, Store


def managers_of(session: Session, store: Store) -> list[StaffUser]:
    """The active managers of this store. Raises no domain error."""
    return list(
        session.scalars(
            select(StaffUser)
            .where(
                StaffUser.store_id == store.id,
                StaffUser.role == StaffRole.MANAGER.value,
                StaffUser.active.is_(True),
            )
            .order_by(StaffUser.id)
        )
    )


def tell_managers(
    session: Session, store: Store, *, kind: str, key: str, subject: str, body: str, now: datetime
) -> int:
    """Queue the message to each manager of the store by e-mail and SMS (where they gave
    one); how many were queued. `key` makes it once only: a message already queued under
    it, by this worker or another racing it, is not queued again. No domain error."""
    queued = 0
    for manager in managers_of(session, store):
        for channel, to in ((Channel.EMAIL, manager.email), (Channel.SMS, manager.phone)):
            if not to:
                continue
            try:
                with session.begin_nested():  # the unique dedupe key refuses a twin
                    session.add(
                        Notification(
                            dedupe_key=f"{key}:{manager.id}:{channel.value}"[:120],
                            kind=kind,
                            channel=channel,
                            recipient=to,
                            subject=subject,
                            body=body,
                            status=OutboxStatus.PENDING,
                            due_at=now,
                            created_at=now,
                        )
                    )
                queued += 1
            except IntegrityError:
                continue
    return queued
