"""The shopper identified by phone at this terminal, kept in the session like the cart.

The server's customer token names the shopper on this device for 15 minutes at most; the
terminal drops it (and tells the server) at idle reset and at the end of checkout, so the
next person at the screen never pays with someone else's bonuses. Only the masked phone
is kept for the screen: other shoppers can see it.
"""

import contextlib
from dataclasses import asdict, dataclass

from flask import session

from common.api_client import ApiClient, ApiError, ServerUnreachable
from common.customer_wire import Shopper

KEY = "shopper"
PENDING = "identify"  # the phone a code was sent to, while the shopper types the code
BONUS = "bonus_minor"  # what the shopper chose to pay with bonuses at checkout
NEXT = "identify_next"
NEXT_PAGES = frozenset({"checkout", "me"})


@dataclass
class Identified:
    token: str
    phone: str  # masked
    name: str | None
    bonus_balance: int


def current() -> Identified | None:
    kept = session.get(KEY)
    if not isinstance(kept, dict):
        return None
    try:
        return Identified(**kept)
    except TypeError:
        session.pop(KEY, None)
        return None


def remember(shopper: Shopper, token: str) -> None:
    session[KEY] = asdict(Identified(token, shopper.phone, shopper.name, shopper.bonus_balance))
    session.pop(PENDING, None)
    session.pop(BONUS, None)


def update(shopper: Shopper) -> None:
    """The server's latest word on the name and balance."""
    known = current()
    if known is not None:
        remember(shopper, known.token)


def forget(api: ApiClient, *, lang: str) -> None:
    """Drop the shopper here and end the token on the server; the server being down or
    the token already over changes nothing for the screen: it is forgotten here anyway."""
    known = current()
    for name in (KEY, PENDING, BONUS, NEXT):
        session.pop(name, None)
    if known is None:
        return
    # Refused or unreachable: the token ends by itself within 15 minutes.
    with contextlib.suppress(ApiError, ServerUnreachable):
        api.forget_shopper(known.token, lang=lang)


def pending_phone() -> str | None:
    """The ten digits after +7 a code was sent to, while the code is typed."""
    phone = session.get(PENDING)
    return phone if isinstance(phone, str) else None


def set_pending(digits: str) -> None:
    session[PENDING] = digits


def chosen_bonus() -> int:
    value = session.get(BONUS, 0)
    return value if isinstance(value, int) and value > 0 else 0


def choose_bonus(amount: int) -> None:
    if amount > 0:
        session[BONUS] = amount
    else:
        session.pop(BONUS, None)


def set_next(page: str | None) -> None:
    if page in NEXT_PAGES:
        session[NEXT] = page
    else:
        session.pop(NEXT, None)


def next_page() -> str:
    page = session.get(NEXT)
    return page if page in NEXT_PAGES else "me"


def mask_digits(digits: str) -> str:
    """The ten digits after +7 as the screen may show them: "+7 *** ***-45-67"."""
    return f"+7 *** ***-{digits[-4:-2]}-{digits[-2:]}"
