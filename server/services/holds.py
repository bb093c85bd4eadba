"""Orders waiting for their customer: a reminder every store-local morning, an apology
when an online order runs late. Expiry itself is order_flow.expire_due_orders."""

from datetime import datetime, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, selectinload

from common import order_life
from server.db import among_chosen
from server.models import Order, Store
from server.notifications.outbox import notify, notify_orders
from server.notifications.texts import ADDRESSEE_COLUMNS, Addressee


def remind_waiting(session: Session, *, now: datetime, limit: int = 1000) -> int:
    """One reminder per order per local morning, from the store's reminder hour on; how many
    messages were queued.

    Takes up to `limit` orders per store (SKIP LOCKED: another worker takes the next ones),
    marks them reminded and reads what their messages need in one statement, and queues
    their reminders in one insert. Raises no domain error.
    """
    sent = 0
    stores = {store.id: store for store in session.scalars(select(Store))}
    for store in stores.values():
        local = now.astimezone(ZoneInfo(store.timezone))
        if local.hour < store.reminder_hour:
            continue
        today = local.date()
        due = (
            select(Order.id)
            .where(
                Order.store_id == store.id,
                Order.status.in_(order_life.WAITING),
                Order.hold_until > now,
                Order.ready_at < datetime.combine(today, datetime.min.time(), local.tzinfo),
                or_(Order.reminded_on.is_(None), Order.reminded_on < today),
                or_(Order.customer_phone.is_not(None), Order.customer_email.is_not(None)),
            )
            .order_by(Order.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        orders = session.execute(
            update(Order)
            .where(among_chosen(session, Order.id, due))
            .values(reminded_on=today)
            .returning(*ADDRESSEE_COLUMNS)
            .execution_options(synchronize_session=False)
        ).all()
        if orders:
            sent += notify_orders(
                session,
                cast(list[Addressee], orders),
                "reminder",
                now=now,
                day=today,
                stores=stores,
            )
    return sent


def apologise_for_delays(session: Session, *, now: datetime, after: timedelta) -> int:
    """Online orders still not ready `after` their creation get one apology; how many.

    Raises no domain error.
    """
    late = session.scalars(
        select(Order)
        .where(
            Order.status.in_(order_life.UNDERWAY),
            Order.created_at < now - after,
            Order.created_at > now - after - timedelta(days=2),
            or_(Order.customer_phone.is_not(None), Order.customer_email.is_not(None)),
        )
        .order_by(Order.id)
        .limit(500)
        .with_for_update(skip_locked=True, of=Order)
        .options(selectinload(Order.store))
    ).all()
    return sum(notify(session, order, "delayed", now=now) > 0 for order in late)
