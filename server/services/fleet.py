"""The fleet: what every terminal and pickup station last said about itself, and whether
it serves shoppers now.

A device is out of service when staff switched it off, or, for a terminal, when its
printer cannot print a receipt (a terminal that cannot hand over a receipt must not take
money). Such a terminal points the shopper to the nearest working one in its store.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from common.fleet import PRINTER_STOPS, OutOfServiceReason
from server.errors import DomainError, ErrorCode
from server.models import Device, DeviceKind

# Devices that send heartbeats and can be switched out of service.
SWITCHABLE = frozenset({DeviceKind.TERMINAL, DeviceKind.PICKUP})
# Device apps send a heartbeat every few seconds while their screen is open: silence this
# long means the PC, the app or its kiosk browser is down.
STALE_AFTER = timedelta(minutes=3)


@dataclass(frozen=True)
class Service:
    """The heartbeat's answer: may this device serve, and if not, why and where to go."""

    out_of_service: bool
    reason: OutOfServiceReason | None = None
    nearest: str | None = None


@dataclass(frozen=True)
class FleetRow:
    device: Device
    reason: OutOfServiceReason | None
    silent_minutes: int | None  # None: seen recently; else minutes since last seen
    never_seen: bool


def out_of_service_reason(device: Device) -> OutOfServiceReason | None:
    if device.out_of_service:
        return "switched_off"
    if device.kind is DeviceKind.TERMINAL and device.printer_state in PRINTER_STOPS:
        return "printer"
    return None


def _number(name: str) -> int | None:
    """The number in a device's name ("terminal-7" -> 7): how staff and shoppers count them."""
    digits = re.findall(r"\d+", name)
    return int(digits[-1]) if digits else None


def nearest_working(session: Session, device: Device, *, now: datetime) -> Device | None:
    """Another device of the same kind in the same store that serves and was seen lately,
    the one whose number is closest to this one's (then by name)."""
    candidates = session.scalars(
        select(Device).where(
            Device.store_id == device.store_id,
            Device.kind == device.kind,
            Device.id != device.id,
            Device.revoked_at.is_(None),
            Device.last_seen_at >= now - STALE_AFTER,
        )
    ).all()
    working = [other for other in candidates if out_of_service_reason(other) is None]
    mine = _number(device.name)

    def distance(other: Device) -> tuple[int, str]:
        theirs = _number(other.name)
        far = 10**6 if mine is None or theirs is None else abs(theirs - mine)
        return far, other.name

    return min(working, key=distance, default=None)


def service_of(session: Session, device: Device, *, now: datetime) -> Service:
    reason = out_of_service_reason(device)
    if reason is None:
        return Service(out_of_service=False)
    nearest = nearest_working(session, device, now=now)
    return Service(True, reason, nearest.name if nearest is not None else None)


def record_heartbeat(
    session: Session,
    device: Device,
    *,
    version: str,
    printer: str,
    scanner: str,
    camera: str,
    now: datetime,
) -> Service:
    """Keep what the device says about itself; answer whether it may serve. Raises nothing."""
    device.last_seen_at = now
    device.version = version
    device.printer_state = printer
    device.scanner_state = scanner
    device.camera_state = camera
    session.flush()
    return service_of(session, device, now=now)


def list_fleet(session: Session, *, store_id: int | None, now: datetime) -> list[FleetRow]:
    """Every device (of one store, or of the chain), revoked ones last."""
    query = select(Device).options(joinedload(Device.store))
    if store_id is not None:
        query = query.where(Device.store_id == store_id)
    rows = []
    for device in session.scalars(query).all():
        silent = None
        if device.last_seen_at is not None and now - device.last_seen_at >= STALE_AFTER:
            silent = int((now - device.last_seen_at).total_seconds() // 60)
        rows.append(
            FleetRow(device, out_of_service_reason(device), silent, device.last_seen_at is None)
        )
    rows.sort(
        key=lambda row: (
            row.device.revoked_at is not None,
            row.device.store.code if row.device.store else "",
            row.device.kind.value,
            _number(row.device.name) or 0,
            row.device.name,
        )
    )
    return rows


def find_device(session: Session, device_id: int, *, store_id: int | None) -> Device:
    """A device this staff member may manage (one store's, or any). Raises UNKNOWN_DEVICE."""
    device = session.get(Device, device_id)
    if device is None or (store_id is not None and device.store_id != store_id):
        raise DomainError(ErrorCode.UNKNOWN_DEVICE, _l("There is no such device."))
    return device


def switch_service(session: Session, device: Device, *, out_of_service: bool) -> Device:
    """Switch a terminal or pickup station out of service, or back.

    Raises VALIDATION_ERROR for other kinds (screens and the shop have no such switch) and
    for a revoked device.
    """
    if device.kind not in SWITCHABLE or device.revoked_at is not None:
        raise DomainError(
            ErrorCode.VALIDATION_ERROR,
            _l("Only a working terminal or pickup station can be switched out of service."),
        )
    device.out_of_service = out_of_service
    session.flush()
    return device
