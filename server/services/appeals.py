"""Appeals: a complaint or question from any channel, answered by a named person before its
due time, resolved with a text and perhaps compensation (bonuses or money); one left
unanswered past its due time escalates to the store's managers.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from server.errors import DomainError, ErrorCode
from server.models import (
    Appeal,
    AppealCategory,
    AppealChannel,
    AppealStatus,
    Order,
    PaymentKind,
    StaffRole,
    StaffUser,
    Store,
)
from server.payments.provider import PaymentProvider, RefundFailed
from server.services import bonus_rules, order_flow
from server.services.actors import Actor
from server.services.customers import find_by_phone
from server.services.lookup import canonical_number
from server.services.phones import normalize_phone
from server.services.staff_alerts import tell_managers

# How soon each kind of appeal must be answered.
DUE = {
    AppealCategory.QUESTION: timedelta(hours=24),
    AppealCategory.DELAY: timedelta(hours=2),
    AppealCategory.WRONG_GOODS: timedelta(hours=4),
    AppealCategory.QUALITY: timedelta(hours=24),
    AppealCategory.SERVICE: timedelta(hours=8),
}
UNRESOLVED = (AppealStatus.OPEN, AppealStatus.ESCALATED)


@dataclass(frozen=True)
class AppealIn:
    phone: str
    category: AppealCategory
    channel: AppealChannel
    text: str
    order_number: str = ""
    responsible: str = ""


def _invalid(message) -> DomainError:  # type: ignore[no-untyped-def]
    return DomainError(ErrorCode.APPEAL_INVALID, message)


def open_appeal(session: Session, wanted: AppealIn, *, actor: Actor, now: datetime) -> Appeal:
    """Record an appeal, due by its category's time. Raises INVALID_PHONE, APPEAL_INVALID
    (no text, an unknown order or person responsible)."""
    phone = normalize_phone(wanted.phone)
    text = wanted.text.strip()
    if not text:
        raise _invalid(_l("Write what the customer said."))
    order = None
    if wanted.order_number.strip():
        order = session.scalar(
            select(Order).where(Order.number == (canonical_number(wanted.order_number) or ""))
        )
        if order is None:
            raise _invalid(_l("There is no such order."))
    responsible = wanted.responsible.strip() or None
    if responsible and not session.scalar(
        select(StaffUser.id).where(StaffUser.username == responsible, StaffUser.active.is_(True))
    ):
        raise _invalid(_l("There is no such staff member."))
    appeal = Appeal(
        customer_phone=phone,
        order_id=order.id if order else None,
        store_id=order.store_id if order else actor.store_id,
        channel=wanted.channel,
        category=wanted.category,
        text=text[:4000],
        responsible=responsible,
        status=AppealStatus.OPEN,
        created_at=now,
        created_by=actor.name,
        due_at=now + DUE[wanted.category],
        bonus_minor=0,
        refund_minor=0,
    )
    session.add(appeal)
    session.flush()
    return appeal


def appeal_in_reach(session: Session, staff: StaffUser, appeal_id: int) -> Appeal:
    """Raises APPEAL_NOT_FOUND (also for another store's appeal)."""
    appeal: Appeal | None = session.scalar(
        _reach(select(Appeal).where(Appeal.id == appeal_id), staff)
    )
    if appeal is None:
        raise DomainError(ErrorCode.APPEAL_NOT_FOUND, _l("There is no such appeal."))
    return appeal


def _reach(query, staff: StaffUser):  # type: ignore[no-untyped-def]
    if staff.store_id is None or staff.role == StaffRole.ADMIN:
        return query
    return query.where(or_(Appeal.store_id == staff.store_id, Appeal.store_id.is_(None)))


def list_appeals(session: Session, staff: StaffUser, *, unresolved: bool) -> list[Appeal]:
    """Appeals within reach, the most urgent first. Raises no domain error."""
    query = select(Appeal).order_by(Appeal.due_at).limit(200)
    if unresolved:
        query = query.where(Appeal.status.in_(UNRESOLVED))
    return list(session.scalars(_reach(query, staff)))


def resolve_appeal(
    session: Session,
    appeal: Appeal,
    resolution: str,
    *,
    bonus_minor: int,
    refund_minor: int,
    provider: PaymentProvider,
    actor: Actor,
    now: datetime,
) -> None:
    """Close the appeal with its answer and compensation: bonuses (a goodwill credit) and
    money (a refund of what was paid for its order, through the payment provider).

    Raises APPEAL_CLOSED, APPEAL_INVALID, BONUS_GRANT_INVALID.
    """
    if appeal.status is AppealStatus.RESOLVED:
        raise DomainError(ErrorCode.APPEAL_CLOSED, _l("This appeal is already resolved."))
    answer = resolution.strip()
    if not answer:
        raise _invalid(_l("Write how the appeal was resolved."))
    if bonus_minor:
        customer = find_by_phone(session, appeal.customer_phone)
        if customer is None:
            raise _invalid(_l("Bonuses need a customer with this phone."))
        bonus_rules.grant_goodwill(
            session, customer, bonus_minor, f"appeal {appeal.id}", actor=actor, now=now
        )
    if refund_minor:
        _compensate(session, appeal, refund_minor, provider=provider, actor=actor, now=now)
    appeal.status = AppealStatus.RESOLVED
    appeal.resolution = answer[:4000]
    appeal.resolved_at, appeal.resolved_by = now, actor.name
    appeal.bonus_minor, appeal.refund_minor = bonus_minor, refund_minor
    session.flush()


def _compensate(
    session: Session,
    appeal: Appeal,
    amount: int,
    *,
    provider: PaymentProvider,
    actor: Actor,
    now: datetime,
) -> None:
    order = appeal.order
    if order is None or order.paid_minor <= 0:
        raise _invalid(_l("Money goes back only for a paid order: name the order."))
    if amount > order.paid_minor:
        raise _invalid(_l("At most what was paid for the order can be refunded."))
    try:
        reference = provider.refund(order, amount, reference=f"appeal-{appeal.id}")
    except RefundFailed as exc:
        raise _invalid(
            _l("The payment provider refused the refund: %(why)s", why=str(exc))
        ) from exc
    order_flow.refund(session, order, amount, actor=actor, now=now)
    refund = next(p for p in reversed(order.payments) if p.kind is PaymentKind.REFUND)
    refund.reference = (reference or f"appeal-{appeal.id}")[:80]


def escalate_overdue(session: Session, *, now: datetime, limit: int = 200) -> int:
    """Appeals still open past their due time escalate, and their store's managers are told
    once; how many escalated. Raises no domain error."""
    overdue = session.scalars(
        select(Appeal)
        .where(Appeal.status == AppealStatus.OPEN, Appeal.due_at <= now)
        .order_by(Appeal.due_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    for appeal in overdue:
        appeal.status, appeal.escalated_at = AppealStatus.ESCALATED, now
        store = session.get(Store, appeal.store_id) if appeal.store_id else None
        if store is not None:
            tell_managers(
                session,
                store,
                kind="appeal_escalated",
                key=f"appeal:{appeal.id}:escalated",
                subject=f"Cybermarket: appeal {appeal.id}",
                body=(
                    f"Обращение {appeal.id} не решено в срок. / Appeal {appeal.id} is past "
                    f"its due time: /staff/appeals/{appeal.id}"
                ),
                now=now,
            )
    session.flush()
    return len(overdue)


@dataclass(frozen=True)
class AppealCounts:
    per_10k_orders: float
    unresolved: int
    overdue: int


def appeal_counts(session: Session, *, now: datetime, days: int = 30) -> AppealCounts:
    """Appeals per 10 000 orders over the `days` before `now`, and those not resolved (and
    overdue) at `now`, across the chain: `now` may be the end of a past day. Raises no
    domain error."""
    since = now - timedelta(days=days)
    appeals = session.scalar(
        select(func.count(Appeal.id)).where(Appeal.created_at >= since, Appeal.created_at <= now)
    )
    orders = session.scalar(
        select(func.count(Order.id)).where(Order.created_at >= since, Order.created_at <= now)
    )
    open_then = and_(
        Appeal.created_at <= now,
        or_(Appeal.status.in_(UNRESOLVED), Appeal.resolved_at > now),
    )
    unresolved = session.scalar(select(func.count(Appeal.id)).where(open_then)) or 0
    overdue = (
        session.scalar(select(func.count(Appeal.id)).where(open_then, Appeal.due_at <= now)) or 0
    )
    return AppealCounts(
        per_10k_orders=round((appeals or 0) * 10_000 / orders, 1) if orders else 0.0,
        unresolved=unresolved,
        overdue=overdue,
    )


def appeals_of(session: Session, phone: str) -> list[Appeal]:
    """The customer's appeals, newest first. Raises no domain error."""
    return list(
        session.scalars(
            select(Appeal)
            .where(Appeal.customer_phone == phone)
            .order_by(Appeal.id.desc())
            .limit(200)
        )
    )
