"""Fixtures: an app on a fresh database (SQLite, or PostgreSQL for database-sensitive tests)."""

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from hardware.card_reader import FakeCardReader
from hardware.printers.fake import FakePrinter
from server import create_app
from server.clock import FrozenClock
from server.db import get_session
from server.search import snapshot as search_snapshot
from tests import databases, invariants
from tests.helpers import (
    CHEAP_PASSWORD_HASH,
    STAFF_PASSWORD,
    T0,
    Api,
    World,
    WorldTemplate,
    app_config,
    build_world,
)
from tests.page_client import PageClient
from tests.wired import WiredTransport

_PG_BASE = databases.postgres_url()
# Tests, and the servers they start in child processes, run the demo (its secrets and fake
# payment provider); the tests of production's refusals switch it off explicitly.
os.environ.setdefault("CYBERMARKET_DEMO", "1")
# ... and hash staff passwords cheaply, in this process and in every server a test starts:
# scrypt's 0.2 s of CPU a hash cost the suite half a minute (test_staff_passwords checks
# that production keeps scrypt).
os.environ.setdefault("CYBERMARKET_PASSWORD_HASH_METHOD", CHEAP_PASSWORD_HASH)

# Every app's test client posts as our pages do, with the CSRF token (protection stays on).
Flask.test_client_class = PageClient

# Markers given by where a test lives, so `pytest -m "not browser and not e2e and not slow"`
# runs the quick part: a folder's marker, or a module's when only some files of a folder are slow.
FOLDER_MARKERS = {"browser": "browser", "e2e": "e2e"}
SLOW_MODULES = {
    "test_package.py",  # builds the wheel and installs it in a fresh virtualenv
    "test_outbox_workers.py",  # worker processes through 10 000 messages on PostgreSQL
    "test_migrations.py",  # every Alembic step, up and down, on two engines
    "test_reserve_race.py",  # 32 clients racing for the last units
    "test_demo_data.py",  # the demo chain: 352 products with photos
    "test_scanning.py",  # decodes a battery of receipt photos
    "test_decode_command.py",  # the decode command in a child process
    "test_hostile_forms.py",  # every page of the three apps sent every hostile value
}
SLOW_TESTS = {  # slow ones in modules that are otherwise quick: processes and threads racing
    "test_three_workers_expire_each_order_exactly_once",
    "test_concurrent_retries_with_one_key_make_one_order",
    "test_device_add_prints_token_last_and_revoke_locks_it_out",
}


def pytest_configure(config: pytest.Config) -> None:
    if _PG_BASE is None and os.environ.get("CI"):
        raise pytest.UsageError(
            "PostgreSQL does not answer at TEST_DATABASE_URL (or 127.0.0.1:5432) and CI is set: "
            "the locking, race and migration tests must run there."
        )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        path = item.path
        for folder, marker in FOLDER_MARKERS.items():
            if folder in path.parts:
                item.add_marker(marker)
        name = getattr(item, "originalname", item.name)  # without the parameters
        slow_here = path.name in SLOW_MODULES or name in SLOW_TESTS
        if slow_here or {"browser", "e2e"} & set(path.parts):
            item.add_marker("slow")
        if "browser" in path.parts:
            # A browser module shares one live server (tests/browser/conftest.py): its tests
            # run in one process (`--dist loadgroup`), so the server starts once.
            item.add_marker(pytest.mark.xdist_group(path.stem))
    # The long ones first: the processes then share what is left of the quick ones and end
    # together, instead of one waiting while another starts a browser journey at the end.
    items.sort(key=lambda item: "slow" not in item.keywords)
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


