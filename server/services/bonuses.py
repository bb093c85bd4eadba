"""Bonuses: earn a share of what was paid, spend on dear goods, give back on cancel.

The ledger is append-only; a balance is the sum of a customer's entries. Every change
first locks the customer's row (SELECT ... FOR NO KEY UPDATE), so two terminals spending the
same balance at once take turns and the second sees what the first spent.
"""

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.errors import DomainError, ErrorCode
from server.models import BonusEntry, BonusReason, Customer, Order, OrderLine
from server.services.actors import Actor


@dataclass(frozen=True)
class BonusPolicy:
    earn_percent: int = 5
    spend_share_percent: int = 50
    # Bonuses pay only for lines whose unit price is at least this (2 000 RUB).
    spend_from_minor: int = 200_000


def balance(session: Session, customer_id: int) -> int:
    total = session.scalar(
        select(func.coalesce(func.sum(BonusEntry.amount), 0)).where(
            BonusEntry.customer_id == customer_id
        )
    )
    return int(total or 0)


def lock(session: Session, customer_id: int) -> Customer:
    # FOR NO KEY UPDATE: spenders take turns, yet an order that refers to the customer
    # (its foreign key takes a KEY SHARE lock) does not deadlock with the spender.
    customer = session.scalar(
        select(Customer).where(Customer.id == customer_id).with_for_update(key_share=True)
    )
    assert customer is not None
    return customer


def spendable_on(lines: list[OrderLine], policy: BonusPolicy) -> int:
    """The most bonuses may pay of these lines: a share of the dear ones' price."""
    dear = sum(ln.price_minor * ln.qty for ln in lines if ln.price_minor >= policy.spend_from_minor)
    return dear * policy.spend_share_percent // 100


def _source(actor: Actor) -> str:
    return actor.name[:80]


def configured_policy() -> BonusPolicy:
    config = current_app.config
    return BonusPolicy(
        int(config.get("BONUS_EARN_PERCENT", 5)), int(config.get("BONUS_SPEND_SHARE_PERCENT", 50))
    )


def pay_part(
    session: Session,
    order: Order,
    customer: Customer | None,
    amount: int,
    *,
    actor: Actor,
    now: datetime,
) -> None:
    """A new order made for an identified shopper is theirs; pay `amount` with bonuses.

    Raises BONUS_NOT_ALLOWED.
    """
    if customer is not None:
        order.customer_id = customer.id
    spend(session, order, amount, policy=configured_policy(), actor=actor, now=now)


def _add(
    session: Session,
    customer_id: int,
    amount: int,
    reason: BonusReason,
    *,
    order: Order | None,
    source: str,
    now: datetime,
    note: str | None = None,
) -> None:
    session.add(
        BonusEntry(
            customer_id=customer_id,
            amount=amount,
            reason=reason,
            source=source,
            order_id=order.id if order is not None else None,
            note=note[:300] if note else None,
            created_at=now,
        )
    )


def credit(
    session: Session,
    customer_id: int,
    amount: int,
    reason: BonusReason,
    *,
    actor: Actor | str,
    now: datetime,
    note: str | None = None,
) -> None:
    """Append a positive entry; the caller has locked the customer (lock()). Raises nothing."""
    source = actor if isinstance(actor, str) else _source(actor)
    _add(session, customer_id, amount, reason, order=None, source=source[:80], now=now, note=note)


def debit(
    session: Session,
    customer_id: int,
    amount: int,
    reason: BonusReason,
    *,
    actor: Actor,
    now: datetime,
) -> None:
    """Append a negative entry of `amount` points; the caller has locked the customer and
    made sure the balance covers it. Raises nothing."""
    _add(session, customer_id, -amount, reason, order=None, source=_source(actor), now=now)


