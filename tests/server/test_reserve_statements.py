"""The reservation's hot path stays short: SQL statements per request, counted, not timed.

One reservation (one line, an Idempotency-Key) was 11 statements; reading the device, its
store and the answer kept for the key in one statement made it 9. On PostgreSQL the new
order's id comes from its sequence with the products, so the order is inserted with its
number: 8. A change that brings a look-up back shows here, not weeks later in the load
figures (docs/RELIABILITY.md).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import event, select

from server import create_app
from server.clock import FrozenClock
from server.db import get_session
from server.models import Order
from tests import databases
from tests.helpers import T0, Api, app_config, build_world, new_key

BODY = {"store": "MSK-1", "lines": [{"sku": "PHONE-1", "qty": 1}], "payment": "card"}
TWO_LINES = {**BODY, "lines": [{"sku": "PHONE-1", "qty": 1}, {"sku": "TV-1", "qty": 2}]}


@contextmanager
def statements(app: Flask) -> Iterator[list[str]]:
    seen: list[str] = []
    engine = app.extensions["db"].engine

    def count(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if not statement.startswith("BEGIN"):  # SQLite spells out what psycopg sends apart
            seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_a_reservation_costs_nine_statements(app: Flask, terminal: Api) -> None:
    terminal.post("/orders", BODY, key=new_key())  # the first request warms nothing it counts
    with statements(app) as seen:
        answer = terminal.post("/orders", BODY, key=new_key())
    assert answer.status_code == 201
    reads = [s for s in seen if s.startswith("SELECT")]
    assert len(reads) == 2, reads  # device + store + kept answer; the products
    assert len(seen) <= 9, seen


def test_a_further_line_costs_its_own_rows_only(app: Flask, terminal: Api) -> None:
    terminal.post("/orders", BODY, key=new_key())
    with statements(app) as one:
        terminal.post("/orders", BODY, key=new_key())
    with statements(app) as two:
        answer = terminal.post("/orders", TWO_LINES, key=new_key())
    assert answer.status_code == 201
    # Its stock update, its line, its movement at most: no look-up per line.
    assert sum(s.startswith("SELECT") for s in two) == sum(s.startswith("SELECT") for s in one)
    assert len(two) <= len(one) + 3, two


def test_a_retry_is_answered_from_one_statement(app: Flask, terminal: Api) -> None:
    key = new_key()
    first = terminal.post("/orders", BODY, key=key)
    with statements(app) as seen:
        again = terminal.post("/orders", BODY, key=key)
    assert again.get_json() == first.get_json()
    assert len(seen) == 1, seen


@pytest.fixture
def pg_terminal(postgres_db: str, tmp_path: Path) -> Iterator[tuple[Flask, Api]]:
    """A terminal of the usual world, on PostgreSQL."""
    databases.truncate_all(postgres_db)
    app = create_app(app_config(postgres_db, FrozenClock(T0), tmp_path))
    with app.app_context():
        world = build_world(get_session())
    try:
        yield app, Api(app.test_client(), world.tokens["terminal"])
    finally:
        app.extensions["db"].engine.dispose()


@pytest.mark.postgres
def test_on_postgresql_the_order_is_written_once_with_its_number(
    pg_terminal: tuple[Flask, Api],
) -> None:
    app, terminal = pg_terminal
    terminal.post("/orders", BODY, key=new_key())
    with statements(app) as seen:
        answer = terminal.post("/orders", BODY, key=new_key())
    assert answer.status_code == 201
    assert not [s for s in seen if s.startswith("UPDATE orders")], seen
    assert len(seen) <= 8, seen
    number = answer.get_json()["number"]
    with app.app_context():  # the number is still the store's prefix and the row's id
        order = get_session().scalar(select(Order).where(Order.number == number))
        assert order is not None and number == f"{order.store.order_prefix}-{1000 + order.id}"
    assert terminal.get(f"/orders/{number}").get_json()["status"] == "reserved"
