"""/staff/stuck: stuck orders, live. The page polls itself every 2 s and every poll reads
the database, so it is the same in every server process; the promise alert to managers is
the worker's (server/services/stuck.alert_broken_promises), never a page request's."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, g, render_template, request
from flask.typing import ResponseReturnValue

from server.clock import now
from server.db import get_session
from server.models import StaffRole
from server.screens.access import staff_role
from server.services import stuck as stuck_service
from server.staff.care_labels import STUCK_KINDS
from server.staff.console import blueprint

bp = blueprint("staff_stuck", __name__)

# The one action that unsticks each kind of row: a section of the order page.
ACTIONS = {
    stuck_service.StuckKind.UNTAKEN: "cancel",
    stuck_service.StuckKind.UNPLACED: "cancel",
    stuck_service.StuckKind.AT_WINDOW: "resend",
    stuck_service.StuckKind.LATE_TRANSIT: "cancel",
    stuck_service.StuckKind.HOLD_ENDS: "extend",
    stuck_service.StuckKind.NOT_FOUND: "cancel",
}


def limits(at: datetime) -> stuck_service.Limits:
    config = current_app.config
    zone = ZoneInfo(str(config["BABEL_DEFAULT_TIMEZONE"]))
    tomorrow = at.astimezone(zone).date() + timedelta(days=1)
    return stuck_service.Limits(
        untaken=timedelta(minutes=config["STUCK_UNTAKEN_MINUTES"]),
        unplaced=timedelta(minutes=config["STUCK_UNPLACED_MINUTES"]),
        transit=timedelta(hours=config["STUCK_TRANSIT_HOURS"]),
        day_end=datetime.combine(tomorrow, time.min, zone),
    )


@bp.get("/stuck")
@staff_role(StaffRole.MANAGER, StaffRole.CLERK)
def stuck() -> ResponseReturnValue:
    session, at = get_session(), now()
    rows = stuck_service.stuck_orders(session, g.staff, limits(at), now=at)
    within = timedelta(minutes=current_app.config["PROMISE_ALERT_MINUTES"])
    broken = [
        s
        for s in stuck_service.broken_promise_stores(session, now=at, within=within)
        if g.staff.store_id in (None, s.id) or g.staff.role == StaffRole.ADMIN
    ]
    template = (
        "server/care/_stuck.html" if request.headers.get("HX-Request") else "server/care/stuck.html"
    )
    return render_template(
        template, rows=rows, broken=broken, kinds=STUCK_KINDS, actions=ACTIONS, now=at
    )
