"""What one tap on the warehouse screen does to one order: a small declared table of actions.

The screen names an action in its URL; each name maps to one order service. The order is
locked before anything changes, and the warehouse acts only on the orders it picks (their
source store): that rule is the order services' own store check, applied to every action
here, including picking a line and reporting one missing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from server.models import Order
from server.services import access, order_flow, picking, transfers
from server.services.actors import Actor
from server.services.kpi import PROMISE


@dataclass(frozen=True)
class Tap:
    """A picker's tap, already parsed by the view: the order, and the line or window it names."""

    number: str
    sku: str = ""
    window: int = 0


@dataclass(frozen=True)
class Picker:
    """The picker tapping: who, when, and the chain's default pickup hold."""

    actor: Actor
    now: datetime
    hold_days: int


Run = Callable[[Session, Order, Tap, Picker], object]


@dataclass(frozen=True)
class Action:
    """One warehouse action: which fields of the tap it reads, and the service it calls."""

    run: Run
    needs_sku: bool = False
    needs_window: bool = False


ACTIONS: dict[str, Action] = {
    "take": Action(
        lambda session, order, tap, by: order_flow.start_picking(
            session, order, actor=by.actor, now=by.now
        )
    ),
    "picked": Action(
        lambda session, order, tap, by: picking.pick_line(
            session, order, sku=tap.sku, actor=by.actor, now=by.now
        ),
        needs_sku=True,
    ),
    "missing": Action(
        lambda session, order, tap, by: picking.report_missing(
            session, order, sku=tap.sku, qty=1, actor=by.actor, now=by.now
        ),
        needs_sku=True,
    ),
    "ready": Action(
        lambda session, order, tap, by: order_flow.mark_ready(
            session, order, window=tap.window, hold_days=by.hold_days, actor=by.actor, now=by.now
        ),
        needs_window=True,
    ),
    "ship": Action(
        lambda session, order, tap, by: transfers.ship(session, order, actor=by.actor, now=by.now)
    ),
}


def act(session: Session, name: str, tap: Tap, picker: Picker) -> Order:
    """Do the named action on the tapped order, after the store check.

    Raises ORDER_NOT_FOUND (also for another store's order), and whatever the action's
    service raises (INVALID_TRANSITION, UNKNOWN_PRODUCT, VALIDATION_ERROR, NOT_PICKED,
    UNKNOWN_WINDOW, ORDER_EXPIRED, ORDER_CANCELLED). An unknown action name is a KeyError:
    the URL rule lists the names, so it cannot reach here.
    """
    action = ACTIONS[name]
    order = access.find_order(session, tap.number, actor=picker.actor, lock=True)
    action.run(session, order, tap, picker)
    return order


# Past the promise an order is late (amber on the screen); far past it, overdue (red): the
# picker takes it next, the floor lead steps in.
OVERDUE = timedelta(minutes=10)


def lateness(waited: timedelta) -> str:
    """How late an order is for the screen's colour: "late" past the promise of goods in
    hand, "overdue" past OVERDUE, "" while it is still on time."""
    if waited > OVERDUE:
        return "overdue"
    return "late" if waited > PROMISE else ""
