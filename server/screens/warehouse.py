"""The warehouse screen: paid orders first in, first out, with bins; take, pick, send on."""

from flask import Blueprint, current_app, g, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from common import form_values
from common.form_values import BadValue
from common.i18n import keep_language_choice
from server.clock import now
from server.db import get_session
from server.errors import DomainError
from server.models import DeviceKind
from server.screens.access import screen_device
from server.services import picking, warehouse_actions
from server.services.actors import Actor

bp = Blueprint("screens", __name__)
bp.before_request(keep_language_choice)


def _queue_page(error: str | None = None, status: int = 200) -> ResponseReturnValue:
    session = get_session()
    store = g.device.store
    queue = picking.warehouse_queue(session, store.id)
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
        bins=picking.bins(session, store.id, product_ids),
        now=now(),
        lateness=warehouse_actions.lateness,
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
    session = get_session()
    picker = warehouse_actions.Picker(
        actor=Actor.of_device(g.device),
        now=now(),
        hold_days=current_app.config["PICKUP_HOLD_DAYS"],
    )
    try:
        warehouse_actions.act(session, change, _tap(number, change), picker)
        session.commit()
    except BadValue as exc:
        return _queue_page(error=str(exc.message), status=400)
    except DomainError as exc:
        session.rollback()
        return _queue_page(error=str(exc.message), status=exc.status)
    return _queue_page()
