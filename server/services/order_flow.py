"""The order's life after the reservation: pay, pick, ready, hand out, cancel, expire.

Callers lock the order row first (access.find_order(..., lock=True)), so two windows or
two retries serialise on it and see each other's result.
"""

from datetime import datetime, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, or_, select, tuple_
from sqlalchemy.orm import Session

from common import order_life
from server.db import among
from server.errors import DomainError, ErrorCode
from server.labels import Money
from server.models import (
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    PaymentKind,
    PaymentMethod,
    Stock,
    Store,
)
from server.notifications.outbox import notify, notify_orders
from server.notifications.texts import ADDRESSEE_COLUMNS, Addressee
from server.services import access, aftercare, bonuses, stock, transitions, windows
from server.services.actors import Actor

CLOSED_ERRORS = {
    OrderStatus.EXPIRED: (ErrorCode.ORDER_EXPIRED, _l("This order has expired.")),
    OrderStatus.CANCELLED: (ErrorCode.ORDER_CANCELLED, _l("This order was cancelled.")),
}


def refuse_closed(order: Order) -> None:
    """Raises ORDER_EXPIRED or ORDER_CANCELLED for an order that ended that way."""
    if order.status in CLOSED_ERRORS:
        code, message = CLOSED_ERRORS[order.status]
        raise DomainError(code, message)


def pay_order(
    session: Session,
    order: Order,
    *,
    method: str,
    amount_minor: int,
    reference: str | None,
    actor: Actor,
    now: datetime,
) -> Payment:
    """Take the amount due. Raises ORDER_NOT_FOUND, FORBIDDEN, ORDER_EXPIRED, ORDER_CANCELLED,
    ALREADY_PAID, INVALID_TRANSITION, AMOUNT_MISMATCH."""
    access.require_reach(actor, order)
    access.require_takes(actor, method)
    refuse_closed(order)
    if order.is_paid:
        raise DomainError(ErrorCode.ALREADY_PAID, _l("This order is already paid."))
    if order.status not in order_life.OPEN:
        raise transitions.wrong_state(order)
    due = order.total_minor - order.paid_minor
    if amount_minor != due:
        raise DomainError(
            ErrorCode.AMOUNT_MISMATCH,
            _l("The amount due is %(due)s.", due=Money(due)),
            due_minor=due,
        )
    payment = Payment(
        order=order,
        kind=PaymentKind.PAYMENT,
        method=method,
        amount_minor=amount_minor,
        reference=reference,
        at=now,
        device_id=actor.device_id,
    )
    session.add(payment)
    order.paid_minor += amount_minor
    if order_life.allowed(order.status, OrderStatus.PAID):
        order.hold_until = None
        transitions.record(session, order, OrderStatus.PAID, actor=actor, now=now)
    else:
        order.updated_at = now  # paid on pickup: the status stays where it is
    session.flush()
    return payment


def start_picking(session: Session, order: Order, *, actor: Actor, now: datetime) -> None:
    """A picker takes the order. Raises ORDER_NOT_FOUND, ORDER_EXPIRED, ORDER_CANCELLED,
    INVALID_TRANSITION (not paid, unless it is paid on pickup)."""
    access.require_reach(actor, order)
    refuse_closed(order)
    if not order.is_paid and order.payment_method is not PaymentMethod.ON_PICKUP:
        raise transitions.wrong_state(order)
    transitions.record(session, order, OrderStatus.PICKING, actor=actor, now=now)
    order.hold_until = None
    session.flush()
    notify(session, order, "taken", now=now)


