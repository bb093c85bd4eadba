"""`cybermarket worker`: the timed work, safe to run in several processes at once.

Each step works in batches, one transaction per claimed batch: rows are claimed with
SKIP LOCKED (on PostgreSQL), so two workers share the work instead of doing it twice, and
a batch is written in sets (one update of its orders, one insert of its events, stock
movements and messages), so a worker that dies mid-batch leaves nothing half-done.
docs/RELIABILITY.md has the figures (tests/perf/bench_worker.py).
"""

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask import Flask
from sqlalchemy.exc import InterfaceError, OperationalError

from server.clock import now
from server.db import get_session
from server.models import Channel
from server.notifications.channels import Sender, make_senders
from server.notifications.delivery import deliver_due
from server.services.actors import WORKER
from server.services.appeals import escalate_overdue
from server.services.bonus_expiry import ExpiryPolicy, expire_due, warn_expiring
from server.services.holds import apologise_for_delays, remind_waiting
from server.services.housekeeping import purge_idempotency_keys
from server.services.kpi_days import fill_closed_days
from server.services.order_flow import expire_due_orders
from server.services.stuck import alert_broken_promises
from server.services.together import recount_bought_together, recount_due

log = logging.getLogger(__name__)


def run_once(app: Flask, senders: dict | None = None) -> int:
    """Do everything that is due; returns how many orders expired."""
    config = app.config
    senders = senders if senders is not None else make_senders(config)
    with app.app_context():
        session = get_session()
        purge_idempotency_keys(
            session, older_than=now() - timedelta(hours=config["IDEMPOTENCY_KEEP_HOURS"])
        )
        session.commit()
        expired = _until_done(session, lambda: expire_due_orders(session, actor=WORKER, now=now()))
        _until_done(session, lambda: remind_waiting(session, now=now()))
        apologise_for_delays(session, now=now(), after=timedelta(hours=config["DELAY_AFTER_HOURS"]))
        session.commit()
        policy = expiry_policy(config)
        expire_due(session, policy=policy, now=now())
        warn_expiring(session, policy=policy, now=now())
        session.commit()
        if recount_due(session, now=now()):  # "bought together", hourly, off the request path
            recount_bought_together(session, now=now())
        session.commit()  # ends the look too: SQLite's BEGIN IMMEDIATE holds the write lock
        every = timedelta(minutes=config["PROMISE_ALERT_MINUTES"])
        alert_broken_promises(session, now=now(), every=every)
        escalate_overdue(session, now=now())
        session.commit()
        fill_closed_days(session, now=now())  # the KPI page's past days (kpi_days)
        session.commit()
        send_all_due(app, senders)
        return expired


def expiry_policy(config: Any) -> ExpiryPolicy:
    return ExpiryPolicy(
        lifetime=timedelta(days=int(config["BONUS_LIFETIME_DAYS"])),
        warn_before=timedelta(days=int(config["BONUS_EXPIRY_WARN_DAYS"])),
        timezone=str(config["BABEL_DEFAULT_TIMEZONE"]),
    )


def send_all_due(app: Flask, senders: dict[object, Sender]) -> int:
    config = app.config
    down: set[Channel] = set()  # channels that did not answer: tried again next run
    with app.app_context():
        session = get_session()
        return _until_done(
            session,
            lambda: deliver_due(
                session,
                senders=senders,
                now=now(),
                limit=config["OUTBOX_BATCH"],
                lease=timedelta(seconds=config["OUTBOX_LEASE_SECONDS"]),
                max_attempts=config["OUTBOX_MAX_ATTEMPTS"],
                down=down,
            ),
        )


def _until_done(session, step: Callable[[], int]) -> int:  # type: ignore[no-untyped-def]
    total = 0
    while True:
        done = step()
        session.commit()
        total += done
        if done == 0:
            return total


def run_worker(app: Flask, *, once: bool, echo: Callable[[str], None]) -> None:
    interval = app.config["WORKER_INTERVAL_SECONDS"]
    senders = make_senders(app.config)
    echo(f"Worker started; checking every {interval:g} s.")
    while True:
        try:
            expired = run_once(app, senders)
        except (OperationalError, InterfaceError) as exc:
            # The database is away (restarting, failing over): what the run had not
            # committed is rolled back with its connection; the next run does it again.
            log.warning("database unavailable, trying again in %g s: %s", interval, exc)
            expired = 0
        if expired:
            echo(f"Expired {expired} orders; their stock is back on sale.")
        if once:
            return
        time.sleep(interval)
