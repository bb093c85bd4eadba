"""The fake payment provider, for the demo and tests: a page where the customer "pays".

It behaves as a real provider does from our side: it calls our webhook over HTTP with a
body signed by the shared secret, so the real verification runs every time. A real
provider is one more module with a checkout URL and the same webhook.
"""

import json
import uuid

import requests
from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask.typing import ResponseReturnValue

from common.money import format_money
from server.db import get_session
from server.errors import DomainError
from server.models import PaymentMethod
from server.payments.webhook import sign
from server.services.orders import find_order

bp = Blueprint("fake_provider", __name__, url_prefix="/fake-provider")


def checkout_url(number: str) -> str:
    """Where the online shop sends the customer to pay for this order."""
    return url_for("fake_provider.pay", number=number, _external=True)


@bp.route("/pay/<number>", methods=["GET", "POST"])
def pay(number: str) -> ResponseReturnValue:
    if current_app.config["PAYMENT_PROVIDER"] != "fake":
        abort(404)
    number = number[:20]
    try:
        order = find_order(get_session(), number)
    except DomainError:
        abort(404)
    if order.payment_method is not PaymentMethod.ONLINE:
        abort(404)
    due = order.total_minor - order.paid_minor
    outcome = None
    if request.method == "POST" and due > 0:
        body = json.dumps(
            {
                "event_id": f"fake-{uuid.uuid4()}",
                "type": "payment.succeeded",
                "order": number,
                "amount_minor": due,
            }
        ).encode()
        # Let go of the database before calling out: the webhook needs to write.
        get_session().rollback()
        answer = requests.post(
            url_for("webhooks.payment_webhook", _external=True),
            data=body,
            headers={
                "Content-Type": "application/json",
                "X-Signature": sign(current_app.config["PAYMENT_WEBHOOK_SECRET"], body),
            },
            timeout=10,
        )
        outcome = "paid" if answer.ok else answer.json().get("error", {}).get("message")
        order = find_order(get_session(), number)
        due = order.total_minor - order.paid_minor
    return render_template(
        "server/fake_pay.html", order=order, due=format_money(max(due, 0)), outcome=outcome
    )
