"""The clerk on shift: a name chosen on the station, so hand-outs say who and at which window."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from common import form_values
from common.i18n import current_language
from pickup.station import station

bp = Blueprint("shift", __name__)

NAME_LIMIT = 60


@bp.get("/clerk")
def clerk_form() -> str:
    identity = station().identity(current_language())
    return render_template("pickup/clerk.html", clerk=identity.clerk or "")


@bp.post("/clerk")
def set_clerk() -> ResponseReturnValue:
    name = form_values.text(request.form.get("clerk"), limit=NAME_LIMIT)
    station().set_clerk(name, current_language())
    return redirect(url_for("screen.screen"))
