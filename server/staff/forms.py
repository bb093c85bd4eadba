"""What the console's views share: run one change, audit it, commit; or show why not."""

from collections.abc import Callable
from typing import Any

from flask import Blueprint, g
from flask_babel import lazy_gettext as _l

from common import form_values
from common.form_values import BadValue
from common.web_security import problem_page
from server.db import get_session
from server.errors import DomainError
from server.models import StaffRole
from server.services import audit

ROLE_LABELS = {
    StaffRole.ADMIN: _l("administrator"),
    StaffRole.MANAGER: _l("manager"),
    StaffRole.CLERK: _l("pickup clerk"),
    StaffRole.PICKER: _l("picker"),
}


def guard(bp: Blueprint) -> None:
    """A domain error a view lets through (a record that is not there) becomes its page."""
    bp.register_error_handler(DomainError, lambda exc: problem_page(str(exc.message), exc.status))


def optional_id(raw: str | None) -> int | None:
    """An id chosen in a list where "none" is a choice (an empty value)."""
    return None if not (raw or "").strip() else form_values.record_id(raw)


def apply(
    change: Callable[[], Any], action: str, target: str, details: dict[str, Any] | None = None
) -> tuple[Any, str | None, int]:
    """Run the change, audit it and commit: (its result, None, 200); or roll back and say why.

    The error is a sentence for the person and the status to answer with (400 for a field
    that cannot be read, the domain error's own status otherwise).
    """
    session = get_session()
    try:
        result = change()
        audit.record(session, g.staff, action, target, details)
        session.commit()
    except BadValue as exc:
        session.rollback()
        return None, str(exc.message), 400
    except DomainError as exc:
        session.rollback()
        return None, str(exc.message), exc.status
    return result, None, 200
