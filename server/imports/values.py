"""Numbers and words as accounting exports write them: "1 299,50", "5.000", "да"."""

import re
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _

from common import form_values

MAX_PRICE_MINOR = 10**11  # a billion rubles: anything above is a typo
MAX_QUANTITY = 10**7
SKU_LIMIT = 64
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_NUMBER = re.compile(r"[0-9]{1,13}(?:[.,][0-9]{1,6})?")
_YES = {"1", "да", "yes", "true", "y", "д", "истина"}
_NO = {"0", "нет", "no", "false", "n", "н", "ложь"}


class BadCell(ValueError):
    """A value that cannot be read; the message is for the person who made the file."""


def _number(raw: str) -> Decimal:
    text = _SPACES.sub("", raw or "")
    if not _NUMBER.fullmatch(text):
        raise InvalidOperation
    return Decimal(text.replace(",", "."))


def price_minor(raw: str) -> int:
    """Rubles with a comma or a dot and optional spaces between thousands, in kopecks."""
    try:
        value = _number(raw) * 100
    except InvalidOperation:
        raise BadCell(
            _("the price “%(value)s” is not a number of rubles", value=raw[:40])
        ) from None
    if value != value.to_integral_value():
        raise BadCell(_("the price “%(value)s” has fractions of a kopeck", value=raw[:40]))
    if not 0 < value <= MAX_PRICE_MINOR:
        raise BadCell(_("the price must be above zero and below a billion rubles"))
    return int(value)


def quantity(raw: str) -> int:
    """Units on hand: a whole number from 0 (1C writes "5" or "5.000")."""
    try:
        value = _number(raw)
    except InvalidOperation:
        raise BadCell(_("the quantity “%(value)s” is not a number", value=raw[:40])) from None
    if value != value.to_integral_value():
        raise BadCell(_("the quantity “%(value)s” is not a whole number", value=raw[:40]))
    if value > MAX_QUANTITY:
        raise BadCell(_("the quantity %(value)s is too large", value=raw[:40]))
    return int(value)


def flag(raw: str) -> bool:
    text = (raw or "").strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise BadCell(_("“%(value)s” is neither yes (1) nor no (0)", value=raw[:40]))


def sku(raw: str) -> str:
    try:
        return form_values.code(raw)
    except form_values.BadValue:
        raise BadCell(
            _("the SKU “%(value)s” is empty, too long or has spaces or odd signs", value=raw[:80])
        ) from None


def text(raw: str | None, *, limit: int, what: str, required: bool = False) -> str:
    value = form_values.text(raw, limit=10 * limit)
    if required and not value:
        raise BadCell(_("%(what)s is empty", what=what))
    if len(value) > limit:
        raise BadCell(_("%(what)s is longer than %(limit)s characters", what=what, limit=limit))
    return value
