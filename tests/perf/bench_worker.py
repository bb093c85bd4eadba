"""How fast `cybermarket worker` processes work through a morning of orders waiting for pickup.

    .venv/bin/python tests/perf/bench_worker.py [--orders 100000] [--workers 2,1] [--products 200]

Runs on PostgreSQL at TEST_DATABASE_URL (default: the local server), in a throwaway
database per run. Each run writes --orders orders straight into the tables (SQLAlchemy
Core, in bulk): status "ready" since yesterday, never reminded, a customer phone, one
line of a random product out of --products, the stock rows holding them; every other
order's hold has already ended. The clock is frozen at 10:00 in Moscow (after the
stores' 09:00 reminder hour, outside quiet hours). Then N worker processes (spawn) call
run_once(app), as the worker does, until nothing is left: expire the ended holds
(with their "expired" SMS), queue the morning reminders, send everything through the
demo's file gateway (SMS_GATEWAY_URL=file:...). Prints figures; asserts nothing.

Doubles are counted from what the workers left behind: an order expired twice (more than
one "expired" event), a message queued twice (two outbox rows for one order and kind), a
message sent twice (the same line twice in the gateway's file). They must be 0.

    .venv/bin/python tests/perf/bench_worker.py --orders 10000 --profile

runs one worker in this process under cProfile instead, and prints the SQL statements
it sent (by kind of statement) and the functions the time went to.
"""

import argparse
import cProfile
import multiprocessing
import os
import pstats
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

# Benchmarks run the demo's configuration (demo secrets, fake provider), never a real store's.
os.environ.setdefault("CYBERMARKET_DEMO", "1")

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from server import create_app  # noqa: E402
from server.clock import FrozenClock  # noqa: E402
from server.db import get_session, make_engine  # noqa: E402
from server.models import (  # noqa: E402
    Notification,
    Order,
    OrderEvent,
    OrderStatus,
    OutboxStatus,
    Stock,
)
from server.worker import run_once  # noqa: E402
from tests.databases import fresh_postgres, postgres_url  # noqa: E402
from tests.server.outbox_support import insert_waiting_orders  # noqa: E402

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)  # 10:00 in Moscow


def remaining() -> int:
    """Work any worker could still do: holds to end, reminders to queue, messages to send."""
    now = NOW
    session = get_session()
    expirable = session.scalar(
        select(func.count())
        .select_from(Order)
        .where(Order.status == OrderStatus.READY, Order.hold_until <= now)
    )
    unreminded = session.scalar(
        select(func.count())
        .select_from(Order)
        .where(
            Order.status == OrderStatus.READY,
            Order.hold_until > now,
            Order.reminded_on.is_(None),
        )
    )
    unsent = session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.status == OutboxStatus.PENDING, Notification.due_at <= now)
    )
    session.rollback()
    return int(expirable + unreminded + unsent)


def work(url: str, sms_path: str, start: Any, results: Any) -> None:
    """One worker process: run_once until no worker has anything left to do.

    A run that dies of a deadlock is counted and started again, as a supervisor
    restarting `cybermarket worker` would.
    """
    app = create_app(
        {"DATABASE_URL": url, "CLOCK": FrozenClock(NOW), "SMS_GATEWAY_URL": f"file:{sms_path}"}
    )
    backends = _watch_backends(app.extensions["db"].engine)
    runs = expired = deadlocks = 0
    start.wait()
    began, cpu = time.perf_counter(), time.process_time()
    try:
        while True:
            try:
                expired += run_once(app)
            except OperationalError as exc:
                if "deadlock" not in str(exc):
                    raise
                deadlocks += 1
            runs += 1
            with app.app_context():
                left = remaining()
            if left == 0:
                break
            if runs > 10_000:
                raise RuntimeError(f"still {left} to do after {runs} runs")
    except Exception as exc:
        results.put({"error": f"{type(exc).__name__}: {str(exc)[:300]}", "runs": runs})
        raise
    finally:
        server_cpu = sum(_cpu_seconds(pid) for pid in backends)
        app.extensions["db"].engine.dispose()
    results.put(
        {
            "server_cpu_s": server_cpu,
            "runs": runs,
            "expired": expired,
            "deadlocks": deadlocks,
            "seconds": time.perf_counter() - began,
            "cpu_s": time.process_time() - cpu,  # this worker process only, not PostgreSQL
        }
    )


