"""Making an order: reserve the stock of every line in one transaction, or nothing."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from common.i18n import Localized
from server.errors import DomainError, ErrorCode
from server.models import (
    DeviceKind,
    Order,
    OrderLine,
    OrderStatus,
    PaymentMethod,
    Product,
    Store,
    StoreKind,
)
from server.notifications.outbox import notify
from server.services import access, stock, transitions
from server.services.actors import Actor
from server.services.customers import customer_for
from server.services.phones import normalize_phone
from server.services.pickup_codes import new_pickup_code


@dataclass(frozen=True)
class LineRequest:
    sku: str
    qty: int


@dataclass(frozen=True)
class Customer:
    phone: str | None = None
    email: str | None = None
    language: str = "ru"


@dataclass(frozen=True)
class HoldPolicy:
    unpaid_minutes: int
    online_payment_minutes: int

    def hold_until(self, payment: PaymentMethod, now: datetime) -> datetime | None:
        if payment in (PaymentMethod.CARD, PaymentMethod.CASHIER):
            return now + timedelta(minutes=self.unpaid_minutes)
        if payment is PaymentMethod.ONLINE:
            return now + timedelta(minutes=self.online_payment_minutes)
        return None  # paid on pickup: the hold starts when the order is ready


def find_store(session: Session, code: str) -> Store:
    """The store with this code. Raises UNKNOWN_STORE."""
    store = session.scalar(select(Store).where(Store.code == code))
    if store is None:
        raise DomainError(ErrorCode.UNKNOWN_STORE, _l("There is no store %(code)s.", code=code))
    return store


def _check_channel(store: Store, payment: PaymentMethod, actor: Actor) -> None:
    access.require_sells(actor, payment)
    if actor.store_id is not None and actor.store_id != store.id:
        raise DomainError(
            ErrorCode.WRONG_STORE, _l("This device takes orders for its own store only.")
        )


def reserve_order(
    session: Session,
    *,
    store: Store,
    lines: list[LineRequest],
    payment: PaymentMethod,
    customer: Customer,
    actor: Actor,
    policy: HoldPolicy,
    now: datetime,
    source: Store | None = None,
) -> Order:
    """Reserve every line at the store the goods come from, or nothing.

    `source`: another cybermarket whose goods are picked there and brought to `store` for
    pickup (the outposts' path: picked at the source, in transit, ready here).
    Raises FORBIDDEN, WRONG_STORE, STORE_NOT_SELLING, PHONE_REQUIRED, DUPLICATE_LINE,
    UNKNOWN_PRODUCT, INSUFFICIENT_STOCK.
    """
    _check_channel(store, payment, actor)
    stock_store = _stock_store(store, source)
    phone = normalize_phone(customer.phone) if customer.phone else None
    if actor.kind is DeviceKind.SHOP and phone is None:
        raise DomainError(
            ErrorCode.PHONE_REQUIRED, _l("An online order needs the customer's phone number.")
        )
    products, order_id = _products(session, [line.sku for line in lines])
    order = Order(
        id=order_id,
        number=f"{store.order_prefix}-{1000 + order_id}" if order_id is not None else None,
        store=store,
        payment_method=payment,
        pickup_code=new_pickup_code(),
        customer_phone=phone,
        customer_id=customer_for(session, phone, now=now, email=customer.email).id
        if phone
        else None,
        customer_email=customer.email,
        customer_language=customer.language,
        stock_store_id=stock_store.id,
        total_minor=sum(products[line.sku].price_minor * line.qty for line in lines),
        created_at=now,
        hold_until=policy.hold_until(payment, now),
        created_by_device_id=actor.device_id,
        lines=[
            OrderLine(
                product_id=products[line.sku].id,
                sku=line.sku,
                name_ru=products[line.sku].name_ru,
                name_en=products[line.sku].name_en,
                price_minor=products[line.sku].price_minor,
                qty=line.qty,
            )
            for line in lines
        ],
    )
    # Lock stock rows in one order (by product id) so two orders never wait on each other.
    for line in sorted(order.lines, key=lambda item: item.product_id):
        if not stock.take(session, order, line.product_id, line.qty):
            product = products[line.sku]
            left = stock.available(session, stock_store.id, product.id)
            raise DomainError(
                ErrorCode.INSUFFICIENT_STOCK,
                _l(
                    "Not enough “%(name)s” in stock: %(available)s left in this store.",
                    name=Localized(product.name_ru, product.name_en),
                    available=left,
                )
                if stock_store.id == store.id
                else _l(
                    "Not enough “%(name)s” in stock: %(available)s left in %(store)s.",
                    name=Localized(product.name_ru, product.name_en),
                    available=left,
                    store=Localized(stock_store.name_ru, stock_store.name_en),
                ),
                sku=line.sku,
                available=left,
            )
    transitions.record(session, order, OrderStatus.RESERVED, actor=actor, now=now)
    session.add(order)
    session.flush()
    if order.number is None:  # SQLite: the id is known once the row is in
        # Numbers come from the row id: unique across processes without a shared counter.
        order.number = f"{store.order_prefix}-{1000 + order.id}"
        session.flush()
    if actor.kind is DeviceKind.SHOP:
        notify(session, order, "created", now=now)
    return order


def _products(session: Session, skus: list[str]) -> tuple[dict[str, Product], int | None]:
    """The products asked for, each once and on sale, and on PostgreSQL the new order's id,
    taken from its sequence in the same statement (so the order is inserted with its number
    and needs no second write). Raises DUPLICATE_LINE, UNKNOWN_PRODUCT."""
    if len(set(skus)) != len(skus):
        raise DomainError(ErrorCode.DUPLICATE_LINE, _l("Each product may appear on one line only."))
    query = select(Product).where(Product.sku.in_(skus))
    on_postgres = session.get_bind().dialect.name == "postgresql"
    if on_postgres:  # an uncorrelated subquery: one id, however many lines
        sequence = func.pg_get_serial_sequence(Order.__tablename__, "id")
        query = query.add_columns(select(func.nextval(sequence)).scalar_subquery())
    rows = session.execute(query).all()
    products = {row[0].sku: row[0] for row in rows}
    for sku in skus:
        if sku not in products or not products[sku].active:
            raise DomainError(
                ErrorCode.UNKNOWN_PRODUCT, _l("There is no product %(sku)s.", sku=sku), sku=sku
            )
    return products, (int(rows[0][1]) if on_postgres else None)


def _stock_store(store: Store, source: Store | None = None) -> Store:
    """Where the goods of an order for this store come from: the source asked for, itself,
    or an outpost's source. Raises STORE_NOT_SELLING."""
    if source is not None and source.id != store.id:
        if source.kind is not StoreKind.CYBERMARKET:
            raise DomainError(
                ErrorCode.STORE_NOT_SELLING,
                _l("%(store)s is a pickup point: it holds no goods to send.", store=source.code),
            )
        return source
    if store.kind is StoreKind.CYBERMARKET:
        return store
    if store.source_store is None:
        raise DomainError(
            ErrorCode.STORE_NOT_SELLING,
            _l("%(store)s is a pickup point with no store to supply it.", store=store.code),
        )
    return store.source_store
