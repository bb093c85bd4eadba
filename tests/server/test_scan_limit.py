"""The limit on unknown pickup codes holds when a device's guesses race each other."""

import threading
from pathlib import Path

import requests
from sqlalchemy import func, select

from server import create_app
from server.db import get_session
from server.models import ScanAttempt
from server.services.pickup_codes import new_pickup_code
from tests.helpers import build_world, new_key
from tests.live import live_server

GUESSES = 16  # the limit is 10 a minute


def test_racing_guesses_from_one_window_stop_at_the_limit(db_url: str, tmp_path: Path):
    app = create_app({"DATABASE_URL": db_url})
    with app.app_context():
        world = build_world(get_session())
    headers = {"Authorization": f"Device {world.tokens['pickup']}"}
    barrier = threading.Barrier(GUESSES)
    answers: list[int] = []

    with live_server(db_url, tmp_path) as base:

        def guess() -> None:
            barrier.wait()
            answer = requests.post(
                f"{base}/api/v1/pickups/scan",
                json={"code": new_pickup_code()},
                headers=headers,
                timeout=60,
            )
            answers.append(answer.status_code)

        threads = [threading.Thread(target=guess) for _ in range(GUESSES)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert sorted(answers) == [404] * 10 + [429] * (GUESSES - 10)
    with app.app_context():
        assert get_session().scalar(select(func.count()).select_from(ScanAttempt)) == 10
    app.extensions["db"].engine.dispose()


def test_guesses_sent_with_idempotency_keys_count_too(world, pickup):
    """The window app sends a key with every scan: the unknown code is kept all the same."""
    for _ in range(10):
        guess = pickup.post("/pickups/scan", {"code": new_pickup_code()}, key=new_key())
        assert guess.json["error"]["code"] == "unknown_code"
    blocked = pickup.post("/pickups/scan", {"code": new_pickup_code()}, key=new_key())
    assert blocked.status_code == 429
    assert blocked.json["error"]["code"] == "too_many_attempts"
