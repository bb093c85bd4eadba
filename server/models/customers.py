"""Customers known by phone number, their one-time codes and the tokens a device holds."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, false, true
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class Customer(Base):
    """A shopper: the phone number is the identity, everything else is optional."""

    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(20), unique=True)  # E.164
    name: Mapped[str | None] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(255))
    birthday: Mapped[date | None]
    language: Mapped[str] = mapped_column(String(2), default="ru", server_default="ru")
    # Contact preferences. Service messages (codes, "your order is ready") always go;
    # marketing consent is asked for and kept apart from them.
    sms_allowed: Mapped[bool] = mapped_column(default=True, server_default=true())
    email_allowed: Mapped[bool] = mapped_column(default=True, server_default=true())
    do_not_call: Mapped[bool] = mapped_column(default=False, server_default=false())
    marketing_consent: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime]


class CustomerCode(Base):
    """A one-time code sent by SMS; its rows are also what rate-limits the sending."""

    __tablename__ = "customer_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(20), index=True)
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(index=True)
    expires_at: Mapped[datetime]
    tries: Mapped[int] = mapped_column(default=0)
    used_at: Mapped[datetime | None]


class CustomerToken(Base):
    """Proof, held by one device, that the shopper in front of it owns this phone."""

    __tablename__ = "customer_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
