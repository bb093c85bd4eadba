"""Unpaid reservations expire after the configured minutes and their stock returns."""

import multiprocessing
from datetime import timedelta

from flask import Flask
from sqlalchemy import func, select

from server import create_app
from server.clock import FrozenClock
from server.db import get_session
from server.models import Order, OrderEvent, OrderStatus, Stock
from server.worker import run_once
from tests.helpers import T0, Api, build_world


def _stock(app: Flask, store_id: int, product_id: int) -> tuple[int, int]:
    with app.app_context():
        row = get_session().scalar(
            select(Stock).where(Stock.store_id == store_id, Stock.product_id == product_id)
        )
        return row.on_hand, row.reserved


def test_unpaid_reservation_expires_after_the_hold(app, world, terminal, clock):
    order = terminal.post(
        "/orders",
        {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 2}], "payment": "cashier"},
    ).json
    tv = world.products["TV-1"].id

    clock.advance(minutes=14)
    assert run_once(app) == 0
    assert terminal.get(f"/orders/{order['number']}").json["status"] == "reserved"

    clock.advance(minutes=2)
    assert run_once(app) == 1
    assert terminal.get(f"/orders/{order['number']}").json["status"] == "expired"
    assert _stock(app, world.store.id, tv) == (5, 0)

    late = terminal.post(
        f"/orders/{order['number']}/payments", {"method": "card", "amount_minor": 1}
    )
    assert late.status_code == 409
    assert late.json["error"]["code"] == "order_expired"


def test_hold_minutes_come_from_config(sqlite_url, tmp_path):
    clock = FrozenClock(T0)
    app = create_app({"DATABASE_URL": sqlite_url, "CLOCK": clock, "UNPAID_HOLD_MINUTES": 3})
    with app.app_context():
        world = build_world(get_session())
    order = (
        Api(app.test_client(), world.tokens["terminal"])
        .post(
            "/orders",
            {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 1}], "payment": "cashier"},
        )
        .json
    )
    assert order["hold_until"].startswith((T0 + timedelta(minutes=3)).strftime("%Y-%m-%dT%H:%M"))


def test_paid_order_does_not_expire(app, world, terminal, clock):
    order = terminal.post(
        "/orders", {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 1}], "payment": "card"}
    ).json
    terminal.post(
        f"/orders/{order['number']}/payments",
        {"method": "card", "amount_minor": order["total_minor"]},
    )
    clock.advance(hours=5)
    assert run_once(app) == 0


def _expire_in_process(db_url: str, at_iso: str) -> None:
    from datetime import datetime

    app = create_app({"DATABASE_URL": db_url, "CLOCK": FrozenClock(datetime.fromisoformat(at_iso))})
    run_once(app)


def test_three_workers_expire_each_order_exactly_once(db_url, clock):
    app = create_app({"DATABASE_URL": db_url, "CLOCK": clock})
    with app.app_context():
        world = build_world(get_session(), stock={"PHONE-1": 60})
    terminal = Api(app.test_client(), world.tokens["terminal"])
    for _ in range(60):
        terminal.post(
            "/orders",
            {"store": "MSK-1", "lines": [{"sku": "PHONE-1", "qty": 1}], "payment": "cashier"},
        )
    later = (T0 + timedelta(hours=1)).isoformat()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_expire_in_process, args=(db_url, later)) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0

    with app.app_context():
        session = get_session()
        expired = session.scalar(
            select(func.count()).select_from(Order).where(Order.status == OrderStatus.EXPIRED)
        )
        expiry_events = session.scalar(
            select(func.count())
            .select_from(OrderEvent)
            .where(OrderEvent.to_status == OrderStatus.EXPIRED)
        )
    assert expired == expiry_events == 60
    assert _stock(app, world.store.id, world.products["PHONE-1"].id) == (60, 0)
    app.extensions["db"].engine.dispose()


def test_uncollected_rest_of_a_partly_issued_order_expires_with_refund(
    app, world, terminal, warehouse, pickup, clock
):
    order = terminal.post(
        "/orders",
        {
            "store": "MSK-1",
            "lines": [{"sku": "TV-1", "qty": 1}, {"sku": "PHONE-1", "qty": 1}],
            "payment": "card",
        },
    ).json
    number = order["number"]
    terminal.post(
        f"/orders/{number}/payments", {"method": "card", "amount_minor": order["total_minor"]}
    )
    warehouse.post(f"/orders/{number}/picking")
    warehouse.post(f"/orders/{number}/ready", {"window": 1})
    pickup.post(f"/orders/{number}/hand-out", {"lines": [{"sku": "TV-1", "qty": 1}]})

    clock.advance(days=3, minutes=1)
    assert run_once(app) == 1
    assert terminal.get(f"/orders/{number}").json["status"] == "expired"
    assert _stock(app, world.store.id, world.products["TV-1"].id) == (4, 0)
    assert _stock(app, world.store.id, world.products["PHONE-1"].id) == (10, 0)
    with app.app_context():
        from server.models import Payment, PaymentKind

        refunds = (
            get_session()
            .scalars(select(Payment.amount_minor).where(Payment.kind == PaymentKind.REFUND))
            .all()
        )
    assert refunds == [2_999_000]
