"""Repairs under warranty: a unit taken in at any window, sent to the service centre and
back, the customer told of each change that matters (docs/RETURNS.md).

accepted → sent_to_service → diagnosed → repaired / replaced / refused → ready_for_pickup
→ returned_to_customer (handed back against the intake slip's code). Out of warranty the
diagnosis is quoted: quoted → quote_accepted → repaired…, or quoted → declined.
"""

from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from server.errors import DomainError, ErrorCode
from server.labels import Money
from server.models import (
    Order,
    OrderLine,
    OrderStatus,
    Repair,
    RepairEvent,
    RepairStatus,
    Store,
)
from server.notifications.outbox import tell_owner
from server.services import returns
from server.services.actors import Actor
from server.services.pickup_codes import display, new_pickup_code, normalize

S = RepairStatus
MOVES: dict[RepairStatus, frozenset[RepairStatus]] = {
    # A big appliance: the courier collects it on the agreed day, then it is taken in.
    S.AWAITING_COLLECTION: frozenset({S.ACCEPTED}),
    S.ACCEPTED: frozenset({S.SENT_TO_SERVICE}),
    S.SENT_TO_SERVICE: frozenset({S.DIAGNOSED}),
    S.DIAGNOSED: frozenset({S.REPAIRED, S.REPLACED, S.REFUSED, S.QUOTED}),
    # Out of warranty: the customer says yes or no to the service's price; only after a
    # yes may the service repair it.
    S.QUOTED: frozenset({S.QUOTE_ACCEPTED, S.DECLINED}),
    S.QUOTE_ACCEPTED: frozenset({S.REPAIRED, S.REPLACED, S.REFUSED}),
    S.DECLINED: frozenset({S.READY_FOR_PICKUP}),
    S.REPAIRED: frozenset({S.READY_FOR_PICKUP}),
    S.REPLACED: frozenset({S.READY_FOR_PICKUP}),
    S.REFUSED: frozenset({S.READY_FOR_PICKUP}),
    S.READY_FOR_PICKUP: frozenset({S.RETURNED_TO_CUSTOMER}),
}
# The changes the customer hears of, by the message that tells them.
MESSAGES = {
    S.ACCEPTED: "repair_accepted",
    S.REPAIRED: "repair_repaired",
    S.REPLACED: "repair_replaced",
    S.REFUSED: "repair_refused",
    S.READY_FOR_PICKUP: "repair_ready",
    S.QUOTED: "repair_quoted",
    S.AWAITING_COLLECTION: "repair_collection",
}


def take_in(
    session: Session,
    order: Order,
    *,
    sku: str,
    serial: str,
    defect: str,
    condition: str = "",
    accessories: str = "",
    paid: bool = False,
    collect_on: date | None = None,
    actor: Actor,
    now: datetime,
) -> Repair:
    """Take one unit of a handed-out line in for repair under warranty, or, out of it and
    with the customer's agreement (`paid`), for a paid repair the service will quote.

    With `collect_on` the unit stays at the customer's home until a courier collects it
    on that day (awaiting_collection, then accepted).

    Raises NOT_RETURNABLE, UNKNOWN_PRODUCT, WARRANTY_OVER, REPAIR_INVALID,
    ALREADY_IN_REPAIR (every unit the customer has of the line is in repair already).
    """
    if collect_on is not None and collect_on < now.date():
        raise DomainError(ErrorCode.REPAIR_INVALID, _l("Choose a collection day from today on."))
    issued = returns.handed_out_at(order)
    if order.status is not OrderStatus.ISSUED or issued is None:
        raise DomainError(
            ErrorCode.NOT_RETURNABLE,
            _l("Order %(number)s was not handed out yet.", number=order.number),
        )
    line = next((ln for ln in order.lines if ln.sku == sku and ln.qty_kept), None)
    if line is None:
        raise DomainError(
            ErrorCode.UNKNOWN_PRODUCT,
            _l("%(sku)s is not among the goods the customer has from this order.", sku=sku),
            sku=sku,
        )
    days = returns.line_periods(session, order, returns.Periods.configured())[line.id][1]
    until = issued + timedelta(days=days)
    under_warranty = now <= until
    if not under_warranty and not paid:
        raise DomainError(
            ErrorCode.WARRANTY_OVER,
            _l(
                "The warranty of %(sku)s ended on %(day)s. The service centre can quote a "
                "paid repair; the customer decides after the quote.",
                sku=sku,
                day=until.strftime("%d.%m.%Y"),
            ),
            sku=sku,
        )
    _refuse_a_unit_already_in(session, order, line)
    repair = Repair(
        intake_code=new_pickup_code(),
        order=order,
        order_line_id=line.id,
        store_id=actor.store_id or order.store_id,
        sku=sku,
        serial=serial,
        defect=defect,
        condition=condition,
        accessories=accessories,
        status=S.ACCEPTED if collect_on is None else S.AWAITING_COLLECTION,
        collect_on=collect_on,
        under_warranty=under_warranty,
        created_at=now,
        updated_at=now,
    )
    session.add(repair)
    session.flush()
    repair.number = f"R-{repair.id:05d}"
    _record(session, repair, None, repair.status, actor=actor, now=now, note=None)
    return repair


