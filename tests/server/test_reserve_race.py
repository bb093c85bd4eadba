"""32 terminals race for the last 5 units over the real API: exactly 5 win, stock never negative."""

import threading
import uuid
from pathlib import Path

import requests
from sqlalchemy import select

from server import create_app
from server.db import get_session
from server.models import Order, Stock
from tests.helpers import build_world
from tests.live import live_server

CLIENTS = 32
UNITS = 5


def _reserve_concurrently(base: str, token: str) -> list[requests.Response]:
    barrier = threading.Barrier(CLIENTS)
    answers: list[requests.Response] = []
    lock = threading.Lock()

    def one_terminal() -> None:
        with requests.Session() as http:
            barrier.wait()
            answer = http.post(
                f"{base}/api/v1/orders",
                json={"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 1}], "payment": "card"},
                headers={"Authorization": f"Device {token}", "Idempotency-Key": str(uuid.uuid4())},
                timeout=60,
            )
            with lock:
                answers.append(answer)

    threads = [threading.Thread(target=one_terminal) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_32_clients_race_for_the_last_5_units(db_url: str, tmp_path: Path):
    app = create_app({"DATABASE_URL": db_url})
    with app.app_context():
        world = build_world(get_session(), stock={"TV-1": UNITS, "PHONE-1": 1})
        token = world.tokens["terminal"]

    with live_server(db_url, tmp_path) as base:
        answers = _reserve_concurrently(base, token)

    statuses = sorted(a.status_code for a in answers)
    assert statuses == [201] * UNITS + [409] * (CLIENTS - UNITS)
    assert {a.json()["error"]["code"] for a in answers if a.status_code == 409} == {
        "insufficient_stock"
    }
    with app.app_context():
        session = get_session()
        tv = world.products["TV-1"].id
        stock = session.scalar(
            select(Stock).where(Stock.store_id == world.store.id, Stock.product_id == tv)
        )
        assert (stock.on_hand, stock.reserved) == (UNITS, UNITS)
        assert len(session.scalars(select(Order)).all()) == UNITS
    app.extensions["db"].engine.dispose()
