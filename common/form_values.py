"""One parser per kind of value a person or a browser sends in a form, query or path.

Every screen of the three apps reads its fields through these, so "²", a NUL byte,
10 KB of digits or a number out of range get the same clear refusal everywhere,
never a server error. ``BadValue`` carries a sentence for the person; each app turns
it into its own 400 page or partial.
"""

import re

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

# ASCII digits only: str.isdigit() also accepts "²" and "٣", which int() then refuses.
_DIGITS = re.compile(r"[0-9]{1,10}")
# Order numbers, SKUs, pickup codes, store codes: short, printable, no spaces.
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-/]{0,63}")


class BadValue(ValueError):
    """A field that cannot be read; ``message`` is written for the person at the screen."""

    def __init__(self, message: str | LazyString) -> None:
        super().__init__(str(message))
        self.message = message


def integer(raw: str | None, *, low: int, high: int, message: str | LazyString) -> int:
    """A whole number in [low, high] written in ASCII digits, else BadValue(message)."""
    text = (raw or "").strip()
    if not _DIGITS.fullmatch(text):
        raise BadValue(message)
    value = int(text)
    if not low <= value <= high:
        raise BadValue(message)
    return value


def quantity(raw: str | None, *, high: int = 99) -> int:
    return integer(
        raw, low=1, high=high, message=_l("Choose a quantity from 1 to %(high)s.", high=high)
    )


def window(raw: str | None, *, high: int = 99) -> int:
    return integer(
        raw, low=1, high=high, message=_l("Choose a window from 1 to %(high)s.", high=high)
    )


def record_id(raw: str | None) -> int:
    """A database id: positive and within 32 bits (PostgreSQL's integer)."""
    return integer(raw, low=1, high=2**31 - 1, message=_l("There is nothing at this address."))


def counter(raw: str | None, *, default: int = 0) -> int:
    """A non-negative sequence number from a polling page; anything odd means "from the start"."""
    try:
        return integer(raw, low=0, high=2**31 - 1, message="")
    except BadValue:
        return default


def code(raw: str | None, *, what: str | LazyString | None = None) -> str:
    """An order number, SKU, store or pickup code: trimmed, printable, at most 64 characters."""
    text = (raw or "").strip()
    if not _CODE.fullmatch(text):
        raise BadValue(what or _l("This code cannot be read. Check it and try again."))
    return text


def text(raw: str | None, *, limit: int = 200) -> str:
    """Free text (a name, a search, a reason): no control characters, cut to ``limit``."""
    cleaned = "".join(ch for ch in (raw or "") if ch.isprintable() or ch == " ")
    return cleaned.strip()[:limit]


def choice(raw: str | None, allowed: set[str] | frozenset[str], *, default: str) -> str:
    """One of a fixed set of words (a sort order, a payment method); anything else: default."""
    return raw if raw is not None and raw in allowed else default
