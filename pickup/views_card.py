"""The card of the customer whose order is on screen: name, bonuses, earlier orders, messages.

Loaded after the order itself (the verdict must come within a second, the card may take a
moment), and only for an order this station has on screen: the server checks the order is
within the window's reach, and masks the phone, as the customer can read the screen too.
"""

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from common.api_client import ApiError, ServerUnreachable
from common.i18n import current_language
from pickup.station import station
from pickup.views_actions import TOKEN

bp = Blueprint("card", __name__, url_prefix="/shown/<token>")

SHOW_ORDERS = 5
SHOW_MESSAGES = 5


@bp.get("/customer")
def customer(token: str) -> ResponseReturnValue:
    shown = station().shown.get(token) if TOKEN.match(token) else None
    if shown is None or shown.number is None:
        return "", 204
    try:
        card = station().api.order_customer(shown.number, lang=current_language())
    except ServerUnreachable:
        return render_template("pickup/_customer.html", card=None, problem="offline")
    except ApiError as exc:
        problem = "no_phone" if exc.code == "customer_not_found" else "refused"
        return render_template("pickup/_customer.html", card=None, problem=problem)
    return render_template(
        "pickup/_customer.html",
        card=card,
        problem=None,
        number=shown.number,
        orders=card.orders[:SHOW_ORDERS],
        messages=card.messages[:SHOW_MESSAGES],
    )
