"""/staff/devices: the fleet page. Every device with its last heartbeat; register one (its
token shown once, on the answer to the form, never again), revoke one, and switch a
terminal or pickup station out of service. Admins and managers only.
"""

from collections.abc import Callable

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from common import form_values
from common.form_values import BadValue
from common.i18n import keep_language_choice
from server.clock import now
from server.db import get_session
from server.errors import DomainError
from server.models import Device, DeviceKind, StaffRole, Store
from server.screens.access import staff_role
from server.services import fleet
from server.services.catalog import list_stores
from server.services.devices import STORELESS_KINDS, register_device, revoke_device

bp = Blueprint("staff_devices", __name__, url_prefix="/staff")
bp.before_request(keep_language_choice)

KIND_LABELS: dict[str, LazyString] = {
    DeviceKind.TERMINAL: _l("terminal"),
    DeviceKind.PICKUP: _l("pickup station"),
    DeviceKind.WAREHOUSE: _l("warehouse screen"),
    DeviceKind.BOARD: _l("ready board"),
    DeviceKind.SHOP: _l("online shop or call centre"),
}
# Each state: words, and the colour class that goes with them (never colour alone).
PRINTER_LABELS: dict[str, tuple[LazyString, str]] = {
    "ok": (_l("works"), "ok"),
    "paper_low": (_l("paper running low"), "warn"),
    "paper_out": (_l("out of paper"), "bad"),
    "cover_open": (_l("cover open"), "bad"),
    "offline": (_l("not responding"), "bad"),
    "none": (_l("no printer"), "muted"),
}
SCANNER_LABELS: dict[str, tuple[LazyString, str]] = {
    "ok": (_l("works"), "ok"),
    "offline": (_l("not responding"), "bad"),
    "none": (_l("none"), "muted"),
}
REASON_LABELS: dict[str, LazyString] = {
    "switched_off": _l("switched out of service"),
    "printer": _l("out of service: cannot print receipts, so it takes no money"),
}


def _scope() -> int | None:
    """A manager of one store sees that store's devices; an admin or a chain manager all."""
    return None if g.staff.role == StaffRole.ADMIN else g.staff.store_id


def _stores() -> list[Store]:
    store_id = _scope()
    return [s for s in list_stores(get_session()) if store_id is None or s.id == store_id]


def _page(
    *, created: tuple[Device, str] | None = None, error: str | None = None, status: int = 200
) -> ResponseReturnValue:
    moment = now()
    headers = {"Cache-Control": "no-store"}  # the token must not come back from the cache
    return (
        render_template(
            "server/staff_devices.html",
            rows=fleet.list_fleet(get_session(), store_id=_scope(), now=moment),
            stores=_stores(),
            kinds=KIND_LABELS,
            printer_labels=PRINTER_LABELS,
            scanner_labels=SCANNER_LABELS,
            reasons=REASON_LABELS,
            switchable=fleet.SWITCHABLE,
            created=created,
            error=error,
            form=request.form if error else {},
            staff=g.staff,
        ),
        status,
        headers,
    )


@bp.get("/devices")
@staff_role(StaffRole.MANAGER)
def devices() -> ResponseReturnValue:
    return _page()


@bp.post("/devices")
@staff_role(StaffRole.MANAGER)
def register() -> ResponseReturnValue:
    session = get_session()
    try:
        name = form_values.code(
            request.form.get("name"), what=_l("Name the device with letters, digits and dashes.")
        )
        kind = _kind(request.form.get("kind"))
        store_code = request.form.get("store", "")
        store = next((s for s in _stores() if s.code == store_code), None)
        if store is None and (kind not in STORELESS_KINDS or _scope() is not None):
            raise BadValue(_l("Choose the store this device works in."))
        raw_window = request.form.get("window", "").strip()
        window = form_values.window(raw_window) if raw_window else None
        created = register_device(
            session, name=name, kind=kind, store=store, now=now(), window=window
        )
    except BadValue as exc:
        session.rollback()
        return _page(error=str(exc.message), status=422)
    except DomainError as exc:
        session.rollback()
        return _page(error=str(exc.message), status=exc.status if exc.status < 500 else 422)
    session.commit()
    return _page(created=created, status=201)


def _kind(raw: str | None) -> DeviceKind:
    chosen = form_values.choice(raw, {kind.value for kind in DeviceKind}, default="")
    if not chosen:
        raise BadValue(_l("Choose what kind of device it is."))
    return DeviceKind(chosen)


def _device(device_id: str) -> Device:
    return fleet.find_device(get_session(), form_values.record_id(device_id), store_id=_scope())


def _act(device_id: str, change: Callable[[Session, Device], object]) -> ResponseReturnValue:
    """Find the device within this staff member's reach, change it, commit, back to the list."""
    session = get_session()
    try:
        change(session, _device(device_id))
    except BadValue as exc:
        session.rollback()
        return _page(error=str(exc.message), status=404)
    except DomainError as exc:
        session.rollback()
        return _page(error=str(exc.message), status=exc.status)
    session.commit()
    return redirect(url_for("staff_devices.devices"))


@bp.post("/devices/<device_id>/service")
@staff_role(StaffRole.MANAGER)
def switch(device_id: str) -> ResponseReturnValue:
    on = request.form.get("out_of_service") == "1"
    return _act(
        device_id,
        lambda session, device: fleet.switch_service(session, device, out_of_service=on),
    )


@bp.get("/devices/<device_id>/revoke")
@staff_role(StaffRole.MANAGER)
def confirm_revoke(device_id: str) -> ResponseReturnValue:
    """Revoking cannot be undone: the page asks once more, naming the device."""
    try:
        device = _device(device_id)
    except (BadValue, DomainError) as exc:
        return _page(error=str(exc.message), status=404)
    return render_template(
        "server/staff_device_revoke.html", device=device, kinds=KIND_LABELS, staff=g.staff
    )


@bp.post("/devices/<device_id>/revoke")
@staff_role(StaffRole.MANAGER)
def revoke(device_id: str) -> ResponseReturnValue:
    return _act(
        device_id, lambda session, device: revoke_device(session, name=device.name, now=now())
    )
