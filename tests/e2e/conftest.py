"""End to end over real sockets: the server in two processes, the terminal and the pickup
station in this process (the test holds their printers and the station's camera), and
Chromium for the shopper, the picker, the hall board and the clerk."""

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from server import create_app
from server.db import get_session
from tests.browser.devices import Devices, store_devices
from tests.browser.pickup_station import Station, running_pickup
from tests.browser.servers import Terminal, running_terminal
from tests.helpers import build_world
from tests.live import live_server

# The Debian chromium package, launched as tests/browser launches it.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

Scenario = Callable[[Browser], None]


@dataclass(frozen=True)
class Shop:
    database_url: str
    tokens: dict[str, str]


@pytest.fixture
def shop(sqlite_url: str, tmp_path: Path) -> Shop:
    """A migrated SQLite database with build_world loaded (store MSK-1, windows 1-3)."""
    app = create_app(
        {"TESTING": True, "DATABASE_URL": sqlite_url, "MEDIA_DIR": str(tmp_path / "media")}
    )
    try:
        with app.app_context():
            tokens = dict(build_world(get_session()).tokens)
    finally:
        app.extensions["db"].engine.dispose()
    return Shop(sqlite_url, tokens)


@pytest.fixture
def server_url(shop: Shop, tmp_path: Path) -> Iterator[str]:
    """Two server processes: the screens' polls and the devices' calls land on either."""
    with live_server(shop.database_url, tmp_path, workers=2) as base:
        yield base


@pytest.fixture
def terminal(shop: Shop, server_url: str) -> Iterator[Terminal]:
    with running_terminal(server_url, shop.tokens["terminal"]) as running:
        yield running


@pytest.fixture
def station(shop: Shop, server_url: str) -> Iterator[Station]:
    """Pickup window pickup-1 with its camera loop reading what the test holds up."""
    with running_pickup(server_url, shop.tokens["pickup"], camera=True) as running:
        yield running


@pytest.fixture
def devices(shop: Shop, server_url: str) -> Iterator[Devices]:
    with store_devices(server_url, shop.tokens) as apis:
        yield apis


@pytest.fixture
def chromium() -> Callable[[Scenario], None]:
    """Run `scenario(browser)` with a Chromium of its own, in a thread of its own.

    Playwright's sync API allows one instance per thread, and tests/browser keeps its
    instance open for the whole session: a thread of our own works whichever runs first.
    """

    def run(scenario: Scenario) -> None:
        failures: list[BaseException] = []

        def main() -> None:
            try:
                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(
                        headless=True, executable_path=CHROMIUM, args=CHROMIUM_ARGS
                    )
                    try:
                        scenario(browser)
                    finally:
                        browser.close()
            except BaseException as exc:  # handed to the test's own thread below
                failures.append(exc)

        thread = threading.Thread(target=main, name="chromium")
        thread.start()
        thread.join()
        if failures:
            raise failures[0]

    return run
