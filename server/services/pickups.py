"""What the pickup window sees when a receipt is scanned, and what the clerk may do next."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from common import order_life
from common.i18n import Localized, current_language
from server.errors import DomainError, ErrorCode
from server.labels import status_label
from server.models import Order, OrderStatus, Product, ScanAttempt
from server.services import access, order_flow
from server.services.actors import Actor
from server.services.catalog import availability_by_store
from server.services.devices import lock_device
from server.services.pickup_codes import normalize

Verdict = Literal["green", "amber", "red"]


@dataclass
class ScanResult:
    order: Order
    verdict: Verdict
    message: str
    actions: list[str] = field(default_factory=list)


def find_by_code(session: Session, code: str) -> Order:
    """The order whose pickup code this is. Raises UNKNOWN_CODE."""
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
    """The order behind a code and what the clerk may do. Raises UNKNOWN_CODE, WRONG_STORE."""
    order = find_by_code(session, code)
    # Handed-out goods come back to any cybermarket of the chain (docs/RETURNS.md).
    if not access.reaches(actor, order) and not access.may_take_back(actor, order):
        # The customer holds the code, so telling where to collect it reveals nothing.
        raise DomainError(
            ErrorCode.WRONG_STORE,
            _l(
                "Order %(number)s is collected at store %(store)s.",
                number=order.number,
                store=order.store.name(current_language()),
            ),
            store=order.store.code,
        )
    return result_for(session, order)


def result_for(session: Session, order: Order) -> ScanResult:
    """What the clerk sees for an order found at their window, and what they may do."""
    status = order.status
    if status is OrderStatus.ISSUED:
        message = str(order_flow.already_issued(order).message)
        return ScanResult(order, "red", message, ["return"])
    if status in order_life.FINAL:
        return ScanResult(
            order, "red", str(_l("This order is %(status)s.", status=status_label(status)))
        )
    if status in order_life.WAITING:
        if order.needs_attention:
            # Green when the rest may go over the counter: the colour follows what the
            # clerk may do, and the note says what is missing.
            note = missing_note(session, order)
            if order.is_paid:
                return ScanResult(order, "green", note, ["hand_out"])
            return ScanResult(order, "amber", note, ["pay", "cancel"])
        if not order.is_paid:
            return ScanResult(order, "amber", str(_l("Take the payment first.")), ["pay", "cancel"])
        return ScanResult(order, "green", str(_l("Hand these goods out.")), ["hand_out"])
    if status is OrderStatus.IN_TRANSIT:
        return ScanResult(
            order,
            "amber",
            str(_l("On its way here: receive it when the box arrives.")),
            ["receive"],
        )
    if status is OrderStatus.RESERVED and not order.is_paid:
        return ScanResult(order, "amber", str(_l("Waiting for payment.")), ["pay", "cancel"])
    return ScanResult(
        order, "amber", str(_l("Not ready yet: %(status)s.", status=status_label(status))), []
    )


@dataclass(frozen=True)
class GuessLimit:
    """At most `attempts` unknown codes per device within `window`."""

    attempts: int
    window: timedelta

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "GuessLimit":
        return cls(
            config["SCAN_GUESS_LIMIT"], timedelta(seconds=config["SCAN_GUESS_WINDOW_SECONDS"])
        )


def scan_at_window(
    session: Session, code: str, *, actor: Actor, limit: GuessLimit, now: datetime
) -> ScanResult:
    """A window scans a code: refused while it keeps guessing, an unknown code counted.

    Raises TOO_MANY_ATTEMPTS, UNKNOWN_CODE (after recording it: the caller keeps that
    record although it answers with the error), WRONG_STORE.
    """
    return guarded_guess(
        session,
        lambda: scan(session, code, actor=actor),
        counted=ErrorCode.UNKNOWN_CODE,
        actor=actor,
        limit=limit,
        now=now,
    )


def guarded_guess(
    session: Session,
    attempt: Callable[[], ScanResult],
    *,
    counted: ErrorCode,
    actor: Actor,
    limit: GuessLimit,
    now: datetime,
) -> ScanResult:
    """Run one attempt to open an order by what a window typed or scanned.

    A window that keeps failing is refused for a while; a failure with the `counted` code
    is recorded before it is raised again. Raises TOO_MANY_ATTEMPTS, and whatever the
    attempt raises.
    """
    assert actor.device_id is not None, "only a device scans at a window"
    # The device's row is the lock that makes counting and recording one step: without it
    # twelve scans racing in separate processes all count nine and all pass a limit of ten.
    lock_device(session, actor.device_id)
    recent = session.scalar(
        select(func.count())
        .select_from(ScanAttempt)
        .where(ScanAttempt.device_id == actor.device_id, ScanAttempt.at > now - limit.window)
    )
    if (recent or 0) >= limit.attempts:
        raise DomainError(
            ErrorCode.TOO_MANY_ATTEMPTS,
            _l("Too many unknown codes from this window. Wait a minute, or call a supervisor."),
        )
    try:
        return attempt()
    except DomainError as exc:
        if exc.code is counted:
            session.add(ScanAttempt(device_id=actor.device_id, at=now))
            session.flush()
        raise


def missing_note(session: Session, order: Order) -> str:
    """What the clerk can offer for lines the warehouse did not find. Raises no domain error."""
    parts, lang = [], current_language()
    for line in order.lines:
        if not line.qty_missing:
            continue
        product = session.get_one(Product, line.product_id)  # a line keeps its product
        elsewhere = [
            f"{store.name(lang)} ({count})"
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
