"""Writing messages into the outbox, in the same transaction as the change that causes them.

No duplicates (a unique key per order, kind, channel and, for reminders, day), nothing
after pickup but the thank-you, and no SMS in the store's quiet hours: it waits for the
morning instead of being dropped.
"""

from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from server.db import insert_rows
from server.models import (
    Channel,
    Customer,
    Notification,
    Order,
    OrderStatus,
    OutboxStatus,
    Store,
)
from server.notifications.catalogue import CATALOGUE, REFUND_NOTE
from server.notifications.texts import (
    Addressee,
    NotifyPolicy,
    configured_policy,
    render,
    sms_due,
    store_values,
)


def _messages(
    order: Addressee,
    kind: str,
    *,
    now: datetime,
    policy: NotifyPolicy,
    day: date | None,
    refunded: bool,
    occasion: str | None = None,
    extra: dict[str, str] | None = None,
    store: Store | None = None,
    same: dict[str, str] | None = None,
    sms_at: datetime | None = None,
) -> list[dict[str, Any]]:
    """The outbox rows this message makes for the order, one per channel it has.

    `store`, `same`, `sms_at`: what a batch works out once per store (see render)."""
    if order.status is OrderStatus.ISSUED and not CATALOGUE[kind].after_pickup:
        return []  # nothing after pickup but the thank-you and its kin
    if not order.customer_phone and not order.customer_email:
        return []
    store = store if store is not None else cast(Order, order).store
    subject, text = render(
        order, kind, policy, refunded=refunded, extra=extra, store=store, same=same
    )
    rows: list[dict[str, Any]] = []
    for channel, recipient in (
        (Channel.SMS, order.customer_phone),
        (Channel.EMAIL, order.customer_email),
    ):
        if not recipient:
            continue
        key = f"{order.id}:{kind}:{channel.value}" + (f":{day.isoformat()}" if day else "")
        key += f":{occasion}" if occasion else ""
        if channel is not Channel.SMS:
            due = now
        else:
            due = sms_at if sms_at is not None else sms_due(now, store.timezone, policy)
        rows.append(
            {
                "order_id": order.id,
                "dedupe_key": key,
                "kind": kind,
                "channel": channel,
                "recipient": recipient,
                "subject": subject,
                "body": text,
                "status": OutboxStatus.PENDING,
                "due_at": due,
                "created_at": now,
            }
        )
    return rows


def notify(
    session: Session,
    order: Order,
    kind: str,
    *,
    now: datetime,
    policy: NotifyPolicy | None = None,
    day: date | None = None,
    refunded: bool = False,
    occasion: str | None = None,
    extra: dict[str, str] | None = None,
) -> int:
    """Queue this message for the order's customer on each channel they gave; how many.

    Once per order, kind and channel (and day, or occasion such as one return of several)."""
    rows = _messages(
        order,
        kind,
        now=now,
        policy=policy or configured_policy(),
        day=day,
        refunded=refunded,
        occasion=occasion,
        extra=extra,
    )
    queued = 0
    for row in rows:
        if session.scalar(
            select(Notification.id).where(Notification.dedupe_key == row["dedupe_key"])
        ):
            continue
        session.add(Notification(**row))
        queued += 1
    return queued


