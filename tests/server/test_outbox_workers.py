"""Several worker processes share the outbox on PostgreSQL; a killed worker loses nothing.

Worker processes (multiprocessing spawn) each build their own app and send through an
HTTP SMS gateway that runs in this test process and records every request. Rows are
claimed with FOR UPDATE SKIP LOCKED and leased, so each message goes exactly once while
the workers live, and at least once when one of them is killed mid-batch.
"""

import multiprocessing
import os
import signal
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, insert, select

from server import create_app
from server.clock import FrozenClock
from server.db import make_engine
from server.models import (
    Channel,
    Notification,
    Order,
    OrderEvent,
    OrderStatus,
    OutboxStatus,
    Product,
    Stock,
)
from server.notifications.channels import HttpSmsGateway
from server.services import order_flow
from server.worker import run_once, send_all_due
from tests import databases
from tests.server.outbox_support import (
    LOGIN,
    PASSWORD,
    SENDER,
    RecordingGateway,
    insert_waiting_orders,
    recording_gateway,
    run_once_in_process,
    send_in_process,
)

pytestmark = pytest.mark.postgres

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)  # 15:00 in Moscow: no quiet hours
BATCH = 50
LEASE_SECONDS = 300
WORKER_CONFIG = {"OUTBOX_BATCH": BATCH, "OUTBOX_LEASE_SECONDS": LEASE_SECONDS}


@pytest.fixture
def pg_url(postgres_db: str) -> str:
    databases.truncate_all(postgres_db)
    return postgres_db


def insert_due(url: str, count: int) -> set[str]:
    """count pending SMS, due a minute ago, written straight into the table; their message ids."""
    due = NOW - timedelta(minutes=1)
    rows = [
        {
            "order_id": None,
            "dedupe_key": f"bulk:{n}",
            "kind": "created",
            "channel": Channel.SMS,
            "recipient": f"+7916{n:07d}",
            "subject": "",
            "body": f"Message {n}",
            "status": OutboxStatus.PENDING,
            "due_at": due,
            "attempts": 0,
            "created_at": due,
        }
        for n in range(count)
    ]
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(insert(Notification), rows)
        ids = conn.scalars(select(Notification.id)).all()
    engine.dispose()
    assert len(ids) == count
    return {f"cm-{i}" for i in ids}


def statuses(url: str) -> Counter[str]:
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            select(Notification.status, func.count()).group_by(Notification.status)
        ).all()
    engine.dispose()
    return Counter({str(status): n for status, n in rows})


def leased(url: str) -> list[tuple[int, str | None, datetime | None]]:
    """Pending rows a worker holds a lease on: (id, owner, lease end)."""
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            select(Notification.id, Notification.lease_owner, Notification.lease_until).where(
                Notification.status == OutboxStatus.PENDING,
                Notification.lease_until.is_not(None),
            )
        ).all()
    engine.dispose()
    return [tuple(row) for row in rows]


