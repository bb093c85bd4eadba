"""Identify a shopper by phone: a one-time code by SMS, then a short-lived customer token.

Codes and tokens are stored hashed (SHA-256: a code lives five minutes and allows five
tries, a token is 32 random bytes, so no slow hash is needed). The code rows themselves
are the rate limit: they live in the database, so the limit holds across processes.
"""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from server.errors import DomainError, ErrorCode
from server.models import (
    Channel,
    Customer,
    CustomerCode,
    CustomerToken,
    Notification,
    OutboxStatus,
)
from server.notifications.channels import ChannelError, Sender
from server.services.customers import customer_for
from server.services.devices import lock_device

CODE_LIFETIME = timedelta(minutes=5)
MAX_TRIES = 5
TOKEN_LIFETIME = timedelta(minutes=15)
# How many codes may be asked for within the window, per phone and per device.
LIMIT_WINDOW = timedelta(minutes=15)
PER_PHONE = 3
PER_DEVICE = 10

CODE_TEXT = {
    "ru": "Код Кибермаркета: {code}. Никому его не сообщайте.",
    "en": "Cybermarket code: {code}. Do not tell it to anyone.",
}


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _one_at_a_time(session: Session, phone: str, device_id: int | None) -> None:
    """Make counting and recording one step per phone and per device, across processes.

    Without it ten requests racing in separate processes all count none and all pass a
    limit of three. SQLite writers already take turns (BEGIN IMMEDIATE); on PostgreSQL a
    transaction lock on the phone, then the device's row, always in that order.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"code:{phone}"}
        )
    if device_id is not None:
        lock_device(session, device_id)


def _refuse_flood(session: Session, phone: str, device_id: int | None, now: datetime) -> None:
    _one_at_a_time(session, phone, device_id)
    since = now - LIMIT_WINDOW
    recent = select(func.count(CustomerCode.id)).where(CustomerCode.created_at > since)
    by_phone = session.scalar(recent.where(CustomerCode.phone == phone)) or 0
    by_device = session.scalar(recent.where(CustomerCode.device_id == device_id)) or 0
    if by_phone >= PER_PHONE or (device_id is not None and by_device >= PER_DEVICE):
        raise DomainError(
            ErrorCode.TOO_MANY_CODES,
            _l("Too many codes were asked for. Please wait 15 minutes and try again."),
        )


def send_code(
    session: Session,
    phone: str,
    *,
    device_id: int | None,
    sender: Sender | None,
    language: str,
    now: datetime,
) -> None:
    """Make a code for this (normalised) phone and send it by SMS now. Raises TOO_MANY_CODES."""
    _refuse_flood(session, phone, device_id, now)
    code = f"{secrets.randbelow(1_000_000):06d}"
    row = CustomerCode(
        phone=phone,
        device_id=device_id,
        code_hash=_digest(code),
        created_at=now,
        expires_at=now + CODE_LIFETIME,
    )
    session.add(row)
    session.flush()
    # Through the outbox, like every message, but sent at once: the shopper is waiting at
    # the screen. A failed send stays pending and the worker retries it. Codes ignore
    # quiet hours: the customer asked for this one a second ago.
    message = Notification(
        dedupe_key=f"code:{row.id}",
        kind="code",
        channel=Channel.SMS,
        recipient=phone,
        body=CODE_TEXT["en" if language == "en" else "ru"].format(code=code),
        status=OutboxStatus.PENDING,
        due_at=now,
        created_at=now,
    )
    session.add(message)
    session.flush()
    if sender is None:
        return
    try:
        sender.send(message)
    except ChannelError as exc:
        message.last_error = str(exc)[:500]
    else:
        message.status, message.sent_at = OutboxStatus.SENT, now


def verify_code(
    session: Session, phone: str, code: str, *, device_id: int | None, now: datetime
) -> tuple[Customer, str]:
    """The customer and a new token for them. Raises WRONG_CODE, CODE_EXPIRED, TOO_MANY_ATTEMPTS."""
    row = session.scalar(
        select(CustomerCode)
        .where(CustomerCode.phone == phone, CustomerCode.used_at.is_(None))
        .order_by(CustomerCode.id.desc())
        .limit(1)
        .with_for_update()
    )
    if row is None:
        raise DomainError(ErrorCode.WRONG_CODE, _l("This code is wrong. Ask for a new one."))
    if row.tries >= MAX_TRIES:
        raise DomainError(
            ErrorCode.TOO_MANY_ATTEMPTS,
            _l("The code was entered wrongly 5 times. Ask for a new code."),
        )
    if row.expires_at <= now:
        raise DomainError(ErrorCode.CODE_EXPIRED, _l("This code has expired. Ask for a new code."))
    row.tries += 1
    if not hmac.compare_digest(row.code_hash, _digest(code)):
        left = MAX_TRIES - row.tries
        raise DomainError(
            ErrorCode.WRONG_CODE,
            _l("This code is wrong. Tries left: %(left)s.", left=left),
            tries_left=left,
        )
    row.used_at = now
    customer = customer_for(session, phone, now=now)
    token = secrets.token_urlsafe(32)
    session.add(
        CustomerToken(
            token_hash=_digest(token),
            customer_id=customer.id,
            device_id=device_id,
            created_at=now,
            expires_at=now + TOKEN_LIFETIME,
        )
    )
    session.flush()
    return customer, token


def customer_of_token(
    session: Session, token: str, *, device_id: int | None, now: datetime
) -> Customer:
    """The customer this device's token names. Raises CUSTOMER_TOKEN_INVALID."""
    row = session.scalar(select(CustomerToken).where(CustomerToken.token_hash == _digest(token)))
    if (
        row is None
        or row.ended_at is not None
        or row.expires_at <= now
        or (row.device_id != device_id)
    ):
        raise DomainError(
            ErrorCode.CUSTOMER_TOKEN_INVALID,
            _l("The customer is no longer identified. Enter the phone number again."),
        )
    customer = session.get(Customer, row.customer_id)
    assert customer is not None
    return customer


def end_token(session: Session, token: str, *, device_id: int | None, now: datetime) -> None:
    """The device forgets the shopper (idle reset, end of checkout). Raises nothing."""
    row = session.scalar(select(CustomerToken).where(CustomerToken.token_hash == _digest(token)))
    if row is not None and row.device_id == device_id and row.ended_at is None:
        row.ended_at = now
