"""Every screen of the three apps works under its Content Security Policy (issue 9, item 8).

The policy forbids inline scripts and styles. Chromium reports each thing it refuses on
the console; a walk through each app's screens, tapping what changes something (htmx
with its CSRF header, plain forms with their hidden token), must report nothing.
"""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, expect

from tests.browser.conftest import Shop
from tests.browser.devices import Devices, store_devices
from tests.browser.pickup_station import running_pickup
from tests.browser.servers import Terminal
from tests.browser.staff_screens import pair_screen
from tests.helpers import STAFF_PASSWORD

HEADERS = ("content-security-policy", "x-frame-options", "x-content-type-options")


class Watch:
    """What the browser refused or failed on, and pages served without the headers."""

    def __init__(self, page: Page) -> None:
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"script error: {exc}"))
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        # Chromium: "Refused to apply inline style because it violates the following
        # Content Security Policy directive: ...".
        if "Content Security Policy" in message.text:
            self.problems.append(f"console: {message.text}")

    def _response(self, response: Response) -> None:
        if response.status >= 500 and response.status != 503:
            self.problems.append(f"{response.status} from {response.url}")
        kind = response.headers.get("content-type", "")
        if kind.startswith("text/html"):
            missing = [name for name in HEADERS if name not in response.headers]
            if missing:
                self.problems.append(f"{response.url} without {missing}")


@pytest.fixture
def devices(shop: Shop, server_url: str) -> Iterator[Devices]:
    with store_devices(server_url, shop.tokens) as apis:
        yield apis


@pytest.fixture
def watched(browser: Browser) -> Iterator[tuple[Page, Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 1024}, has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    watch = Watch(page)
    yield page, watch
    context.close()
    assert not watch.problems, "\n".join(watch.problems)


def test_server_screens_run_under_the_policy(
    watched: tuple[Page, Watch], server_url: str, shop: Shop, devices: Devices
) -> None:
    page, _watch = watched
    number = devices.paid_order({"PHONE-1": 1})["number"]
    page.goto(f"{server_url}/staff/login")
    page.fill("input[name=username]", "staff")
    page.fill("input[name=password]", STAFF_PASSWORD)
    page.locator("form button, form input[type=submit]").first.click()
    expect(page.locator("nav.main-nav")).to_be_visible()
    for path in ("/staff/stats", "/staff/outbox"):
        page.goto(server_url + path)
    page.locator("form[action='/staff/logout'] button").click()
    expect(page).to_have_url(re.compile(r"/staff/login$"))

    pair_screen(page, server_url, shop.tokens["warehouse"])
    card = page.get_by_test_id(f"order-{number}")
    card.get_by_test_id(f"take-{number}").click()
    expect(card).to_have_class(re.compile(r"\bis-picking\b"))
    page.wait_for_timeout(3500)  # one poll of the queue

    pair_screen(page, server_url, shop.tokens["board"])
    expect(page.locator("#board")).to_be_visible()
    page.wait_for_timeout(1500)


def test_terminal_screens_run_under_the_policy(
    watched: tuple[Page, Watch], terminal: Terminal
) -> None:
    page, _watch = watched
    page.goto(terminal.url + "/")
    page.goto(terminal.url + "/catalog")
    page.goto(terminal.url + "/product/PHONE-1")
    page.get_by_test_id("add-to-cart").tap()
    expect(page.locator("header #cart-count")).to_have_text("1")
    page.goto(terminal.url + "/cart")
    page.goto(terminal.url + "/search")
    for letter in "альфа":
        page.get_by_test_id("keyboard").get_by_role("button", name=letter, exact=True).tap()
    expect(page.locator("#results")).to_contain_text("Альфа")
    page.get_by_test_id("lang-en").tap()  # a plain form with its hidden token
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_pickup_screens_run_under_the_policy(
    watched: tuple[Page, Watch], server_url: str, shop: Shop, devices: Devices
) -> None:
    page, _watch = watched
    paid = devices.paid_order({"PHONE-1": 1})
    devices.make_ready(paid["number"], window=1)
    with running_pickup(server_url, shop.tokens["pickup"]) as station:
        page.goto(station.url + "/")
        page.get_by_test_id("scan-input").fill(paid["pickup_code"])
        page.get_by_test_id("scan-input").press("Enter")
        expect(page.get_by_test_id("result")).to_have_attribute("data-verdict", "green")
        page.get_by_test_id("mode-cashier").click()
        expect(page.locator("body")).to_have_class(re.compile(r"\bmode-cashier\b"))
        page.get_by_test_id("lang-en").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
