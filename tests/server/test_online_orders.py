"""An online order to an outpost, walked through three days: every message and what it says."""

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from server.db import get_session
from server.models import Channel, Notification, OutboxStatus, Payment, PaymentKind, Stock
from server.payments.webhook import sign
from server.worker import run_once
from tests.helpers import T0, Api

MSK = ZoneInfo("Europe/Moscow")
PHONE = "+7 916 123-45-67"


class RecordingSms:
    """Stands in for the gateway (its real HTTP client is tested on its own): what went out."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send(self, message: Notification) -> None:
        self.sent.append((message.recipient, message.body))


def webhook(client, body: dict, secret: str = "demo-webhook-secret", signature=None):
    raw = json.dumps(body).encode()
    return client.post(
        "/webhooks/payments",
        data=raw,
        content_type="application/json",
        headers={"X-Signature": signature or sign(secret, raw)},
    )


def at_msk(clock, day: int, hour: int, minute: int = 0) -> None:
    """Set the clock to a Moscow time `day` days after the tests' first day."""
    start = T0.astimezone(MSK).replace(hour=0, minute=0, second=0, microsecond=0)
    clock.current = (start + timedelta(days=day, hours=hour, minutes=minute)).astimezone(
        ZoneInfo("UTC")
    )


@pytest.fixture
def sms() -> RecordingSms:
    return RecordingSms()


def worker(app, sms) -> None:
    run_once(app, {Channel.SMS: sms})


def source_stock(app, world, sku: str) -> tuple[int, int]:
    with app.app_context():
        row = get_session().scalar(
            select(Stock).where(
                Stock.store_id == world.store.id, Stock.product_id == world.products[sku].id
            )
        )
        return row.on_hand, row.reserved


def test_outpost_order_through_transit_reminders_and_expiry(
    app, client, world, shop, warehouse, clock, sms
):
    outpost_window = Api(client, world.tokens["pickup-outpost"])
    created = shop.post(
        "/orders",
        {
            "store": "OUT-1",
            "lines": [{"sku": "TV-1", "qty": 1}],
            "payment": "online",
            "customer_phone": PHONE,
        },
    )
    assert created.status_code == 201, created.json
    order = created.json
    number, code = order["number"], order["pickup_code"]
    assert order["customer_phone"] == "+79161234567"
    assert source_stock(app, world, "TV-1") == (5, 1)  # reserved at the source cybermarket

    paid = webhook(
        client,
        {
            "event_id": "evt-1",
            "type": "payment.succeeded",
            "order": number,
            "amount_minor": order["total_minor"],
        },
    )
    assert paid.status_code == 200, paid.json
    assert shop.get(f"/orders/{number}").json["status"] == "paid"

    warehouse.post(f"/orders/{number}/picking")
    shipped = warehouse.post(f"/orders/{number}/ship")
    assert shipped.json["status"] == "in_transit"
    assert source_stock(app, world, "TV-1") == (4, 0)  # the goods left the source

    scan = outpost_window.post("/pickups/scan", {"code": code}).json
    assert scan["verdict"] == "amber" and scan["actions"] == ["receive"]
    ready = outpost_window.post(f"/orders/{number}/arrived").json
    assert ready["status"] == "ready"
    worker(app, sms)

    for day in (1, 2, 3):
        at_msk(clock, day, 8, 59)
        worker(app, sms)
        at_msk(clock, day, 9, 0)
        worker(app, sms)
        worker(app, sms)  # a second worker run the same morning sends nothing more
    at_msk(clock, 3, 12, 1)  # three days after arrival at 12:00
    worker(app, sms)
    worker(app, sms)

    texts = [text for _to, text in sms.sent]
    assert {to for to, _text in sms.sent} == {"+79161234567"}
    display = f"{code[:4]}-{code[4:8]}-{code[8:]}"
    assert texts == [
        f"Заказ {number} принят. Мы сообщим, когда он будет готов к выдаче (Кибермаркет OUT-1)."
        " Вопросы: 8 800 555-35-35",
        f"Заказ {number} взят в работу, собираем.",
        f"Заказ {number} готов к выдаче: Кибермаркет OUT-1, Москва, Тверская ул., 1, 24/7. Код "
        f"получения {display}. Храним до 27.11 12:00.",
        *[
            f"Напоминаем: заказ {number} ждёт вас по адресу Москва, Тверская ул., 1 (24/7). Код "
            f"{display}. Храним до 27.11 12:00."
        ]
        * 3,
        f"Срок хранения заказа {number} истёк, заказ отменён. Деньги вернутся на карту в течение "
        "нескольких дней. Вопросы: 8 800 555-35-35",
    ]
    assert shop.get(f"/orders/{number}").json["status"] == "expired"
    assert source_stock(app, world, "TV-1") == (5, 0)  # back on the source's shelves
    with app.app_context():
        refunds = (
            get_session()
            .scalars(select(Payment.amount_minor).where(Payment.kind == PaymentKind.REFUND))
            .all()
        )
    assert refunds == [order["total_minor"]]


