"""Reservations per second over the real API, next to a bare UPDATE loop on the same database.

    .venv/bin/python tests/perf/bench_reserve.py [--seconds 5] [--clients 1,8,32]

Runs on PostgreSQL at TEST_DATABASE_URL (default: the local server), in a throwaway
database. The server runs as `cybermarket serve` (2 processes x 16 threads); each
client is a thread with its own HTTP connection, sending POST /api/v1/orders with an
Idempotency-Key, as a terminal does. Prints figures; asserts nothing.
"""

import argparse
import os
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests
from sqlalchemy import create_engine, select, text

# Benchmarks run the demo's configuration (demo secrets, fake provider), never a real store's.
os.environ.setdefault("CYBERMARKET_DEMO", "1")

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from server import create_app  # noqa: E402
from server.db import get_session, normalize_url  # noqa: E402
from server.models import Stock  # noqa: E402
from tests.databases import fresh_postgres, postgres_url  # noqa: E402
from tests.helpers import build_world  # noqa: E402
from tests.live import live_server  # noqa: E402


def bare_update_rate(url: str, stock_id: int, seconds: float) -> float:
    """One connection, one committed UPDATE ... SET reserved = reserved + 1 after another."""
    engine = create_engine(normalize_url(url), isolation_level="AUTOCOMMIT")
    statement = text("UPDATE stock SET reserved = reserved + 1 WHERE id = :id")
    done = 0
    with engine.connect() as conn:
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            conn.execute(statement, {"id": stock_id})
            done += 1
        elapsed = time.perf_counter() - started
        conn.execute(text("UPDATE stock SET reserved = 0 WHERE id = :id"), {"id": stock_id})
    engine.dispose()
    return done / elapsed


def api_rate(base: str, token: str, clients: int, seconds: float) -> tuple[float, int]:
    body = {"store": "MSK-1", "lines": [{"sku": "PHONE-1", "qty": 1}], "payment": "card"}
    counts = [0] * clients
    failures = [0] * clients
    barrier = threading.Barrier(clients + 1)
    stop_at: list[float] = []

    def client(index: int) -> None:
        with requests.Session() as http:
            headers = {"Authorization": f"Device {token}"}
            barrier.wait()
            while time.perf_counter() < stop_at[0]:
                headers["Idempotency-Key"] = str(uuid.uuid4())
                answer = http.post(f"{base}/api/v1/orders", json=body, headers=headers, timeout=60)
                if answer.status_code == 201:
                    counts[index] += 1
                else:
                    failures[index] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    stop_at.append(started + seconds)
    barrier.wait()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.perf_counter() - started), sum(failures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", default="1,8,32")
    args = parser.parse_args()
    base_url = postgres_url()
    if base_url is None:
        sys.exit("PostgreSQL does not answer at TEST_DATABASE_URL or 127.0.0.1:5432")

    with fresh_postgres(base_url) as url, tempfile.TemporaryDirectory() as tmp:
        app = create_app({"DATABASE_URL": url})
        with app.app_context():
            world = build_world(get_session(), stock={"PHONE-1": 10_000_000})
            stock_id = get_session().scalar(
                select(Stock.id).where(
                    Stock.store_id == world.store.id,
                    Stock.product_id == world.products["PHONE-1"].id,
                )
            )
        app.extensions["db"].engine.dispose()

        bare = bare_update_rate(url, stock_id, args.seconds)
        print(f"bare UPDATE loop (1 connection): {bare:8.0f} updates/s")
        print(f"{'clients':>8} {'reservations/s':>15} {'vs bare UPDATE':>15} {'errors':>7}")
        with live_server(url, Path(tmp)) as base:
            for clients in (int(c) for c in args.clients.split(",")):
                rate, failures = api_rate(base, world.tokens["terminal"], clients, args.seconds)
                print(f"{clients:>8} {rate:>15.0f} {rate / bare:>14.1%} {failures:>7}")


if __name__ == "__main__":
    main()
