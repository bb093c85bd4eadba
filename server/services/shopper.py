"""What a device may see of one customer: the identified shopper's own summary and bonus
quote at a terminal, and the card of an order's customer at the pickup window.

The rules stay where they are: the spend limit is bonuses.spendable_on, the card is
customer_card.card; this module only chooses what each device is shown.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, selectinload

from common.order_life import OPEN
from common.pickup_code import display_pickup_code
from server.errors import DomainError, ErrorCode
from server.models import Customer, Order, OrderLine, Product
from server.services.bonuses import BonusPolicy, balance, spendable_on
from server.services.customer_card import CardOut, card
from server.services.customers import find_by_phone, mask_phone

HIDDEN = "******"


@dataclass(frozen=True)
class BonusQuote:
    balance: int
    limit_minor: int  # what the rule allows on these goods, whatever the balance
    spendable_minor: int  # what this shopper can spend on them now


def _orders_of(customer: Customer) -> ColumnElement[bool]:
    return or_(Order.customer_id == customer.id, Order.customer_phone == customer.phone)


def open_orders(session: Session, customer: Customer, *, limit: int = 10) -> list[Order]:
    """The customer's orders that are not over yet (waiting for payment, picking, at a window)."""
    return list(
        session.scalars(
            select(Order)
            .where(_orders_of(customer), Order.status.in_(OPEN))
            .order_by(Order.id.desc())
            .limit(limit)
            .options(selectinload(Order.store))
        )
    )


def bonus_quote(
    session: Session, customer: Customer, lines: list[tuple[str, int]], policy: BonusPolicy
) -> BonusQuote:
    """How many bonuses this shopper may spend on these (sku, qty) lines at today's prices.

    A product that is unknown or off sale counts for nothing: the order itself refuses it.
    Raises nothing.
    """
    skus = [sku for sku, _qty in lines]
    prices = {
        p.sku: p.price_minor
        for p in session.scalars(select(Product).where(Product.sku.in_(skus), Product.active))
    }
    # Transient lines, never added to the session: the same rule the order is checked with.
    priced = [
        OrderLine(sku=sku, qty=qty, price_minor=prices[sku]) for sku, qty in lines if sku in prices
    ]
    limit = spendable_on(priced, policy)
    have = balance(session, customer.id)
    return BonusQuote(balance=have, limit_minor=limit, spendable_minor=max(0, min(limit, have)))


def _hide_codes(text: str, codes: list[str]) -> str:
    for code in codes:
        text = text.replace(display_pickup_code(code), HIDDEN).replace(code, HIDDEN)
    return text


def card_of_order_customer(session: Session, order: Order) -> CardOut:
    """The card of the customer who made this order, as the pickup window may see it: the
    phone masked (the customer across the counter can read the clerk's screen) and no
    pickup code of any order in the messages, so the card hands out nothing by itself.

    The caller has checked the order is within the device's reach. Raises CUSTOMER_NOT_FOUND.
    """
    customer = session.get(Customer, order.customer_id) if order.customer_id else None
    if customer is None and order.customer_phone:
        customer = find_by_phone(session, order.customer_phone)
    if customer is None:
        raise DomainError(
            ErrorCode.CUSTOMER_NOT_FOUND, _l("This order was made without a phone number.")
        )
    full = card(session, customer.phone)
    codes = list(session.scalars(select(Order.pickup_code).where(_orders_of(customer))))
    messages = [m.model_copy(update={"text": _hide_codes(m.text, codes)}) for m in full.messages]
    return full.model_copy(
        update={
            "phone": mask_phone(customer.phone),
            "email": None,
            "birthday": None,
            "messages": messages,
        }
    )
