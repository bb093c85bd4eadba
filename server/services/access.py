"""Who may act on which order: one table per kind of device, consulted by every order call.

A device reaches an order when the order belongs where the device stands: a terminal's
and a window's own store, the warehouse that picks it, any store for the online shop but
only the orders it sells. An order out of reach is answered exactly like an order that
does not exist, so a device learns nothing about another store's customers.
"""

import enum
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from server.errors import DomainError, ErrorCode
from server.models import DeviceKind, Order, OrderStatus, PaymentMethod
from server.services.actors import Actor

# Orders the online shop or call centre sells; a terminal never makes these.
ONLINE_PAYMENTS = frozenset({PaymentMethod.ONLINE, PaymentMethod.ON_PICKUP})


class Reach(enum.Enum):
    STORE = "the orders collected at its store"
    SOURCE = "the orders its store's warehouse picks"
    ONLINE = "online orders of any store"
    NONE = "no order"


@dataclass(frozen=True)
class Rights:
    reach: Reach
    # How the orders it makes are paid (empty: it makes none).
    sells: frozenset[PaymentMethod] = frozenset()
    # Which payments it may record on an order (money it takes in hand, or the shop's).
    takes: frozenset[str] = frozenset()


RIGHTS: dict[DeviceKind, Rights] = {
    DeviceKind.TERMINAL: Rights(
        Reach.STORE,
        sells=frozenset({PaymentMethod.CARD, PaymentMethod.CASHIER}),
        takes=frozenset({"card"}),
    ),
    DeviceKind.PICKUP: Rights(Reach.STORE, takes=frozenset({"card", "cash"})),
    DeviceKind.WAREHOUSE: Rights(Reach.SOURCE),
    DeviceKind.BOARD: Rights(Reach.STORE),
    DeviceKind.SHOP: Rights(Reach.ONLINE, sells=ONLINE_PAYMENTS, takes=frozenset({"online"})),
}


def reaches(actor: Actor, order: Order) -> bool:
    """Whether this actor may see and change this order; staff and the worker reach all."""
    if actor.kind is None:
        return True
    reach = RIGHTS[actor.kind].reach
    if reach is Reach.STORE:
        return order.store_id == actor.store_id
    if reach is Reach.SOURCE:
        return order.source_store_id == actor.store_id
    if reach is Reach.ONLINE:
        return order.payment_method in ONLINE_PAYMENTS
    return False


def not_found(number: str) -> DomainError:
    return DomainError(
        ErrorCode.ORDER_NOT_FOUND, _l("There is no order %(number)s.", number=number)
    )


def require_reach(actor: Actor, order: Order) -> None:
    """Raises ORDER_NOT_FOUND when the order is out of the actor's reach."""
    if not reaches(actor, order):
        raise not_found(order.number or "")


def load_order(session: Session, number: str, *, lock: bool = False) -> Order:
    """Any order by number, for staff and the payment provider. Raises ORDER_NOT_FOUND."""
    query = (
        select(Order)
        .where(Order.number == number)
        .options(selectinload(Order.lines), selectinload(Order.store))
    )
    if lock:
        query = query.with_for_update(of=Order)
    order = session.scalar(query)
    if order is None:
        raise not_found(number)
    return order


def find_order(session: Session, number: str, *, actor: Actor, lock: bool = False) -> Order:
    """The order with this number if the actor reaches it. Raises ORDER_NOT_FOUND."""
    order = load_order(session, number, lock=lock)
    if not reaches(actor, order):
        raise not_found(number)
    return order


def may_take_back(actor: Actor, order: Order) -> bool:
    """A handed-out order is shown at any pickup window of the chain, for a return or repair."""
    return order.status is OrderStatus.ISSUED and actor.kind in (None, DeviceKind.PICKUP)


def find_returnable(session: Session, number: str, *, actor: Actor, lock: bool = False) -> Order:
    """An order whose goods this actor may take back. Raises ORDER_NOT_FOUND.

    "Bring it to any cybermarket": a pickup window of any store of the chain takes back
    goods from any of its orders (and staff); no other kind of device does.
    """
    order = load_order(session, number, lock=lock)
    if actor.kind is not None and actor.kind is not DeviceKind.PICKUP:
        raise not_found(number)
    if not reaches(actor, order) and not may_take_back(actor, order):
        raise not_found(number)  # another store's order not handed out: nothing to say
    return order


def require_sells(actor: Actor, payment: PaymentMethod) -> None:
    """Raises FORBIDDEN when this kind of device may not make orders paid this way."""
    if actor.kind is not None and payment not in RIGHTS[actor.kind].sells:
        raise DomainError(
            ErrorCode.FORBIDDEN,
            _l("This device cannot take orders paid “%(payment)s”.", payment=payment.value),
        )


def require_takes(actor: Actor, method: str) -> None:
    """Raises FORBIDDEN when this kind of device may not record this kind of payment."""
    if actor.kind is not None and method not in RIGHTS[actor.kind].takes:
        raise DomainError(ErrorCode.FORBIDDEN, _l("This device cannot take this kind of payment."))
