"""Devices prove themselves with a token the server keeps only as a hash."""

import hashlib
import secrets
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, select
from sqlalchemy.orm import Session, joinedload

from server.errors import DomainError, ErrorCode
from server.models import Device, DeviceKind, IdempotencyKey, Store

STORELESS_KINDS = {DeviceKind.SHOP}


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def register_device(
    session: Session,
    *,
    name: str,
    kind: DeviceKind,
    store: Store | None,
    now: datetime,
    window: int | None = None,
) -> tuple[Device, str]:
    """A new device and its token; the token is shown once and never stored. The CLI
    (`cybermarket device add`) and the staff fleet page both register through here.

    Raises DEVICE_EXISTS, VALIDATION_ERROR (a store device without a store).
    """
    if session.scalar(select(Device).where(Device.name == name)) is not None:
        raise DomainError(ErrorCode.DEVICE_EXISTS, _l("A device named %(name)s exists.", name=name))
    if store is None and kind not in STORELESS_KINDS:
        raise DomainError(
            ErrorCode.VALIDATION_ERROR, _l("A %(kind)s device belongs to a store.", kind=kind.value)
        )
    token = secrets.token_urlsafe(32)
    device = Device(
        name=name,
        kind=kind,
        store=store,
        token_hash=hash_token(token),
        created_at=now,
        window=window,
    )
    session.add(device)
    session.flush()
    return device, token


def revoke_device(session: Session, *, name: str, now: datetime) -> Device:
    """Refuse the device's token from now on (again: no change). Raises UNKNOWN_DEVICE."""
    device = session.scalar(select(Device).where(Device.name == name))
    if device is None:
        raise DomainError(ErrorCode.UNKNOWN_DEVICE, _l("There is no device %(name)s.", name=name))
    if device.revoked_at is None:
        device.revoked_at = now
    session.flush()
    return device


def authenticate(session: Session, token: str) -> Device | None:
    """The active device holding this token, or None."""
    if not token or len(token) > 200:
        return None
    device = session.scalar(select(Device).where(Device.token_hash == hash_token(token)))
    if device is None or device.revoked_at is not None:
        return None
    return device


def authenticate_request(
    session: Session, token: str, key: str | None
) -> tuple[Device | None, IdempotencyKey | None]:
    """The active device holding this token, with its store and the answer it was already
    given under this Idempotency-Key (None for a new key or no key), in one statement.

    An API request costs one look-up before its work: the device row is read anew each time,
    so a revoked token is refused from the next request on. Raises nothing.
    """
    if not token or len(token) > 200:
        return None, None
    query = (
        select(Device)
        .options(joinedload(Device.store))
        .where(Device.token_hash == hash_token(token))
    )
    if key is not None:
        query = query.add_columns(IdempotencyKey).outerjoin(
            IdempotencyKey, and_(IdempotencyKey.device_id == Device.id, IdempotencyKey.key == key)
        )
    row = session.execute(query).first()
    if row is None or row[0].revoked_at is not None:
        return None, None
    return row[0], (row[1] if key is not None else None)


def lock_device(session: Session, device_id: int) -> None:
    """Hold the device's row until the transaction ends: what the device counts and then
    records (guesses, codes asked for) becomes one step across server processes."""
    session.execute(select(Device.id).where(Device.id == device_id).with_for_update())
