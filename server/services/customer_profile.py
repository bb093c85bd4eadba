"""Staff find a customer and keep their profile and contact preferences.

Search by phone in any format, name, e-mail or order number. A profile that becomes
complete (name, e-mail, birthday) earns its bonus once (bonus_rules.grant_profile).
"""

import contextlib
import re
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from server.errors import DomainError, ErrorCode
from server.models import Customer, Order
from server.services import bonus_rules
from server.services.actors import Actor
from server.services.phones import normalize_phone

SEARCH_LIMIT = 50
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,60}")
_LIKE_SPECIALS = str.maketrans({"%": r"\%", "_": r"\_", "\\": r"\\"})


def find_customers(session: Session, words: str) -> list[Customer]:
    """Customers matching a phone (any format), part of a name or e-mail, or an order number."""
    words = words.strip()
    if not words:
        return []
    conditions = []
    with contextlib.suppress(DomainError):  # not a phone: the other ways still search
        conditions.append(Customer.phone == normalize_phone(words))
    # SQLite's lower() and LIKE fold ASCII only: also try the usual spellings of a name.
    for variant in {words.lower(), words.title(), words.upper(), words}:
        pattern = f"%{variant.translate(_LIKE_SPECIALS)}%"
        conditions.append(Customer.name.like(pattern, escape="\\"))
    pattern = f"%{words.lower().translate(_LIKE_SPECIALS)}%"
    conditions.append(func.lower(Customer.name).like(pattern, escape="\\"))
    conditions.append(func.lower(Customer.email).like(pattern, escape="\\"))
    by_order = select(Order.customer_id).where(func.upper(Order.number) == words.upper())
    conditions.append(Customer.id.in_(by_order.scalar_subquery()))
    return list(
        session.scalars(
            select(Customer).where(or_(*conditions)).order_by(Customer.id).limit(SEARCH_LIMIT)
        )
    )


def customer_by_id(session: Session, customer_id: int) -> Customer:
    """Raises CUSTOMER_NOT_FOUND."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise DomainError(ErrorCode.CUSTOMER_NOT_FOUND, _l("There is no such customer."))
    return customer


@dataclass(frozen=True)
class ProfileIn:
    name: str
    email: str
    birthday: date | None
    language: str
    sms_allowed: bool
    email_allowed: bool
    do_not_call: bool
    marketing_consent: bool


def update_profile(
    session: Session, customer: Customer, profile: ProfileIn, *, actor: Actor, now: datetime
) -> int:
    """Save the profile and preferences; the profile bonus granted now (0 or once).

    Raises PROFILE_INVALID.
    """
    email = profile.email.strip()
    if email and not _EMAIL.fullmatch(email):
        raise DomainError(ErrorCode.PROFILE_INVALID, _l("This e-mail address cannot be right."))
    if profile.birthday is not None and not date(1900, 1, 1) <= profile.birthday <= now.date():
        raise DomainError(ErrorCode.PROFILE_INVALID, _l("This birthday cannot be right."))
    customer.name = profile.name.strip()[:120] or None
    customer.email = email or None
    customer.birthday = profile.birthday
    customer.language = "en" if profile.language == "en" else "ru"
    customer.sms_allowed = profile.sms_allowed
    customer.email_allowed = profile.email_allowed
    customer.do_not_call = profile.do_not_call
    customer.marketing_consent = profile.marketing_consent
    session.flush()
    return bonus_rules.grant_profile(session, customer, actor=actor, now=now)