def _refuse_a_unit_already_in(session: Session, order: Order, line: OrderLine) -> None:
    """A unit in repair is not with the customer: a line's units can go in once each."""
    open_ones = list(
        session.scalars(
            select(Repair.number)
            .where(
                Repair.order_line_id == line.id,
                Repair.status != S.RETURNED_TO_CUSTOMER,
            )
            .order_by(Repair.id)
        )
    )
    if len(open_ones) >= line.qty_kept:
        raise DomainError(
            ErrorCode.ALREADY_IN_REPAIR,
            _l(
                "%(sku)s from order %(number)s is in repair already (%(repairs)s): "
                "the customer has no other unit of it to hand in.",
                sku=line.sku,
                number=order.number,
                repairs=", ".join(str(n) for n in open_ones),
            ),
            sku=line.sku,
            repairs=[str(n) for n in open_ones],
        )


def move(
    session: Session,
    repair: Repair,
    to_status: RepairStatus,
    *,
    note: str | None,
    actor: Actor,
    now: datetime,
    quote_minor: int | None = None,
) -> None:
    """Move a repair one step along its path. Raises REPAIR_INVALID."""
    paid_only = to_status is S.QUOTED and repair.under_warranty
    if to_status not in MOVES.get(repair.status, frozenset()) or paid_only:
        raise DomainError(
            ErrorCode.REPAIR_INVALID,
            _l("Repair %(number)s cannot go there from where it is now.", number=repair.number),
            status=repair.status.value,
        )
    if to_status is S.REFUSED and not note:
        raise DomainError(
            ErrorCode.REPAIR_INVALID, _l("Write down why the service centre refused.")
        )
    if to_status is S.QUOTED:
        if not quote_minor or quote_minor <= 0:
            raise DomainError(ErrorCode.REPAIR_INVALID, _l("Type the price the service quoted."))
        repair.quote_minor = quote_minor
    before = repair.status
    repair.status = to_status
    repair.updated_at = now
    if note:
        repair.note = note[:300]
    if to_status is S.RETURNED_TO_CUSTOMER:
        repair.closed_at = now
    _record(session, repair, before, to_status, actor=actor, now=now, note=note)


def reschedule_collection(
    session: Session, repair: Repair, day: date, *, actor: Actor, now: datetime
) -> None:
    """The customer and the chain agree another day for the courier; the customer is told
    the new day. Raises REPAIR_INVALID (not waiting for a courier, or a day in the past)."""
    if repair.status is not S.AWAITING_COLLECTION:
        raise DomainError(
            ErrorCode.REPAIR_INVALID,
            _l("Repair %(number)s is not waiting for a courier.", number=repair.number),
        )
    if day < now.date():
        raise DomainError(ErrorCode.REPAIR_INVALID, _l("Choose a collection day from today on."))
    if day == repair.collect_on:
        return
    repair.collect_on = day
    repair.updated_at = now
    note = str(_l("collect on %(day)s", day=day.strftime("%d.%m.%Y")))
    _record(
        session,
        repair,
        S.AWAITING_COLLECTION,
        S.AWAITING_COLLECTION,
        actor=actor,
        now=now,
        note=note,
    )


