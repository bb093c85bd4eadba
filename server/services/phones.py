"""Customers are known by phone number: one canonical form (E.164), Russia by default."""

import phonenumbers
from flask_babel import lazy_gettext as _l

from server.errors import DomainError, ErrorCode


def normalize_phone(raw: str, region: str = "RU") -> str:
    """'8 (916) 123-45-67' → '+79161234567'; a clear error for anything else."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise DomainError(
            ErrorCode.INVALID_PHONE, _l("%(phone)s is not a valid phone number.", phone=raw[:30])
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