@pytest.fixture(scope="session")
def world_template(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> WorldTemplate:
    """build_world once per session; each test that asks for `world` gets a copy of it."""
    folder = tmp_path_factory.mktemp("world")
    url = databases.sqlite_copy(sqlite_template, folder / "world.db")
    app = next(_make_app(url, FrozenClock(T0), folder))
    with app.app_context():
        world = build_world(get_session())
    app.extensions["db"].engine.dispose()
    return WorldTemplate(folder / "world.db", world)


@dataclass
class SharedApp:
    """One server app of this process, on a database that gets a template's content back
    before each test that takes it (tests/databases.sqlite_restore)."""

    app: Flask
    path: Path


@pytest.fixture(scope="session")
def shared_apps(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[Path, SharedApp]]:
    """The shared apps by template, made when first asked for. A new app per test cost 35 ms
    (its URL rules compiled again) of the 60 ms a small API test costs."""
    apps: dict[Path, SharedApp] = {}
    yield apps
    for shared in apps.values():
        shared.app.extensions["db"].engine.dispose()


def _shared_app(
    apps: dict[Path, SharedApp], template: Path, factory: pytest.TempPathFactory
) -> SharedApp:
    if template not in apps:
        folder = factory.mktemp("app")
        url = databases.sqlite_copy(template, folder / "test.db")
        apps[template] = SharedApp(
            next(_make_app(url, FrozenClock(T0), folder)), folder / "test.db"
        )
    databases.sqlite_restore(template, apps[template].path)
    return apps[template]


@pytest.fixture
def database_template(request: pytest.FixtureRequest, sqlite_template: Path) -> Path:
    """What a test's SQLite database starts as: the world's template when the test asks for
    `world`, else an empty migrated one (tests/server/hostile starts from its orders' one)."""
    if "world" in request.fixturenames:
        request.node.stash[_WORLD_COPIED] = True
        return request.getfixturevalue("world_template").path
    return sqlite_template


@pytest.fixture
def sqlite_url(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    database_template: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    """A copy of the database template; for a test that takes `app`, the shared app's
    database with the template's content again.

    After the test, every stock row's hold must equal what the open orders hold.
    """
    template = database_template
    if "app" in request.fixturenames and request.node.get_closest_marker("own_app") is None:
        shared = _shared_app(request.getfixturevalue("shared_apps"), template, tmp_path_factory)
        request.node.stash[_SHARED] = shared
        url = f"sqlite:///{shared.path}"
    else:
        url = databases.sqlite_copy(template, tmp_path / "test.db")
    yield url
    invariants.check_stock(url)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(T0)


def _make_app(url: str, clock: FrozenClock, tmp_path: Path) -> Iterator[Flask]:
    app = create_app(app_config(url, clock, tmp_path))
    yield app
    app.extensions["db"].engine.dispose()


@pytest.fixture
def app(
    request: pytest.FixtureRequest, sqlite_url: str, clock: FrozenClock, tmp_path: Path
) -> Iterator[Flask]:
    """The server on SQLite: for behaviour that does not depend on the database engine.

    It is this process's shared app (see sqlite_url) with the test's own clock and media
    folder, its configuration and extensions put back afterwards and the search's picture of
    the catalog forgotten; a test marked `own_app` (one that adds a route, say) gets a new one.
    """
    shared = request.node.stash.get(_SHARED, None)
    if shared is None:
        yield from _make_app(sqlite_url, clock, tmp_path)
        return
    app = shared.app
    config, extensions = dict(app.config), dict(app.extensions)
    app.config.update(CLOCK=clock, MEDIA_DIR=str(tmp_path / "media"))
    app.extensions["clock"] = clock
    search_snapshot.forget_all()
    yield app
    app.config.clear()
    app.config.update(config)
    app.extensions.clear()
    app.extensions.update(extensions)


@pytest.fixture
def any_db_app(db_url: str, clock: FrozenClock, tmp_path: Path) -> Iterator[Flask]:
    """The server on SQLite and again on PostgreSQL."""
    yield from _make_app(db_url, clock, tmp_path)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


_WORLD_COPIED = pytest.StashKey[bool]()
_SHARED = pytest.StashKey[SharedApp]()


@pytest.fixture
def world(request: pytest.FixtureRequest, app: Flask, world_template: WorldTemplate) -> World:
    """The world of tests.helpers.build_world, already in the app's database (see sqlite_url)."""
    if request.node.stash.get(_WORLD_COPIED, False):
        return world_template.world
    with app.app_context():  # `world` was asked for late, after the database was made
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
    answer = browser.post("/staff/login", data={"username": "staff", "password": STAFF_PASSWORD})
    assert answer.status_code == 302
    return browser


def paired(app: Flask, token: str) -> FlaskClient:
    browser = app.test_client()
    assert browser.post("/screens/pair", data={"token": token}).status_code == 302
    return browser


@pytest.fixture
def sms(app: Flask, tmp_path: Path) -> Path:
    """The server's SMS gateway as a file: one line a message, codes readable by tests."""
    path = tmp_path / "sms.txt"
    app.config["SMS_GATEWAY_URL"] = f"file:{path}"
    return path


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
