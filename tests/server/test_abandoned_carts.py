"""POST /api/v1/terminal/abandoned-carts: a terminal's idle reset cleared a cart with goods
in it; kept once per Idempotency-Key, at the terminal's own store only, for the KPI page."""

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from server.db import get_session
from server.models import AbandonedCart, DeviceKind, Store
from server.services.devices import register_device
from tests.helpers import T0, Api, build_world, new_key

PATH = "/terminal/abandoned-carts"
CART = {
    "lines": [
        {"sku": "PHONE-1", "qty": 2, "price_minor": 999_000},
        {"sku": "TV-1", "qty": 1, "price_minor": 5_499_000},
    ],
    "total_minor": 7_497_000,
}


def kept(app: Flask) -> list[tuple[str, int, int]]:
    """(store code, units, value) of every cart kept, oldest first."""
    with app.app_context():
        rows = get_session().execute(
            select(Store.code, AbandonedCart.items, AbandonedCart.value_minor)
            .join(Store, Store.id == AbandonedCart.store_id)
            .order_by(AbandonedCart.id)
        )
        return [tuple(row) for row in rows]


@pytest.fixture
def other_terminal(app: Flask, client, world) -> Api:
    with app.app_context():
        store = get_session().scalar(select(Store).where(Store.code == "MSK-2"))
        _device, token = register_device(
            get_session(), name="terminal-2", kind=DeviceKind.TERMINAL, store=store, now=T0
        )
        get_session().commit()
    return Api(client, token)


def test_a_cleared_cart_is_kept_once_with_its_value(app, terminal):
    key = new_key()
    first = terminal.post(PATH, CART, key=key)
    assert first.status_code == 201
    assert first.json == {"store": "MSK-1", "items": 3, "value_minor": 7_497_000}
    again = terminal.post(PATH, CART, key=key)  # the answer was lost: the terminal retries
    assert (again.status_code, again.json) == (201, first.json)
    assert kept(app) == [("MSK-1", 3, 7_497_000)]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"lines": []}, "validation_error"),
        ({"lines": [{"sku": "PHONE-1", "qty": 0, "price_minor": 1}]}, "validation_error"),
        ({"lines": [{"sku": "PHONE-1", "qty": 1, "price_minor": -5}]}, "validation_error"),
        ({"lines": [{"sku": "PHONE-1", "qty": "1", "price_minor": 5}]}, "validation_error"),
        ({"lines": [{"sku": "<script>", "qty": 1, "price_minor": 5}]}, "validation_error"),
        ({"lines": [CART["lines"][0]] * 51}, "validation_error"),
        ({"total_minor": 10**14}, "validation_error"),
        ({"total_minor": 1}, "amount_mismatch"),
        ({"lines": [CART["lines"][0]] * 2, "total_minor": 3_996_000}, "duplicate_line"),
        ({"paid": True}, "validation_error"),
    ],
)
def test_hostile_bodies_are_refused_and_nothing_is_kept(
    app, terminal, change: dict[str, Any], code: str
):
    answer = terminal.post(PATH, {**CART, **change})
    assert answer.status_code in (400, 422), answer.json
    assert answer.json["error"]["code"] == code
    assert kept(app) == []


def test_dear_goods_fit_the_value_on_every_database(any_db_app):
    with any_db_app.app_context():
        world = build_world(get_session())
        get_session().commit()
    terminal = Api(any_db_app.test_client(), world.tokens["terminal"])
    dear = {"sku": "TV-1", "qty": 99, "price_minor": 10**11}  # past 2**31 kopecks
    body = {"lines": [dear], "total_minor": 99 * 10**11}
    assert terminal.post(PATH, body).status_code == 201
    assert kept(any_db_app) == [("MSK-1", 99, 99 * 10**11)]


def test_only_terminals_report_carts(app, client, world):
    for kind in ("pickup", "warehouse", "board", "shop"):
        answer = Api(client, world.tokens[kind]).post(PATH, CART)
        assert (answer.status_code, answer.json["error"]["code"]) == (403, "forbidden"), kind
    assert Api(client, "not-a-token").post(PATH, CART).status_code == 401
    assert kept(app) == []


def test_a_terminal_reports_for_its_own_store_only(app, terminal, other_terminal):
    assert other_terminal.post(PATH, CART).status_code == 201  # counted at MSK-2
    for store in ("MSK-1", "NOPE"):  # someone else's store and no store answer alike
        refused = other_terminal.post(PATH, {**CART, "store": store})
        assert refused.status_code == 403 and refused.json["error"]["code"] == "wrong_store"
        assert "MSK-1" not in refused.json["error"]["message"]
    assert terminal.post(PATH, {**CART, "store": "MSK-1"}).status_code == 201
    assert kept(app) == [("MSK-2", 3, 7_497_000), ("MSK-1", 3, 7_497_000)]
