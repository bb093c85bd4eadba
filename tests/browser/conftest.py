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


@pytest.fixture
def shop(sqlite_url: str, tmp_path: Path) -> Shop:
    app = create_app(
        {"TESTING": True, "DATABASE_URL": sqlite_url, "MEDIA_DIR": str(tmp_path / "media")}
    )
    try:
        with app.app_context():
            world = build_world(get_session())
            tokens = dict(world.tokens)
    finally:
        app.extensions["db"].engine.dispose()
    return Shop(sqlite_url, tokens)


@pytest.fixture
def server_url(shop: Shop, tmp_path: Path) -> Iterator[str]:
    with live_server(shop.database_url, tmp_path, workers=1, threads=8) as base:
        yield base


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