def notify_orders(
    session: Session,
    orders: Sequence[Addressee],
    kind: str,
    *,
    now: datetime,
    policy: NotifyPolicy | None = None,
    day: date | None = None,
    refunded: Collection[int] = (),
    stores: Mapping[int, Store] | None = None,
) -> int:
    """notify() for a batch of orders in one insert that skips what is already queued; how
    many messages it queued. `refunded`: ids of orders whose message says their money is
    on its way back. `stores` by id, for orders read as rows (ADDRESSEE_COLUMNS); without
    it each order's own store."""
    policy = policy or configured_policy()
    per_store: dict[tuple[int, str], tuple[Store, dict[str, str], datetime]] = {}
    rows = []
    for order in orders:
        store = stores[order.store_id] if stores is not None else order.store  # type: ignore[attr-defined]
        lang = "en" if order.customer_language == "en" else "ru"
        if (store.id, lang) not in per_store:
            at = sms_due(now, store.timezone, policy)
            per_store[store.id, lang] = (store, store_values(store, lang, policy), at)
        store, same, sms_at = per_store[store.id, lang]
        rows += _messages(
            order,
            kind,
            now=now,
            policy=policy,
            day=day,
            refunded=order.id in refunded,
            store=store,
            same=same,
            sms_at=sms_at,
        )
    if not rows:
        return 0
    # Nothing already queued is queued again (the unique dedupe key), without asking first;
    # one statement for the whole batch.
    table = cast(Table, Notification.__table__)
    return insert_rows(session, table, rows, unless_exists=table.c.dedupe_key)


def customer_channels(customer: Customer, audience: str) -> list[tuple[Channel, str]]:
    """Where a message of this class may reach the customer: account and marketing messages
    only on channels they allow, marketing only with their consent (service: see notify)."""
    if audience == "marketing" and not customer.marketing_consent:
        return []
    allowed = [(Channel.SMS, customer.phone, customer.sms_allowed)]
    allowed.append((Channel.EMAIL, customer.email or "", customer.email_allowed))
    return [(channel, to) for channel, to, yes in allowed if yes and to]


def format_points(points: int, lang: str) -> str:
    """Points are kopecks; people read bonuses as roubles: 149950 → '1 499,50' (ru)."""
    whole, cents = divmod(points, 100)
    text = f"{whole:,}".replace(",", " ")
    if cents:
        text += ("," if lang == "ru" else ".") + f"{cents:02d}"
    return text


def notify_customer(
    session: Session,
    customer: Customer,
    kind: str,
    values: dict[str, str],
    *,
    key: str,
    timezone: str,
    now: datetime,
    order: Order | None = None,
    policy: NotifyPolicy | None = None,
) -> int:
    """Queue an account or marketing message for a customer, within their preferences; how
    many. `key` makes it once only (per channel); SMS wait for the end of quiet hours."""
    message = CATALOGUE[kind]
    policy = policy or configured_policy()
    lang = "en" if customer.language == "en" else "ru"
    filled = {"chain_phone": policy.chain_phone, **values}
    queued = 0
    for channel, recipient in customer_channels(customer, message.audience):
        dedupe = f"{key}:{channel.value}"
        if session.scalar(select(Notification.id).where(Notification.dedupe_key == dedupe)):
            continue
        due = sms_due(now, timezone, policy) if channel is Channel.SMS else now
        session.add(
            Notification(
                order_id=order.id if order is not None else None,
                dedupe_key=dedupe,
                kind=kind,
                channel=channel,
                recipient=recipient,
                subject=message.subject[lang].format(**filled),
                body=message.text[lang].format(**filled),
                status=OutboxStatus.PENDING,
                due_at=due,
                created_at=now,
            )
        )
        queued += 1
    return queued


def tell_owner(
    session: Session,
    order: Order,
    kind: str,
    *,
    now: datetime,
    occasion: str,
    refunded: bool = False,
    extra: dict[str, str] | None = None,
) -> int:
    """A service message about something after pickup (a return, a repair), once per
    occasion: to the order's phone and e-mail, else to its identified customer (within
    their preferences); how many were queued."""
    if order.customer_phone or order.customer_email or order.customer_id is None:
        return notify(
            session, order, kind, now=now, refunded=refunded, occasion=occasion, extra=extra
        )
    customer = session.get(Customer, order.customer_id)
    assert customer is not None
    lang = "en" if customer.language == "en" else "ru"
    values = {"number": order.number or "", "refund": REFUND_NOTE[lang] if refunded else ""}
    return notify_customer(
        session,
        customer,
        kind,
        {**values, **(extra or {})},
        key=f"{order.id}:{kind}:{occasion}",
        timezone=order.store.timezone,
        now=now,
        order=order,
    )