def _watch_backends(engine: Any) -> set[int]:
    """The PostgreSQL server processes serving this engine's connections (filled as they
    open), so their CPU can be read from /proc: the database is on this machine."""
    pids: set[int] = set()

    @event.listens_for(engine, "connect")
    def backend(dbapi_connection: Any, _record: Any) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pids.add(cursor.fetchone()[0])
        dbapi_connection.rollback()

    return pids


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far (0 when it has gone or is not readable)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def figures(url: str, sms_path: Path) -> dict[str, int]:
    engine = make_engine(url)
    with engine.connect() as conn:
        kinds = dict(
            conn.execute(select(Notification.kind, func.count()).group_by(Notification.kind)).all()
        )
        status = dict(
            conn.execute(
                select(Notification.status, func.count()).group_by(Notification.status)
            ).all()
        )
        expired = conn.scalar(
            select(func.count()).select_from(Order).where(Order.status == OrderStatus.EXPIRED)
        )
        reminded = conn.scalar(
            select(func.count()).select_from(Order).where(Order.reminded_on == date(2026, 11, 24))
        )
        reserved = conn.scalar(select(func.sum(Stock.reserved)))
        waiting = conn.scalar(
            select(func.count()).select_from(Order).where(Order.status == OrderStatus.READY)
        )
        expired_twice = conn.scalar(
            select(func.count()).select_from(
                select(OrderEvent.order_id)
                .where(OrderEvent.to_status == OrderStatus.EXPIRED)
                .group_by(OrderEvent.order_id)
                .having(func.count() > 1)
                .subquery()
            )
        )
        queued_twice = conn.scalar(
            select(func.count()).select_from(
                select(Notification.order_id, Notification.kind, Notification.channel)
                .group_by(Notification.order_id, Notification.kind, Notification.channel)
                .having(func.count() > 1)
                .subquery()
            )
        )
    engine.dispose()
    sent_lines = sms_path.read_text(encoding="utf-8").splitlines() if sms_path.exists() else []
    lines = len(sent_lines)
    return {
        "reminders": kinds.get("reminder", 0),
        "expired_notices": kinds.get("expired", 0),
        "orders_expired": int(expired or 0),
        "orders_reminded": int(reminded or 0),
        "sent": status.get(OutboxStatus.SENT, 0),
        "pending": status.get(OutboxStatus.PENDING, 0),
        "file_lines": lines,
        "reserved_units": int(reserved or 0),
        "orders_waiting": int(waiting or 0),
        "expired_twice": int(expired_twice or 0),
        "queued_twice": int(queued_twice or 0),
        "sent_twice": lines - len(set(sent_lines)),
    }


def bench(base: str, orders: int, workers: int, products: int) -> dict[str, Any]:
    with fresh_postgres(base) as url, tempfile.TemporaryDirectory() as tmp:
        sms_path = Path(tmp) / "sms.txt"
        started = time.perf_counter()
        plan = insert_waiting_orders(url, orders, products, now=NOW)
        populated = time.perf_counter() - started
        spawn = multiprocessing.get_context("spawn")
        start = spawn.Barrier(workers + 1)
        results = spawn.Queue()
        processes = [
            spawn.Process(target=work, args=(url, str(sms_path), start, results))
            for _ in range(workers)
        ]
        for process in processes:
            process.start()
        start.wait()
        began = time.perf_counter()
        reports = [results.get() for _ in processes]
        elapsed = time.perf_counter() - began
        for process in processes:
            process.join()
        done = figures(url, sms_path)
    return {
        "plan": plan,
        "populate_s": populated,
        "elapsed_s": elapsed,
        "reports": reports,
        "exit_codes": [p.exitcode for p in processes],
        **done,
    }


