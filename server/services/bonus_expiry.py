"""Bonuses expire after a lifetime, oldest first, and the customer is warned in advance.

FIFO: every debit (spent, taken back, expired) uses up the oldest credits first; what is
left of a credit older than the lifetime expires, as one `expired` entry. The worker
runs this; the customer's row is locked first (bonuses.lock), so two workers see each
other's entries and never expire the same points twice. The balance never goes below
zero: only what is left of old credits can expire.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import BonusEntry, BonusReason, Customer, Notification, Order, Store
from server.notifications.outbox import format_points, notify_customer
from server.services import bonuses
from server.services.actors import WORKER

# A worker that was down this long still catches up on what expired meanwhile.
CATCH_UP = timedelta(days=30)


@dataclass(frozen=True)
class ExpiryPolicy:
    lifetime: timedelta = timedelta(days=365)
    warn_before: timedelta = timedelta(days=14)
    timezone: str = "Europe/Moscow"  # for customers who never ordered in a store


def left_of_credits(entries: list[BonusEntry]) -> list[tuple[BonusEntry, int]]:
    """Each credit with what is left of it once debits used up the oldest credits first."""
    debits = -sum(e.amount for e in entries if e.amount < 0)
    left = []
    for entry in sorted((e for e in entries if e.amount > 0), key=lambda e: (e.created_at, e.id)):
        used = min(entry.amount, debits)
        debits -= used
        left.append((entry, entry.amount - used))
    return left


def expiring_by(entries: list[BonusEntry], moment: datetime, lifetime: timedelta) -> int:
    """Points that have expired (or will have) by this moment and are not yet written off."""
    return sum(
        left for entry, left in left_of_credits(entries) if entry.created_at + lifetime <= moment
    )


def _customers_with_credits(session: Session, since: datetime, until: datetime) -> list[int]:
    return list(
        session.scalars(
            select(BonusEntry.customer_id)
            .where(
                BonusEntry.amount > 0, BonusEntry.created_at > since, BonusEntry.created_at <= until
            )
            .distinct()
            .order_by(BonusEntry.customer_id)
        )
    )


def expire_due(session: Session, *, policy: ExpiryPolicy, now: datetime) -> int:
    """Write off what is left of credits older than the lifetime; how many points."""
    cutoff = now - policy.lifetime
    total = 0
    for customer_id in _customers_with_credits(session, cutoff - CATCH_UP, cutoff):
        bonuses.lock(session, customer_id)
        points = expiring_by(bonuses.ledger(session, customer_id), now, policy.lifetime)
        if points > 0:
            bonuses.debit(session, customer_id, points, BonusReason.EXPIRED, actor=WORKER, now=now)
            total += points
    session.flush()
    return total


def _timezone(session: Session, customer_id: int, default: str) -> str:
    zone = session.scalar(
        select(Store.timezone)
        .join(Order, Order.store_id == Store.id)
        .where(Order.customer_id == customer_id)
        .order_by(Order.id.desc())
        .limit(1)
    )
    return zone or default


def _warned_lately(session: Session, customer_id: int, since: datetime) -> bool:
    return (
        session.scalar(
            select(Notification.id)
            .where(
                Notification.dedupe_key.startswith(f"bonus_expiring:{customer_id}:"),
                Notification.created_at > since,
            )
            .limit(1)
        )
        is not None
    )


def warn_expiring(session: Session, *, policy: ExpiryPolicy, now: datetime) -> int:
    """Tell customers what expires within the warning period, at most once per period;
    how many customers were told (within their contact preferences)."""
    horizon = now + policy.warn_before
    soon_from, soon_until = now - policy.lifetime, horizon - policy.lifetime
    told = 0
    for customer_id in _customers_with_credits(session, soon_from, soon_until):
        if _warned_lately(session, customer_id, now - policy.warn_before):
            continue
        entries = bonuses.ledger(session, customer_id)
        points = expiring_by(entries, horizon, policy.lifetime)
        if points <= 0:
            continue
        first = min(
            entry.created_at + policy.lifetime
            for entry, left in left_of_credits(entries)
            if left and entry.created_at + policy.lifetime <= horizon
        )
        customer = session.get(Customer, customer_id)
        assert customer is not None
        zone = _timezone(session, customer_id, policy.timezone)
        lang = "en" if customer.language == "en" else "ru"
        day = first.astimezone(ZoneInfo(zone)).strftime("%d.%m.%Y")
        told += (
            notify_customer(
                session,
                customer,
                "bonus_expiring",
                {"points": format_points(points, lang), "date": day},
                key=f"bonus_expiring:{customer_id}:{first.date().isoformat()}",
                timezone=zone,
                now=now,
            )
            > 0
        )
    return told
