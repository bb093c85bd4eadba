"""Actions from the result panel: hand out (all or chosen lines), take a payment, print again."""

import re
from collections.abc import Callable
from datetime import date

from flask import Blueprint, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from common import form_values
from common.api_client import ApiError, ServerUnreachable
from common.money import format_money
from pickup import desk, photos
from pickup.station import Shown, station
from pickup.views_screen import current_mode, render_result

bp = Blueprint("actions", __name__, url_prefix="/shown/<token>")

TOKEN = re.compile(r"^[0-9a-f-]{36}$")


class BadForm(Exception):
    """A tampered or stale form: answered on the panel, never a 500."""


def _shown(token: str) -> Shown | None:
    return station().shown.get(token) if TOKEN.match(token) else None


def _step() -> int:
    try:
        return form_values.integer(
            request.form.get("step"),
            low=0,
            high=999_999,
            message=_("This screen is out of date. Scan the receipt again."),
        )
    except form_values.BadValue as exc:
        raise BadForm(str(exc.message)) from exc


def _chosen(shown: Shown) -> dict[str, int]:
    """The ticked lines and their quantities, each within what is still open."""
    chosen: dict[str, int] = {}
    picked = set(request.form.getlist("pick"))
    for line in shown.open_lines:
        if line.sku not in picked:
            continue
        left = line.qty_to_hand_out
        try:
            chosen[line.sku] = form_values.quantity(
                request.form.get(f"qty-{line.sku}", "1"), high=left
            )
        except form_values.BadValue as exc:
            message = _("%(name)s: choose from 1 to %(n)s.", name=line.name, n=left)
            raise BadForm(message) from exc
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
        what = form_values.choice(request.form.get("what"), {"all", "selected"}, default="")
        lines = None if what == "all" else _chosen(shown)
        desk.hand_out(station(), shown, step=step, lines=lines)

    return _run(token, action)


@bp.post("/pay")
def pay(token: str) -> ResponseReturnValue:
    def action(shown: Shown, step: int) -> None:
        if not shown.can_pay(current_mode()):
            raise BadForm(_("Switch this station to cashier mode to take this payment."))
        method = form_values.choice(request.form.get("method"), {"cash", "card"}, default="")
        if not method:
            raise BadForm(_("Choose cash or card."))
        if method == "cash" and shown.card_auth is None and not shown.cash_counted:
            shown.cash_stage = "tendered"
            raise BadForm(
                _("Type the cash the customer gave first: the change is counted for you.")
            )
        desk.take_payment(station(), shown, step=step, method=method)

    return _run(token, action)


@bp.post("/cash")
def cash(token: str) -> ResponseReturnValue:
    """The cash step: type what the customer gave, see the change, then confirm (/pay)."""

    def action(shown: Shown, step: int) -> None:
        if not shown.can_pay(current_mode()) or shown.card_auth is not None:
            raise BadForm(_("Switch this station to cashier mode to take this payment."))
        stage = form_values.choice(
            request.form.get("stage"), {"start", "count", "back", "cancel"}, default="start"
        )
        if stage == "cancel":
            shown.cash_stage, shown.tendered_minor = None, None
            return
        if stage == "count":
            shown.tendered_minor = _tendered(shown)
            shown.cash_stage = "confirm"
            return
        shown.cash_stage = "tendered"

    return _run(token, action)


def _tendered(shown: Shown) -> int:
    """What the customer handed over, in whole roubles typed by the clerk, as kopecks."""
    due = format_money(shown.due_minor, shown.lang)
    try:
        roubles = form_values.integer(
            request.form.get("tendered"),
            low=1,
            high=10_000_000,
            message=_("Type the cash the customer gave, in roubles."),
        )
    except form_values.BadValue as exc:
        raise BadForm(str(exc.message)) from exc
    if roubles * 100 < shown.due_minor:
        raise BadForm(_("That is less than the sum to pay, %(due)s. Count again.", due=due))
    return roubles * 100


@bp.post("/receive")
def receive(token: str) -> ResponseReturnValue:
    return _run(token, lambda shown, step: desk.receive(station(), shown, step=step))


