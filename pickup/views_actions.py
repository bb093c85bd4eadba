"""Actions from the result panel: hand out (all or chosen lines), take a payment, print again."""

import re
from collections.abc import Callable

from flask import Blueprint, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from common.api_client import ApiError, ServerUnreachable
from pickup import desk
from pickup.station import Shown, station
from pickup.views_screen import current_mode, render_result

bp = Blueprint("actions", __name__, url_prefix="/shown/<token>")

TOKEN = re.compile(r"^[0-9a-f-]{36}$")


class BadForm(Exception):
    """A tampered or stale form: answered on the panel, never a 500."""


def _shown(token: str) -> Shown | None:
    return station().shown.get(token) if TOKEN.match(token) else None


def _step() -> int:
    raw = request.form.get("step", "")
    if not raw.isdigit() or len(raw) > 6:
        raise BadForm(_("This screen is out of date. Scan the receipt again."))
    return int(raw)


def _chosen(shown: Shown) -> dict[str, int]:
    """The ticked lines and their quantities, each within what is still open."""
    chosen: dict[str, int] = {}
    picked = set(request.form.getlist("pick"))
    for line in shown.open_lines:
        if line["sku"] not in picked:
            continue
        raw = request.form.get(f"qty-{line['sku']}", "1")
        left = line["qty"] - line["qty_issued"]
        if not raw.isdigit() or len(raw) > 3 or not 1 <= int(raw) <= left:
            raise BadForm(_("%(name)s: choose from 1 to %(n)s.", name=line["name"], n=left))
        chosen[line["sku"]] = int(raw)
    if not chosen:
        raise BadForm(_("Tick the lines to hand out first."))
    return chosen


def _run(token: str, action: Callable[[Shown, int], None]) -> ResponseReturnValue:
    """Do one action on a result on screen and show the result as it is afterwards."""
    shown = _shown(token)
    if shown is None:
        notice = _("This result is no longer on screen. Scan again.")
        return render_result(None, notice=notice, status=404)
    try:
        step = _step()
        if step != shown.step:
            return render_result(shown)  # a second tap on a state already gone: show the new one
        action(shown, step)
    except BadForm as exc:
        return render_result(shown, notice=str(exc), status=422)
    except ServerUnreachable:
        notice = _(
            "No connection to the server: nothing was confirmed. Press again when the "
            "connection is back; it will not be done twice."
        )
        return render_result(shown, notice=notice, offline=True, status=503)
    except desk.CardCharged as exc:
        notice = _(
            "The card was charged, but the server refused the payment: %(message)s "
            "Call a supervisor to refund the card.",
            message=exc.message,
        )
        return render_result(shown, notice=notice, status=409)
    except ApiError as exc:
        return render_result(shown, notice=exc.message, status=409)
    return render_result(shown)


@bp.post("/hand-out")
def hand_out(token: str) -> ResponseReturnValue:
    def action(shown: Shown, step: int) -> None:
        lines = None if request.form.get("what") == "all" else _chosen(shown)
        desk.hand_out(station(), shown, step=step, lines=lines)

    return _run(token, action)


@bp.post("/pay")
def pay(token: str) -> ResponseReturnValue:
    def action(shown: Shown, step: int) -> None:
        if not shown.can_pay(current_mode()):
            raise BadForm(_("Switch this station to cashier mode to take this payment."))
        desk.take_payment(station(), shown, step=step, method=request.form.get("method", ""))

    return _run(token, action)


@bp.post("/receive")
def receive(token: str) -> ResponseReturnValue:
    return _run(token, lambda shown, step: desk.receive(station(), shown, step=step))


@bp.post("/reprint")
def reprint(token: str) -> ResponseReturnValue:
    return _run(token, lambda shown, step: desk.reprint(station(), shown))
