"""Staff accounts (admin): list, create, role and store, password reset, PIN, switch off;
and every staff member's own password."""

from collections.abc import Callable
from typing import Any

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from common import form_values
from common.i18n import keep_language_choice
from server.db import get_session
from server.models import StaffRole, StaffUser
from server.screens.access import staff_required, staff_role
from server.services import staff_accounts
from server.services.catalog import list_stores
from server.staff.forms import ROLE_LABELS, apply, guard, optional_id

bp = Blueprint("accounts", __name__, url_prefix="/staff")
bp.before_request(keep_language_choice)
guard(bp)


def _list_page(error: str | None = None, status: int = 200) -> ResponseReturnValue:
    session = get_session()
    return render_template(
        "server/staff/accounts.html",
        accounts=staff_accounts.list_staff(session),
        stores=list_stores(session),
        roles=ROLE_LABELS,
        staff=g.staff,
        error=error,
        form=request.form if error else {},
    ), status


@bp.get("/accounts")
@staff_role(StaffRole.ADMIN)
def accounts() -> ResponseReturnValue:
    return _list_page()


@bp.post("/accounts")
@staff_role(StaffRole.ADMIN)
def create() -> ResponseReturnValue:
    form = request.form
    username = form_values.text(form.get("username"), limit=60)
    role = form_values.text(form.get("role"), limit=20)
    created, error, status = apply(
        lambda: staff_accounts.create_staff(
            get_session(),
            username=username,
            full_name=form_values.text(form.get("full_name"), limit=120),
            role=role,
            store_id=optional_id(form.get("store")),
            password=form.get("password", "")[:1000],
        ),
        "staff_create",
        username,
        {"role": role},
    )
    if error:
        return _list_page(error, status)
    return redirect(url_for("accounts.account", staff_id=created.id))


def _account_page(
    staff_id: int, error: str | None = None, status: int = 200
) -> ResponseReturnValue:
    session = get_session()
    return render_template(
        "server/staff/account.html",
        account=staff_accounts.find_staff(session, staff_id),
        stores=list_stores(session),
        roles=ROLE_LABELS,
        staff=g.staff,
        error=error,
        done=request.args.get("done"),
    ), status


@bp.get("/accounts/<int:staff_id>")
@staff_role(StaffRole.ADMIN)
def account(staff_id: int) -> ResponseReturnValue:
    return _account_page(staff_id)


def _change(
    staff_id: int,
    action: str,
    change: Callable[[StaffUser], object],
    details: dict[str, Any] | None = None,
) -> ResponseReturnValue:
    account = staff_accounts.find_staff(get_session(), staff_id)
    _result, error, status = apply(lambda: change(account), action, account.username, details)
    if error:
        return _account_page(staff_id, error, status)
    return redirect(url_for("accounts.account", staff_id=staff_id, done=action))


@bp.post("/accounts/<int:staff_id>/role")
@staff_role(StaffRole.ADMIN)
def change_role(staff_id: int) -> ResponseReturnValue:
    role = form_values.text(request.form.get("role"), limit=20)
    store = request.form.get("store")
    return _change(
        staff_id,
        "staff_role",
        lambda account: staff_accounts.change_role(
            get_session(), account, role=role, store_id=optional_id(store), acting=g.staff
        ),
        {"role": role, "store": store or ""},
    )


@bp.post("/accounts/<int:staff_id>/password")
@staff_role(StaffRole.ADMIN)
def reset_password(staff_id: int) -> ResponseReturnValue:
    password = request.form.get("password", "")[:1000]
    return _change(
        staff_id,
        "staff_password_reset",
        lambda account: staff_accounts.reset_password(get_session(), account, password),
    )


@bp.post("/accounts/<int:staff_id>/active")
@staff_role(StaffRole.ADMIN)
def set_active(staff_id: int) -> ResponseReturnValue:
    active = request.form.get("active") == "1"
    return _change(
        staff_id,
        "staff_activate" if active else "staff_deactivate",
        lambda account: staff_accounts.set_active(get_session(), account, active, acting=g.staff),
    )


@bp.post("/accounts/<int:staff_id>/pin")
@staff_role(StaffRole.ADMIN)
def set_pin(staff_id: int) -> ResponseReturnValue:
    pin = (request.form.get("pin") or "").strip()[:8]
    return _change(
        staff_id,
        "staff_pin",
        lambda account: staff_accounts.set_pin(get_session(), account, pin),
        {"removed": not pin},
    )


@bp.route("/password", methods=["GET", "POST"])
@staff_required
def own_password() -> ResponseReturnValue:
    """Any staff member changes their own password (knowing the current one)."""
    error, status, done = None, 200, False
    if request.method == "POST":
        form = request.form
        _result, error, status = apply(
            lambda: staff_accounts.change_own_password(
                get_session(),
                g.staff,
                current=form.get("current", "")[:1000],
                new=form.get("new", "")[:1000],
                repeat=form.get("repeat", "")[:1000],
            ),
            "own_password",
            g.staff.username,
        )
        done = error is None
    return render_template(
        "server/staff/password.html", staff=g.staff, error=error, done=done
    ), status
