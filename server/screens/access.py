"""Who is looking at a screen: a paired device (warehouse, board) or a signed-in staff member.

Store screens run in a kiosk browser: they are paired once with their device token, kept
in the signed session cookie; the device is looked up again on every request, so revoking
it locks the screen out at once.
"""

import functools
from collections.abc import Callable
from typing import Any

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from common import form_values, logs
from common.i18n import keep_language_choice
from common.redirects import safe_next
from server.clock import now
from server.db import get_session
from server.errors import DomainError
from server.models import Device, DeviceKind, StaffRole, StaffUser
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


def staff_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def wrapped(**kwargs: Any) -> Any:
        staff = get_session().get(StaffUser, session["staff_id"]) if "staff_id" in session else None
        if staff is None or not staff.active:
            return redirect(url_for("access.login", next=request.path))
        g.staff = staff
        logs.bind(staff=staff.username)
        return view(**kwargs)

    return wrapped


def staff_role(*roles: StaffRole) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The view needs a signed-in staff member of one of these roles (an admin always passes).

    A member of another role gets the same "not for your role" page whatever the URL, so a
    refusal tells nothing about what lies behind it.
    """
    allowed = {StaffRole.ADMIN, *roles}

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def guarded(**kwargs: Any) -> Any:
            if g.staff.role not in allowed:
                return render_template("server/not_your_role.html", staff=g.staff), 403
            return view(**kwargs)

        return staff_required(guarded)

    return decorator


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


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    error, status = None, 200
    if request.method == "POST":
        session_db = get_session()
        try:
            staff = sign_in(
                session_db,
                # text() drops NUL and other control characters: they never reach the database.
                username=form_values.text(request.form.get("username"), limit=60),
                password=request.form.get("password", "")[:200],
                address=request.remote_addr or "",
                now=now(),
            )
            session_db.commit()
        except DomainError as exc:
            session_db.rollback()
            staff, error, status = None, str(exc.message), exc.status
        if staff is not None:
            session.clear()
            session["staff_id"] = staff.id
            return redirect(safe_next(request.values.get("next"), url_for("pages.index")))
        if error is None:
            error, status = _("Wrong name or password."), 401
    return render_template("server/login.html", error=error), status


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    session.pop("staff_id", None)
    return redirect(url_for("access.login"))