@bp.post("/reprint")
def reprint(token: str) -> ResponseReturnValue:
    return _run(token, lambda shown, step: desk.reprint(station(), shown))


def _to_return(shown: Shown) -> dict[str, int]:
    """The ticked lines and how many of each come back, within what the customer has."""
    chosen: dict[str, int] = {}
    picked = set(request.form.getlist("back"))
    for line in shown.kept_lines:
        if line.sku not in picked:
            continue
        try:
            chosen[line.sku] = form_values.quantity(
                request.form.get(f"back-{line.sku}", "1"), high=line.qty_kept
            )
        except form_values.BadValue as exc:
            message = _("%(name)s: choose from 1 to %(n)s.", name=line.name, n=line.qty_kept)
            raise BadForm(message) from exc
    if not chosen:
        raise BadForm(_("Tick the goods the customer brought back first."))
    return chosen


@bp.post("/return")
def take_back(token: str) -> ResponseReturnValue:
    def action(shown: Shown, step: int) -> None:
        lines = _to_return(shown)
        reason = _typed("reason", 300)
        if not reason:
            raise BadForm(_("Write down why the customer returns the goods."))
        faulty = request.form.get("faulty") == "yes"
        desk.take_back(
            station(), shown, step=step, lines=lines, reason=reason, resaleable=not faulty
        )

    return _run(token, action)


def _typed(name: str, limit: int) -> str:
    typed = "".join(ch for ch in request.form.get(name) or "" if ch.isprintable())
    return " ".join(typed.split())[:limit]


@bp.post("/repair")
def take_in_repair(token: str) -> ResponseReturnValue:
    def action(shown: Shown, step: int) -> None:
        skus = {line.sku for line in shown.warranty_lines}
        sku = form_values.choice(request.form.get("sku"), skus, default="")
        if not sku:
            raise BadForm(_("Choose the goods handed in for repair."))
        intake: dict[str, str | bool] = {
            "sku": sku,
            "serial": _typed("serial", 64),
            "defect": _typed("defect", 500),
            "condition": _typed("condition", 300),
            "accessories": _typed("accessories", 300),
        }
        if not intake["serial"] or not intake["defect"]:
            raise BadForm(_("Write down the serial number and the defect in the customer's words."))
        line = next(line for line in shown.warranty_lines if line.sku == sku)
        if request.form.get("paid") == "yes":
            intake["paid"] = True
        elif not line.under_warranty:
            raise BadForm(
                _(
                    "The warranty of %(name)s is over: tick “the customer agrees to a paid "
                    "repair” if they want one.",
                    name=line.name,
                )
            )
        collect_on = _collection_day()
        if collect_on:
            intake["collect_on"] = collect_on
        desk.take_in_repair(station(), shown, step=step, intake=intake)

    return _run(token, action)


def _collection_day() -> str:
    """The day agreed for a courier to collect a big appliance, as YYYY-MM-DD, or ""."""
    typed = (request.form.get("collect_on") or "").strip()
    if not typed:
        return ""
    try:
        return date.fromisoformat(typed[:10]).isoformat()
    except ValueError as exc:
        raise BadForm(_("Choose the collection day on the calendar.")) from exc


@bp.post("/repair-photo")
def repair_photo(token: str) -> ResponseReturnValue:
    """A photo of the unit just taken in: the camera's latest frame, or an attached file."""

    def action(shown: Shown, step: int) -> None:
        desk.add_repair_photo(station(), shown, step=step, photo=_photo())

    return _run(token, action)


def _photo() -> bytes:
    if request.form.get("source") == "camera":
        camera = station().camera
        frame = camera.snapshot() if camera is not None else None
        if frame is None:
            raise BadForm(_("The camera gives no picture now: attach a photo file instead."))
        return photos.frame_jpeg(frame)
    upload = request.files.get("photo")
    data = upload.read(photos.MAX_UPLOAD_BYTES + 1) if upload else b""
    if not data:
        raise BadForm(_("Choose a picture of the unit first."))
    try:
        return photos.file_jpeg(data)
    except photos.NotAPicture:
        raise BadForm(_("This file is not a picture. Choose a photo of the unit.")) from None
