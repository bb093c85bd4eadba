"""What the pickup window sees when a receipt is scanned, and what the clerk may do next."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from common.i18n import Localized
from server.errors import DomainError, ErrorCode
from server.labels import status_label
from server.models import Order, OrderStatus, Product, ScanAttempt
from server.services import order_flow
from server.services.actors import Actor
from server.services.catalog import availability_by_store
from server.services.pickup_codes import normalize

S = OrderStatus
Verdict = Literal["green", "amber", "red"]


@dataclass
class ScanResult:
    order: Order
    verdict: Verdict
    message: str
    actions: list[str] = field(default_factory=list)


def find_by_code(session: Session, code: str) -> Order:
    canonical = normalize(code)
    order = None
    if canonical is not None:
        order = session.scalar(
            select(Order)
            .where(Order.pickup_code == canonical)
            .options(selectinload(Order.lines), selectinload(Order.store))
        )
    if order is None:
        raise DomainError(ErrorCode.UNKNOWN_CODE, _l("This code is not one of our orders."))
    return order


def scan(session: Session, code: str, *, actor: Actor) -> ScanResult:
    order = find_by_code(session, code)
    if actor.store_id is not None and order.store_id != actor.store_id:
        raise DomainError(
            ErrorCode.WRONG_STORE,
            _l(
                "Order %(number)s is collected at store %(store)s.",
                number=order.number,
                store=order.store.code,
            ),
            store=order.store.code,
        )
    status = order.status
    if status is S.ISSUED:
        return ScanResult(order, "red", str(order_flow.already_issued(order).message))
    if status in (S.EXPIRED, S.CANCELLED, S.RETURNED):
        return ScanResult(
            order, "red", str(_l("This order is %(status)s.", status=status_label(status)))
        )
    if status in (S.READY, S.PARTIALLY_ISSUED):
        if order.needs_attention:
            note = missing_note(session, order)
            actions = ["hand_out"] if order.is_paid else ["pay", "cancel"]
            return ScanResult(order, "amber", note, actions)
        if not order.is_paid:
            return ScanResult(order, "amber", str(_l("Take the payment first.")), ["pay", "cancel"])
        return ScanResult(order, "green", str(_l("Hand these goods out.")), ["hand_out"])
    if status is S.IN_TRANSIT:
        return ScanResult(
            order,
            "amber",
            str(_l("On its way here: receive it when the box arrives.")),
            ["receive"],
        )
    if status is S.RESERVED and not order.is_paid:
        return ScanResult(order, "amber", str(_l("Waiting for payment.")), ["pay", "cancel"])
    return ScanResult(
        order, "amber", str(_l("Not ready yet: %(status)s.", status=status_label(status))), []
    )


def check_scan_rate(
    session: Session, *, device_id: int, now: datetime, limit: int, window: timedelta
) -> None:
    """Refuse scans from a device that keeps presenting codes that match no order."""
    recent = session.scalar(
        select(func.count())
        .select_from(ScanAttempt)
        .where(ScanAttempt.device_id == device_id, ScanAttempt.at > now - window)
    )
    if (recent or 0) >= limit:
        raise DomainError(
            ErrorCode.TOO_MANY_ATTEMPTS,
            _l("Too many unknown codes from this window. Wait a minute, or call a supervisor."),
        )


def record_failed_scan(session: Session, *, device_id: int, now: datetime) -> None:
    session.add(ScanAttempt(device_id=device_id, at=now))
    session.flush()


def missing_note(session: Session, order: Order) -> str:
    """What the clerk can offer for lines the warehouse did not find."""
    parts = []
    for line in order.lines:
        if not line.qty_missing:
            continue
        product = session.get_one(Product, line.product_id)  # a line keeps its product
        elsewhere = [
            f"{store.code} ({count})"
            for store, count, _bin in availability_by_store(session, product)
            if count and store.id != order.source_store_id
        ]
        parts.append(
            str(
                _l(
                    "Not found in the warehouse: %(name)s × %(qty)s, already taken off the bill. "
                    "Offer a similar product here, or another store: %(stores)s.",
                    name=Localized(line.name_ru, line.name_en),
                    qty=line.qty_missing,
                    stores=", ".join(elsewhere) or "—",
                )
            )
        )
    return " ".join(parts) + " " + str(_l("Hand out the rest."))