def choose_status() -> str:
    return str(_l("Choose where the repair goes next."))


def hand_back(session: Session, code: str, *, actor: Actor, now: datetime) -> Repair:
    """The customer shows the intake slip; the unit goes back to them.

    Raises REPAIR_NOT_FOUND (a code of no repair, or one not ready), REPAIR_INVALID.
    """
    canonical = normalize(code)
    repair = None
    if canonical is not None:
        repair = session.scalar(
            select(Repair).where(Repair.intake_code == canonical).with_for_update()
        )
    if repair is None:
        raise DomainError(ErrorCode.REPAIR_NOT_FOUND, _l("This code is not one of our repairs."))
    if repair.status is S.RETURNED_TO_CUSTOMER:
        assert repair.closed_at is not None
        raise DomainError(
            ErrorCode.REPAIR_INVALID,
            _l(
                "Repair %(number)s was already handed back on %(day)s.",
                number=repair.number,
                day=repair.closed_at.strftime("%d.%m.%Y"),
            ),
            status=repair.status.value,
        )
    if repair.status is not S.READY_FOR_PICKUP:
        raise DomainError(
            ErrorCode.REPAIR_INVALID,
            _l("Repair %(number)s is not back from the service yet.", number=repair.number),
            status=repair.status.value,
        )
    move(session, repair, S.RETURNED_TO_CUSTOMER, note=None, actor=actor, now=now)
    return repair


def find(session: Session, number: str, *, actor: Actor) -> Repair:
    """A repair by number, for staff or a window of its store or its order's store.

    Raises REPAIR_NOT_FOUND."""
    repair = session.scalar(
        select(Repair)
        .where(Repair.number == number)
        .options(selectinload(Repair.events), selectinload(Repair.order))
    )
    if repair is None or (
        actor.kind is not None and actor.store_id not in (repair.store_id, repair.order.store_id)
    ):
        raise DomainError(
            ErrorCode.REPAIR_NOT_FOUND, _l("There is no repair %(number)s.", number=number)
        )
    return repair


def listing(session: Session, *, status: RepairStatus | None = None) -> list[Repair]:
    query = (
        select(Repair)
        .options(selectinload(Repair.order), selectinload(Repair.photos))
        .order_by(Repair.id.desc())
    )
    if status is not None:
        query = query.where(Repair.status == status)
    return list(session.scalars(query.limit(200)))


def _record(
    session: Session,
    repair: Repair,
    before: RepairStatus | None,
    after: RepairStatus,
    *,
    actor: Actor,
    now: datetime,
    note: str | None,
) -> None:
    session.add(
        RepairEvent(
            repair=repair,
            from_status=before,
            to_status=after,
            at=now,
            actor=actor.name[:80],
            note=note[:300] if note else None,
        )
    )
    kind = MESSAGES.get(after)
    if kind is not None:
        _tell(session, repair, kind, now=now)


def _tell(session: Session, repair: Repair, kind: str, *, now: datetime) -> None:
    order = repair.order
    lang = "en" if order.customer_language == "en" else "ru"
    line = next(ln for ln in order.lines if ln.id == repair.order_line_id)
    store = session.get(Store, repair.store_id)
    assert store is not None
    extra = {
        "repair": repair.number or "",
        "intake": display(repair.intake_code),
        "product": line.name(lang),
        "note": repair.note or "",
        "price": str(Money(repair.quote_minor or 0)),
        "day": repair.collect_on.strftime("%d.%m.%Y") if repair.collect_on else "",
        "store": store.name(lang),
        "address": store.address(lang),
        "hours": store.opening_hours,
    }
    # A new collection day is news of its own; anything else is told once per repair.
    occasion = repair.number or ""
    if kind == "repair_collection" and repair.collect_on:
        occasion = f"{occasion}:{repair.collect_on.isoformat()}"
    tell_owner(session, order, kind, now=now, occasion=occasion, extra=extra)
