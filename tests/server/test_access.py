"""Who may act on which order, as a table: device kind × own/foreign store × channel × call.

A device of store MSK-1 calls every order operation on a fresh order of its own store or of
MSK-2, made at a terminal or by the online shop. A refused call says "no such order" (or
that the device may not do this at all) and shows none of the customer's details.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import update

from server import create_app
from server.clock import FrozenClock
from server.db import get_session
from server.models import DeviceKind, Stock
from server.services.devices import register_device
from tests import databases, invariants
from tests.helpers import T0, Api, World, build_world

KINDS = ["terminal", "pickup", "warehouse", "board", "shop"]
# Who calls each operation at all (the operation's own declaration), and what it sends.
OPERATIONS: dict[str, tuple[set[str], str]] = {
    "read": ({"terminal", "pickup", "warehouse", "shop"}, "GET /orders/{number}"),
    "pay": ({"terminal", "pickup", "shop"}, "POST /orders/{number}/payments"),
    "cancel": ({"terminal", "pickup", "shop"}, "POST /orders/{number}/cancel"),
    "hand_out": ({"pickup"}, "POST /orders/{number}/hand-out"),
    "picking": ({"warehouse"}, "POST /orders/{number}/picking"),
    "ready": ({"warehouse"}, "POST /orders/{number}/ready"),
    "missing": ({"warehouse"}, "POST /orders/{number}/lines/TV-1/missing"),
    "ship": ({"warehouse"}, "POST /orders/{number}/ship"),
    "arrived": ({"pickup"}, "POST /orders/{number}/arrived"),
    "scan": ({"pickup"}, "POST /pickups/scan"),
    "lookup": ({"pickup"}, "POST /pickups/lookup"),
    "customer_card": ({"pickup"}, "GET /orders/{number}/customer"),
    # Any window takes back a handed-out order; these fresh orders are not handed out, so
    # another store's window learns nothing of them.
    "return": ({"pickup"}, "POST /orders/{number}/returns"),
}
TAKES = {"terminal": "card", "pickup": "cash", "shop": "online"}
REFUSALS = {"order_not_found", "forbidden", "wrong_store"}
PHONE = "+79161234567"
EMAIL = "someone@example.com"


def allowed(kind: str, store: str, channel: str, op: str) -> bool:
    callers, _call = OPERATIONS[op]
    if kind not in callers:
        return False
    if kind == "shop":
        return channel == "online"  # any store's online orders, never a terminal's
    return store == "own"  # terminal, window, warehouse: their own store's orders


@pytest.fixture(scope="module")
def shared(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[tuple[Flask, World]]:
    """One world for the whole table: each case makes its own fresh order in it."""
    folder = tmp_path_factory.mktemp("access")
    url = databases.sqlite_copy(sqlite_template, folder / "test.db")
    app = create_app({"TESTING": True, "DATABASE_URL": url, "CLOCK": FrozenClock(T0)})
    with app.app_context():
        session = get_session()
        world = build_world(session)
        for kind in (DeviceKind.TERMINAL, DeviceKind.WAREHOUSE):
            _device, token = register_device(
                session, name=f"{kind.value}-2", kind=kind, store=world.other_store, now=T0
            )
            world.tokens[f"{kind.value}-other"] = token
        session.execute(update(Stock).values(on_hand=1000))
        session.commit()
    yield app, world
    app.extensions["db"].engine.dispose()
    invariants.check_stock(url)


def _order(app: Flask, world: World, store: str, channel: str) -> dict:
    client = app.test_client()
    code = "MSK-1" if store == "own" else "MSK-2"
    if channel == "online":
        maker = Api(client, world.tokens["shop"])
        extra = {"payment": "online", "customer_phone": PHONE, "customer_email": EMAIL}
    else:
        maker = Api(client, world.tokens["terminal" if store == "own" else "terminal-other"])
        extra = {"payment": "card", "customer_phone": PHONE, "customer_email": EMAIL}
    body = {"store": code, "lines": [{"sku": "TV-1", "qty": 1}], **extra}
    answer = maker.post("/orders", body)
    assert answer.status_code == 201, answer.json
    return answer.json


def _call(api: Api, kind: str, op: str, order: dict):
    _callers, call = OPERATIONS[op]
    method, path = call.split(" ")
    path = path.format(number=order["number"])
    if method == "GET":
        return api.get(path)
    body = {
        "pay": {"method": TAKES.get(kind, "card"), "amount_minor": order["total_minor"]},
        "ready": {"window": 1},
        "scan": {"code": order["pickup_code"]},
        "lookup": {"number": order["number"], "proof": order["pickup_code"]},
        "return": {"lines": [{"sku": "TV-1", "qty": 1}], "reason": "x"},
    }.get(op)
    return api.post(path, body)


@pytest.mark.parametrize("op", list(OPERATIONS))
@pytest.mark.parametrize("channel", ["in_store", "online"])
@pytest.mark.parametrize("store", ["own", "foreign"])
@pytest.mark.parametrize("kind", KINDS)
def test_device_acts_only_on_orders_within_its_reach(shared, kind, store, channel, op):
    app, world = shared
    order = _order(app, world, store, channel)
    answer = _call(Api(app.test_client(), world.tokens[kind]), kind, op, order)
    code = (answer.json.get("error") or {}).get("code")
    if allowed(kind, store, channel, op):
        assert code not in REFUSALS, answer.json
        return
    assert answer.status_code in (403, 404) and code in REFUSALS, answer.json
    text = answer.get_data(as_text=True)
    for secret in (order["pickup_code"], "9161234567", EMAIL):
        assert secret not in text


def test_terminal_reads_its_own_order_in_full(shared):
    app, world = shared
    order = _order(app, world, "own", "in_store")
    seen = Api(app.test_client(), world.tokens["terminal"]).get(f"/orders/{order['number']}")
    assert seen.json["pickup_code"] == order["pickup_code"]


def test_foreign_order_is_answered_like_a_missing_one(shared):
    app, world = shared
    order = _order(app, world, "foreign", "in_store")
    terminal = Api(app.test_client(), world.tokens["terminal"])
    foreign = terminal.post(f"/orders/{order['number']}/cancel")
    missing = terminal.post("/orders/Z-999999/cancel")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json["error"]["code"] == missing.json["error"]["code"] == "order_not_found"
    kept = Api(app.test_client(), world.tokens["terminal-other"]).get(f"/orders/{order['number']}")
    assert kept.json["status"] == "reserved"
