"""Pickup windows and the clerks at them: who handed an order out, said as people say it."""

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from server.models import Device, OrderEvent
from server.services import staff_accounts

CLERK_PREFIX = "clerk:"


def person(event: OrderEvent) -> str | None:
    """The clerk named on a transition, when one was on shift."""
    return event.actor[len(CLERK_PREFIX) :] if event.actor.startswith(CLERK_PREFIX) else None


def who_and_where(event: OrderEvent) -> str | LazyString:
    """'window 3, Anna', 'window 3', or the device's name when it has no window."""
    clerk, device = person(event), event.device
    window = device.window if device is not None else None
    if window and clerk:
        return _l("window %(window)s, %(clerk)s", window=window, clerk=clerk)
    if window:
        return _l("window %(window)s", window=window)
    if clerk:
        return clerk
    return device.name if device is not None else event.actor


def set_clerk(session: Session, device: Device, name: str | None) -> None:
    """The clerk on shift at this device from now on; None when nobody has said.

    When the name is a clerk's of this store (full or user name), their account is kept
    too, so hand-outs record the person and not only the name typed.
    """
    device.clerk = name or None
    account = staff_accounts.clerk_account(session, device.store_id, name or "")
    device.staff_id = account.id if account is not None else None
    session.flush()
