"""SIGKILL of a server process mid-checkout and of a worker mid-batch: nothing lost, half
done or doubled once they are back.

    nice .venv/bin/python tests/perf/faults_sigkill.py [--clients 8] [--kills 6]

On a private PostgreSQL cluster (tests/perf/private_postgres.py), two parts:

1. Checkout. `cybermarket serve` (gunicorn, 2 processes) takes reservations from
   terminals (threads) that send the same Idempotency-Key again after any failure, as the
   terminal app does. First a deterministic kill: the script locks every stock row, waits
   until reservations stand inside their transactions at the stock UPDATE (device checked,
   products read), and SIGKILLs one server process; then --kills more, at random moments,
   one every --every seconds. Gunicorn starts a new process each time. Afterwards every
   key has its one order, no order lacks its lines or its event, stock balances.
2. Expiry. 300 orders whose hold has ended. A `cybermarket worker` takes them as one batch:
   in one transaction it locks their stock, marks them expired, writes their events, gives
   their stock back, and queues their "expired" messages; the script makes it wait at that
   last step (it holds the same messages' keys uncommitted) and SIGKILLs it there. Nothing
   of the batch may remain. A new worker then expires each order once, one message each.

Prints what it found; exits 1 when an invariant breaks.
"""

import argparse
import os
import random
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, create_engine, func, insert, select, text

os.environ.setdefault("CYBERMARKET_DEMO", "1")  # the demo's secrets, never a store's
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from server.db import normalize_url  # noqa: E402
from server.models import (  # noqa: E402
    Channel,
    Notification,
    Order,
    OrderEvent,
    OrderStatus,
    OutboxStatus,
    Stock,
)
from tests.live import live_server  # noqa: E402
from tests.perf.fault_load import (  # noqa: E402
    Answers,
    answers_and_books_agree,
    books,
    prepare,
    print_books,
    start_worker,
    terminal,
)
from tests.perf.private_postgres import private_cluster  # noqa: E402
from tests.server.outbox_support import insert_waiting_orders  # noqa: E402

EXPIRING = 300


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def server_processes() -> list[int]:
    """The gunicorn worker processes of the server this script started."""
    masters = [
        pid
        for pid in children(os.getpid())
        if b"serve" in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]
    return [worker for master in masters for worker in children(master)]


def wait_for(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


def waiting_at(conn: Connection, statement: str) -> int:
    """Sessions of other connections standing in their transaction at this statement."""
    return int(
        conn.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                " AND query LIKE :statement AND pid <> pg_backend_pid()"
            ),
            {"statement": statement + "%"},
        )
        or 0
    )


def holding(url: str) -> tuple[Connection, Connection]:
    """A connection whose open transaction will hold rows, and one to watch with."""
    engine = create_engine(normalize_url(url))
    holder, watcher = engine.connect(), engine.connect()
    watcher.execution_options(isolation_level="AUTOCOMMIT")
    return holder, watcher


def hold_expiry_messages(holder: Connection) -> None:
    """Uncommitted "expired" messages under the keys the worker's batch will queue: its
    INSERT .. ON CONFLICT waits for this transaction, after the batch's orders, events and
    stock are written and before it commits."""
    now = datetime.now(UTC)
    ids = holder.scalars(select(Order.id)).all()
    holder.execute(
        insert(Notification),
        [
            {
                "order_id": None,  # a reference would lock the order and the batch skip it
                "dedupe_key": f"{order_id}:expired:sms",
                "kind": "expired",
                "channel": Channel.SMS,
                "recipient": "+79160000000",
                "subject": "",
                "body": "held by the fault script",
                "status": OutboxStatus.PENDING,
                "due_at": now,
                "attempts": 0,
                "created_at": now,
            }
            for order_id in ids
        ],
    )


def kill_mid_checkout(url: str, answers: Answers, kills: int, every: float) -> list[str]:
    broken: list[str] = []
    holder, watcher = holding(url)
    holder.execute(select(Stock.id).with_for_update())
    answers.phase = "held"
    stood = wait_for(lambda: waiting_at(watcher, "UPDATE stock") >= 2, 30)
    standing = waiting_at(watcher, "UPDATE stock")
    victim = server_processes()[0]
    os.kill(victim, signal.SIGKILL)
    print(f"  killed server process {victim} with {standing} reservations at the stock UPDATE")
    if not stood:
        broken.append("no reservation reached the stock UPDATE while the stock was held")
    time.sleep(0.5)
    holder.rollback()
    holder.close()
    answers.phase = "random"
    for _ in range(kills):
        if not wait_for(lambda: len(server_processes()) == 2, 30):
            broken.append("gunicorn did not replace a killed process")
            break
        time.sleep(random.uniform(0.2, every))
        os.kill(random.choice(server_processes()), signal.SIGKILL)
    answers.phase = "after"
    wait_for(lambda: len(server_processes()) == 2, 30)
    watcher.close()
    return broken