def spend(
    session: Session, order: Order, amount: int, *, policy: BonusPolicy, actor: Actor, now: datetime
) -> None:
    """Pay `amount` of a new order's price with its customer's bonuses. Raises BONUS_NOT_ALLOWED."""
    if amount <= 0:
        return
    if order.customer_id is None:
        raise DomainError(ErrorCode.BONUS_NOT_ALLOWED, _l("Identify the customer to use bonuses."))
    limit = spendable_on(order.lines, policy)
    if amount > limit:
        raise DomainError(
            ErrorCode.BONUS_NOT_ALLOWED,
            _l(
                "Bonuses can pay at most %(limit)s ₽ of this order (goods from 2 000 ₽).",
                limit=f"{limit / 100:.2f}",
            ),
            limit_minor=limit,
        )
    lock(session, order.customer_id)
    have = balance(session, order.customer_id)
    if amount > have:
        raise DomainError(
            ErrorCode.BONUS_NOT_ALLOWED,
            _l("There are only %(have)s bonus points on the account.", have=have),
            balance=have,
        )
    _add(
        session,
        order.customer_id,
        -amount,
        BonusReason.SPENT,
        order=order,
        source=_source(actor),
        now=now,
    )
    order.bonus_minor = amount
    order.total_minor -= amount


def return_spent(session: Session, order: Order, *, actor: Actor, now: datetime) -> int:
    """A cancelled or expired order gives back the bonuses it spent; how many."""
    returned = restore_spent(session, order, order.bonus_minor, actor=actor, now=now)
    if returned:
        order.bonus_minor = 0
    return returned


def earn(
    session: Session, order: Order, *, policy: BonusPolicy, actor: Actor, now: datetime
) -> int:
    """Once the goods are handed out: a share of what was paid in money; how many points."""
    points = order.paid_minor * policy.earn_percent // 100
    return _credit_order(session, order, points, BonusReason.EARNED, actor=actor, now=now)


def restore_spent(
    session: Session, order: Order, points: int, *, actor: Actor, now: datetime
) -> int:
    """Goods returned give back this share of the bonuses spent on their order; how many."""
    return _credit_order(session, order, points, BonusReason.SPEND_RETURNED, actor=actor, now=now)


def _credit_order(
    session: Session,
    order: Order,
    points: int,
    reason: BonusReason,
    *,
    actor: Actor,
    now: datetime,
) -> int:
    if points <= 0 or order.customer_id is None:
        return 0
    lock(session, order.customer_id)
    _add(session, order.customer_id, points, reason, order=order, source=_source(actor), now=now)
    return points


def earned_on(session: Session, order: Order) -> int:
    """Points the order earned when it was handed out (before any was taken back)."""
    total = session.scalar(
        select(func.coalesce(func.sum(BonusEntry.amount), 0)).where(
            BonusEntry.order_id == order.id, BonusEntry.reason == BonusReason.EARNED
        )
    )
    return int(total or 0)


def take_back_earned(
    session: Session, order: Order, *, actor: Actor, now: datetime, at_most: int | None = None
) -> int:
    """A refunded purchase takes back what it earned, as far as the balance allows; how many.

    The balance never goes below zero: points already spent elsewhere stay spent. A partial
    return takes back `at_most` points (its share).
    """
    if order.customer_id is None:
        return 0
    lock(session, order.customer_id)
    earned = session.scalar(
        select(func.coalesce(func.sum(BonusEntry.amount), 0)).where(
            BonusEntry.order_id == order.id,
            BonusEntry.reason.in_([BonusReason.EARNED, BonusReason.EARN_TAKEN_BACK]),
        )
    )
    points = min(int(earned or 0), balance(session, order.customer_id))
    if at_most is not None:
        points = min(points, at_most)
    if points <= 0:
        return 0
    _add(
        session,
        order.customer_id,
        -points,
        BonusReason.EARN_TAKEN_BACK,
        order=order,
        source=_source(actor),
        now=now,
    )
    return points


def ledger(session: Session, customer_id: int) -> list[BonusEntry]:
    return list(
        session.scalars(
            select(BonusEntry).where(BonusEntry.customer_id == customer_id).order_by(BonusEntry.id)
        )
    )
