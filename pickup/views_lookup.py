"""An order number typed at the window: the customer confirms before the order opens.

People read the number (A-1001) off the receipt and the board, so clerks type it. It
runs in sequence and proves nothing, so the screen asks for the last four digits of the
customer's phone or the pickup code, and only the server's answer opens the order.
"""

from flask import Blueprint, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from common import form_values
from common.api_client import ApiError, ServerUnreachable
from common.i18n import current_language
from pickup import desk
from pickup.station import station
from pickup.views_screen import offline_result, render_result

bp = Blueprint("lookup", __name__)

PROOF_LIMIT = 20


def ask(number: str, *, notice: str | None = None, status: int = 200) -> ResponseReturnValue:
    """The panel that asks for the customer's confirmation of an order number."""
    return render_result(None, notice=notice, ask_number=number.upper(), status=status)


@bp.post("/confirm")
def confirm() -> ResponseReturnValue:
    try:
        number = form_values.code(request.form.get("number"))
    except form_values.BadValue as exc:
        return render_result(None, notice=str(exc.message), status=400)
    proof = form_values.text(request.form.get("proof"), limit=PROOF_LIMIT * 4).replace(" ", "")
    if not proof or len(proof) > PROOF_LIMIT:
        notice = _("Type the last 4 digits of the customer's phone, or the pickup code.")
        return ask(number, notice=notice, status=422)
    try:
        shown = desk.lookup_number(station(), number, proof, lang=current_language())
    except ServerUnreachable:
        return offline_result(number)
    except ApiError as exc:
        if exc.code == "order_not_found":
            return ask(number, notice=exc.message, status=404)
        raise  # too many attempts and the like: the red panel of the app's error handler
    return render_result(shown)
