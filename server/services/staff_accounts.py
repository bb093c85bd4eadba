"""Staff accounts: created and changed by an admin, passwords and PINs hashed, never shown.

An admin cannot take their own role away or deactivate themself: the chain would risk
having nobody left who can open this page.
"""

import re
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash

from server.errors import DomainError, ErrorCode
from server.models import SignInAttempt, StaffRole, StaffUser, Store
from server.passwords import hash_password
from server.services import signin

PASSWORD_MIN = 10
PASSWORD_MAX = 200
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._\-]{1,59}")
_PIN = re.compile(r"[0-9]{4}")


def _invalid(message: str) -> DomainError:
    return DomainError(ErrorCode.VALIDATION_ERROR, message)


def check_new_password(password: str) -> None:
    """Raises WEAK_PASSWORD for a password too short, too long or with control characters."""
    if len(password) < PASSWORD_MIN:
        raise DomainError(
            ErrorCode.WEAK_PASSWORD,
            _l("A password needs at least %(count)s characters.", count=PASSWORD_MIN),
        )
    if len(password) > PASSWORD_MAX or not password.isprintable():
        raise DomainError(
            ErrorCode.WEAK_PASSWORD,
            _l(
                "A password may have at most %(count)s characters and no control characters.",
                count=PASSWORD_MAX,
            ),
        )


def _role(raw: str) -> StaffRole:
    try:
        return StaffRole(raw)
    except ValueError:
        raise _invalid(_l("Choose a role from the list.")) from None


def _store(session: Session, store_id: int | None) -> int | None:
    if store_id is not None and session.get(Store, store_id) is None:
        raise _invalid(_l("Choose a store from the list."))
    return store_id


def create_staff(
    session: Session,
    *,
    username: str,
    full_name: str,
    role: str,
    store_id: int | None,
    password: str,
) -> StaffUser:
    """A new active account. Raises VALIDATION_ERROR, USERNAME_TAKEN, WEAK_PASSWORD."""
    username = username.strip().lower()
    if not _USERNAME.fullmatch(username):
        raise _invalid(
            _l(
                "A user name has 2 to 60 Latin letters, digits, dots, dashes or underscores,"
                " and starts with a letter or a digit."
            )
        )
    if not full_name.strip():
        raise _invalid(_l("Enter the person's full name."))
    taken = session.scalar(select(StaffUser.id).where(func.lower(StaffUser.username) == username))
    if taken is not None:
        raise DomainError(ErrorCode.USERNAME_TAKEN, _l("This user name is already taken."))
    check_new_password(password)
    staff = StaffUser(
        username=username,
        full_name=full_name.strip()[:120],
        role=_role(role).value,
        store_id=_store(session, store_id),
        password_hash=hash_password(password),
        active=True,
    )
    session.add(staff)
    session.flush()
    return staff


def find_staff(session: Session, staff_id: int) -> StaffUser:
    """Raises UNKNOWN_STAFF."""
    staff = session.get(StaffUser, staff_id)
    if staff is None:
        raise DomainError(ErrorCode.UNKNOWN_STAFF, _l("There is no such staff member."))
    return staff


def _not_yourself(staff: StaffUser, acting: StaffUser) -> None:
    if staff.id == acting.id:
        raise DomainError(
            ErrorCode.NOT_YOURSELF,
            _l("You cannot change your own role or switch yourself off; ask another admin."),
        )


def change_role(
    session: Session, staff: StaffUser, *, role: str, store_id: int | None, acting: StaffUser
) -> None:
    """Set role and home store. Raises VALIDATION_ERROR, NOT_YOURSELF (role of oneself)."""
    new_role = _role(role)
    if new_role.value != staff.role:
        _not_yourself(staff, acting)
    staff.role = new_role.value
    staff.store_id = _store(session, store_id)
    session.flush()


def reset_password(session: Session, staff: StaffUser, password: str) -> None:
    """A new password set by an admin. Raises WEAK_PASSWORD."""
    check_new_password(password)
    staff.password_hash = hash_password(password)
    session.flush()


def set_active(session: Session, staff: StaffUser, active: bool, *, acting: StaffUser) -> None:
    """Switch an account on or off (off: signed out at its next request). Raises NOT_YOURSELF."""
    if not active:
        _not_yourself(staff, acting)
    staff.active = active
    session.flush()


def set_pin(session: Session, staff: StaffUser, pin: str) -> None:
    """A 4-digit PIN for the warehouse screen; empty removes it. Raises VALIDATION_ERROR."""
    if pin and not _PIN.fullmatch(pin):
        raise _invalid(_l("A PIN has exactly 4 digits."))
    staff.pin_hash = hash_password(pin) if pin else None
    session.flush()


def change_own_password(
    session: Session, staff: StaffUser, *, current: str, new: str, repeat: str
) -> None:
    """The signed-in person's own password. Raises VALIDATION_ERROR, WEAK_PASSWORD."""
    if not check_password_hash(staff.password_hash, current):
        raise _invalid(_l("The current password is wrong."))
    if new != repeat:
        raise _invalid(_l("The two new passwords differ."))
    check_new_password(new)
    staff.password_hash = hash_password(new)
    session.flush()


def list_staff(session: Session) -> list[StaffUser]:
    return list(session.scalars(select(StaffUser).order_by(StaffUser.username)))


def pickers(session: Session, store_id: int | None) -> list[StaffUser]:
    """Active pickers of this store, by name: who may choose themself on its warehouse screen."""
    query = select(StaffUser).where(
        StaffUser.active.is_(True),
        StaffUser.role == StaffRole.PICKER.value,
        StaffUser.store_id == store_id,
    )
    return list(session.scalars(query.order_by(StaffUser.full_name)))


def check_pin(session: Session, staff: StaffUser, pin: str, *, address: str, now: datetime) -> bool:
    """Whether the PIN matches (a picker without a PIN needs none); a miss is counted.

    Four digits are quickly guessed: misses count like wrong passwords (server/services/
    signin.py), per picker. Raises TOO_MANY_ATTEMPTS while the picker is locked.
    The caller commits in both cases.
    """
    if staff.pin_hash is None:
        return True
    name = f"pin:{staff.id}"
    signin.refuse_while_locked(session, username=name, address=address[:45], now=now)
    if check_password_hash(staff.pin_hash, pin[:8]):
        return True
    session.add(SignInAttempt(username=name, address=address[:45], at=now))
    session.flush()
    return False


def clerk_account(session: Session, store_id: int | None, name: str) -> StaffUser | None:
    """The active clerk (or manager) of this store whose full or user name is ``name``."""
    if not name or store_id is None:
        return None
    folded = name.strip().lower()
    query = select(StaffUser).where(
        StaffUser.active.is_(True),
        StaffUser.store_id == store_id,
        StaffUser.role.in_([StaffRole.CLERK.value, StaffRole.MANAGER.value]),
        (func.lower(StaffUser.full_name) == folded) | (func.lower(StaffUser.username) == folded),
    )
    return session.scalars(query.order_by(StaffUser.id)).first()
