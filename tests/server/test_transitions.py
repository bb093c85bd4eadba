"""Every transition the order's life does not allow is refused with a stable code."""

import pytest

from tests.helpers import Api


def _order(terminal: Api, payment: str = "card") -> dict:
    return terminal.post(
        "/orders", {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 1}], "payment": payment}
    ).json


def _pay(terminal: Api, order: dict) -> None:
    terminal.post(
        f"/orders/{order['number']}/payments",
        {"method": "card", "amount_minor": order["total_minor"]},
    )


def _to(state: str, terminal: Api, warehouse: Api, pickup: Api) -> dict:
    order = _order(terminal)
    number = order["number"]
    steps = {
        "paid": lambda: _pay(terminal, order),
        "picking": lambda: warehouse.post(f"/orders/{number}/picking"),
        "ready": lambda: warehouse.post(f"/orders/{number}/ready", {"window": 1}),
        "issued": lambda: pickup.post(f"/orders/{number}/hand-out"),
    }
    if state == "cancelled":
        terminal.post(f"/orders/{number}/cancel")
        return order
    for step, action in steps.items():
        if state == "reserved":
            break
        action()
        if step == state:
            break
    return order


REFUSED = [
    ("reserved", "warehouse", "picking", None, "invalid_transition"),
    ("reserved", "warehouse", "ready", {"window": 1}, "invalid_transition"),
    ("paid", "warehouse", "ready", {"window": 1}, "invalid_transition"),
    ("paid", "pickup", "hand-out", None, "not_ready"),
    ("picking", "warehouse", "picking", None, "invalid_transition"),
    ("picking", "pickup", "hand-out", None, "not_ready"),
    ("ready", "warehouse", "picking", None, "invalid_transition"),
    ("issued", "pickup", "hand-out", None, "already_issued"),
    ("issued", "terminal", "cancel", None, "already_issued"),
    ("issued", "warehouse", "picking", None, "invalid_transition"),
    ("cancelled", "warehouse", "picking", None, "order_cancelled"),
    ("cancelled", "pickup", "hand-out", None, "order_cancelled"),
    ("cancelled", "terminal", "payments", "pay", "order_cancelled"),
    ("paid", "terminal", "payments", "pay", "already_paid"),
]


@pytest.mark.parametrize(("state", "device", "action", "body", "code"), REFUSED)
def test_refused_transition_has_a_code_and_changes_nothing(
    state, device, action, body, code, terminal, warehouse, pickup
):
    order = _to(state, terminal, warehouse, pickup)
    number = order["number"]
    before = terminal.get(f"/orders/{number}").json
    if body == "pay":
        body = {"method": "card", "amount_minor": order["total_minor"]}
    api = {"terminal": terminal, "warehouse": warehouse, "pickup": pickup}[device]
    response = api.post(f"/orders/{number}/{action}", body)
    assert 400 <= response.status_code < 500
    assert response.json["error"]["code"] == code
    assert response.json["error"]["message"]
    assert terminal.get(f"/orders/{number}").json == before


def test_invalid_transition_message_in_both_languages(terminal, warehouse):
    order = _order(terminal)
    number = order["number"]
    ru = warehouse.post(f"/orders/{number}/picking").json["error"]["message"]
    en = warehouse.client.post(
        f"/api/v1/orders/{number}/picking?lang=en", headers=warehouse.headers
    ).json["error"]["message"]
    assert ru == f"С заказом {number} сейчас этого сделать нельзя (он забронирован и ждёт оплаты)."
    assert en == f"Order {number} cannot do this now (it is reserved, waiting for payment)."


def test_order_paid_on_pickup_is_picked_unpaid_and_paid_at_the_window(shop, warehouse, pickup):
    order = shop.post(
        "/orders",
        {
            "store": "MSK-1",
            "lines": [{"sku": "PHONE-2", "qty": 1}],
            "payment": "on_pickup",
            "customer_phone": "+7 916 123-45-67",
        },
    ).json
    number = order["number"]
    assert order["hold_until"] is None
    assert warehouse.post(f"/orders/{number}/picking").json["status"] == "picking"
    warehouse.post(f"/orders/{number}/ready", {"window": 2})

    scan = pickup.post("/pickups/scan", {"code": order["pickup_code"]}).json
    assert scan["verdict"] == "amber" and "pay" in scan["actions"]
    refused = pickup.post(f"/orders/{number}/hand-out")
    assert refused.json["error"]["code"] == "payment_required"

    paid = pickup.post(
        f"/orders/{number}/payments", {"method": "cash", "amount_minor": order["total_minor"]}
    )
    assert paid.json["status"] == "ready" and paid.json["paid_minor"] == order["total_minor"]
    assert pickup.post(f"/orders/{number}/hand-out").json["status"] == "issued"


