"""A retry with the same Idempotency-Key returns the first answer and does nothing again."""

import threading
import uuid
from pathlib import Path

import requests
from flask import Flask
from sqlalchemy import func, select

from server import create_app
from server.db import get_session
from server.models import Order, Stock
from tests.helpers import Api, World, build_world, new_key
from tests.live import live_server

ORDER = {"store": "MSK-1", "lines": [{"sku": "PHONE-1", "qty": 2}], "payment": "card"}


def count_orders(app: Flask) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count()).select_from(Order))


def reserved(app: Flask, world: World, sku: str) -> int:
    with app.app_context():
        return get_session().scalar(
            select(Stock.reserved).where(
                Stock.store_id == world.store.id, Stock.product_id == world.products[sku].id
            )
        )


def test_replayed_order_returns_the_first_answer(app, world, terminal: Api):
    key = new_key()
    first = terminal.post("/orders", ORDER, key=key)
    second = terminal.post("/orders", ORDER, key=key)

    assert first.status_code == second.status_code == 201
    assert second.json == first.json
    assert count_orders(app) == 1
    assert reserved(app, world, "PHONE-1") == 2


def test_replayed_error_returns_the_same_error(app, world, terminal: Api):
    body = {"store": "MSK-1", "lines": [{"sku": "PHONE-2", "qty": 9}], "payment": "card"}
    key = new_key()
    first = terminal.post("/orders", body, key=key)
    second = terminal.post("/orders", body, key=key)
    assert first.status_code == second.status_code == 409
    assert second.json == first.json


def test_replayed_payment_pays_once(app, world, terminal: Api):
    order = terminal.post("/orders", ORDER, key=new_key()).json
    pay = {"method": "card", "amount_minor": order["total_minor"]}
    key = new_key()
    first = terminal.post(f"/orders/{order['number']}/payments", pay, key=key)
    second = terminal.post(f"/orders/{order['number']}/payments", pay, key=key)
    assert first.status_code == second.status_code == 201
    assert second.json["paid_minor"] == order["total_minor"]
    # Without the key, a second payment is refused rather than taken twice.
    third = terminal.post(f"/orders/{order['number']}/payments", pay)
    assert third.json["error"]["code"] == "already_paid"


def test_same_key_on_another_request_is_refused(app, world, terminal: Api):
    key = new_key()
    terminal.post("/orders", ORDER, key=key)
    other = dict(ORDER, lines=[{"sku": "TV-1", "qty": 1}])
    response = terminal.post("/orders", other, key=key)
    assert response.status_code == 422
    assert response.json["error"]["code"] == "idempotency_key_reused"
    assert count_orders(app) == 1


def test_keys_belong_to_their_device(app, world, client):
    key = new_key()
    first = Api(client, world.tokens["terminal"]).post("/orders", ORDER, key=key)
    shop_order = dict(ORDER, payment="online", customer_phone="+7 916 123-45-67")
    second = Api(client, world.tokens["shop"]).post("/orders", shop_order, key=key)
    assert first.status_code == second.status_code == 201
    assert first.json["number"] != second.json["number"]


def test_concurrent_retries_with_one_key_make_one_order(db_url: str, tmp_path: Path):
    app = create_app({"DATABASE_URL": db_url})
    with app.app_context():
        world = build_world(get_session())
    key = str(uuid.uuid4())
    barrier = threading.Barrier(8)
    answers: list[requests.Response] = []

    with live_server(db_url, tmp_path) as base:

        def retry() -> None:
            barrier.wait()
            answers.append(
                requests.post(
                    f"{base}/api/v1/orders",
                    json=ORDER,
                    headers={
                        "Authorization": f"Device {world.tokens['terminal']}",
                        "Idempotency-Key": key,
                    },
                    timeout=60,
                )
            )

        threads = [threading.Thread(target=retry) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert [a.status_code for a in answers] == [201] * 8
    assert len({a.json()["number"] for a in answers}) == 1
    assert count_orders(app) == 1
    assert reserved(app, world, "PHONE-1") == 2
    app.extensions["db"].engine.dispose()


def test_worker_forgets_keys_after_the_keeping_time(app, world, terminal: Api, clock):
    from server.worker import run_once

    key = new_key()
    first = terminal.post("/orders", ORDER, key=key).json
    clock.advance(hours=47)
    run_once(app)
    assert terminal.post("/orders", ORDER, key=key).json == first
    clock.advance(hours=2)
    run_once(app)
    again = terminal.post("/orders", ORDER, key=key).json
    assert again["number"] != first["number"]