def checkout_part(pg_url: str, tmp: Path, args: argparse.Namespace) -> list[str]:
    token = prepare(pg_url)
    answers, stop = Answers(), threading.Event()
    with live_server(pg_url, tmp, workers=2, threads=8) as base:
        threads = [
            threading.Thread(target=terminal, args=(base, token, answers, stop, n))
            for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        time.sleep(2)
        broken = kill_mid_checkout(pg_url, answers, args.kills, args.every)
        time.sleep(3)
        stop.set()
        for thread in threads:
            thread.join(90)
    found = books(pg_url)
    print(f"checkout: 1 kill mid-transaction + {args.kills} at random, {args.clients} terminals")
    print_books(answers, found)
    retried = sum(
        n for kinds in answers.by_phase.values() for k, n in kinds.items() if "no answer" in k
    )
    print(f"  requests cut by a kill and sent again with their key: {retried}")
    broken += answers_and_books_agree(answers, found)
    if any(k.startswith("500") for kinds in answers.by_phase.values() for k in kinds):
        broken.append("a killed process showed as an internal error")
    return broken


def expiry_state(url: str) -> tuple[Counter[str], int, int, int, int]:
    engine = create_engine(normalize_url(url))
    with engine.connect() as conn:
        found = (
            Counter(str(status) for status in conn.scalars(select(Order.status))),
            int(conn.scalar(select(func.sum(Stock.reserved))) or 0),
            int(conn.scalar(select(func.count()).select_from(OrderEvent)) or 0),
            int(conn.scalar(select(func.count(func.distinct(OrderEvent.order_id)))) or 0),
            int(conn.scalar(select(func.count()).select_from(Notification)) or 0),
        )
    engine.dispose()
    return found


def expiry_part(pg_url: str, tmp: Path) -> list[str]:
    broken: list[str] = []
    insert_waiting_orders(pg_url, EXPIRING, products=5, now=datetime.now(UTC), ended_every=1)
    before = expiry_state(pg_url)
    holder, watcher = holding(pg_url)
    hold_expiry_messages(holder)
    worker = start_worker(pg_url, tmp, "worker-killed")
    stood = wait_for(lambda: waiting_at(watcher, "INSERT INTO notifications") >= 1, 60)
    written = watcher.scalars(
        text(
            "SELECT DISTINCT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
            " JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.mode = 'RowExclusiveLock'"
            " AND c.relkind = 'r' AND a.query LIKE 'INSERT INTO notifications%'"
            " AND a.pid <> pg_backend_pid() ORDER BY 1"
        )
    ).all()
    print(f"  the batch had written, uncommitted, to: {', '.join(written)}")
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(10)
    holder.rollback()
    holder.close()
    watcher.close()
    after_kill = expiry_state(pg_url)
    second = start_worker(pg_url, tmp, "worker-next")
    done = wait_for(lambda: expiry_state(pg_url)[0][OrderStatus.EXPIRED] == EXPIRING, 60)
    time.sleep(1)  # a further run must find nothing more to do
    second.terminate()
    second.wait(10)
    final = expiry_state(pg_url)
    print(f"expiry: {EXPIRING} orders due, the worker killed as its batch queued the messages")
    print(
        f"  before:          statuses {dict(before[0])}, reserved {before[1]}, events "
        f"{before[2]}, messages {before[4]}"
    )
    print(
        f"  after the kill:  statuses {dict(after_kill[0])}, reserved {after_kill[1]}, "
        f"events {after_kill[2]}, messages {after_kill[4]}"
    )
    print(
        f"  next worker:     statuses {dict(final[0])}, reserved {final[1]}, events "
        f"{final[2]} for {final[3]} orders, messages {final[4]}"
    )
    if not stood:
        broken.append("the worker never reached the messages of its batch")
    if after_kill != before:
        broken.append("the killed worker's batch left something behind")
    if not done or final[1:] != (0, EXPIRING, EXPIRING, EXPIRING):
        broken.append("the next worker did not expire each order exactly once with one message")
    return broken


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--kills", type=int, default=6, help="random kills after the first")
    parser.add_argument("--every", type=float, default=1.0, help="seconds between random kills")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    with private_cluster() as pg, tempfile.TemporaryDirectory() as tmp:
        broken = checkout_part(pg.create_database("checkout"), Path(tmp), args)
        broken += expiry_part(pg.create_database("expiry"), Path(tmp))
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    for line in broken:
        print(f"BROKEN: {line}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
