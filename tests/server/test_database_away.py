"""The database goes away for a moment (PostgreSQL restarting, failing over): every caller
is told plainly that the service will be back, nothing is half done, and the same request
succeeds once the database answers again, with no restart of ours.

The outage itself, under load on a real PostgreSQL restarted for real, is
tests/perf/faults_postgres_restart.py; here every statement fails as it does then.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from server.db import get_session
from server.models import Order
from tests.helpers import new_key

PAUSE = "Сервис ненадолго недоступен. Попробуйте ещё раз через минуту."


@pytest.fixture
def database(app) -> Iterator[dict[str, Any]]:
    """Set `away` and every statement fails as on a server that closed the connection; set
    `away_from` and it goes away at the first statement that starts so."""
    state: dict[str, Any] = {"away": False, "away_from": None}
    engine = app.extensions["db"].engine

    def refuse(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if state["away_from"] and statement.startswith(state["away_from"]):
            state["away"] = True
        if state["away"]:
            raise OperationalError(statement, {}, Exception("server closed the connection"))

    event.listen(engine, "before_cursor_execute", refuse)
    yield state
    event.remove(engine, "before_cursor_execute", refuse)


@pytest.mark.parametrize("away_from", ["SELECT", "UPDATE stock", "INSERT INTO idempotency_keys"])
def test_an_order_while_the_database_is_away_is_a_pause_then_goes_through(
    app, terminal, database, away_from
):
    """Away from the start, or from the middle of the checkout on (the stock taken, the
    order written, the answer about to be kept): the same sentence, nothing kept."""
    body = {"store": "MSK-1", "lines": [{"sku": "PHONE-1", "qty": 1}], "payment": "cashier"}
    key = new_key()
    database["away_from"] = away_from

    paused = terminal.post("/orders", body, key=key)

    assert paused.status_code == 503
    assert paused.json["error"] == {"code": "service_unavailable", "message": PAUSE}
    assert paused.headers["Retry-After"] == "5"
    database.update(away=False, away_from=None)
    with app.app_context():
        assert get_session().scalar(select(func.count()).select_from(Order)) == 0
    placed = terminal.post("/orders", body, key=key)
    assert placed.status_code == 201
    assert terminal.post("/orders", body, key=key).json["number"] == placed.json["number"]


def test_a_staff_page_while_the_database_is_away_says_so_and_asks_again(staff_client, database):
    database["away"] = True

    page = staff_client.get("/staff/orders?q=A-1")

    assert page.status_code == 503
    text = page.get_data(as_text=True)
    assert PAUSE in text
    assert 'http-equiv="refresh" content="5;url=/staff/orders?q=A-1"' in text
    database["away"] = False
    assert staff_client.get("/staff/orders").status_code == 200


def test_the_ready_board_keeps_what_it_shows_and_polls_on_while_the_database_is_away(
    app, world, terminal, database
):
    board = app.test_client()
    assert board.post("/screens/pair", data={"token": world.tokens["board"]}).status_code == 302
    database["away"] = True

    poll = board.get("/board/items", headers={"HX-Request": "true"})

    assert poll.status_code == 204  # htmx swaps nothing: the numbers stay, the poll goes on
    database["away"] = False
    assert board.get("/board/items", headers={"HX-Request": "true"}).status_code == 200


class _Sleeps:
    """The worker's pauses between runs: the database comes back during the first, and the
    test ends the loop at the second."""

    def __init__(self, database: dict[str, Any]) -> None:
        self.database, self.count = database, 0

    def sleep(self, _seconds: float) -> None:
        self.count += 1
        if self.count == 2:
            raise KeyboardInterrupt  # what stops the worker in real life too
        self.database["away"] = False


def test_the_worker_waits_out_a_database_that_is_away_and_goes_on(
    app, terminal, database, clock, monkeypatch
):
    """No restart of ours: the run that met the outage is dropped whole, the next one does
    the work (here: an unpaid order whose hold ended expires, once)."""
    import server.worker

    body = {"store": "MSK-1", "lines": [{"sku": "PHONE-1", "qty": 1}], "payment": "cashier"}
    number = terminal.post("/orders", body, key=new_key()).json["number"]
    clock.advance(days=1)
    sleeps = _Sleeps(database)
    monkeypatch.setattr(server.worker, "time", sleeps)
    said: list[str] = []
    database["away"] = True

    with pytest.raises(KeyboardInterrupt):
        server.worker.run_worker(app, once=False, echo=said.append)

    assert sleeps.count == 2
    assert said[-1] == "Expired 1 orders; their stock is back on sale."
    assert terminal.get(f"/orders/{number}").json["status"] == "expired"
