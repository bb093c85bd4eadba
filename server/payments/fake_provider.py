"""The fake payment provider, for the demo only: a page where the customer "pays".

It behaves as a real provider does from our side: it calls our webhook over HTTP with a
body signed by the shared secret, so the real verification runs every time. The page is
reachable only through the link we hand out, which carries an HMAC of the order number
and the amount: order numbers run in sequence, so a guessed number alone pays nothing.
"""

import json
import uuid

import requests
from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask.typing import ResponseReturnValue

from common import form_values
from common.money import format_money
from server.db import get_session
from server.errors import DomainError
from server.models import Order, PaymentMethod
from server.payments.signing import link_signature, same, sign
from server.services.access import load_order

bp = Blueprint("fake_provider", __name__, url_prefix="/fake-provider")


class FakeProvider:
    """Pays through the demo page; refunds at once (nothing real moved)."""

    def checkout_url(self, order: Order) -> str | None:
        number, due = order.number or "", order.total_minor - order.paid_minor
        signature = link_signature(current_app.config["SECRET_KEY"], number, due)
        return url_for(
            "fake_provider.pay", number=number, amount=due, sig=signature, _external=True
        )

    def refund(self, order: Order, amount_minor: int, *, reference: str) -> str | None:
        return f"fake-refund-{uuid.uuid4().hex[:16]}"


def _linked_amount(number: str) -> int:
    """The amount the link was made for; 404 for any link we did not sign."""
    try:
        amount = form_values.integer(
            request.args.get("amount"), low=1, high=10**10 - 1, message="amount"
        )
    except form_values.BadValue:
        abort(404)
    expected = link_signature(current_app.config["SECRET_KEY"], number, amount)
    if not same(expected, request.args.get("sig", "")):
        abort(404)
    return amount


def _call_webhook(number: str, amount: int) -> requests.Response:
    body = json.dumps(
        {
            "event_id": f"fake-{uuid.uuid4()}",
            "type": "payment.succeeded",
            "order": number,
            "amount_minor": amount,
        }
    ).encode()
    # Let go of the database before calling out: the webhook needs to write.
    get_session().rollback()
    return requests.post(
        url_for("webhooks.payment_webhook", _external=True),
        data=body,
        headers={
            "Content-Type": "application/json",
            "X-Signature": sign(current_app.config["PAYMENT_WEBHOOK_SECRET"], body),
        },
        timeout=10,
    )


@bp.route("/pay/<number>", methods=["GET", "POST"])
def pay(number: str) -> ResponseReturnValue:
    amount = _linked_amount(number)
    try:
        order = load_order(get_session(), number)
    except DomainError:
        abort(404)
    if order.payment_method is not PaymentMethod.ONLINE:
        abort(404)
    outcome = None
    if request.method == "POST" and not order.is_paid:
        answer = _call_webhook(number, amount).json()
        # "ok": paid; "late": the order could no longer take it and the money went back.
        outcome = answer.get("message") or answer.get("error", {}).get("message")
        order = load_order(get_session(), number)
    due = order.total_minor - order.paid_minor
    return render_template(
        "server/fake_pay.html", order=order, due=format_money(max(due, 0)), outcome=outcome
    )