def profile(base: str, orders: int, products: int, top: int) -> None:
    """One worker in this process under cProfile, counting the statements it sends."""
    with fresh_postgres(base) as url, tempfile.TemporaryDirectory() as tmp:
        insert_waiting_orders(url, orders, products, now=NOW)
        app = create_app(
            {"DATABASE_URL": url, "CLOCK": FrozenClock(NOW), "SMS_GATEWAY_URL": f"file:{tmp}/sms"}
        )
        statements: dict[str, int] = {}
        waited: dict[str, float] = {}  # seconds from sending a statement to its answer
        commits = [0]

        def count(conn: Any, cursor: Any, sql: str, *args: Any) -> None:
            words = sql.split()
            kind = " ".join(words[:3] if words[0] in {"UPDATE", "DELETE"} else words[:1])
            if words[0] == "INSERT":
                kind = " ".join(words[:3])
            elif words[0] == "SELECT":
                kind = "SELECT " + ("FOR UPDATE" if "FOR UPDATE" in sql else "")
                kind += " from " + sql.split(" FROM ", 1)[-1].split()[0] if " FROM " in sql else ""
            statements[kind] = statements.get(kind, 0) + 1
            conn.info["cm_started"] = (kind, time.perf_counter())

        def took(conn: Any, cursor: Any, *args: Any) -> None:
            kind, started = conn.info.pop("cm_started")
            waited[kind] = waited.get(kind, 0.0) + time.perf_counter() - started

        engine = app.extensions["db"].engine
        event.listen(engine, "before_cursor_execute", count)
        event.listen(engine, "after_cursor_execute", took)
        event.listen(engine, "commit", lambda conn: commits.__setitem__(0, commits[0] + 1))
        profiler = cProfile.Profile()
        began = time.perf_counter()
        profiler.enable()
        runs = 0
        while True:
            run_once(app)
            runs += 1
            with app.app_context():
                if remaining() == 0:
                    break
        profiler.disable()
        elapsed = time.perf_counter() - began
        engine.dispose()
        print(f"\n1 worker in process under cProfile: {elapsed:.1f} s, {runs} run_once calls")
        total = sum(statements.values())
        print(f"  statements {total} ({total / orders:.4f} per order), commits {commits[0]}")
        print(f"  of which waiting for PostgreSQL {sum(waited.values()):.1f} s; by statement:")
        for kind, n in sorted(statements.items(), key=lambda item: -waited.get(item[0], 0)):
            print(f"  {n:8d}  {waited.get(kind, 0):6.2f} s  {kind}")
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(top)
        stats.sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--workers", default="2,1", help="worker process counts to compare")
    parser.add_argument("--products", type=int, default=200, help="products the orders are of")
    parser.add_argument("--profile", action="store_true", help="one worker under cProfile")
    parser.add_argument("--top", type=int, default=35, help="functions the profile lists")
    args = parser.parse_args()
    base = postgres_url()
    if base is None:
        sys.exit("PostgreSQL does not answer at TEST_DATABASE_URL (or 127.0.0.1:5432)")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"{args.orders} orders ready since yesterday, half with the hold ended, "
        f"{args.products} products, 2 stores; clock frozen at 10:00 Moscow; SMS to a file"
    )
    if args.profile:
        profile(base, args.orders, args.products, args.top)
        print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return
    for count in [int(w) for w in args.workers.split(",")]:
        result = bench(base, args.orders, count, args.products)
        errors = [r["error"] for r in result["reports"] if "error" in r]
        runs = [r["runs"] for r in result["reports"]]
        deadlocks = [r.get("deadlocks", 0) for r in result["reports"]]
        print(f"\n{count} worker process(es)  (populated in {result['populate_s']:.1f} s)")
        print(f"  wall time           {result['elapsed_s']:8.1f} s")
        print(f"  orders/s            {args.orders / result['elapsed_s']:8.0f}")
        print(f"  run_once calls      {runs}  (per worker)")
        cpu = sum(r.get("cpu_s", 0.0) for r in result["reports"])
        per_1000 = cpu / args.orders * 1000
        print(f"  worker CPU          {cpu:8.1f} s  ({per_1000:.2f} s per 1000 orders)")
        served = sum(r.get("server_cpu_s", 0.0) for r in result["reports"])
        per_1000 = served / args.orders * 1000
        print(f"  PostgreSQL CPU      {served:8.1f} s  ({per_1000:.2f} s per 1000 orders)")
        print(f"  deadlocks           {deadlocks}  (runs that died of one and were restarted)")
        print(f"  orders expired      {result['orders_expired']:8d}")
        print(f"  reminders queued    {result['reminders']:8d}")
        print(f"  expiry notices      {result['expired_notices']:8d}")
        print(f"  messages sent       {result['sent']:8d}  (file lines {result['file_lines']})")
        print(f"  messages/s          {result['sent'] / result['elapsed_s']:8.0f}")
        print(f"  still pending       {result['pending']:8d}")
        print(
            f"  stock reserved      {result['reserved_units']:8d}  "
            f"(orders still waiting {result['orders_waiting']})"
        )
        doubles = result["expired_twice"] + result["queued_twice"] + result["sent_twice"]
        print(
            f"  doubles             {doubles:8d}  (orders expired twice {result['expired_twice']}, "
            f"messages queued twice {result['queued_twice']}, sent twice {result['sent_twice']})"
        )
        if errors or any(code != 0 for code in result["exit_codes"]):
            print(f"  WORKER FAILURES     exit codes {result['exit_codes']}")
            for error in errors:
                print(f"    {error}")
        print(f"  load average        {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
