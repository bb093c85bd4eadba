"""Browser tests: the real server in a child process, the terminal app on a real socket in
this process (the test holds its printer and card reader), and Chromium driving it by touch."""

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import ExitStack, closing
from pathlib import Path
from typing import Any

import pytest
import requests
from playwright.sync_api import Browser, Page, Playwright, Response, expect, sync_playwright
from sqlalchemy.engine import make_url

from server import create_app
from server.db import get_session
from tests import databases
from tests.browser.servers import Terminal, running_terminal
from tests.helpers import build_world
from tests.live import live_server

# Assertions wait for the screen as a person would, and longer on a busy test machine:
# the default five seconds is too short when the whole suite shares two cores.
expect.set_options(timeout=15_000)

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class Shop:
    """A migrated SQLite database with build_world loaded: its URL and the device tokens."""

    def __init__(self, database_url: str, tokens: dict[str, str]) -> None:
        self.database_url = database_url
        self.tokens = tokens

    def order_count(self) -> int:
        path = make_url(self.database_url).database
        assert path is not None
        with closing(sqlite3.connect(path)) as db:
            return db.execute("SELECT count(*) FROM orders").fetchone()[0]


# One shop and one live server per module: each test gets the module's database back as the
# shop was built (SQLite's backup API writes it under the server's feet, safely), so starting a
# server (1.5 s of CPU) and building a world happen once a module instead of once a test.
# A module shapes its shop by overriding `shop_template`, and its server by `server_options`.


@pytest.fixture(scope="module")
def module_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The module's folder: its databases, the server's log and media (product photos)."""
    return tmp_path_factory.mktemp("shop")


@pytest.fixture(scope="module")
def module_sqlite_url(sqlite_template: Path, module_path: Path) -> str:
    """An empty migrated database for the module's shop template to be built in."""
    return databases.sqlite_copy(sqlite_template, module_path / "template.db")


@pytest.fixture(scope="module")
def shop_template(module_sqlite_url: str, module_path: Path) -> Shop:
    """build_world: the shop every test of the module starts from."""
    app = create_app(
        {"TESTING": True, "DATABASE_URL": module_sqlite_url, "MEDIA_DIR": str(module_path)}
    )
    try:
        with app.app_context():
            world = build_world(get_session())
            tokens = dict(world.tokens)
    finally:
        app.extensions["db"].engine.dispose()
    return Shop(module_sqlite_url, tokens)


@pytest.fixture(scope="module")
def live_shop(shop_template: Shop, module_path: Path) -> Shop:
    """The database the module's server runs on, first a copy of the template."""
    url = databases.sqlite_copy(_path(shop_template), module_path / "shop.db")
    return Shop(url, shop_template.tokens)


@pytest.fixture
def shop(shop_template: Shop, live_shop: Shop) -> Shop:
    """The module's shop, as built: whatever an earlier test of the module did is undone."""
    databases.sqlite_restore(_path(shop_template), _path(live_shop))
    return live_shop


def _path(shop: Shop) -> Path:
    return Path(str(make_url(shop.database_url).database))


@pytest.fixture(scope="module")
def server_options() -> dict[str, Any]:
    return {"workers": 1, "threads": 8}


@pytest.fixture(scope="module")
def module_server(
    live_shop: Shop, module_path: Path, server_options: dict[str, Any]
) -> Iterator[str]:
    with live_server(live_shop.database_url, module_path, **server_options) as base:
        yield base


@pytest.fixture
def server_url(shop: Shop, module_server: str) -> str:
    """The module's live server, on the shop as this test found it."""
    return module_server


@pytest.fixture
def start_terminal(shop: Shop, server_url: str) -> Iterator[Callable[..., Terminal]]:
    """Start a terminal app with extra config; each is stopped before the server is."""
    with ExitStack() as stack:

        def start(**config: Any) -> Terminal:
            terminal = running_terminal(server_url, shop.tokens["terminal"], **config)
            return stack.enter_context(terminal)

        yield start


@pytest.fixture
def terminal(start_terminal: Callable[..., Terminal]) -> Terminal:
    return start_terminal()


@pytest.fixture
def order_api(server_url: str, shop: Shop) -> Callable[[str], dict[str, Any]]:
    """GET /api/v1/orders/<number> as the terminal device."""

    def get(number: str) -> dict[str, Any]:
        answer = requests.get(
            f"{server_url}/api/v1/orders/{number}",
            headers={"Authorization": f"Device {shop.tokens['terminal']}"},
            timeout=5,
        )
        assert answer.status_code == 200, answer.text
        return answer.json()

    return get


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(
        headless=True, executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A touchscreen the size of the terminal's; a script error or a crash fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 1024}, has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"script error on {page.url}: {exc}"))

    def crashed(response: Response) -> None:
        # 503 is the terminal's own "no connection" page; anything else 5xx is a crash.
        if response.status >= 500 and response.status != 503:
            errors.append(f"{response.status} from {response.request.method} {response.url}")

    page.on("response", crashed)
    yield page
    context.close()
    assert not errors, f"what went wrong behind the terminal's screens: {errors}"
