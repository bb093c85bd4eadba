"""A payment that comes after its order expired or was cancelled is kept, refunded and told."""

import json
import threading

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from server import create_app
from server.clock import now
from server.db import get_session
from server.models import LatePayment, Notification, Order, OrderStatus, RefundState
from server.payments.provider import RefundFailed
from server.payments.signing import sign
from server.services.actors import WORKER
from server.services.order_flow import expire_due_orders
from server.worker import run_once
from tests.helpers import STAFF_PASSWORD, Api, build_world, signed_in

PHONE = "+7 916 123-45-67"


def online_order(shop: Api, sku: str = "TV-1") -> dict:
    answer = shop.post(
        "/orders",
        {
            "store": "MSK-1",
            "lines": [{"sku": sku, "qty": 1}],
            "payment": "online",
            "customer_phone": PHONE,
        },
    )
    assert answer.status_code == 201, answer.json
    return answer.json


def pay(client: FlaskClient, order: dict, event_id: str, secret: str = "demo-webhook-secret"):
    body = json.dumps(
        {
            "event_id": event_id,
            "type": "payment.succeeded",
            "order": order["number"],
            "amount_minor": order["total_minor"],
        }
    ).encode()
    return client.post(
        "/webhooks/payments",
        data=body,
        content_type="application/json",
        headers={"X-Signature": sign(secret, body)},
    )


def late_payments(app: Flask) -> list[tuple[str, int, str, RefundState]]:
    with app.app_context():
        rows = get_session().scalars(select(LatePayment).order_by(LatePayment.id))
        return [(r.order.number, r.amount_minor, r.reason, r.refund_state) for r in rows]


def late_messages(app: Flask) -> list[str]:
    with app.app_context():
        query = select(Notification.body).where(Notification.kind == "late_payment")
        return list(get_session().scalars(query))


def test_payment_after_expiry_is_refunded_shown_to_staff_and_told_once(app, client, shop, clock):
    order = online_order(shop)
    clock.advance(minutes=31)
    assert run_once(app) == 1

    answer = pay(client, order, "evt-late-1")
    assert answer.status_code == 200  # the provider stops retrying
    assert answer.json["refund"] == "refunded"
    replay = pay(client, order, "evt-late-1")
    assert replay.status_code == 409 and replay.json["error"]["code"] == "duplicate_event"

    amount = order["total_minor"]
    assert late_payments(app) == [(order["number"], amount, "order_expired", RefundState.REFUNDED)]
    [message] = late_messages(app)
    assert order["number"] in message and "возвращаем деньги" in message
    assert shop.get(f"/orders/{order['number']}").json["status"] == "expired"

    page = signed_in(app).get("/staff/late-payments", query_string={"lang": "en"}).text
    assert f'data-testid="late-{order["number"]}"' in page
    assert "54,990 ₽" in page and "the order had expired" in page
    assert 'data-testid="refund-refunded"' in page


def test_payment_after_cancellation_and_a_second_payment_are_both_given_back(app, client, shop):
    cancelled = online_order(shop)
    assert shop.post(f"/orders/{cancelled['number']}/cancel", {"reason": "changed mind"}).json
    assert pay(client, cancelled, "evt-c").json["refund"] == "refunded"

    paid = online_order(shop, "PHONE-1")
    assert pay(client, paid, "evt-p1").json["status"] == "ok"
    twice = pay(client, paid, "evt-p2")
    assert twice.status_code == 200 and twice.json["refund"] == "refunded"

    reasons = {number: reason for number, _amount, reason, _state in late_payments(app)}
    assert reasons == {cancelled["number"]: "order_cancelled", paid["number"]: "already_paid"}
    assert shop.get(f"/orders/{paid['number']}").json["paid_minor"] == paid["total_minor"]


class RefusingProvider:
    def checkout_url(self, order: Order) -> str | None:
        return None

    def refund(self, order: Order, amount_minor: int, *, reference: str) -> str | None:
        raise RefundFailed("card closed")


def test_a_refused_refund_is_kept_for_staff_with_the_reason(app, client, shop, clock):
    app.extensions["payment_provider"] = RefusingProvider()
    order = online_order(shop)
    clock.advance(minutes=31)
    run_once(app)
    assert pay(client, order, "evt-r").status_code == 200
    assert late_payments(app)[0][3] is RefundState.FAILED
    staff = app.test_client()
    staff.post("/staff/login", data={"username": "staff", "password": STAFF_PASSWORD})
    page = staff.get("/staff/late-payments", query_string={"lang": "en"}).text
    assert "the provider refused the refund: card closed" in page


def test_staff_page_needs_a_signed_in_staff_member(client):
    answer = client.get("/staff/late-payments")
    assert answer.status_code == 302 and "/staff/login" in answer.location


def test_expiry_racing_late_payments_loses_none(any_db_app, clock):
    """Each order ends paid, or expired with its payment kept and refunded: never neither."""
    app = any_db_app
    with app.app_context():
        world = build_world(get_session(), stock={"PHONE-1": 20})
        get_session().commit()
    shop = Api(app.test_client(), world.tokens["shop"])
    orders = [online_order(shop, "PHONE-1") for _ in range(20)]
    clock.advance(minutes=31)
    answers: dict[str, int] = {}

    def expire() -> None:
        with app.app_context():
            session = get_session()
            while expire_due_orders(session, actor=WORKER, now=now(), limit=1):
                session.commit()
            session.commit()

    def pay_all(part: list[dict]) -> None:
        client = app.test_client()
        for order in part:
            answers[order["number"]] = pay(client, order, f"evt-{order['number']}").status_code

    threads = [threading.Thread(target=expire)]
    threads += [threading.Thread(target=pay_all, args=(orders[i::3],)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert set(answers.values()) == {200}
    with app.app_context():
        session = get_session()
        status = dict(session.execute(select(Order.number, Order.status)).tuples().all())
        late = {p.order.number: p for p in session.scalars(select(LatePayment))}
        stored = session.scalar(select(func.count()).select_from(LatePayment))
    for order in orders:
        number = order["number"]
        if status[number] is OrderStatus.EXPIRED:
            assert late[number].refund_state is RefundState.REFUNDED, number
        else:
            assert status[number] is OrderStatus.PAID and number not in late, number
    assert stored == len(late) == len(late_messages(app))


def test_no_late_payment_when_the_order_is_paid_in_time(app, client, shop, clock):
    order = online_order(shop)
    clock.advance(minutes=5)
    assert pay(client, order, "evt-ok").json["status"] == "ok"
    assert late_payments(app) == [] and late_messages(app) == []


def test_without_a_refund_call_staff_are_asked_to_refund_by_hand(sqlite_url, clock):
    app = create_app({"TESTING": True, "DEMO": False, "DATABASE_URL": sqlite_url, "CLOCK": clock})
    assert app.config["PAYMENT_PROVIDER"] == "manual"
    with app.app_context():
        world = build_world(get_session())
    client = app.test_client()
    order = online_order(Api(client, world.tokens["shop"]))
    clock.advance(minutes=31)
    run_once(app)
    assert pay(client, order, "evt-m").json["refund"] == "by_hand"
    client.post("/staff/login", data={"username": "staff", "password": STAFF_PASSWORD})
    page = client.get("/staff/late-payments", query_string={"lang": "en"}).text
    assert 'data-testid="refund-by_hand"' in page and "provider" in page
    app.extensions["db"].engine.dispose()
