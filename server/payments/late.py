"""Payments that come too late: kept, refunded through the provider, shown, told once.

A customer may pay in the minute their order expires, or pay twice. The money has
moved either way, so refusing the webhook would lose it: the provider would retry and
give up, and nobody would know. Instead the payment is stored with the order, given
back, listed for staff, and the customer gets one message.
"""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from server.errors import ErrorCode
from server.models import LatePayment, Order, RefundState
from server.notifications.outbox import notify
from server.payments.provider import PaymentProvider, RefundFailed

# pay_order's answers that mean "this order cannot take this money" (anything else, such
# as a refusal to the caller, is not a late payment and stays an error).
LATE_REASONS = frozenset(
    {
        ErrorCode.ORDER_EXPIRED,
        ErrorCode.ORDER_CANCELLED,
        ErrorCode.ALREADY_PAID,
        ErrorCode.INVALID_TRANSITION,
        ErrorCode.AMOUNT_MISMATCH,
    }
)


def take_late_payment(
    session: Session,
    order: Order,
    *,
    event_id: str,
    amount_minor: int,
    reason: ErrorCode,
    provider: PaymentProvider,
    now: datetime,
) -> LatePayment:
    """Store the payment, refund it, and queue the customer's message; the stored payment.

    The refund is asked for inside the webhook's transaction with the event id as its
    reference: if we crash before committing, the provider retries the webhook and the
    second refund call carries the same reference, which a provider treats as one refund.
    """
    late = LatePayment(
        order=order,
        event_id=event_id,
        amount_minor=amount_minor,
        reason=reason.value,
        received_at=now,
        refund_state=RefundState.FAILED,
    )
    session.add(late)
    try:
        late.refund_reference = provider.refund(order, amount_minor, reference=event_id)
    except RefundFailed as exc:
        late.refund_error = str(exc)[:255]
    else:
        done = late.refund_reference is not None
        late.refund_state = RefundState.REFUNDED if done else RefundState.BY_HAND
        late.refunded_at = now if done else None
    session.flush()
    notify(session, order, "late_payment", now=now)
    return late


def late_payments(session: Session, limit: int = 200) -> list[LatePayment]:
    """The newest first, with their orders, for the staff page."""
    return list(
        session.scalars(
            select(LatePayment)
            .options(selectinload(LatePayment.order).selectinload(Order.store))
            .order_by(LatePayment.received_at.desc(), LatePayment.id.desc())
            .limit(limit)
        )
    )
