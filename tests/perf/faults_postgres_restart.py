"""PostgreSQL restarted under load: clear errors while it is away, then recovery by itself.

    nice .venv/bin/python tests/perf/faults_postgres_restart.py [--clients 8] [--down 3]

On a private PostgreSQL cluster of its own (tests/perf/private_postgres.py: never the
shared server), the server runs as `cybermarket serve` (2 processes) with one `cybermarket
worker`. Terminals (threads) reserve orders as a terminal does: one Idempotency-Key per
cart, the same key again after any failure, until the order is answered. PostgreSQL is
stopped (fast: every session cut, every open transaction rolled back), kept down for
--down seconds, and started again; nothing of ours is restarted.

Prints the answers by kind before, during and after, what /health said, how long the
first order took once PostgreSQL was back, and whether the worker did work again. Exits 1
when an invariant breaks: an answer during the outage that is not a clear JSON error, a
key answered with two orders or an order without its key, stock out of balance with the
orders, a server or worker process that died, or no recovery.
"""

import argparse
import json
import os
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, insert, select

os.environ.setdefault("CYBERMARKET_DEMO", "1")  # the demo's secrets, never a store's
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from server.db import normalize_url  # noqa: E402
from server.models import Channel, Notification, OutboxStatus  # noqa: E402
from tests.live import live_server  # noqa: E402
from tests.perf.fault_load import (  # noqa: E402
    Answers,
    answers_and_books_agree,
    books,
    health_probe,
    prepare,
    print_books,
    start_worker,
    terminal,
)
from tests.perf.private_postgres import private_cluster  # noqa: E402


def worker_sends_again(url: str, seconds: float) -> bool:
    """A message queued now: does the worker (never restarted) send it?"""
    engine = create_engine(normalize_url(url))
    now = datetime.now(UTC)
    with engine.begin() as conn:
        message_id = conn.execute(
            insert(Notification)
            .values(
                dedupe_key=f"after-restart:{uuid.uuid4()}",
                kind="created",
                channel=Channel.SMS,
                recipient="+79160000000",
                subject="",
                body="after the restart",
                status=OutboxStatus.PENDING,
                due_at=now,
                attempts=0,
                created_at=now,
            )
            .returning(Notification.id)
        ).scalar_one()
    deadline = time.monotonic() + seconds
    sent = False
    while not sent and time.monotonic() < deadline:
        time.sleep(0.2)
        with engine.connect() as conn:
            status = conn.scalar(select(Notification.status).where(Notification.id == message_id))
        sent = status is OutboxStatus.SENT
    engine.dispose()
    return sent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--before", type=float, default=4.0, help="seconds of load first")
    parser.add_argument("--down", type=float, default=3.0, help="seconds PostgreSQL is down")
    parser.add_argument("--after", type=float, default=6.0, help="seconds of load after")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    with private_cluster() as pg, tempfile.TemporaryDirectory() as tmp:
        url = pg.create_database("cybermarket")
        token = prepare(url)
        with live_server(url, Path(tmp), workers=2, threads=8) as base:
            worker = start_worker(url, Path(tmp), "worker")
            answers, stop, health = Answers(), threading.Event(), Counter[str]()
            threads = [
                threading.Thread(target=terminal, args=(base, token, answers, stop, n))
                for n in range(args.clients)
            ]
            threads.append(
                threading.Thread(target=health_probe, args=(base, answers, stop, health))
            )
            for thread in threads:
                thread.start()
            time.sleep(args.before)

            answers.phase = "down"
            began = time.monotonic()
            pg.stop("fast")
            time.sleep(args.down)
            pg.start()
            answers.phase, answers.back_at = "after", time.monotonic()
            down_for = answers.back_at - began
            time.sleep(args.after)
            stop.set()
            for thread in threads:
                thread.join(90)

            worker_alive = worker.poll() is None
            sent_again = worker_alive and worker_sends_again(url, 20)
            worker.terminate()
            worker.wait(10)
            server_log = next(Path(tmp).glob("server-*.log")).read_text()
        found = books(url)

    print(f"PostgreSQL down for {down_for:.1f} s (stop -m fast, start), {args.clients} terminals")
    print_books(answers, found)
    print("  /health: " + "; ".join(f"{n} x {k}" for k, n in sorted(health.items())))
    first = answers.first_order_after
    print(f"  first order after PostgreSQL was back: {f'{first:.2f} s' if first else 'never'}")
    print(f"  worker alive after the restart: {worker_alive}, sent a new message: {sent_again}")
    restarts = server_log.count("Booting worker")
    print(f"  server processes booted (2 at start): {restarts}")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")

    broken = answers_and_books_agree(answers, found)
    if any(k.startswith("500") for kinds in answers.by_phase.values() for k in kinds):
        broken.append("the outage was answered as an internal error, not as a pause")
    if first is None:
        broken.append("no order succeeded after PostgreSQL came back")
    if not worker_alive or not sent_again:
        broken.append("the worker did not survive the restart")
    if restarts != 2:
        broken.append(f"server processes were restarted ({restarts} boots)")
    for line in broken:
        print(f"BROKEN: {line}")
    if broken:
        unexpected = [
            line
            for line in server_log.splitlines()
            if "error" in line.lower() and "unavailable" not in line
        ]
        for line in unexpected[:1]:
            print("  server log:", json.loads(line).get("error", line))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