def mark_ready(
    session: Session, order: Order, *, window: int, hold_days: int, actor: Actor, now: datetime
) -> None:
    """Picked and sent to a window; its hold starts. Raises ORDER_NOT_FOUND, ORDER_EXPIRED,
    ORDER_CANCELLED, INVALID_TRANSITION, NOT_PICKED, UNKNOWN_WINDOW."""
    access.require_reach(actor, order)
    refuse_closed(order)
    transitions.require_move(order, OrderStatus.READY)
    if order.travels:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            _l(
                "Order %(number)s is collected at %(store)s: ship it there.",
                number=order.number,
                store=order.store.code,
            ),
        )
    close_tote(order)
    if window > order.store.pickup_windows:
        raise DomainError(
            ErrorCode.UNKNOWN_WINDOW,
            _l("This store has windows 1 to %(count)s.", count=order.store.pickup_windows),
        )
    order.window = window
    order.ready_at = now
    order.hold_until = now + timedelta(days=order.store.hold_days or hold_days)
    transitions.record(session, order, OrderStatus.READY, actor=actor, now=now)
    session.flush()
    notify(session, order, "ready", now=now)


def close_tote(order: Order) -> None:
    """Sending an order on says every unit not reported missing is in the tote.

    Raises NOT_PICKED when nothing of the order was found: there is nothing to send.
    """
    for line in order.lines:
        line.qty_picked = line.qty - line.qty_missing
    if not any(line.qty_picked for line in order.lines):
        raise DomainError(
            ErrorCode.NOT_PICKED, _l("Nothing of this order was found: cancel it instead.")
        )


def already_issued(order: Order) -> DomainError:
    """The error (ALREADY_ISSUED) that says when and by whom the order was handed out."""
    # The hand-out itself, not a later note on the issued order (a partial return).
    event = next(
        e
        for e in order.events
        if e.to_status is OrderStatus.ISSUED and e.from_status is not OrderStatus.ISSUED
    )
    at = event.at.astimezone(ZoneInfo(order.store.timezone))
    where = str(windows.who_and_where(event))
    return DomainError(
        ErrorCode.ALREADY_ISSUED,
        _l(
            "This order was handed out on %(day)s at %(time)s by %(where)s.",
            day=at.strftime("%d.%m.%Y"),
            time=at.strftime("%H:%M"),
            where=where,
        ),
        issued_at=event.at.isoformat(),
        issued_by=where,
    )


def hand_out(
    session: Session,
    order: Order,
    *,
    lines: list[tuple[str, int]] | None,
    actor: Actor,
    now: datetime,
) -> None:
    """Hand out all open lines, or the given (SKU, quantity) pairs.

    Raises ORDER_NOT_FOUND, ORDER_EXPIRED, ORDER_CANCELLED, ALREADY_ISSUED, NOT_READY,
    PAYMENT_REQUIRED, DUPLICATE_LINE, NOTHING_TO_HAND_OUT.
    """
    access.require_reach(actor, order)
    refuse_closed(order)
    if order.status is OrderStatus.ISSUED:
        raise already_issued(order)
    if order.status not in order_life.WAITING:
        raise DomainError(
            ErrorCode.NOT_READY,
            _l("Order %(number)s is not ready yet.", number=order.number),
            status=order.status.value,
        )
    if not order.is_paid:
        raise DomainError(
            ErrorCode.PAYMENT_REQUIRED, _l("Take the payment before handing the order out.")
        )
    if lines is not None and len({sku for sku, _qty in lines}) != len(lines):
        raise DomainError(ErrorCode.DUPLICATE_LINE, _l("Each product may appear on one line only."))
    wanted = dict(lines) if lines is not None else {ln.sku: ln.qty_open for ln in order.lines}
    by_sku = {line.sku: line for line in order.lines}
    for sku, qty in wanted.items():
        if sku not in by_sku or qty > by_sku[sku].qty_open:
            raise DomainError(
                ErrorCode.NOTHING_TO_HAND_OUT,
                _l("%(sku)s: there is not that much left to hand out.", sku=sku),
                sku=sku,
            )
    if not any(wanted.values()):
        raise DomainError(ErrorCode.NOTHING_TO_HAND_OUT, _l("Choose what to hand out."))
    for sku, qty in wanted.items():
        if qty:
            by_sku[sku].qty_issued += qty
            if not order.travels:  # an outpost's goods left the source's stock when shipped
                stock.issue(session, order, by_sku[sku].product_id, qty)
    done = all(line.qty_open == 0 for line in order.lines)
    if done:
        order.hold_until = None
    to_status = OrderStatus.ISSUED if done else OrderStatus.PARTIALLY_ISSUED
    transitions.record(session, order, to_status, actor=actor, now=now)
    session.flush()
    if done:
        notify(session, order, "issued", now=now)
        earned = bonuses.earn(
            session, order, policy=bonuses.configured_policy(), actor=actor, now=now
        )
        session.flush()
        aftercare.after_hand_out(session, order, earned=earned, now=now)


