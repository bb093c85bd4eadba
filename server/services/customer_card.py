"""The customer card for the online shop and the call centre: everything about one phone."""

from collections.abc import Sequence
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from pydantic import BaseModel
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from server.errors import DomainError, ErrorCode
from server.models import Notification, Order, OrderReturn, Product, ProductReview, Repair
from server.services.appeals import appeals_of
from server.services.bonuses import balance, ledger
from server.services.customers import find_by_phone


class EventOut(BaseModel):
    at: datetime
    status: str
    actor: str
    reason: str | None


class CardOrderOut(BaseModel):
    number: str | None
    store: str
    status: str
    total_minor: int
    bonus_minor: int
    created_at: datetime
    events: list[EventOut]


class MessageOut(BaseModel):
    at: datetime
    kind: str
    channel: str
    status: str
    text: str


class BonusOut(BaseModel):
    at: datetime
    amount: int
    reason: str
    source: str
    order: int | None
    note: str | None = None


class ReviewCardOut(BaseModel):
    id: int
    at: datetime
    sku: str
    rating: int
    text: str
    status: str
    order: str | None
    reject_reason: str | None


class AppealCardOut(BaseModel):
    id: int
    at: datetime
    category: str
    channel: str
    status: str
    order: str | None
    text: str
    resolution: str | None
    bonus_minor: int
    refund_minor: int


class RepairCardOut(BaseModel):
    number: str | None
    order: str | None
    sku: str
    serial: str
    defect: str
    status: str
    at: datetime
    closed_at: datetime | None
    photos: list[str] = []  # file names, shown to staff at /staff/repairs/<number>/photos/


class ReturnCardOut(BaseModel):
    order: str | None
    at: datetime
    lines: dict[str, int]
    refund_minor: int
    refund_method: str | None
    reason: str


class CardOut(BaseModel):
    phone: str
    name: str | None
    email: str | None
    birthday: date | None
    language: str
    sms_allowed: bool
    email_allowed: bool
    do_not_call: bool
    marketing_consent: bool
    bonus_balance: int
    orders: list[CardOrderOut]
    messages: list[MessageOut]
    bonus_ledger: list[BonusOut]
    reviews: list[ReviewCardOut]
    appeals: list[AppealCardOut] = []
    returns: list[ReturnCardOut] = []
    repairs: list[RepairCardOut] = []


def card(session: Session, phone: str) -> CardOut:
    """The card of the customer with this (normalised) phone. Raises CUSTOMER_NOT_FOUND."""
    customer = find_by_phone(session, phone)
    if customer is None:
        raise DomainError(ErrorCode.CUSTOMER_NOT_FOUND, _l("There is no customer with this phone."))
    orders = session.scalars(
        select(Order)
        .where(or_(Order.customer_id == customer.id, Order.customer_phone == phone))
        .order_by(Order.id.desc())
        .limit(200)
        .options(selectinload(Order.events), selectinload(Order.store))
    ).all()
    messages = session.scalars(
        select(Notification)
        .where(
            or_(
                Notification.recipient == phone,
                Notification.recipient == (customer.email or phone),
                Notification.order_id.in_([o.id for o in orders]),
            )
        )
        .order_by(Notification.id.desc())
        .limit(500)
    ).all()
    return CardOut(
        phone=customer.phone,
        name=customer.name,
        email=customer.email,
        birthday=customer.birthday,
        language=customer.language,
        sms_allowed=customer.sms_allowed,
        email_allowed=customer.email_allowed,
        do_not_call=customer.do_not_call,
        marketing_consent=customer.marketing_consent,
        bonus_balance=balance(session, customer.id),
        orders=[
            CardOrderOut(
                number=o.number,
                store=o.store.code,
                status=o.status.value,
                total_minor=o.total_minor,
                bonus_minor=o.bonus_minor,
                created_at=o.created_at,
                events=[
                    EventOut(at=e.at, status=e.to_status.value, actor=e.actor, reason=e.reason)
                    for e in o.events
                ],
            )
            for o in orders
        ],
        messages=[
            MessageOut(
                at=m.created_at,
                kind=m.kind,
                channel=m.channel.value,
                status=m.status.value,
                # A one-time code is never shown again, even to staff.
                text="******" if m.kind == "code" else m.body,
            )
            for m in messages
        ],
        bonus_ledger=[
            BonusOut(
                at=b.created_at,
                amount=b.amount,
                reason=b.reason.value,
                source=b.source,
                order=b.order_id,
                note=b.note,
            )
            for b in ledger(session, customer.id)
        ],
        reviews=_reviews(session, customer.id),
        appeals=[
            AppealCardOut(
                id=a.id,
                at=a.created_at,
                category=a.category.value,
                channel=a.channel.value,
                status=a.status.value,
                order=a.order.number if a.order else None,
                text=a.text,
                resolution=a.resolution,
                bonus_minor=a.bonus_minor,
                refund_minor=a.refund_minor,
            )
            for a in appeals_of(session, customer.phone)
        ],
        returns=_returns(session, orders),
        repairs=_repairs(session, orders),
    )


def _returns(session: Session, orders: Sequence[Order]) -> list[ReturnCardOut]:
    numbers = {o.id: o.number for o in orders}
    found = session.scalars(
        select(OrderReturn)
        .where(OrderReturn.order_id.in_(numbers))
        .order_by(OrderReturn.id.desc())
        .options(selectinload(OrderReturn.lines))
    )
    return [
        ReturnCardOut(
            order=numbers[r.order_id],
            at=r.at,
            lines={line.sku: line.qty for line in r.lines},
            refund_minor=r.refund_minor,
            refund_method=r.refund_method,
            reason=r.reason,
        )
        for r in found
    ]


def _repairs(session: Session, orders: Sequence[Order]) -> list[RepairCardOut]:
    numbers = {o.id: o.number for o in orders}
    found = session.scalars(
        select(Repair)
        .where(Repair.order_id.in_(numbers))
        .order_by(Repair.id.desc())
        .options(selectinload(Repair.photos))
    )
    return [
        RepairCardOut(
            number=r.number,
            order=numbers[r.order_id],
            sku=r.sku,
            serial=r.serial,
            defect=r.defect,
            status=r.status.value,
            at=r.created_at,
            closed_at=r.closed_at,
            photos=[photo.name for photo in r.photos],
        )
        for r in found
    ]


def _reviews(session: Session, customer_id: int) -> list[ReviewCardOut]:
    rows = session.execute(
        select(ProductReview, Product.sku, Order.number)
        .join(Product, Product.id == ProductReview.product_id)
        .outerjoin(Order, Order.id == ProductReview.order_id)
        .where(ProductReview.customer_id == customer_id)
        .order_by(ProductReview.id.desc())
        .limit(200)
    ).all()
    return [
        ReviewCardOut(
            id=r.id,
            at=r.created_at,
            sku=sku,
            rating=r.rating,
            text=r.text,
            status=r.status.value,
            order=number,
            reject_reason=r.reject_reason,
        )
        for r, sku, number in rows
    ]
