"""Returns at a window: goods of a handed-out order come back, the money goes back the way
it came, stock and bonuses follow. The policy (docs/RETURNS.md):

- within the return period of the product's category (RETURN_DAYS by default) from the
  moment the order was handed out; any pickup window of the chain takes goods back;
- the order stays `issued` while the customer keeps some of it (each line counts its
  returned units) and becomes `returned` when everything came back;
- money: the returned goods' price less their share of the bonuses spent on the order;
  the bonuses of that share go back to the customer, and the share of the bonuses the
  order earned is taken back. Shares are cumulative, so returning everything piece by
  piece gives back exactly what was paid and spent;
- goods fit for sale go back on the shelf of the store that took them; others are put
  aside (Stock.defective) and never sold.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.errors import DomainError, ErrorCode
from server.models import (
    BonusEntry,
    BonusReason,
    Category,
    MovementKind,
    Order,
    OrderLine,
    OrderReturn,
    OrderStatus,
    PaymentKind,
    Product,
    ReturnLine,
    Store,
)
from server.notifications.outbox import tell_owner
from server.payments.provider import RefundFailed, payment_provider
from server.services import bonuses, order_flow, stock, transitions
from server.services.actors import Actor

# Paid through the provider (refunded through it); anything else was cash in hand.
PROVIDER_METHODS = frozenset({"card", "online"})


@dataclass(frozen=True)
class Periods:
    return_days: int = 14
    warranty_days: int = 365

    @classmethod
    def configured(cls) -> "Periods":
        config = current_app.config
        return cls(int(config["RETURN_DAYS"]), int(config["WARRANTY_DAYS"]))


def handed_out_at(order: Order) -> datetime | None:
    """When the whole order reached the customer, or None if it never did."""
    return next((e.at for e in order.events if e.to_status is OrderStatus.ISSUED), None)


def line_periods(session: Session, order: Order, periods: Periods) -> dict[int, tuple[int, int]]:
    """Each line's (return days, warranty days), by line id, from its product's category."""
    rows = session.execute(
        select(Product.id, Category.return_days, Category.warranty_days)
        .join(Category, Product.category_id == Category.id)
        .where(Product.id.in_([ln.product_id for ln in order.lines]))
    ).all()
    by_product = {
        pid: (ret or periods.return_days, war or periods.warranty_days) for pid, ret, war in rows
    }
    fallback = (periods.return_days, periods.warranty_days)
    return {ln.id: by_product.get(ln.product_id, fallback) for ln in order.lines}


def line_dates(session: Session, order: Order) -> dict[str, tuple[datetime, datetime]]:
    """SKU -> (returnable until, under warranty until) for a handed-out order; else empty."""
    issued = handed_out_at(order)
    if issued is None:
        return {}
    days = line_periods(session, order, Periods.configured())
    return {
        line.sku: (
            issued + timedelta(days=days[line.id][0]),
            issued + timedelta(days=days[line.id][1]),
        )
        for line in order.lines
    }


def _day(order: Order, at: datetime) -> str:
    return at.astimezone(ZoneInfo(order.store.timezone)).strftime("%d.%m.%Y")


def _returned_before(order: Order) -> DomainError:
    return DomainError(
        ErrorCode.ALREADY_RETURNED,
        _l("The goods of order %(number)s were already returned.", number=order.number),
    )


def _check(
    session: Session, order: Order, wanted: list[tuple[str, int]], now: datetime
) -> list[tuple[OrderLine, int]]:
    order_flow.refuse_closed(order)
    if order.status is OrderStatus.RETURNED:
        raise _returned_before(order)
    issued = handed_out_at(order)
    if order.status is not OrderStatus.ISSUED or issued is None:
        raise DomainError(
            ErrorCode.NOT_RETURNABLE,
            _l("Order %(number)s was not handed out yet.", number=order.number),
        )
    if len({sku for sku, _qty in wanted}) != len(wanted):
        raise DomainError(ErrorCode.DUPLICATE_LINE, _l("Each product may appear on one line only."))
    by_sku = {line.sku: line for line in order.lines}
    days = line_periods(session, order, Periods.configured())
    chosen = []
    for sku, qty in wanted:
        line = by_sku.get(sku)
        if line is None or line.qty_issued == 0:
            raise DomainError(
                ErrorCode.TOO_MANY_RETURNED,
                _l("%(sku)s was not handed out in this order.", sku=sku),
                sku=sku,
            )
        if line.qty_kept == 0:
            raise DomainError(
                ErrorCode.ALREADY_RETURNED,
                _l("%(sku)s of this order was already returned.", sku=sku),
                sku=sku,
            )
        if qty > line.qty_kept:
            raise DomainError(
                ErrorCode.TOO_MANY_RETURNED,
                _l(
                    "%(sku)s: only %(left)s can be returned (%(issued)s handed out).",
                    sku=sku,
                    left=line.qty_kept,
                    issued=line.qty_issued,
                ),
                sku=sku,
                returnable=line.qty_kept,
            )
        until = issued + timedelta(days=days[line.id][0])
        if now > until:
            raise DomainError(
                ErrorCode.RETURN_PERIOD_OVER,
                _l(
                    "The return period of %(sku)s ended on %(day)s (%(days)s days from "
                    "hand-out). Under warranty it can be taken in for repair.",
                    sku=sku,
                    day=_day(order, until),
                    days=days[line.id][0],
                ),
                sku=sku,
            )
        chosen.append((line, qty))
    return chosen


def _share(total: int, part: int, whole: int) -> int:
    return total * part // whole if whole else 0


def _earlier_amount(session: Session, order: Order) -> int:
    total = session.scalar(
        select(func.coalesce(func.sum(ReturnLine.amount_minor), 0))
        .join(OrderReturn, ReturnLine.return_id == OrderReturn.id)
        .where(OrderReturn.order_id == order.id)
    )
    return int(total or 0)


def _taken_back(session: Session, order: Order) -> int:
    total = session.scalar(
        select(func.coalesce(func.sum(BonusEntry.amount), 0)).where(
            BonusEntry.order_id == order.id, BonusEntry.reason == BonusReason.EARN_TAKEN_BACK
        )
    )
    return -int(total or 0)


def _refund_money(
    session: Session, order: Order, amount: int, *, key: str, actor: Actor, now: datetime
) -> tuple[str | None, int]:
    """Give `amount` back the way the order was paid; the method and the amount.

    Raises REFUND_FAILED."""
    paid = [p for p in order.payments if p.kind is PaymentKind.PAYMENT]
    amount = min(amount, order.paid_minor)
    if amount <= 0 or not paid:
        return None, 0
    method = paid[0].method
    reference = None
    if method in PROVIDER_METHODS:
        try:
            reference = payment_provider().refund(order, amount, reference=key)
        except RefundFailed as exc:
            raise DomainError(
                ErrorCode.REFUND_FAILED,
                _l(
                    "The card refund did not go through (%(reason)s); nothing was returned.",
                    reason=str(exc),
                ),
            ) from exc
    order_flow.refund(
        session, order, amount, actor=actor, now=now, method=method, reference=reference
    )
    return method, amount


def _stock_store(session: Session, actor: Actor, order: Order) -> int:
    """Goods come back to the store that took them (an outpost's to its source)."""
    if actor.store_id is None:
        return order.source_store_id
    store = session.get(Store, actor.store_id)
    assert store is not None
    return store.source_store_id or store.id


def return_goods(
    session: Session,
    order: Order,
    *,
    lines: list[tuple[str, int]],
    reason: str,
    resaleable: bool,
    actor: Actor,
    now: datetime,
) -> OrderReturn:
    """Take back these (SKU, quantity) units of a handed-out order and refund them.

    Raises ORDER_NOT_FOUND, ORDER_EXPIRED, ORDER_CANCELLED, ALREADY_RETURNED, NOT_RETURNABLE,
    DUPLICATE_LINE, TOO_MANY_RETURNED, RETURN_PERIOD_OVER, REFUND_FAILED.
    """
    chosen = _check(session, order, lines, now)
    whole = sum(ln.price_minor * ln.qty_issued for ln in order.lines)
    before = _earlier_amount(session, order)
    amount = sum(line.price_minor * qty for line, qty in chosen)
    after = before + amount
    restored = _share(order.bonus_minor, after, whole) - _share(order.bonus_minor, before, whole)
    earned = bonuses.earned_on(session, order)
    take_back = _share(earned, after, whole) - _taken_back(session, order)
    seq = len(session.scalars(select(OrderReturn.id).where(OrderReturn.order_id == order.id)).all())
    record = OrderReturn(
        order=order,
        store_id=actor.store_id or order.store_id,
        reason=reason,
        resaleable=resaleable,
        at=now,
        actor=actor.name[:80],
        device_id=actor.device_id,
    )
    session.add(record)
    key = f"return-{order.number}-{seq + 1}"
    record.refund_method, record.refund_minor = _refund_money(
        session, order, amount - restored, key=key, actor=actor, now=now
    )
    record.bonus_restored = bonuses.restore_spent(session, order, restored, actor=actor, now=now)
    record.bonus_taken_back = bonuses.take_back_earned(
        session, order, actor=actor, now=now, at_most=take_back
    )
    store_id = _stock_store(session, actor, order)
    for line, qty in chosen:
        line.qty_returned += qty
        record.lines.append(
            ReturnLine(
                order_line_id=line.id, sku=line.sku, qty=qty, amount_minor=line.price_minor * qty
            )
        )
        if resaleable:
            stock.adjust(
                session,
                store_id=store_id,
                product_id=line.product_id,
                on_hand_delta=qty,
                kind=MovementKind.RETURNED,
                document=key,
                reason=reason[:255],
            )
        else:
            stock.put_aside(
                session,
                store_id=store_id,
                product_id=line.product_id,
                qty=qty,
                order_id=order.id,
                document=key,
                reason=reason[:255],
            )
    summary = ", ".join(f"{line.sku}×{qty}" for line, qty in chosen)
    note = f"returned {summary}: {reason}"[:255]
    if all(ln.qty_kept == 0 for ln in order.lines):
        transitions.record(session, order, OrderStatus.RETURNED, actor=actor, now=now, reason=note)
    else:
        transitions.note(session, order, reason=note, actor=actor, now=now)
    session.flush()
    refunded = record.refund_method in PROVIDER_METHODS
    tell_owner(session, order, "returned", now=now, occasion=f"r{record.id}", refunded=refunded)
    return record
