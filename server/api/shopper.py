"""What a device sees of one customer: the identified shopper at a terminal (their summary
and what bonuses may pay of a cart), and the card of an order's customer at the window."""

from datetime import datetime
from typing import Annotated

from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, Field

from server.api.blueprint import bp
from server.api.customers import SHOPPER_DEVICES, CustomerOut, customer_out, identified_shopper
from server.api.operation import current_device, operation
from server.api.schemas import LangQuery, OrderLineIn, Strict
from server.db import get_session
from server.errors import DomainError, ErrorCode
from server.models import Customer, DeviceKind
from server.services import access, shopper
from server.services.actors import Actor
from server.services.bonuses import configured_policy
from server.services.customer_card import CardOut


class OpenOrderOut(BaseModel):
    number: str | None
    store: str
    status: str
    total_minor: int
    created_at: datetime


class ShopperOut(BaseModel):
    customer: CustomerOut
    open_orders: list[OpenOrderOut]


class QuoteIn(Strict):
    lines: Annotated[list[OrderLineIn], Field(min_length=1, max_length=50)]


class QuoteOut(BaseModel):
    bonus_balance: int
    limit_minor: int = Field(description="What bonuses may pay of these goods by the rule")
    spendable_minor: int = Field(description="What this shopper may spend on them now")


def current_shopper() -> Customer:
    """The shopper named by X-Customer-Token. Raises CUSTOMER_TOKEN_INVALID without one."""
    customer = identified_shopper()
    if customer is None:
        raise DomainError(
            ErrorCode.CUSTOMER_TOKEN_INVALID,
            _l("The customer is no longer identified. Enter the phone number again."),
        )
    return customer


@operation(
    bp,
    "GET",
    "/customers/me",
    summary="The identified shopper (X-Customer-Token): masked phone, name, bonuses, open orders",
    response=ShopperOut,
    query=LangQuery,
    kinds=SHOPPER_DEVICES,
)
def me(query: LangQuery) -> ShopperOut:
    customer = current_shopper()
    return ShopperOut(
        customer=customer_out(customer),
        open_orders=[
            OpenOrderOut(
                number=o.number,
                store=o.store.code,
                status=o.status.value,
                total_minor=o.total_minor,
                created_at=o.created_at,
            )
            for o in shopper.open_orders(get_session(), customer)
        ],
    )


@operation(
    bp,
    "POST",
    "/customers/me/bonus-quote",
    summary="How much of these goods the identified shopper's bonuses may pay (X-Customer-Token)",
    response=QuoteOut,
    body=QuoteIn,
    kinds=SHOPPER_DEVICES,
)
def bonus_quote(body: QuoteIn) -> QuoteOut:
    quote = shopper.bonus_quote(
        get_session(),
        current_shopper(),
        [(line.sku, line.qty) for line in body.lines],
        configured_policy(),
    )
    return QuoteOut(
        bonus_balance=quote.balance,
        limit_minor=quote.limit_minor,
        spendable_minor=quote.spendable_minor,
    )


@operation(
    bp,
    "GET",
    "/orders/<number>/customer",
    summary="The card of the customer who made an order the window reaches (phone masked)",
    response=CardOut,
    query=LangQuery,
    kinds={DeviceKind.PICKUP},
)
def order_customer(number: str, query: LangQuery) -> CardOut:
    session = get_session()
    order = access.find_order(session, number, actor=Actor.of_device(current_device()))
    return shopper.card_of_order_customer(session, order)
