"""The warehouse screen: paid orders first in, first out, with bins; take, pick, send on."""

from flask import Blueprint, current_app, g, render_template, request
from flask.typing import ResponseReturnValue

from server.clock import now
from server.db import get_session
from server.errors import DomainError
from server.models import DeviceKind
from server.screens.access import screen_device
from server.services import order_flow, picking, transfers
from server.services.actors import Actor
from server.services.orders import find_order

bp = Blueprint("screens", __name__)


def _queue_page(error: str | None = None, status: int = 200) -> ResponseReturnValue:
    session = get_session()
    store = g.device.store
    queue = picking.warehouse_queue(session, store.id)
    product_ids = [line.product_id for item in queue for line in item.order.lines]
    template = (
        "server/_warehouse_queue.html"
        if request.headers.get("HX-Request")
        else ("server/warehouse.html")
    )
    return render_template(
        template,
        store=store,
        queue=queue,
        bins=picking.bins(session, store.id, product_ids),
        now=now(),
        error=error,
    ), status


@bp.get("/warehouse")
@screen_device(DeviceKind.WAREHOUSE)
def warehouse() -> ResponseReturnValue:
    return _queue_page()


def _act(number: str, change: str) -> ResponseReturnValue:
    """One picker action on one order, then the queue as it is now."""
    session = get_session()
    actor = Actor.of_device(g.device)
    try:
        order = find_order(session, number[:20], lock=True)
        if order.source_store_id != g.device.store_id:
            return _queue_page(status=404)
        sku = request.form.get("sku", "")[:32]
        if change == "take":
            order_flow.start_picking(session, order, actor=actor, now=now())
        elif change == "picked":
            picking.pick_line(session, order, sku=sku, actor=actor, now=now())
        elif change == "missing":
            picking.report_missing(session, order, sku=sku, qty=1, actor=actor, now=now())
        elif change == "ship":
            transfers.ship(session, order, actor=actor, now=now())
        else:
            window = request.form.get("window", "")
            order_flow.mark_ready(
                session,
                order,
                window=int(window) if window.isdigit() else 0,
                hold_days=current_app.config["PICKUP_HOLD_DAYS"],
                actor=actor,
                now=now(),
            )
        session.commit()
    except DomainError as exc:
        session.rollback()
        return _queue_page(error=str(exc.message), status=exc.status)
    return _queue_page()


@bp.post("/warehouse/orders/<number>/<any(take, picked, missing, ready, ship):change>")
@screen_device(DeviceKind.WAREHOUSE)
def act(number: str, change: str) -> ResponseReturnValue:
    return _act(number, change)
