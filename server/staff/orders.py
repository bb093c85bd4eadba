"""/staff/orders: find an order by anything the customer can say, read its whole story,
and act on it with a reason (cancel and refund, extend the hold, resend a message, hand it
over to another store)."""

from collections.abc import Callable

from flask import current_app, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

from common import order_life
from server.clock import now
from server.db import get_session
from server.errors import DomainError
from server.labels import Money, status_label
from server.models import Order, StaffRole
from server.notifications.staff import CHANNEL_LABELS, STATUS_LABELS
from server.screens.access import staff_role
from server.services import hand_over, order_care
from server.staff.console import blueprint, field
from server.staff.labels import BONUS_REASONS, staff_actor
from server.staff.stock_labels import KIND_LABELS as MOVEMENT_LABELS

bp = blueprint("staff_orders", __name__)

VIEWERS = (StaffRole.MANAGER, StaffRole.CLERK)


@bp.get("/orders")
@staff_role(*VIEWERS)
def search() -> str:
    words = field("q", 100)
    found = order_care.find_orders(get_session(), g.staff, words) if words else []
    return render_template(
        "server/care/orders.html", words=words, found=found, status_label=status_label, money=Money
    )


def _page(number: str, *, error: str | None = None, status: int = 200) -> ResponseReturnValue:
    session = get_session()
    try:
        order = order_care.order_in_reach(session, g.staff, number[:40])
    except DomainError as exc:
        return render_template("server/stock/missing.html", message=exc.message), 404
    story = order_care.timeline(session, order)
    config = current_app.config
    return render_template(
        "server/care/order.html",
        story=story,
        order=order,
        status_label=status_label,
        money=Money,
        outbox_labels=STATUS_LABELS,
        channel_labels=CHANNEL_LABELS,
        bonus_reasons=BONUS_REASONS,
        resendable=order_care.resendable(story.messages),
        # What the customer read, newest of each kind: a person sees no internal names.
        movement_labels=MOVEMENT_LABELS,
        subjects={m.kind: m.subject for m in story.messages if m.subject},
        can_cancel=order.status in order_life.OPEN and g.staff.role != StaffRole.CLERK,
        can_extend=order.status in order_life.WAITING,
        destinations=(
            hand_over.destinations(session, order) if g.staff.role != StaffRole.CLERK else []
        ),
        extensions_left=max(0, config["HOLD_EXTENSIONS_MAX"] - order.hold_extensions),
        error=error,
    ), status


@bp.get("/orders/<number>")
@staff_role(*VIEWERS)
def order(number: str) -> ResponseReturnValue:
    return _page(number)


def _act(number: str, action: Callable[[Session, Order], object]) -> ResponseReturnValue:
    """One action on the locked order in one transaction; the order page again, or its error."""
    session = get_session()
    try:
        found = order_care.order_in_reach(session, g.staff, number[:40], lock=True)
        action(session, found)
        session.commit()
    except DomainError as exc:
        session.rollback()
        return _page(number, error=str(exc.message), status=exc.status)
    return redirect(url_for("staff_orders.order", number=found.number))


@bp.post("/orders/<number>/cancel")
@staff_role(StaffRole.MANAGER)
def cancel(number: str) -> ResponseReturnValue:
    reason = field("reason", 200)
    return _act(
        number,
        lambda s, o: order_care.cancel_and_refund(s, o, reason, actor=staff_actor(), now=now()),
    )


@bp.post("/orders/<number>/extend")
@staff_role(*VIEWERS)
def extend(number: str) -> ResponseReturnValue:
    reason, config = field("reason", 200), current_app.config
    return _act(
        number,
        lambda s, o: order_care.extend_hold(
            s,
            o,
            reason,
            days=config["PICKUP_HOLD_DAYS"],
            most=config["HOLD_EXTENSIONS_MAX"],
            actor=staff_actor(),
            now=now(),
        ),
    )


@bp.post("/orders/<number>/resend")
@staff_role(*VIEWERS)
def resend(number: str) -> ResponseReturnValue:
    kind, reason = field("kind", 40), field("reason", 200)
    return _act(
        number,
        lambda s, o: order_care.resend_message(s, o, kind, reason, actor=staff_actor(), now=now()),
    )


@bp.post("/orders/<number>/hand-over")
@staff_role(StaffRole.MANAGER)
def hand_over_to(number: str) -> ResponseReturnValue:
    store, reason = field("store", 16), field("reason", 200)
    return _act(
        number,
        lambda s, o: hand_over.hand_over(s, o, store, reason, actor=staff_actor(), now=now()),
    )