def wait_for(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_three_worker_processes_send_each_of_2000_messages_exactly_once(pg_url):
    count = 2_000  # the exactly-once property; bench_worker.py sends 100 000 for speed
    expected = insert_due(pg_url, count)
    spawn = multiprocessing.get_context("spawn")
    with recording_gateway() as gateway:
        start = spawn.Barrier(3)
        results = spawn.Queue()
        workers = [
            spawn.Process(
                target=send_in_process,
                args=(pg_url, gateway.url, NOW.isoformat(), WORKER_CONFIG, start, results),
            )
            for _ in range(3)
        ]
        started = time.monotonic()
        for worker in workers:
            worker.start()
        try:
            shares = sorted(results.get(timeout=240) for _ in workers)
        finally:
            for worker in workers:
                worker.join(30)
                if worker.is_alive():
                    worker.kill()
                    worker.join()
        elapsed = time.monotonic() - started
        assert [worker.exitcode for worker in workers] == [0, 0, 0]
        results.close()
        results.join_thread()
    print(f"3 workers sent {count} messages in {elapsed:.1f} s; shares {shares}")

    assert sum(shares) == count
    assert all(share > 0 for share in shares), shares  # they really shared the work
    ids = [request.message_id for request in gateway.requests]
    assert len(ids) == count
    assert set(ids) == expected
    assert all(request.answer == 200 for request in gateway.requests)
    assert statuses(pg_url) == Counter({"sent": count})
    assert leased(pg_url) == []


def _kill_mid_batch(pg_url: str, gateway: RecordingGateway, after: int) -> None:
    spawn = multiprocessing.get_context("spawn")
    worker = spawn.Process(
        target=send_in_process, args=(pg_url, gateway.url, NOW.isoformat(), WORKER_CONFIG)
    )
    worker.start()
    try:
        assert wait_for(lambda: gateway.count() >= after, 60), (
            f"the worker sent {gateway.count()} messages in a minute (exit code {worker.exitcode})"
        )
        os.kill(worker.pid, signal.SIGKILL)
        worker.join(10)
    finally:
        if worker.is_alive():
            worker.kill()
            worker.join()
    assert worker.exitcode == -signal.SIGKILL


def test_a_worker_killed_mid_batch_loses_nothing(pg_url):
    count = 2_000
    expected = insert_due(pg_url, count)
    with recording_gateway(delay=0.02) as gateway:
        # Killed in its second batch, with part of the batch sent.
        _kill_mid_batch(pg_url, gateway, after=BATCH + BATCH // 2)
        reached_before = {request.message_id for request in gateway.requests}
        held = leased(pg_url)
        sent_by_the_dead = statuses(pg_url)["sent"]
        owners = {owner for _id, owner, _until in held}
        print(
            f"killed after {len(reached_before)} requests, {sent_by_the_dead} recorded sent; "
            f"{len(held)} rows left leased"
        )
        assert 0 < len(held) <= BATCH  # the rest of the killed worker's batch
        assert len(owners) == 1
        assert {until for _id, _owner, until in held} == {NOW + timedelta(seconds=LEASE_SECONDS)}
        gateway.delay = 0.0

        senders = {Channel.SMS: HttpSmsGateway(gateway.url, LOGIN, PASSWORD, SENDER, timeout=5)}
        clock = FrozenClock(NOW + timedelta(minutes=1))
        app = create_app({"DATABASE_URL": pg_url, "CLOCK": clock, **WORKER_CONFIG})
        try:
            # While the dead worker's lease runs, another worker sends everything else.
            assert send_all_due(app, senders) == count - sent_by_the_dead - len(held)
            assert sorted(row[0] for row in leased(pg_url)) == sorted(row[0] for row in held)

            # Once the lease is over, the dead worker's batch is free again.
            clock.current = NOW + timedelta(seconds=LEASE_SECONDS + 1)
            assert send_all_due(app, senders) == len(held)
            clock.advance(hours=1)
            assert send_all_due(app, senders) == 0
        finally:
            app.extensions["db"].engine.dispose()

    reached = Counter(request.message_id for request in gateway.requests)
    assert set(reached) == expected  # every message reached the gateway
    assert statuses(pg_url) == Counter({"sent": count})
    assert leased(pg_url) == []
    duplicates = {mid: n for mid, n in reached.items() if n > 1}
    print(f"duplicates after the kill: {len(duplicates)} {sorted(duplicates)}")
    in_flight = {f"cm-{i}" for i, _owner, _until in held}
    assert set(duplicates) <= in_flight  # only what the dead worker had in hand
    assert all(n == 2 for n in duplicates.values())


def test_two_workers_racing_over_due_holds_expire_and_message_each_exactly_once(pg_url, tmp_path):
    """Orders of few products waiting for pickup, half of them past their hold, and two
    workers started together: they share the batches (SKIP LOCKED), each ended order
    expires once with one "expired" SMS, each waiting one gets one reminder, nothing twice.

    Expiry returns each order's goods to stock; two workers doing that for different
    orders of the same products must not deadlock on the stock rows either.
    """
    orders = 4_000
    plan = insert_waiting_orders(pg_url, orders, products=20, now=NOW, ended_every=2)
    assert plan["to_expire"] == plan["to_remind"] == orders // 2
    spawn = multiprocessing.get_context("spawn")
    start, results = spawn.Barrier(2), spawn.Queue()
    sms_file = tmp_path / "sms.txt"
    # Batches smaller than the work, so the two workers meet over the same queue.
    config = {"SMS_GATEWAY_URL": f"file:{sms_file}", "OUTBOX_BATCH": 200}
    workers = [
        spawn.Process(
            target=run_once_in_process, args=(pg_url, NOW.isoformat(), config, start, results)
        )
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    try:
        outcomes = [results.get(timeout=240) for _ in workers]
    finally:
        for worker in workers:
            worker.join(30)
            if worker.is_alive():
                worker.kill()
                worker.join()
    results.close()
    results.join_thread()

    errors = [outcome for outcome in outcomes if isinstance(outcome, str)]
    assert errors == [], errors
    assert [worker.exitcode for worker in workers] == [0, 0]
    assert sum(outcomes) == plan["to_expire"]
    engine = make_engine(pg_url)
    with engine.connect() as conn:
        expired_events = Counter(
            conn.scalars(
                select(OrderEvent.order_id).where(OrderEvent.to_status == OrderStatus.EXPIRED)
            ).all()
        )
        statuses_now = Counter(conn.scalars(select(Order.status)).all())
        reserved = conn.scalar(
            select(func.sum(Stock.reserved)).where(
                Stock.product_id.in_(select(Product.id).where(Product.sku.like("BULK-%")))
            )
        )
        queued = Counter(
            (order_id, kind)
            for order_id, kind, status in conn.execute(
                select(Notification.order_id, Notification.kind, Notification.status)
            ).all()
            if status is OutboxStatus.SENT
        )
    engine.dispose()
    assert len(expired_events) == plan["to_expire"]
    assert set(expired_events.values()) == {1}  # no order expired twice
    assert statuses_now == Counter(
        {OrderStatus.EXPIRED: plan["to_expire"], OrderStatus.READY: plan["to_remind"]}
    )
    assert reserved == plan["to_remind"]  # one unit each, held by the orders still waiting
    assert Counter(kind for _order, kind in queued) == Counter(
        {"expired": plan["to_expire"], "reminder": plan["to_remind"]}
    )
    assert set(queued.values()) == {1}  # one message of a kind per order, all sent
    sent = sms_file.read_text(encoding="utf-8").splitlines()
    assert len(sent) == len(set(sent)) == orders  # and each reached the gateway once


def test_a_worker_that_dies_mid_batch_leaves_the_batch_as_it_was(pg_url, tmp_path, monkeypatch):
    """The worker dies after its batch's stock, events and orders are written but before
    the messages are: nothing of the batch stays; the next run does it all, once."""
    plan = insert_waiting_orders(pg_url, 60, products=3, now=NOW, ended_every=1)
    app = create_app(
        {
            "DATABASE_URL": pg_url,
            "CLOCK": FrozenClock(NOW),
            "SMS_GATEWAY_URL": f"file:{tmp_path}/sms",
        }
    )

    def seen() -> tuple[Counter[str], int, int, int]:
        engine = make_engine(pg_url)
        with engine.connect() as conn:
            found = (
                Counter(str(status) for status in conn.scalars(select(Order.status))),
                int(conn.scalar(select(func.sum(Stock.reserved))) or 0),
                int(conn.scalar(select(func.count()).select_from(OrderEvent)) or 0),
                int(conn.scalar(select(func.count()).select_from(Notification)) or 0),
            )
        engine.dispose()
        return found

    def dies(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the worker died here")

    before = seen()
    assert before == (Counter({"ready": 60}), 60, 0, 0)
    monkeypatch.setattr(order_flow, "notify_orders", dies)
    try:
        with pytest.raises(RuntimeError, match="died"):
            run_once(app)
        assert seen() == before
        monkeypatch.undo()
        assert run_once(app) == plan["to_expire"]
        assert run_once(app) == 0
    finally:
        app.extensions["db"].engine.dispose()
    assert seen() == (Counter({"expired": 60}), 0, 60, 60)
    assert len((tmp_path / "sms").read_text(encoding="utf-8").splitlines()) == 60
