"""Ten requests for a code to one phone at once: the per-phone limit holds across threads
and server processes, because counting and recording are one step."""

import threading
import uuid
from pathlib import Path

import requests
from sqlalchemy import func, select

from server import create_app
from server.db import get_session
from server.models import CustomerCode
from server.services.customer_codes import PER_PHONE
from tests.helpers import build_world
from tests.live import live_server

CLIENTS = 10


def _ask_at_once(base: str, token: str) -> list[int]:
    barrier = threading.Barrier(CLIENTS)
    statuses: list[int] = []
    lock = threading.Lock()

    def one() -> None:
        with requests.Session() as http:
            barrier.wait()
            answer = http.post(
                f"{base}/api/v1/customers/code",
                json={"phone": "+7 916 123-45-67"},
                headers={"Authorization": f"Device {token}", "Idempotency-Key": str(uuid.uuid4())},
                timeout=60,
            )
            with lock:
                statuses.append(answer.status_code)

    threads = [threading.Thread(target=one) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses)


def test_codes_asked_for_at_once_stop_at_the_per_phone_limit(db_url: str, tmp_path: Path):
    app = create_app({"DATABASE_URL": db_url})
    with app.app_context():
        token = build_world(get_session()).tokens["terminal"]

    with live_server(db_url, tmp_path) as base:
        statuses = _ask_at_once(base, token)

    assert statuses == [202] * PER_PHONE + [429] * (CLIENTS - PER_PHONE), statuses
    with app.app_context():
        assert get_session().scalar(select(func.count(CustomerCode.id))) == PER_PHONE
    app.extensions["db"].engine.dispose()
