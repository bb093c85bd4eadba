"""The one place an order changes status, so every change is recorded with who and when."""

from datetime import datetime

from sqlalchemy.orm import Session

from server.models import Order, OrderEvent, OrderStatus
from server.services.actors import Actor


def record(
    session: Session,
    order: Order,
    to_status: OrderStatus,
    *,
    actor: Actor,
    now: datetime,
    reason: str | None = None,
) -> None:
    from_status = order.status
    order.status = to_status
    order.updated_at = now
    session.add(
        OrderEvent(
            order=order,
            from_status=from_status,
            to_status=to_status,
            at=now,
            actor=actor.name,
            device_id=actor.device_id,
            reason=reason,
        )
    )
