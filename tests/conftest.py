"""Fixtures: an app on a fresh database (SQLite, or PostgreSQL for database-sensitive tests)."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from hardware.card_reader import FakeCardReader
from hardware.printers.fake import FakePrinter
from server import create_app
from server.clock import FrozenClock
from server.db import get_session
from tests import databases, invariants
from tests.helpers import STAFF_PASSWORD, T0, Api, World, build_world
from tests.page_client import PageClient
from tests.wired import WiredTransport

_PG_BASE = databases.postgres_url()
# Tests, and the servers they start in child processes, run the demo (its secrets and fake
# payment provider); the tests of production's refusals switch it off explicitly.
os.environ.setdefault("CYBERMARKET_DEMO", "1")

# Every app's test client posts as our pages do, with the CSRF token (protection stays on).
Flask.test_client_class = PageClient


def pytest_configure(config: pytest.Config) -> None:
    if _PG_BASE is None and os.environ.get("CI"):
        raise pytest.UsageError(
            "PostgreSQL does not answer at TEST_DATABASE_URL (or 127.0.0.1:5432) and CI is set: "
            "the locking, race and migration tests must run there."
        )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _PG_BASE is not None:
        return
    reason = "PostgreSQL not reachable (set TEST_DATABASE_URL to run these tests)"
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if _PG_BASE is None:
        terminalreporter.write_sep(
            "!",
            "PostgreSQL NOT REACHABLE: locking, race and migration tests on PostgreSQL "
            "were SKIPPED",
            red=True,
            bold=True,
        )


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return databases.sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def postgres_db() -> Iterator[str]:
    assert _PG_BASE is not None
    with databases.fresh_postgres(_PG_BASE) as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    """A migrated, empty database; tests that take this run on SQLite and on PostgreSQL.

    Whatever the test did, its stock must balance with its open orders afterwards.
    """
    if request.param == "sqlite":
        url = databases.sqlite_copy(sqlite_template, tmp_path / "test.db")
    else:
        url = request.getfixturevalue("postgres_db")
        databases.truncate_all(url)
    yield url
    invariants.check_stock(url)


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    url = databases.sqlite_copy(sqlite_template, tmp_path / "test.db")
    yield url
    invariants.check_stock(url)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(T0)


def _make_app(url: str, clock: FrozenClock, tmp_path: Path) -> Iterator[Flask]:
    app = create_app(
        {"TESTING": True, "DATABASE_URL": url, "CLOCK": clock, "MEDIA_DIR": str(tmp_path / "media")}
    )
    yield app
    app.extensions["db"].engine.dispose()


@pytest.fixture
def app(sqlite_url: str, clock: FrozenClock, tmp_path: Path) -> Iterator[Flask]:
    """The server on SQLite: for behaviour that does not depend on the database engine."""
    yield from _make_app(sqlite_url, clock, tmp_path)


@pytest.fixture
def any_db_app(db_url: str, clock: FrozenClock, tmp_path: Path) -> Iterator[Flask]:
    """The server on SQLite and again on PostgreSQL."""
    yield from _make_app(db_url, clock, tmp_path)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def world(app: Flask) -> World:
    with app.app_context():
        return build_world(get_session())


@pytest.fixture
def terminal(client: FlaskClient, world: World) -> Api:
    return Api(client, world.tokens["terminal"])


@pytest.fixture
def pickup(client: FlaskClient, world: World) -> Api:
    return Api(client, world.tokens["pickup"])


@pytest.fixture
def warehouse(client: FlaskClient, world: World) -> Api:
    return Api(client, world.tokens["warehouse"])


@pytest.fixture
def shop(client: FlaskClient, world: World) -> Api:
    return Api(client, world.tokens["shop"])


@pytest.fixture
def staff_client(app: Flask, world: World) -> FlaskClient:
    """A browser signed in as a staff member."""
    browser = app.test_client()
    answer = browser.post("/login", data={"username": "staff", "password": STAFF_PASSWORD})
    assert answer.status_code == 302
    return browser


def paired(app: Flask, token: str) -> FlaskClient:
    browser = app.test_client()
    assert browser.post("/screens/pair", data={"token": token}).status_code == 302
    return browser


# The device apps' own hardware and their cable to the server, for terminal and pickup tests.
@pytest.fixture
def wire(client: FlaskClient) -> WiredTransport:
    return WiredTransport(client)


@pytest.fixture
def printer() -> FakePrinter:
    return FakePrinter()


@pytest.fixture
def card_reader() -> FakeCardReader:
    return FakeCardReader()
