"""What the server's /health checks: the database answers, and the worker keeps up.

The worker's lag is the age of the oldest piece of due work nobody has done: a message
to a customer due and still pending, or an order whose hold is over and still open.
A running worker keeps it under a minute; a stopped or swamped one lets it grow.
"""

from datetime import datetime, timedelta

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from common import order_life
from server.models import Notification, Order, OutboxStatus


def database_answers(session: Session) -> bool:
    """A trivial query; False (never an exception) when the database cannot be reached."""
    try:
        session.execute(text("SELECT 1"))
    except Exception:  # any driver's connection error: the check's answer is "down"
        session.rollback()
        return False
    return True


def worker_lag(session: Session, *, now: datetime) -> timedelta:
    """How long the oldest due work has waited (zero when nothing is due). Raises nothing
    of its own; a database error propagates."""
    oldest_message = session.scalar(
        select(func.min(Notification.due_at)).where(
            Notification.status == OutboxStatus.PENDING, Notification.due_at <= now
        )
    )
    oldest_hold = session.scalar(
        select(func.min(Order.hold_until)).where(
            Order.status.in_(order_life.EXPIRING), Order.hold_until <= now
        )
    )
    due = [moment for moment in (oldest_message, oldest_hold) if moment is not None]
    if not due:
        return timedelta(0)
    return max(now - min(due), timedelta(0))
