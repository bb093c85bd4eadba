"""Find an order by the number people read off the receipt or the board, at the window.

The number is short and runs in sequence, so it proves nothing: the customer confirms
with the last four digits of their phone or with the pickup code, and a wrong answer
counts like an unknown code towards the window's guess limit.
"""

import re
import secrets
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from server.errors import DomainError, ErrorCode
from server.models import Order
from server.services import access, pickups
from server.services.actors import Actor
from server.services.pickup_codes import normalize

_NUMBER = re.compile(r"([A-Z]{1,4})-?([0-9]{1,9})")
PHONE_DIGITS = 4


def canonical_number(typed: str) -> str | None:
    """'a1001', 'A 1001' and 'A-1001' are the same order number; None when it is none."""
    found = _NUMBER.fullmatch(typed.strip().upper().replace(" ", ""))
    return f"{found.group(1)}-{found.group(2)}" if found else None


def confirms(order: Order, proof: str) -> bool:
    """The last four digits of the customer's phone, or the order's pickup code."""
    typed = proof.strip()
    if typed.isascii() and typed.isdigit() and len(typed) == PHONE_DIGITS:
        digits = re.sub(r"[^0-9]", "", order.customer_phone or "")
        return len(digits) >= PHONE_DIGITS and secrets.compare_digest(digits[-PHONE_DIGITS:], typed)
    code = normalize(typed)
    return code is not None and secrets.compare_digest(code, order.pickup_code)


def find_confirmed(session: Session, number: str, proof: str, *, actor: Actor) -> Order:
    """The order with this number collected at the actor's store, if the proof matches.

    An unknown number, another store's order and a wrong proof get the same answer, so
    the window learns nothing about orders it may not open. Raises ORDER_NOT_FOUND.
    """
    canonical = canonical_number(number)
    order = None
    if canonical is not None:
        order = session.scalar(
            select(Order)
            .where(Order.number == canonical)
            .options(selectinload(Order.lines), selectinload(Order.store))
        )
    reached = order is not None and (
        access.reaches(actor, order) or access.may_take_back(actor, order)
    )
    if order is None or not reached or not confirms(order, proof):
        raise DomainError(
            ErrorCode.ORDER_NOT_FOUND,
            _l(
                "No order here matches this number and this confirmation. "
                "Check both with the customer, or scan the receipt."
            ),
        )
    return order


def lookup_at_window(
    session: Session,
    number: str,
    proof: str,
    *,
    actor: Actor,
    limit: pickups.GuessLimit,
    now: datetime,
) -> pickups.ScanResult:
    """What the clerk sees for a typed number the customer confirmed.

    Raises TOO_MANY_ATTEMPTS, ORDER_NOT_FOUND (after counting it as a guess: the caller
    keeps that record although it answers with the error).
    """
    return pickups.guarded_guess(
        session,
        lambda: pickups.result_for(session, find_confirmed(session, number, proof, actor=actor)),
        counted=ErrorCode.ORDER_NOT_FOUND,
        actor=actor,
        limit=limit,
        now=now,
    )