def test_forged_and_replayed_webhooks_change_nothing(app, client, world, shop):
    order = shop.post(
        "/orders",
        {
            "store": "MSK-1",
            "lines": [{"sku": "PHONE-2", "qty": 1}],
            "payment": "online",
            "customer_phone": PHONE,
        },
    ).json
    event = {
        "event_id": "evt-9",
        "type": "payment.succeeded",
        "order": order["number"],
        "amount_minor": order["total_minor"],
    }
    forged = webhook(client, event, secret="guessed")
    assert forged.status_code == 401 and forged.json["error"]["code"] == "invalid_signature"
    unsigned = webhook(client, event, signature="sha256=")
    assert unsigned.status_code == 401
    assert shop.get(f"/orders/{order['number']}").json["status"] == "reserved"

    assert webhook(client, event).status_code == 200
    replay = webhook(client, event)
    assert replay.status_code == 409 and replay.json["error"]["code"] == "duplicate_event"
    with app.app_context():
        payments = get_session().scalars(select(Payment)).all()
    assert len(payments) == 1

    wrong = webhook(client, {**event, "event_id": "evt-10", "amount_minor": 1})
    # Money for a paid order is kept and given back (test_late_payments.py), not refused.
    assert wrong.status_code == 200 and wrong.json["refund"] == "refunded"
    junk = webhook(client, {"event_id": "x", "type": "refund"})
    assert junk.status_code == 422


def test_shop_input_is_checked_and_changes_nothing(app, shop):
    bad = [
        ({"store": "NOPE"}, "unknown_store"),
        ({"customer_phone": "12345"}, "invalid_phone"),
        ({"customer_phone": None}, "phone_required"),
        ({"lines": [{"sku": "TV-1", "qty": 99}]}, "insufficient_stock"),
    ]
    base = {
        "store": "OUT-1",
        "lines": [{"sku": "TV-1", "qty": 1}],
        "payment": "online",
        "customer_phone": PHONE,
    }
    for change, code in bad:
        answer = shop.post("/orders", {**base, **change})
        assert 400 <= answer.status_code < 500 and answer.json["error"]["code"] == code, change
    with app.app_context():
        assert get_session().scalars(select(Notification)).all() == []


def test_sms_in_quiet_hours_waits_for_the_morning(app, shop, clock, sms):
    at_msk(clock, 0, 22, 30)
    shop.post(
        "/orders",
        {
            "store": "MSK-1",
            "lines": [{"sku": "TV-1", "qty": 1}],
            "payment": "on_pickup",
            "customer_phone": PHONE,
        },
    )
    worker(app, sms)
    assert sms.sent == []
    with app.app_context():
        due = get_session().scalar(select(Notification.due_at))
    assert due.astimezone(MSK).strftime("%d %H:%M") == (
        (clock.now().astimezone(MSK) + timedelta(days=1)).strftime("%d ") + "09:00"
    )
    at_msk(clock, 1, 9, 0)
    worker(app, sms)
    # The night's "accepted" goes at nine, with the apology: the order is late by then.
    assert [text.split()[0] for _to, text in sms.sent] == ["Заказ", "Извините:"]


def test_late_online_order_gets_one_apology(app, shop, clock, sms):
    shop.post(
        "/orders",
        {
            "store": "MSK-1",
            "lines": [{"sku": "TV-1", "qty": 1}],
            "payment": "on_pickup",
            "customer_phone": PHONE,
        },
    )
    clock.advance(hours=5)
    worker(app, sms)
    worker(app, sms)
    apologies = [text for _to, text in sms.sent if "задерживается" in text]
    assert len(apologies) == 1


def test_nothing_after_pickup_but_the_thank_you(app, shop, warehouse, pickup, clock, sms):
    order = shop.post(
        "/orders",
        {
            "store": "MSK-1",
            "lines": [{"sku": "TV-1", "qty": 1}],
            "payment": "on_pickup",
            "customer_phone": PHONE,
        },
    ).json
    number = order["number"]
    warehouse.post(f"/orders/{number}/picking")
    warehouse.post(f"/orders/{number}/ready", {"window": 1})
    pickup.post(
        f"/orders/{number}/payments", {"method": "cash", "amount_minor": order["total_minor"]}
    )
    pickup.post(f"/orders/{number}/hand-out")
    # created, taken and ready were still pending: only the thank-you goes, and the
    # bonuses it earned (an account message, docs/CUSTOMERS.md).
    worker(app, sms)
    clock.advance(days=1)
    worker(app, sms)
    assert [text for _to, text in sms.sent] == [
        f"Заказ {number} выдан. Спасибо за покупку!",
        f"За заказ {number} начислено бонусов: 2 749,50. На счёте: 2 749,50.",
    ]
    with app.app_context():
        statuses = get_session().scalars(select(Notification.status)).all()
    assert sorted(statuses) == sorted([OutboxStatus.CANCELLED] * 3 + [OutboxStatus.SENT] * 2)
