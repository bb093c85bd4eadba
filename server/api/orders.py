"""Orders over the API: reserve, read, pay, pick, ready, hand out, cancel."""

from collections.abc import Callable
from typing import Any

from flask import current_app

from server.api import customers, schemas, serialize
from server.api.blueprint import bp
from server.api.operation import current_device, operation
from server.clock import now
from server.db import get_session
from server.models import DeviceKind, PaymentMethod
from server.services import access, bonuses, order_flow, picking, transfers
from server.services.actors import Actor
from server.services.orders import Customer, HoldPolicy, LineRequest, find_store, reserve_order

# Which kinds of device call each operation; which orders each kind reaches, and which
# payments it makes or takes, is declared once in server/services/access.py (RIGHTS).


def _actor() -> Actor:
    return Actor.of_device(current_device())


def _change(number: str, service: Callable[..., object], **kwargs: Any) -> schemas.OrderOut:
    """Lock an order the device reaches, let one service change it, answer with it as it is now."""
    session, actor = get_session(), _actor()
    order = access.find_order(session, number, actor=actor, lock=True)
    service(session, order, actor=actor, now=now(), **kwargs)
    return serialize.order_out(order)


@operation(
    bp,
    "POST",
    "/orders",
    summary="Reserve stock and create an order",
    response=schemas.OrderOut,
    status=201,
    body=schemas.CreateOrder,
    kinds={DeviceKind.TERMINAL, DeviceKind.SHOP},
)
def create_order(body: schemas.CreateOrder) -> schemas.OrderOut:
    session = get_session()
    config = current_app.config
    own = current_device().store  # read with the device: a terminal orders for its own store
    store = own if own is not None and own.code == body.store else find_store(session, body.store)
    order = reserve_order(
        session,
        store=store,
        lines=[LineRequest(line.sku, line.qty) for line in body.lines],
        payment=PaymentMethod(body.payment),
        customer=Customer(body.customer_phone, body.customer_email, body.language),
        actor=_actor(),
        policy=HoldPolicy(config["UNPAID_HOLD_MINUTES"], config["ONLINE_PAYMENT_MINUTES"]),
        now=now(),
        source=find_store(session, body.source) if body.source else None,
    )
    shopper = customers.identified_shopper()
    bonuses.pay_part(session, order, shopper, body.bonus_minor, actor=_actor(), now=now())
    return serialize.order_out(order)


@operation(
    bp,
    "GET",
    "/orders/<number>",
    summary="An order and its status",
    response=schemas.OrderOut,
    query=schemas.LangQuery,
    kinds={DeviceKind.TERMINAL, DeviceKind.PICKUP, DeviceKind.WAREHOUSE, DeviceKind.SHOP},
)
def get_order(number: str, query: schemas.LangQuery) -> schemas.OrderOut:
    return serialize.order_out(access.find_order(get_session(), number, actor=_actor()))


@operation(
    bp,
    "POST",
    "/orders/<number>/payments",
    summary="Record the payment of an order",
    response=schemas.OrderOut,
    status=201,
    body=schemas.PaymentIn,
    kinds={DeviceKind.TERMINAL, DeviceKind.PICKUP, DeviceKind.SHOP},
)
def pay(number: str, body: schemas.PaymentIn) -> schemas.OrderOut:
    return _change(
        number,
        order_flow.pay_order,
        method=body.method,
        amount_minor=body.amount_minor,
        reference=body.reference,
    )


@operation(
    bp,
    "POST",
    "/orders/<number>/picking",
    summary="A picker takes the order",
    response=schemas.OrderOut,
    kinds={DeviceKind.WAREHOUSE},
)
def start_picking(number: str) -> schemas.OrderOut:
    return _change(number, order_flow.start_picking)


@operation(
    bp,
    "POST",
    "/orders/<number>/ready",
    summary="Picked and sent to a window",
    response=schemas.OrderOut,
    body=schemas.ReadyIn,
    kinds={DeviceKind.WAREHOUSE},
)
def mark_ready(number: str, body: schemas.ReadyIn) -> schemas.OrderOut:
    hold_days = current_app.config["PICKUP_HOLD_DAYS"]
    return _change(number, order_flow.mark_ready, window=body.window, hold_days=hold_days)


@operation(
    bp,
    "POST",
    "/orders/<number>/hand-out",
    summary="Hand the order (or some lines) out",
    response=schemas.OrderOut,
    body=schemas.HandOutIn,
    kinds={DeviceKind.PICKUP},
)
def hand_out(number: str, body: schemas.HandOutIn) -> schemas.OrderOut:
    lines = [(line.sku, line.qty) for line in body.lines] if body.lines is not None else None
    return _change(number, order_flow.hand_out, lines=lines)


@operation(
    bp,
    "POST",
    "/orders/<number>/cancel",
    summary="Cancel; stock returns, refund if paid",
    response=schemas.OrderOut,
    body=schemas.CancelIn,
    kinds={DeviceKind.TERMINAL, DeviceKind.PICKUP, DeviceKind.SHOP},
)
def cancel(number: str, body: schemas.CancelIn) -> schemas.OrderOut:
    return _change(number, order_flow.cancel_order, reason=body.reason)


@operation(
    bp,
    "POST",
    "/orders/<number>/lines/<sku>/picked",
    summary="The picker put this line in the tote",
    response=schemas.OrderOut,
    kinds={DeviceKind.WAREHOUSE},
)
def line_picked(number: str, sku: str) -> schemas.OrderOut:
    return _change(number, picking.pick_line, sku=sku)


@operation(
    bp,
    "POST",
    "/orders/<number>/lines/<sku>/missing",
    summary="Units of this line are not on the shelf: stock is corrected, the order flagged",
    response=schemas.OrderOut,
    body=schemas.MissingIn,
    kinds={DeviceKind.WAREHOUSE},
)
def line_missing(number: str, sku: str, body: schemas.MissingIn) -> schemas.OrderOut:
    return _change(number, picking.report_missing, sku=sku, qty=body.qty)


@operation(
    bp,
    "POST",
    "/orders/<number>/ship",
    summary="A picked outpost order leaves for its outpost (in_transit, grouped in a transfer)",
    response=schemas.OrderOut,
    kinds={DeviceKind.WAREHOUSE},
)
def ship(number: str) -> schemas.OrderOut:
    return _change(number, transfers.ship)


@operation(
    bp,
    "POST",
    "/orders/<number>/arrived",
    summary="The outpost received the order: it is ready and its hold starts",
    response=schemas.OrderOut,
    kinds={DeviceKind.PICKUP},
)
def arrived(number: str) -> schemas.OrderOut:
    hold_days = current_app.config["PICKUP_HOLD_DAYS"]
    return _change(number, transfers.receive, hold_days=hold_days)
