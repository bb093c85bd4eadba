"""Who is looking at a screen: a paired device (warehouse, board) or a signed-in staff member.

Store screens run in a kiosk browser: they are paired once with their device token, kept
in the signed session cookie; the device is looked up again on every request, so revoking
it locks the screen out at once.
"""

import functools
from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from common import form_values, logs
from common.i18n import keep_language_choice
from common.redirects import safe_next
from server.clock import now
from server.db import get_session
from server.errors import DomainError
from server.models import Device, DeviceKind, StaffRole, StaffUser
from server.services import audit
from server.services.devices import authenticate
from server.services.signin import sign_in

bp = Blueprint("access", __name__)
bp.before_request(keep_language_choice)


def screen_device(*kinds: DeviceKind) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The view needs a paired device of one of these kinds; g.device is it."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapped(**kwargs: Any) -> Any:
            g.kiosk_language = True  # a store screen speaks Russian unless asked otherwise
            device = None
            if "device_id" in session:
                device = get_session().get(Device, session["device_id"])
            if device is None or device.revoked_at is not None or device.kind not in kinds:
                return redirect(url_for("access.pair", next=request.path))
            g.device = device
            logs.bind(device=device.name, store_id=device.store_id)
            return view(**kwargs)

        return wrapped

    return decorator


def _forget_staff() -> None:
    for key in ("staff_id", "staff_since", "staff_seen"):
        session.pop(key, None)


def _timed_out(moment: float) -> str | None:
    """ "idle" or "long" when the signed-in session has run out, else None."""
    config = current_app.config
    if moment - float(session.get("staff_seen", 0)) > int(config["STAFF_IDLE_MINUTES"]) * 60:
        return "idle"
    if moment - float(session.get("staff_since", 0)) > int(config["STAFF_SESSION_HOURS"]) * 3600:
        return "long"
    return None


def _back_here() -> str:
    """Where to return after signing in: this page, or for a form the page that sent it."""
    if request.method == "GET":
        query = request.query_string.decode("latin-1")
        return request.path + (f"?{query}" if query else "")
    referrer = request.referrer or ""
    if referrer.startswith(request.host_url):
        return "/" + referrer[len(request.host_url) :]
    return url_for("pages.index")


def staff_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """The view needs a signed-in, active staff member (any role); g.staff is them.

    A session unused for STAFF_IDLE_MINUTES, or older than STAFF_SESSION_HOURS, ends: the
    person signs in again and comes back to the page they asked for.
    """

    @functools.wraps(view)
    def wrapped(**kwargs: Any) -> Any:
        staff, expired = None, None
        if "staff_id" in session:
            moment = now().timestamp()
            expired = _timed_out(moment)
            if expired is None:
                staff = get_session().get(StaffUser, session["staff_id"])
            if staff is None or not staff.active:
                _forget_staff()
                staff = None
            else:
                session["staff_seen"] = moment
        if staff is None:
            return redirect(url_for("access.login", next=_back_here(), expired=expired))
        g.staff = staff
        logs.bind(staff=staff.username)
        if request.method == "POST":
            audit.begin(get_session(), staff)
        return view(**kwargs)

    if not hasattr(wrapped, "staff_roles"):
        wrapped.staff_roles = frozenset(StaffRole)  # type: ignore[attr-defined]
    return wrapped


def staff_role(*roles: StaffRole) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The view needs a signed-in staff member of one of these roles (an admin always passes).

    A member of another role gets the same "not for your role" page whatever the URL, so a
    refusal tells nothing about what lies behind it. The roles are kept on the view
    (``staff_roles``), so menus show only what a person may open.
    """
    allowed = frozenset({StaffRole.ADMIN, *roles})

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def guarded(**kwargs: Any) -> Any:
            if g.staff.role not in allowed:
                return render_template("server/not_your_role.html", staff=g.staff), 403
            return view(**kwargs)

        guarded.staff_roles = allowed  # type: ignore[attr-defined]
        return staff_required(guarded)

    return decorator


def may_open(endpoint: str) -> bool:
    """Whether the signed-in staff member's role may open this page (for menus and links)."""
    staff = g.get("staff")
    roles = getattr(current_app.view_functions.get(endpoint), "staff_roles", None)
    return staff is not None and roles is not None and staff.role in roles


@bp.route("/screens/pair", methods=["GET", "POST"])
def pair() -> ResponseReturnValue:
    """Pair this browser with a device token (warehouse screen, ready board).

    The token is typed or pasted into the form and sent in the body: a token in the URL
    would land in access logs and the browser's history, so a GET only shows the form.
    """
    if request.method == "GET":
        return render_template("server/pair.html", error=None)
    token = request.form.get("token", "").strip()[:200]
    if not token:
        return render_template("server/pair.html", error=_("Enter the device key.")), 422
    device = authenticate(get_session(), token)
    if device is None or device.kind not in (DeviceKind.WAREHOUSE, DeviceKind.BOARD):
        error = _("This key does not belong to a warehouse screen or a ready board.")
        return render_template("server/pair.html", error=error), 422
    session["device_id"] = device.id
    home = "screens.warehouse" if device.kind is DeviceKind.WAREHOUSE else "board.board"
    return redirect(safe_next(request.values.get("next"), url_for(home)))


EXPIRED = {
    "idle": _l("You were signed out after %(minutes)s minutes without activity."),
    "long": _l("Your session was too long and has ended."),
}


@bp.route("/login", methods=["GET", "POST"])
def old_login() -> ResponseReturnValue:
    """The sign-in's old address: bookmarks go to the new one, a form sent there still works."""
    if request.method == "POST":
        return login()
    query = request.query_string.decode("latin-1")
    return redirect(url_for("access.login") + (f"?{query}" if query else ""), 301)


@bp.route("/staff/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    error, status = None, 200
    expired = EXPIRED.get(request.args.get("expired", ""))
    if expired is not None:
        minutes = current_app.config["STAFF_IDLE_MINUTES"]
        error = f"{expired % {'minutes': minutes}} {_('Sign in again to go on.')}"
    if request.method == "POST":
        session_db = get_session()
        # text() drops NUL and other control characters: they never reach the database.
        username = form_values.text(request.form.get("username"), limit=60)
        try:
            staff = sign_in(
                session_db,
                username=username,
                password=request.form.get("password", "")[:200],
                address=request.remote_addr or "",
                now=now(),
            )
        except DomainError as exc:
            session_db.rollback()
            staff, error, status = None, str(exc.message), exc.status
        audit.record(
            session_db,
            staff,
            "sign_in" if staff is not None else "sign_in_failed",
            username=username,
            details={} if status == 200 else {"locked": True},
        )
        session_db.commit()
        if staff is not None:
            session.clear()
            moment = now().timestamp()
            session.update(staff_id=staff.id, staff_since=moment, staff_seen=moment)
            return redirect(safe_next(request.values.get("next"), url_for("pages.index")))
        if status == 200:
            error, status = _("Wrong name or password."), 401
    return render_template("server/login.html", error=error), status


@bp.post("/staff/logout")
def logout() -> ResponseReturnValue:
    if "staff_id" in session:
        session_db = get_session()
        staff = session_db.get(StaffUser, session["staff_id"])
        if staff is not None:
            audit.record(session_db, staff, "sign_out")
            session_db.commit()
    _forget_staff()
    return redirect(url_for("access.login"))
