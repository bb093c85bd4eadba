"""One known day at MSK-1 for the KPI page, written straight into the database, with the
figures a manager would work out from it by hand (the server tests and the browser
journey check the page against these)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import (
    AbandonedCart,
    Appeal,
    AppealCategory,
    AppealChannel,
    AppealStatus,
    Customer,
    Device,
    DeviceKind,
    Order,
    OrderEvent,
    OrderStatus,
    PaymentMethod,
    SearchMiss,
    Store,
)

DAY = date(2026, 6, 15)
MOSCOW = ZoneInfo("Europe/Moscow")
# Seconds from payment to goods in hand of the ten terminal orders handed out that day.
SECONDS = (60, 90, 100, 120, 130, 150, 170, 200, 240, 600)
EXPECTED = {
    "handed_out": "13",  # ten terminal orders and three online ones
    "measured": "10",  # paid at the store: the online ones were paid at the window
    "median": "2:20",  # (130 + 150) / 2 seconds
    "p90": "9:24",  # the 9.9th of ten values: 240 + 0.9 × (600 − 240) = 564 s
    "within": "70%",  # 60 … 170 s: seven of ten within three minutes
    "orders": "10",  # made that day (the online ones were made two days before)
    "average_check": "2 000 ₽",  # five at 1 000 ₽, five at 3 000 ₽, three at 2 000 ₽
    "buyout": "75%",  # three online orders collected, one expired
    "retention": "40%",  # of five customers, two bought again within 90 days
    "appeals": "714.3",  # one appeal, 14 orders in the 30 days: 10 000 / 14
    "unresolved": "1",  # at the end of that day
    "missed": "2",
    "abandoned": "2",  # cleared by idle reset that day (one the evening before is not)
    "abandoned_value": "1 049 ₽",  # 2 × 499 ₽ and 51 ₽
}
ABANDONED_CSV = "2,1049.00"  # the day's row; the day before has one cart of 100 ₽


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), MOSCOW)


def seed_known_day(session: Session) -> None:
    """Writes the day at MSK-1 (see EXPECTED) and commits."""
    store = session.scalar(select(Store).where(Store.code == "MSK-1"))
    assert store is not None
    customers = [Customer(phone=f"+7916555000{n}", created_at=_at(DAY, 1)) for n in range(1, 6)]
    session.add_all(customers)
    session.flush()
    seq = iter(range(9000, 9100))

    def order(made: datetime, method: PaymentMethod, total: int, customer: int | None) -> Order:
        n = next(seq)
        made_order = Order(
            number=f"A-{n}",
            store_id=store.id,
            stock_store_id=store.id,
            status=OrderStatus.ISSUED,
            payment_method=method,
            pickup_code=f"KPI{n:09d}",
            total_minor=total,
            paid_minor=total,
            created_at=made,
            updated_at=made,
            customer_id=customers[customer].id if customer is not None else None,
        )
        session.add(made_order)
        return made_order

    def event(made: Order, source: OrderStatus | None, target: OrderStatus, at: datetime) -> None:
        session.add(
            OrderEvent(order=made, from_status=source, to_status=target, at=at, actor="seed")
        )

    # Ten terminal orders: four made at 10:00, six at 12:00; customers 0, 1, 1, 2, 3, 4.
    owners = [0, 1, 1, 2, 3, 4, None, None, None, None]
    for i, seconds in enumerate(SECONDS):
        made = _at(DAY, 10 if i < 4 else 12, i)
        one = order(made, PaymentMethod.CARD, 100_000 if i % 2 else 300_000, owners[i])
        event(one, None, OrderStatus.RESERVED, made)
        paid = made + timedelta(seconds=10)
        event(one, OrderStatus.RESERVED, OrderStatus.PAID, paid)
        event(one, OrderStatus.PAID, OrderStatus.PICKING, paid + timedelta(seconds=20))
        event(one, OrderStatus.PICKING, OrderStatus.READY, paid + timedelta(seconds=40))
        event(one, OrderStatus.READY, OrderStatus.ISSUED, paid + timedelta(seconds=seconds))
    # Customer 0 bought 30 days before too: with customer 1's two orders, two of five again.
    earlier = order(_at(DAY - timedelta(days=40), 11), PaymentMethod.CARD, 50_000, 0)
    event(earlier, None, OrderStatus.RESERVED, earlier.created_at)
    # Four online orders made two days before (paid on pickup): three collected, one expired.
    for i in range(4):
        made = _at(DAY - timedelta(days=2), 9, i)
        one = order(made, PaymentMethod.ON_PICKUP, 200_000, None)
        event(one, None, OrderStatus.RESERVED, made)
        event(one, OrderStatus.RESERVED, OrderStatus.PICKING, made + timedelta(hours=1))
        event(one, OrderStatus.PICKING, OrderStatus.READY, made + timedelta(hours=2))
        last = OrderStatus.EXPIRED if i == 3 else OrderStatus.ISSUED
        one.status = last
        event(one, OrderStatus.READY, last, _at(DAY, 15, i))
    session.add(
        Appeal(
            customer_phone="+79165550001",
            store_id=store.id,
            channel=AppealChannel.WINDOW,
            category=AppealCategory.DELAY,
            text="Долго ждал",
            status=AppealStatus.OPEN,
            created_at=_at(DAY, 13),
            created_by="seed",
            due_at=_at(DAY, 15),
        )
    )
    for at in (_at(DAY, 11), _at(DAY, 16), _at(DAY - timedelta(days=1), 16)):
        session.add(SearchMiss(query="телепорт", store_id=store.id, at=at, understood=[]))
    _seed_abandoned_carts(session, store)
    session.commit()


def _seed_abandoned_carts(session: Session, store: Store) -> None:
    """Carts the terminal's idle reset cleared: two that day (one just after midnight,
    Moscow), one the evening before, one at another store the same day."""
    terminal = session.scalar(
        select(Device).where(Device.kind == DeviceKind.TERMINAL, Device.store_id == store.id)
    )
    other = session.scalar(select(Store).where(Store.id != store.id).order_by(Store.id))
    assert terminal is not None and other is not None

    def cart(at: datetime, lines: list[tuple[str, int, int]], where: Store) -> None:
        session.add(
            AbandonedCart(
                store_id=where.id,
                device_id=terminal.id,
                at=at,
                lines=[{"sku": s, "qty": q, "price_minor": p} for s, q, p in lines],
                items=sum(q for _s, q, _p in lines),
                value_minor=sum(q * p for _s, q, p in lines),
            )
        )

    cart(_at(DAY, 0, 10), [("PHONE-1", 2, 49_900)], store)
    cart(_at(DAY, 18), [("CABLE-1", 1, 5_100)], store)
    cart(_at(DAY - timedelta(days=1), 23, 30), [("CABLE-1", 1, 10_000)], store)
    cart(_at(DAY, 14), [("TV-1", 1, 5_000_000)], other)
