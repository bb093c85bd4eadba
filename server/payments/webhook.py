"""The payment provider's webhook: signature checked, each event applied at most once.

The provider signs the raw body with a shared secret (HMAC-SHA256, header
`X-Signature: sha256=<hex>`), as the usual providers do. A forged or missing signature
is refused; an event already handled is refused as a replay and changes nothing. A
payment the order can no longer take (expired, cancelled, already paid) is kept and
refunded (server/payments/late.py) and answered 200, so the provider stops retrying.
"""

import json
from datetime import datetime
from typing import Annotated, Literal

from flask import Blueprint, current_app, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.clock import now
from server.db import get_session
from server.errors import DomainError, ErrorCode
from server.models import LatePayment, WebhookEvent
from server.payments.late import LATE_REASONS, take_late_payment
from server.payments.provider import payment_provider
from server.payments.signing import same, sign
from server.services import order_flow
from server.services.access import load_order
from server.services.actors import Actor

__all__ = ["bp", "sign", "apply_payment_event"]

bp = Blueprint("webhooks", __name__, url_prefix="/webhooks")
PROVIDER = Actor(name="provider:payments")


class PaymentEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    event_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.:-]{1,120}$")]
    type: Literal["payment.succeeded"]
    order: Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,4}-[0-9]{1,12}$")]
    amount_minor: Annotated[int, Field(strict=True, ge=1, le=10**11)]


def _verified_event(body: bytes, signature: str, secret: str) -> PaymentEvent:
    if not same(sign(secret, body), signature):
        raise DomainError(ErrorCode.INVALID_SIGNATURE, _l("The webhook signature is not valid."))
    try:
        return PaymentEvent.model_validate(json.loads(body))
    except (ValueError, RecursionError, ValidationError):
        raise DomainError(
            ErrorCode.VALIDATION_ERROR, _l("The payment event is malformed.")
        ) from None


def apply_payment_event(
    session: Session, event: PaymentEvent, *, now: datetime
) -> LatePayment | None:
    """Pay the order; if it can no longer take the money, keep and refund it instead."""
    seen = session.scalar(select(WebhookEvent.id).where(WebhookEvent.event_id == event.event_id))
    if seen is not None:
        raise DomainError(ErrorCode.DUPLICATE_EVENT, _l("This payment event was already handled."))
    session.add(WebhookEvent(provider="payments", event_id=event.event_id, received_at=now))
    order = load_order(session, event.order, lock=True)
    try:
        # A savepoint: whatever pay_order did before refusing is undone, the event stays.
        with session.begin_nested():
            order_flow.pay_order(
                session,
                order,
                method="online",
                amount_minor=event.amount_minor,
                reference=event.event_id[:80],
                actor=PROVIDER,
                now=now,
            )
    except DomainError as refused:
        if refused.code not in LATE_REASONS:
            raise
        return take_late_payment(
            session,
            order,
            event_id=event.event_id,
            amount_minor=event.amount_minor,
            reason=refused.code,
            provider=payment_provider(),
            now=now,
        )
    return None


@bp.post("/payments")
def payment_webhook() -> ResponseReturnValue:
    session = get_session()
    body = request.get_data(cache=True)
    event = _verified_event(
        body, request.headers.get("X-Signature", ""), current_app.config["PAYMENT_WEBHOOK_SECRET"]
    )
    late = apply_payment_event(session, event, now=now())
    session.commit()
    if late is None:
        return {"status": "ok", "message": _("Payment recorded.")}, 200
    # 200 all the same: the money is accounted for, and a retry would change nothing.
    return {
        "status": "late",
        "refund": late.refund_state.value,
        "message": _("The order could no longer take this payment: it is being refunded."),
    }, 200
