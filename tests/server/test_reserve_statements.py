"""The reservation's hot path stays short: SQL statements per request, counted, not timed.

One reservation (one line, an Idempotency-Key) was 11 statements; reading the device, its
store and the answer kept for the key in one statement made it 9. A change that brings a
look-up back shows here, not weeks later in the load figures (docs/RELIABILITY.md).
"""

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from sqlalchemy import event

from tests.helpers import Api, new_key

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
