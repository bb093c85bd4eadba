"""Registered devices, staff users, and the answers kept for idempotent retries."""

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.models.base import Base, str_enum
from server.models.stores import Store


class DeviceKind(enum.StrEnum):
    TERMINAL = "terminal"
    PICKUP = "pickup"
    WAREHOUSE = "warehouse"
    BOARD = "board"
    SHOP = "shop"


class StaffRole(enum.StrEnum):
    """What a staff member may open in the console; an admin may open everything."""

    ADMIN = "admin"
    MANAGER = "manager"
    CLERK = "clerk"
    PICKER = "picker"


class Device(Base):
    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[DeviceKind] = mapped_column(str_enum(DeviceKind, 16))
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id"))
    # SHA-256 of the token: tokens are long random strings, so a plain hash suffices.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    # A pickup device serves one window of its store; hand-outs are credited to it and to
    # the clerk on shift there (a name chosen on the station), not to the PC's name.
    window: Mapped[int | None]
    clerk: Mapped[str | None] = mapped_column(String(60))
    # What the device said in its last heartbeat (server/services/fleet.py).
    last_seen_at: Mapped[datetime | None]
    version: Mapped[str | None] = mapped_column(String(40))
    printer_state: Mapped[str | None] = mapped_column(String(16))
    scanner_state: Mapped[str | None] = mapped_column(String(16))
    camera_state: Mapped[str | None] = mapped_column(String(16))
    # Staff's switch: a terminal or pickup station that shows a polite "closed" screen.
    out_of_service: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The staff account of that clerk, when the name chosen is a clerk's of this store.
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))

    store: Mapped[Store | None] = relationship()


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default=StaffRole.MANAGER.value)
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id"))
    active: Mapped[bool] = mapped_column(default=True)
    # A picker's 4-digit PIN for choosing themself on the warehouse screen (None: no PIN).
    pin_hash: Mapped[str | None] = mapped_column(String(255), default=None)

    store: Mapped[Store | None] = relationship()

    @property
    def staff_role(self) -> StaffRole:
        return StaffRole(self.role)

    # Where the console's alerts reach this person (a store manager): either or both.
    email: Mapped[str | None] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(20))


class IdempotencyKey(Base):
    """The first answer to a device's state-changing request, replayed for its retries."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("device_id", "key", name="uq_idempotency_device_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    key: Mapped[str] = mapped_column(String(64))
    # Method, path and body digest: the same key on a different request is refused.
    fingerprint: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int]
    response_body: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(index=True)


class ScanAttempt(Base):
    """A scan of a code that matched no order: counted per device to stop guessing."""

    __tablename__ = "scan_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), index=True)
    at: Mapped[datetime] = mapped_column(index=True)