def _close(
    session: Session,
    order: Order,
    to_status: OrderStatus,
    *,
    reason: str | None,
    actor: Actor,
    now: datetime,
    releases: list[tuple[Order, int, int]] | None = None,
) -> int:
    """Return the open lines to stock and refund what was paid for them; the refund.

    With `releases`, the units to give back are added to it (the caller releases a whole
    batch at once with stock.release_many) instead of released one by one.
    Raises INVALID_TRANSITION when the order cannot end that way.
    """
    transitions.require_move(order, to_status)
    owed = 0
    shipped = order.travels and order.status in order_life.SHIPPED
    for line in order.lines:
        if not line.qty_open:
            continue
        if shipped:
            # The goods travelled: they go back to the source's shelves.
            stock.restock(session, order, line.product_id, line.qty_open)
        elif releases is not None:
            releases.append((order, line.product_id, line.qty_open))
        else:
            stock.release(session, order, line.product_id, line.qty_open)
        owed += line.qty_open * line.price_minor
    refunded = refund(session, order, min(owed, order.paid_minor), actor=actor, now=now)
    bonuses.return_spent(session, order, actor=actor, now=now)
    order.hold_until = None
    transitions.record(session, order, to_status, actor=actor, now=now, reason=reason)
    if releases is None:
        session.flush()  # a batch is flushed in one go by its caller
    return refunded


def refund(
    session: Session,
    order: Order,
    amount: int,
    *,
    actor: Actor,
    now: datetime,
    method: str | None = None,
    reference: str | None = None,
) -> int:
    """Refund this much of what the customer paid, the way they paid it; the amount.

    Raises nothing: a refund of nothing does nothing.
    """
    if amount <= 0:
        return 0
    order.paid_minor -= amount
    session.add(
        Payment(
            order=order,
            kind=PaymentKind.REFUND,
            method=method or order.payments[0].method,
            amount_minor=amount,
            reference=reference,
            at=now,
            device_id=actor.device_id,
        )
    )
    return amount


def cancel_order(
    session: Session, order: Order, *, reason: str | None, actor: Actor, now: datetime
) -> None:
    """Cancel; open lines go back to stock, what was paid for them is refunded.

    Raises ORDER_NOT_FOUND, ORDER_EXPIRED, ORDER_CANCELLED, ALREADY_ISSUED, INVALID_TRANSITION.
    """
    access.require_reach(actor, order)
    refuse_closed(order)
    if order.status is OrderStatus.ISSUED:
        raise already_issued(order)
    _close(session, order, OrderStatus.CANCELLED, reason=reason, actor=actor, now=now)


