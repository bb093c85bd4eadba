"""`cybermarket worker`: the timed work, safe to run in several processes at once."""

import time
from collections.abc import Callable
from datetime import timedelta

from flask import Flask

from server.clock import now
from server.db import get_session
from server.services.actors import WORKER
from server.services.housekeeping import purge_idempotency_keys
from server.services.order_flow import expire_due_orders


def run_once(app: Flask) -> int:
    """Expire what is due, one committed batch at a time; returns how many orders expired."""
    total = 0
    with app.app_context():
        session = get_session()
        keep = timedelta(hours=app.config["IDEMPOTENCY_KEEP_HOURS"])
        purge_idempotency_keys(session, older_than=now() - keep)
        session.commit()
        while True:
            expired = expire_due_orders(session, actor=WORKER, now=now())
            session.commit()
            total += expired
            if expired == 0:
                return total


def run_worker(app: Flask, *, once: bool, echo: Callable[[str], None]) -> None:
    interval = app.config["WORKER_INTERVAL_SECONDS"]
    echo(f"Worker started; checking every {interval:g} s.")
    while True:
        expired = run_once(app)
        if expired:
            echo(f"Expired {expired} orders; their stock is back on sale.")
        if once:
            return
        time.sleep(interval)
