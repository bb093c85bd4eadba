"""Customers by phone: found or made from an order, masked where others can see."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.models import Customer


def mask_phone(phone: str) -> str:
    """'+79161234567' → '+7 *** ***-45-67': enough for the shopper to recognise, no more."""
    return f"{phone[:2]} *** ***-{phone[-4:-2]}-{phone[-2:]}"


def find_by_phone(session: Session, phone: str, *, lock: bool = False) -> Customer | None:
    query = select(Customer).where(Customer.phone == phone)
    if lock:
        query = query.with_for_update()
    return session.scalar(query)


def customer_for(
    session: Session, phone: str, *, now: datetime, email: str | None = None, language: str = "ru"
) -> Customer:
    """The customer with this (normalised) phone, made on first sight.

    Two first orders of one phone at once: the unique phone lets one insert win; the
    other waits on it inside a savepoint and then reads the winner's row.
    """
    customer = find_by_phone(session, phone)
    if customer is not None:
        return customer
    try:
        with session.begin_nested():
            customer = Customer(phone=phone, email=email, language=language, created_at=now)
            session.add(customer)
    except IntegrityError:
        found = find_by_phone(session, phone)
        assert found is not None
        return found
    return customer