def expire_due_orders(session: Session, *, actor: Actor, now: datetime, limit: int = 1000) -> int:
    """Expire unpaid reservations and uncollected holds whose time is over; how many.

    Raises no domain error: only orders that may expire are taken.

    One batch of up to `limit` orders, in the caller's transaction: the orders, their
    events, their stock and their "expired" messages are each written in one set, so a
    crash before the commit leaves the whole batch as it was. The batch is read as plain
    rows; orders with money or bonuses to give back, or goods that travelled, are loaded
    whole and go through _close one by one. SKIP LOCKED lets several workers share the
    queue without taking the same order; SQLite ignores it and serialises the workers.
    The stock rows, which every worker's batch shares, are locked last, so another
    worker waits on them only for the writing.
    """
    rows = session.execute(
        select(*ADDRESSEE_COLUMNS, Order.source_store_id.label("source_store_id"), _gives_back())
        .where(Order.status.in_(order_life.EXPIRING), Order.hold_until <= now)
        .order_by(Order.hold_until)
        .limit(limit)
        .with_for_update(skip_locked=True, of=Order)
    ).all()
    if not rows:
        return 0
    plain = [row for row in rows if not row.gives_back]
    by_id = {row.id: row for row in plain}
    releases: list[tuple[int, int, int, int]] = [  # (order, store, product, units)
        (order_id, by_id[order_id].source_store_id, product_id, qty)
        for order_id, product_id, qty in session.execute(
            select(
                OrderLine.order_id,
                OrderLine.product_id,
                OrderLine.qty - OrderLine.qty_issued - OrderLine.qty_missing,
            )
            .where(among(session, OrderLine.order_id, list(by_id)))
            .order_by(OrderLine.id)
        ).tuples()
        if qty
    ]
    reasons = {
        row.id: "not collected" if row.status in order_life.WAITING else "unpaid" for row in rows
    }
    transitions.record_many(
        session,
        cast(list[Addressee], plain),
        OrderStatus.EXPIRED,
        actor=actor,
        now=now,
        reasons=reasons,
        hold_until=None,
    )
    involved = [row.id for row in rows if row.gives_back]
    refunded, closed = _expire_involved(session, involved, releases, reasons, actor, now)
    stock.release_many(session, releases)
    stores = {store.id: store for store in session.scalars(select(Store))}
    uncollected: list[Addressee] = [row for row in plain if reasons[row.id] == "not collected"]
    uncollected += [order for order in closed if reasons[order.id] == "not collected"]
    notify_orders(
        session,
        uncollected,
        "expired",
        now=now,
        refunded=refunded,
        stores=stores,
    )
    return len(rows)


def _gives_back() -> ColumnElement[bool]:
    """True for an order whose expiry gives back more than held units: money, bonuses,
    or goods that travelled."""
    return or_(
        Order.paid_minor != 0, Order.bonus_minor != 0, Order.source_store_id != Order.store_id
    ).label("gives_back")


def _expire_involved(
    session: Session,
    ids: list[int],
    releases: list[tuple[int, int, int, int]],
    reasons: dict[int, str],
    actor: Actor,
    now: datetime,
) -> tuple[set[int], list[Order]]:
    """Expire, one by one through _close, the orders that give more back: the ids of those
    refunded, and the orders. Their units to release are added to `releases`.

    Locks every stock row of the batch first (these orders' and `releases`'), in one order."""
    orders = (
        list(session.scalars(select(Order).where(among(session, Order.id, ids)))) if ids else []
    )
    pairs = {(store_id, product_id) for _order, store_id, product_id, _qty in releases}
    pairs |= {(o.source_store_id, line.product_id) for o in orders for line in o.lines}
    _lock_stock(session, pairs)
    refunded = set()
    for order in orders:
        moves: list[tuple[Order, int, int]] = []
        reason = reasons[order.id]
        if _close(
            session, order, OrderStatus.EXPIRED, reason=reason, actor=actor, now=now, releases=moves
        ):
            refunded.add(order.id)
        releases += [(o.id, o.source_store_id, p, q) for o, p, q in moves]
    session.flush()
    return refunded, orders


def _lock_stock(session: Session, pairs: set[tuple[int, int]]) -> None:
    """Lock every stock row the batch touches, in one fixed order, before changing any.

    Two workers expiring orders of the same products would otherwise take the rows in
    opposite orders and deadlock; reserve_order sorts its locks for the same reason.
    """
    if pairs:
        session.execute(
            select(Stock.id)
            .where(tuple_(Stock.store_id, Stock.product_id).in_(sorted(pairs)))
            .order_by(Stock.store_id, Stock.product_id)
            .with_for_update()
        )
