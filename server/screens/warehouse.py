"""The warehouse screen: paid orders first in, first out, with bins; take, pick, send on."""

from flask import Blueprint, current_app, g, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from common import form_values
from common.form_values import BadValue
from common.i18n import keep_language_choice
from server.clock import now
from server.db import get_session
from server.errors import DomainError
from server.models import DeviceKind, StaffRole, StaffUser
from server.screens.access import screen_device
from server.services import audit, picking, staff_accounts, warehouse_actions
from server.services.actors import Actor

bp = Blueprint("screens", __name__)
bp.before_request(keep_language_choice)


def _picker() -> StaffUser | None:
    """The picker who chose themself on this screen, while they may still pick here."""
    staff_id = session.get("picker_id")
    picker = get_session().get(StaffUser, staff_id) if staff_id else None
    if (
        picker is None
        or not picker.active
        or picker.role != StaffRole.PICKER.value
        or picker.store_id != g.device.store_id
    ):
        session.pop("picker_id", None)
        return None
    return picker


def _queue_page(error: str | None = None, status: int = 200) -> ResponseReturnValue:
    db = get_session()
    store = g.device.store
    queue = picking.warehouse_queue(db, store.id)
    product_ids = [line.product_id for item in queue for line in item.order.lines]
    template = (
        "server/_warehouse_queue.html"
        if request.headers.get("HX-Request")
        else "server/warehouse.html"
    )
    return render_template(
        template,
        store=store,
        queue=queue,
        bins=picking.bins(db, store.id, product_ids),
        now=now(),
        lateness=warehouse_actions.lateness,
        picker=_picker(),
        error=error,
    ), status


@bp.get("/warehouse")
@screen_device(DeviceKind.WAREHOUSE)
def warehouse() -> ResponseReturnValue:
    return _queue_page()


def _tap(number: str, change: str) -> warehouse_actions.Tap:
    """The tapped order and what the action reads of the form; BadValue if unreadable."""
    action = warehouse_actions.ACTIONS[change]
    form = request.form
    return warehouse_actions.Tap(
        number=form_values.code(number, what=_l("There is no such order.")),
        sku=form_values.code(form.get("sku")) if action.needs_sku else "",
        window=form_values.window(form.get("window")) if action.needs_window else 0,
    )


@bp.post("/warehouse/orders/<number>/<any(take, picked, missing, ready, ship):change>")
@screen_device(DeviceKind.WAREHOUSE)
def act(number: str, change: str) -> ResponseReturnValue:
    """One picker action on one order, then the queue as it is now."""
    db = get_session()
    person = _picker()
    picker = warehouse_actions.Picker(
        actor=Actor.of_picker(g.device, person) if person else Actor.of_device(g.device),
        now=now(),
        hold_days=current_app.config["PICKUP_HOLD_DAYS"],
    )
    try:
        warehouse_actions.act(db, change, _tap(number, change), picker)
        db.commit()
    except BadValue as exc:
        return _queue_page(error=str(exc.message), status=400)
    except DomainError as exc:
        db.rollback()
        return _queue_page(error=str(exc.message), status=exc.status)
    return _queue_page()


def _pickers_page(error: str | None = None, status: int = 200) -> ResponseReturnValue:
    return render_template(
        "server/warehouse_picker.html",
        store=g.device.store,
        pickers=staff_accounts.pickers(get_session(), g.device.store_id),
        picker=_picker(),
        error=error,
    ), status


@bp.get("/warehouse/picker")
@screen_device(DeviceKind.WAREHOUSE)
def choose_picker() -> ResponseReturnValue:
    """Who is picking at this screen: the store's pickers, a tap on one's own name."""
    return _pickers_page()


@bp.post("/warehouse/picker")
@screen_device(DeviceKind.WAREHOUSE)
def set_picker() -> ResponseReturnValue:
    """The picker chosen (with their PIN, when they have one); their taps carry their name."""
    db = get_session()
    staff_id = form_values.record_id(request.form.get("staff_id"))
    chosen = next(
        (p for p in staff_accounts.pickers(db, g.device.store_id) if p.id == staff_id), None
    )
    if chosen is None:
        return _pickers_page(_l("Choose your name from the list."), 422)
    pin = (request.form.get("pin") or "").strip()
    try:
        matches = staff_accounts.check_pin(
            db, chosen, pin, address=request.remote_addr or "", now=now()
        )
    except DomainError as exc:
        db.rollback()
        return _pickers_page(str(exc.message), exc.status)
    if matches:
        audit.record(db, chosen, "picker_on_shift", g.device.name)
    db.commit()
    if not matches:
        return _pickers_page(_l("Wrong PIN."), 422)
    session["picker_id"] = chosen.id
    return redirect(url_for("screens.warehouse"))


@bp.post("/warehouse/picker/leave")
@screen_device(DeviceKind.WAREHOUSE)
def leave_picker() -> ResponseReturnValue:
    session.pop("picker_id", None)
    return redirect(url_for("screens.choose_picker"))
