"""Corrections of on-hand with a reason: goods damaged, lost or found outside any order."""

import enum

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from server.errors import DomainError, ErrorCode
from server.models import MovementKind, StaffUser, Stock, StockMovement
from server.services import stock


class Reason(enum.StrEnum):
    DAMAGED = "damaged"
    LOST = "lost"
    FOUND = "found"
    OTHER = "other"


REASON_LABELS: dict[str, LazyString] = {
    Reason.DAMAGED: _l("damaged"),
    Reason.LOST: _l("lost"),
    Reason.FOUND: _l("found"),
    Reason.OTHER: _l("other"),
}
# Damaged and lost goods leave the count, found goods join it; "other" says which way.
DIRECTION = {Reason.DAMAGED: -1, Reason.LOST: -1, Reason.FOUND: 1}


def correct(
    session: Session,
    row: Stock,
    *,
    qty: int,
    reason: Reason,
    direction: int,
    text: str,
    staff: StaffUser,
) -> StockMovement:
    """Add or take away qty units with one `corrected` movement carrying the reason.

    Raises VALIDATION_ERROR (no quantity, "other" without words or a direction) and
    STOCK_BELOW_RESERVED (taking away units that orders hold).
    """
    if qty < 1:
        raise DomainError(ErrorCode.VALIDATION_ERROR, _l("Enter how many units, 1 or more."))
    if reason is Reason.OTHER and not text:
        raise DomainError(ErrorCode.VALIDATION_ERROR, _l("Say in a few words what happened."))
    sign = DIRECTION.get(reason, direction)
    if sign not in (1, -1):
        raise DomainError(
            ErrorCode.VALIDATION_ERROR, _l("Choose whether units are added or taken away.")
        )
    if sign < 0 and qty > row.on_hand - row.reserved:
        raise DomainError(
            ErrorCode.STOCK_BELOW_RESERVED,
            _l(
                "Only %(free)s can be taken away: %(on_hand)s on hand, orders hold %(reserved)s.",
                free=row.on_hand - row.reserved,
                on_hand=row.on_hand,
                reserved=row.reserved,
            ),
        )
    # adjust() checks again on the locked row, should an order take units meanwhile.
    return stock.adjust(
        session,
        store_id=row.store_id,
        product_id=row.product_id,
        on_hand_delta=sign * qty,
        kind=MovementKind.CORRECTED,
        staff_id=staff.id,
        reason=f"{reason.value}: {text}" if text else reason.value,
    )


def reason_label(stored: str | None) -> str:
    """The reason as a person reads it: its word in their language, then what they wrote."""
    if not stored:
        return ""
    code, _sep, text = stored.partition(": ")
    label = REASON_LABELS.get(code)
    if label is None:
        return stored
    return f"{label}: {text}" if text else str(label)
