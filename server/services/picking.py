"""The warehouse: paid orders first in, first out; pick each line or report it missing.

An item that is not on the shelf corrects the stock count at once (the units were never
there) and flags the order so the window knows what to offer the customer.
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from common import order_life
from server.errors import DomainError, ErrorCode
from server.models import (
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    PaymentMethod,
    Stock,
)
from server.services import access, order_flow, stock, transitions
from server.services.actors import Actor

ITEM_MISSING = "item_missing"


@dataclass(frozen=True)
class Queued:
    order: Order
    since: datetime  # when it became the warehouse's to pick: its payment, or its creation


def warehouse_queue(session: Session, store_id: int) -> list[Queued]:
    """Orders to pick in this store, oldest payment first, orders being picked on top.

    Raises no domain error.
    """
    became_pickable = (
        select(OrderEvent.order_id, func.min(OrderEvent.at).label("at"))
        .where(OrderEvent.to_status == OrderStatus.PAID)
        .group_by(OrderEvent.order_id)
        .subquery()
    )
    since = func.coalesce(became_pickable.c.at, Order.created_at)
    waiting = or_(
        Order.status.in_(order_life.AT_WAREHOUSE),
        and_(Order.status == OrderStatus.RESERVED, Order.payment_method == PaymentMethod.ON_PICKUP),
    )
    rows = session.execute(
        select(Order, became_pickable.c.at)
        .outerjoin(became_pickable, became_pickable.c.order_id == Order.id)
        .where(Order.source_store_id == store_id, waiting)
        .order_by((Order.status == OrderStatus.PICKING).desc(), since, Order.id)
        .options(selectinload(Order.lines))
    ).all()
    return [Queued(order, paid_at or order.created_at) for order, paid_at in rows]


def _line(order: Order, sku: str) -> OrderLine:
    """Raises UNKNOWN_PRODUCT when the order has no line for this SKU."""
    line = next((line for line in order.lines if line.sku == sku), None)
    if line is None:
        raise DomainError(
            ErrorCode.UNKNOWN_PRODUCT, _l("%(sku)s is not in this order.", sku=sku), sku=sku
        )
    return line


def _require_picking(order: Order) -> None:
    if order.status is not OrderStatus.PICKING:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            _l("Take order %(number)s for picking first.", number=order.number),
        )


def pick_line(session: Session, order: Order, *, sku: str, actor: Actor, now: datetime) -> None:
    """Every unit of the line that is not missing is in the tote.

    Raises ORDER_NOT_FOUND, INVALID_TRANSITION (not being picked), UNKNOWN_PRODUCT.
    """
    access.require_reach(actor, order)
    _require_picking(order)
    line = _line(order, sku)
    line.qty_picked = line.qty - line.qty_missing
    order.updated_at = now
    session.flush()


def report_missing(
    session: Session, order: Order, *, sku: str, qty: int, actor: Actor, now: datetime
) -> None:
    """Units not found on the shelf: the count was wrong, so on_hand and the hold drop.

    Raises ORDER_NOT_FOUND, INVALID_TRANSITION (not being picked), UNKNOWN_PRODUCT,
    VALIDATION_ERROR (more units than are left to find).
    """
    access.require_reach(actor, order)
    _require_picking(order)
    line = _line(order, sku)
    if qty < 1 or qty > line.qty - line.qty_picked - line.qty_missing:
        raise DomainError(
            ErrorCode.VALIDATION_ERROR,
            _l(
                "%(sku)s: at most %(n)s can be missing.",
                sku=sku,
                n=line.qty - line.qty_picked - line.qty_missing,
            ),
        )
    line.qty_missing += qty
    stock.write_off(session, order, line.product_id, qty)
    # The customer never pays for what is not there: the order costs less, and what was
    # already paid for these units goes back at once.
    amount = qty * line.price_minor
    order.total_minor -= amount
    order_flow.refund(session, order, order.paid_minor - order.total_minor, actor=actor, now=now)
    order.needs_attention = ITEM_MISSING
    transitions.note(session, order, reason=f"missing {sku} x{qty}", actor=actor, now=now)
    session.flush()


def bins(session: Session, store_id: int, product_ids: list[int]) -> dict[int, str | None]:
    """Where each product sits in this store's warehouse. Raises no domain error."""
    rows = session.execute(
        select(Stock.product_id, Stock.bin_location).where(
            Stock.store_id == store_id, Stock.product_id.in_(product_ids)
        )
    )
    return dict(rows.tuples().all())