def test_other_store_window_cannot_hand_out(client, world, terminal, warehouse, pickup):
    order = _to("ready", terminal, warehouse, pickup)
    other = Api(client, world.tokens["pickup-other"])
    response = other.post(f"/orders/{order['number']}/hand-out")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "order_not_found"
    scan = other.post("/pickups/scan", {"code": order["pickup_code"]})
    assert scan.status_code == 403 and "MSK-1" in scan.json["error"]["message"]


def test_guessing_codes_is_rate_limited_per_device(client, world, pickup, clock):
    from server.services.pickup_codes import new_pickup_code

    for _ in range(10):
        guess = pickup.post("/pickups/scan", {"code": new_pickup_code()})
        assert guess.status_code == 404 and guess.json["error"]["code"] == "unknown_code"
    blocked = pickup.post("/pickups/scan", {"code": new_pickup_code()})
    assert blocked.status_code == 429
    assert blocked.json["error"]["code"] == "too_many_attempts"
    # Another window is not affected, and the first one may try again after a minute.
    other = Api(client, world.tokens["pickup-other"])
    assert other.post("/pickups/scan", {"code": new_pickup_code()}).status_code == 404
    clock.advance(seconds=61)
    assert pickup.post("/pickups/scan", {"code": new_pickup_code()}).status_code == 404


def test_item_not_found_corrects_stock_refunds_and_flags_the_order(
    app, world, terminal, warehouse, pickup
):
    from tests.server.test_order_life import stock_of

    order = terminal.post(
        "/orders",
        {
            "store": "MSK-1",
            "lines": [{"sku": "PHONE-1", "qty": 2}, {"sku": "TV-1", "qty": 1}],
            "payment": "card",
        },
    ).json
    number = order["number"]
    _pay(terminal, order)
    warehouse.post(f"/orders/{number}/picking")
    missing = warehouse.post(f"/orders/{number}/lines/PHONE-1/missing", {"qty": 1})
    assert missing.status_code == 200, missing.json
    assert missing.json["needs_attention"] == "item_missing"
    assert missing.json["total_minor"] == order["total_minor"] - 2_999_000
    assert missing.json["paid_minor"] == missing.json["total_minor"]
    # The shelf held one unit fewer than the count said.
    assert stock_of(app, world, "PHONE-1") == (9, 1)

    ready = warehouse.post(f"/orders/{number}/ready", {"window": 2}).json
    assert [(ln["sku"], ln["qty_picked"], ln["qty_missing"]) for ln in ready["lines"]] == [
        ("PHONE-1", 1, 1),
        ("TV-1", 1, 0),
    ]
    issued = pickup.post(f"/orders/{number}/hand-out").json
    assert issued["status"] == "issued"
    assert stock_of(app, world, "PHONE-1") == (8, 0)


def test_clerk_is_told_what_to_offer_for_a_line_not_found(world, terminal, warehouse, pickup):
    order = terminal.post(
        "/orders",
        {
            "store": "MSK-1",
            "lines": [{"sku": "PHONE-2", "qty": 1}, {"sku": "TV-1", "qty": 1}],
            "payment": "card",
        },
    ).json
    number = order["number"]
    _pay(terminal, order)
    warehouse.post(f"/orders/{number}/picking")
    warehouse.post(f"/orders/{number}/lines/PHONE-2/missing", {"qty": 1})
    warehouse.post(f"/orders/{number}/ready", {"window": 1})
    scan = pickup.post("/pickups/scan", {"code": order["pickup_code"]}).json
    assert scan["verdict"] == "green" and scan["actions"] == ["hand_out"]
    assert "Товар PHONE-2 × 1" in scan["message"] and "Кибермаркет MSK-2 (2)" in scan["message"]
    assert pickup.post(f"/orders/{number}/hand-out").json["status"] == "issued"
