import pytest
from flask import Flask

from server.db import get_session
from tests.helpers import Api, build_world
from tests.server.hostile.support import API, assert_refused, changes_nothing, describe, send
from tests.server.hostile.world import api_devices, pay_for, place

# ---- the same on PostgreSQL, where NUL bytes and column lengths are enforced


@pytest.fixture
def any_db(any_db_app: Flask) -> tuple[Flask, dict[str, Api]]:
    with any_db_app.app_context():
        world = build_world(get_session())
    return any_db_app, api_devices(any_db_app.test_client(), world)


NUL_LOOKUPS = [
    pytest.param("GET", "/products?q=a%00b", None, id="search"),
    pytest.param("GET", "/products/PHONE-1%00", None, id="product-path"),
    pytest.param("GET", "/stores/MSK-1%00", None, id="store-path"),
    pytest.param("GET", "/orders/A-1001%00", None, id="order-path"),
    pytest.param("POST", "/pickups/scan", {"code": "A\x00" * 5}, id="scan-code"),
]


@pytest.mark.parametrize(("method", "path", "body"), NUL_LOOKUPS)
def test_nul_byte_in_a_lookup_finds_nothing(any_db, method, path, body):
    app, devices = any_db
    device = devices["pickup" if method == "POST" else "terminal"]
    with changes_nothing(app):
        response = send(device.client, method, API + path, headers=device.headers, json=body)
    if response.status_code == 200:
        assert response.json["items"] == [], describe(response)
    else:
        assert_refused(response, {404, 422})


@pytest.mark.parametrize(
    ("name", "field"), [("pay", "reference"), ("cancel", "reason")], ids=["reference", "reason"]
)
def test_nul_byte_in_free_text_is_refused(any_db, name, field):
    app, devices = any_db
    order = place(devices["terminal"], {"PHONE-1": 1})
    bodies = {
        "pay": {"method": "card", "amount_minor": order["total_minor"], "reference": "x"},
        "cancel": {"reason": "x"},
    }
    path = {"pay": "payments", "cancel": "cancel"}[name]
    body = {**bodies[name], field: "slip\x00 7"}
    with changes_nothing(app):
        response = send(
            devices["terminal"].client,
            "POST",
            f"{API}/orders/{order['number']}/{path}",
            headers=devices["terminal"].headers,
            json=body,
        )
    assert_refused(response, 422, "validation_error")


def test_longest_allowed_cancel_reason_cancels_a_paid_order(any_db):
    app, devices = any_db
    terminal = devices["terminal"]
    order = place(terminal, {"TV-1": 1})
    pay_for(terminal, order)
    reason = "r" * 200  # CancelIn allows up to 200 characters
    response = send(
        terminal.client,
        "POST",
        f"{API}/orders/{order['number']}/cancel",
        headers=terminal.headers,
        json={"reason": reason},
    )
    assert response.status_code == 200, describe(response)
    assert response.json["status"] == "cancelled"
