"""Staff sign-in: the same work for any name, and a limit on wrong passwords.

A known name must not answer slower than an unknown one (names would leak by timing), so
the password hash runs for every attempt, against a stand-in hash when the name is
unknown. Failures are counted per name and per address in the database, so the limit
holds across server processes and restarts.
"""

import functools
from datetime import datetime, timedelta

from flask_babel import format_time
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from server.errors import DomainError, ErrorCode
from server.models import SignInAttempt, StaffUser
from server.passwords import hash_method

WINDOW = timedelta(minutes=15)
# Five wrong passwords for one name; more from one address, where a shift shares a PC.
NAME_LIMIT = 5
ADDRESS_LIMIT = 20


@functools.cache
def _stand_in_hash(method: str) -> str:
    """Hashed like a real password (same method and cost), matching nothing anyone types."""
    return generate_password_hash("stand-in for a name nobody has", method=method)


def sign_in(
    session: Session, *, username: str, password: str, address: str, now: datetime
) -> StaffUser | None:
    """The staff member if name and password match; None (and a failure counted) if not.

    Raises TOO_MANY_ATTEMPTS while the name or the address has used up its failures.
    The caller commits in both cases: a failure must be stored to be counted.
    """
    address = address[:45]
    refuse_while_locked(session, username=username, address=address, now=now)
    staff = session.scalar(select(StaffUser).where(StaffUser.username == username))
    stored = staff.password_hash if staff is not None else _stand_in_hash(hash_method())
    matches = check_password_hash(stored, password)
    if staff is None or not staff.active or not matches:
        session.execute(delete(SignInAttempt).where(SignInAttempt.at <= now - WINDOW))
        session.add(SignInAttempt(username=username, address=address, at=now))
        session.flush()
        return None
    session.execute(delete(SignInAttempt).where(SignInAttempt.username == username))
    return staff


def refuse_while_locked(session: Session, *, username: str, address: str, now: datetime) -> None:
    """Raises TOO_MANY_ATTEMPTS while the name or the address has used up its failures."""
    until = max(
        _locked_until(session, SignInAttempt.username == username, NAME_LIMIT, now),
        _locked_until(session, SignInAttempt.address == address, ADDRESS_LIMIT, now),
    )
    if until > now:
        raise DomainError(
            ErrorCode.TOO_MANY_ATTEMPTS,
            _l(
                "Too many wrong passwords. Try again after %(time)s.",
                time=format_time(until, "HH:mm"),
            ),
        )


def _locked_until(
    session: Session, whose: ColumnElement[bool], limit: int, now: datetime
) -> datetime:
    """When the oldest of the last ``limit`` failures leaves the window (``now`` if not locked)."""
    oldest_of_last = session.scalar(
        select(SignInAttempt.at)
        .where(whose, SignInAttempt.at > now - WINDOW)
        .order_by(SignInAttempt.at.desc())
        .limit(1)
        .offset(limit - 1)
    )
    return oldest_of_last + WINDOW if oldest_of_last is not None else now
