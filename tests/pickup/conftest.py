"""The pickup station wired to the server's test client; fake printer, card reader and clock."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from common.api_client import ApiClient
from hardware.card_reader import FakeCardReader
from hardware.printers.fake import FakePrinter
from pickup import create_app as create_pickup
from pickup.scans import LatestScans
from tests.helpers import Api, World
from tests.wired import WiredTransport

HX = {"HX-Request": "true"}


class FakeClock:
    """Monotonic seconds that move only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def scan_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def scans(scan_clock: FakeClock) -> LatestScans:
    return LatestScans(dedupe_seconds=3.0, clock=scan_clock)


def station_config(world: World, wire: WiredTransport, **overrides: Any) -> dict[str, Any]:
    return {
        "TESTING": True,
        "SERVER_URL": "http://server.test",
        "API_CLIENT": ApiClient("http://server.test", world.tokens["pickup"], wire),
        "CAMERA": "none",  # never the test machine's own camera
        **overrides,
    }


@pytest.fixture
def station_app(
    world: World,
    wire: WiredTransport,
    printer: FakePrinter,
    card_reader: FakeCardReader,
    scans: LatestScans,
) -> Iterator[Flask]:
    yield create_pickup(
        station_config(
            world,
            wire,
            PRINTER_OBJECT=printer,
            CARD_READER_OBJECT=card_reader,
            SCANS_OBJECT=scans,
        )
    )


@pytest.fixture
def desk(station_app: Flask) -> FlaskClient:
    """The clerk's browser, in English: our own sentences are checked in English here."""
    browser = station_app.test_client()
    browser.post("/lang/en")
    return browser


@pytest.fixture
def cashier(desk: FlaskClient) -> FlaskClient:
    desk.post("/mode/cashier")
    return desk


# ---- orders on the server, made through its API as the devices would


def make_order(
    api: Api, lines: dict[str, int] | None = None, *, payment: str = "card", store: str = "MSK-1"
) -> dict:
    wanted = lines or {"TV-1": 1}
    body = {
        "store": store,
        "lines": [{"sku": sku, "qty": n} for sku, n in wanted.items()],
        "payment": payment,
    }
    if payment in ("online", "on_pickup"):
        body["customer_phone"] = "+7 916 123-45-67"  # the shop's orders are told by SMS
    answer = api.post("/orders", body)
    assert answer.status_code == 201, answer.json
    return answer.json


def pay(api: Api, order: dict, method: str = "card") -> None:
    answer = api.post(
        f"/orders/{order['number']}/payments",
        {"method": method, "amount_minor": order["total_minor"]},
    )
    assert answer.status_code == 201, answer.json


def make_ready(terminal: Api, warehouse: Api, lines: dict[str, int] | None = None) -> dict:
    """A terminal order, paid by card, picked and waiting at window 1."""
    order = make_order(terminal, lines)
    pay(terminal, order)
    number = order["number"]
    assert warehouse.post(f"/orders/{number}/picking").status_code == 200
    assert warehouse.post(f"/orders/{number}/ready", {"window": 1}).status_code == 200
    return order


# ---- the clerk's screen


def scan(desk: FlaskClient, code: str) -> Any:
    return desk.post("/scan", data={"code": code}, headers=HX)


def panel_form(html: str, action: str) -> tuple[str, dict[str, str]]:
    """The URL of a panel's form and its hidden fields, as the browser would send them."""
    found = re.search(rf'hx-post="(/shown/[0-9a-f-]{{36}}/{action})"', html)
    assert found, f"no {action} form on the panel"
    step = re.search(r'name="step" value="(\d+)"', html)
    return found.group(1), {"step": step.group(1) if step else ""}


def press(desk: FlaskClient, html: str, action: str, **fields: Any) -> Any:
    url, hidden = panel_form(html, action)
    return desk.post(url, data={**hidden, **fields}, headers=HX)


def pay_cash(desk: FlaskClient, html: str, tendered: str | None = None) -> Any:
    """Cash as a cashier takes it: "Cash", the amount handed over (the exact sum unless
    given), then the confirmation; the last answer."""
    started = press(desk, html, "cash", stage="start").get_data(as_text=True)
    exact = re.search(r'data-pad-set="(\d+)"', started)
    assert exact, "no quick amounts on the cash step"
    fields = {"stage": "count", "tendered": tendered or exact.group(1)}
    counted = press(desk, started, "cash", **fields).get_data(as_text=True)
    return press(desk, counted, "pay", method="cash")
