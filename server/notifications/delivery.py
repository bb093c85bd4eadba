"""The worker's side of the outbox: claim due messages, send them, record the outcome.

A claim is a lease: rows are taken with FOR UPDATE SKIP LOCKED (several workers never
take the same message) and marked leased until a deadline, then the claim commits. The
outcomes are written in sets (one transaction for many messages), each only while the
message is still ours. A worker killed mid-batch leaves leased rows that free themselves
when the lease ends, so nothing is lost; a failure backs off exponentially and, after
the last attempt, parks the message where staff see it. A channel that does not answer
at all (a gateway that hangs) is tried once a run: its other messages stay as they were.
"""

import logging
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from server.db import among, among_chosen
from server.models import Channel, Notification, Order, OrderStatus, OutboxStatus
from server.notifications.catalogue import CATALOGUE
from server.notifications.channels import ChannelDown, ChannelError, Sender

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A claimed message as the worker sends it: read once, written back by UPDATE only."""

    id: int
    kind: str
    channel: Channel
    recipient: str
    subject: str
    body: str
    attempts: int
    order_id: int | None
    due_at: datetime


_OUTGOING = [getattr(Notification, name) for name in Outgoing.__slots__]


def claim(
    session: Session,
    *,
    now: datetime,
    limit: int,
    lease: timedelta,
    owner: str,
    skip: frozenset[Channel] = frozenset(),
) -> list[Outgoing]:
    """Lease up to `limit` due messages to `owner` and commit; them, in the order they fell due.

    One statement: the UPDATE of the lease takes its rows from a SKIP LOCKED select, so
    two workers never claim the same message, and returns what sending needs."""
    due = (
        select(Notification.id)
        .where(
            Notification.status == OutboxStatus.PENDING,
            Notification.due_at <= now,
            or_(Notification.lease_until.is_(None), Notification.lease_until < now),
            *([Notification.channel.not_in(skip)] if skip else []),
        )
        .order_by(Notification.due_at, Notification.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = session.execute(
        update(Notification)
        .where(among_chosen(session, Notification.id, due))
        .values(lease_until=now + lease, lease_owner=owner)
        .returning(*_OUTGOING)
        .execution_options(synchronize_session=False)
    ).all()
    session.commit()
    return sorted((Outgoing(*row) for row in rows), key=lambda m: (m.due_at, m.id))


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** (attempts - 1), 3600))


@dataclass
class _Outcomes:
    """What happened to the messages sent since the last record, written in one transaction."""

    sent: list[int] = field(default_factory=list)
    cancelled: list[int] = field(default_factory=list)
    failed: list[tuple[Outgoing, str]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.sent) + len(self.cancelled) + len(self.failed)


def _record(
    session: Session, outcomes: _Outcomes, *, now: datetime, max_attempts: int, owner: str
) -> None:
    """Write the outcomes of our leased messages and commit; a message whose lease another
    worker took over in the meantime is left to that worker."""
    ours = (Notification.lease_owner == owner, Notification.status == OutboxStatus.PENDING)
    done = {"lease_until": None, "lease_owner": None}
    if outcomes.sent:
        session.execute(
            update(Notification)
            .where(among(session, Notification.id, outcomes.sent), *ours)
            .values(status=OutboxStatus.SENT, sent_at=now, **done)
            .execution_options(synchronize_session=False)
        )
    if outcomes.cancelled:
        session.execute(
            update(Notification)
            .where(among(session, Notification.id, outcomes.cancelled), *ours)
            .values(status=OutboxStatus.CANCELLED, **done)
            .execution_options(synchronize_session=False)
        )
    for message, error in outcomes.failed:
        attempts = message.attempts + 1
        after = (
            {"status": OutboxStatus.PARKED}
            if attempts >= max_attempts
            else {"due_at": now + backoff(attempts)}
        )
        session.execute(
            update(Notification)
            .where(Notification.id == message.id, *ours)
            .values(attempts=attempts, last_error=error[:500], **after, **done)
            .execution_options(synchronize_session=False)
        )
    session.commit()
    outcomes.sent, outcomes.cancelled, outcomes.failed = [], [], []


def deliver_due(
    session: Session,
    *,
    senders: dict[Channel, Sender],
    now: datetime,
    limit: int,
    lease: timedelta,
    max_attempts: int,
    record_every: float = 1.0,
    down: set[Channel] | None = None,
) -> int:
    """One batch: how many messages were claimed (sent, failed, cancelled or put back).

    The batch is claimed (leased) in one transaction, sent, and its outcomes are written
    in sets: one transaction per `record_every` seconds of sending and one at the end. A
    worker killed before a record leaves those messages leased; they go again when the
    lease ends (the gateway drops the repeat by its message id). Sending stops when half
    the lease has gone, and the unsent rest is freed for the next claim.

    `down`, kept by the caller for one run: channels that did not answer at all. Their
    messages are neither claimed nor tried again in this run; they are put back as they
    were, without an attempt spent, so a hanging gateway costs one timeout a run.
    """
    down = down if down is not None else set()
    owner = str(uuid.uuid4())
    began = time.monotonic()
    claimed = claim(session, now=now, limit=limit, lease=lease, owner=owner, skip=frozenset(down))
    if not claimed:
        return 0
    ended = {m.order_id for m in claimed if m.order_id is not None and _ends_at_pickup(m.kind)}
    issued = set(
        session.scalars(
            select(Order.id).where(
                among(session, Order.id, list(ended)), Order.status == OrderStatus.ISSUED
            )
        )
        if ended
        else ()
    )
    session.commit()
    rows = [(m, m.order_id in issued and _ends_at_pickup(m.kind)) for m in claimed]
    outcomes, recorded, put_back = _Outcomes(), time.monotonic(), []
    for index, (message, handed_out) in enumerate(rows):
        if time.monotonic() - began > lease.total_seconds() / 2:
            put_back += [m.id for m, _s in rows[index:]]
            break
        if message.channel in down:
            put_back.append(message.id)
        elif handed_out:
            outcomes.cancelled.append(message.id)  # the customer has the goods: say no more
        elif message.channel not in senders:
            outcomes.failed.append((message, f"no {message.channel.value} channel is configured"))
        else:
            try:
                senders[message.channel].send(message)
            except ChannelDown as exc:
                log.warning(
                    "%s channel is not answering; its messages wait: %s", message.channel.value, exc
                )
                down.add(message.channel)
                outcomes.failed.append((message, str(exc)))
            except ChannelError as exc:
                outcomes.failed.append((message, str(exc)))
            else:
                outcomes.sent.append(message.id)
        if time.monotonic() - recorded >= record_every:
            _record(session, outcomes, now=now, max_attempts=max_attempts, owner=owner)
            recorded = time.monotonic()
    if outcomes:
        _record(session, outcomes, now=now, max_attempts=max_attempts, owner=owner)
    if put_back:
        _free(put_back, session, owner=owner)
    return len(claimed)


def _ends_at_pickup(kind: str) -> bool:
    """Messages of this kind are cancelled once the customer has the goods."""
    return kind in CATALOGUE and not CATALOGUE[kind].after_pickup


def _free(ids: list[int], session: Session, *, owner: str) -> None:
    """Give unsent messages of our claim back before their lease ends."""
    session.execute(
        update(Notification)
        .where(among(session, Notification.id, ids), Notification.lease_owner == owner)
        .values(lease_until=None, lease_owner=None)
        .execution_options(synchronize_session=False)
    )
    session.commit()
