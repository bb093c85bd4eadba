"""The order's life over the API: reserve, pay, pick, ready, hand out, and what stock does."""

from flask import Flask
from sqlalchemy import select

from server.db import get_session
from server.models import OrderEvent, Stock
from tests.helpers import Api, World


def stock_of(app: Flask, world: World, sku: str) -> tuple[int, int]:
    with app.app_context():
        row = get_session().scalar(
            select(Stock).where(
                Stock.store_id == world.store.id, Stock.product_id == world.products[sku].id
            )
        )
        return row.on_hand, row.reserved


def reserve(terminal: Api, payment: str = "card", **lines: int) -> dict:
    body = {
        "store": "MSK-1",
        "lines": [{"sku": sku.replace("_", "-"), "qty": qty} for sku, qty in lines.items()],
        "payment": payment,
    }
    response = terminal.post("/orders", body)
    assert response.status_code == 201, response.json
    return response.json


def test_reserving_takes_stock_and_returns_the_order(app, world, terminal):
    order = reserve(terminal, PHONE_1=2, TV_1=1)

    assert order["status"] == "reserved"
    assert order["number"].startswith("A-")
    assert order["total_minor"] == 2 * 2_999_000 + 5_499_000
    assert [(line["sku"], line["qty"]) for line in order["lines"]] == [("PHONE-1", 2), ("TV-1", 1)]
    assert order["hold_until"] is not None
    assert len(order["pickup_code"]) == 9
    assert stock_of(app, world, "PHONE-1") == (10, 2)


def test_whole_life_card_payment_to_hand_out(app, world, terminal, warehouse, pickup):
    order = reserve(terminal, PHONE_1=1, PHONE_2=2)
    number = order["number"]

    paid = terminal.post(
        f"/orders/{number}/payments", {"method": "card", "amount_minor": order["total_minor"]}
    )
    assert paid.status_code == 201, paid.json
    assert paid.json["status"] == "paid"
    assert paid.json["hold_until"] is None

    assert warehouse.post(f"/orders/{number}/picking").json["status"] == "picking"
    ready = warehouse.post(f"/orders/{number}/ready", {"window": 3})
    assert ready.json["status"] == "ready" and ready.json["window"] == 3

    scan = pickup.post("/pickups/scan", {"code": order["pickup_code"]})
    assert scan.status_code == 200
    assert scan.json["verdict"] == "green" and scan.json["actions"] == ["hand_out"]

    issued = pickup.post(f"/orders/{number}/hand-out", {})
    assert issued.status_code == 200, issued.json
    assert issued.json["status"] == "issued"
    assert stock_of(app, world, "PHONE-2") == (1, 0)

    with app.app_context():
        events = get_session().scalars(select(OrderEvent).order_by(OrderEvent.id)).all()
        assert [e.to_status.value for e in events] == [
            "reserved",
            "paid",
            "picking",
            "ready",
            "issued",
        ]
        assert events[-1].actor == "device:pickup-1"


def test_second_hand_out_says_when_and_by_whom(world, terminal, warehouse, pickup, clock):
    order = reserve(terminal, PHONE_1=1)
    number = order["number"]
    terminal.post(
        f"/orders/{number}/payments", {"method": "card", "amount_minor": order["total_minor"]}
    )
    warehouse.post(f"/orders/{number}/picking")
    warehouse.post(f"/orders/{number}/ready", {"window": 2})
    pickup.post(f"/orders/{number}/hand-out", {})

    again = pickup.post(f"/orders/{number}/hand-out", {})
    assert again.status_code == 409
    assert again.json["error"]["code"] == "already_issued"
    # 09:00 UTC is 12:00 in Moscow.
    assert (
        "12:00" in again.json["error"]["message"] and "pickup-1" in again.json["error"]["message"]
    )

    rescan = pickup.post("/pickups/scan", {"code": order["pickup_code"]})
    assert rescan.json["verdict"] == "red"
    assert "12:00" in rescan.json["message"]


def test_partial_hand_out_then_the_rest(app, world, terminal, warehouse, pickup):
    order = reserve(terminal, PHONE_1=2, TV_1=1)
    number = order["number"]
    terminal.post(
        f"/orders/{number}/payments", {"method": "card", "amount_minor": order["total_minor"]}
    )
    warehouse.post(f"/orders/{number}/picking")
    warehouse.post(f"/orders/{number}/ready", {"window": 1})

    part = pickup.post(f"/orders/{number}/hand-out", {"lines": [{"sku": "PHONE-1", "qty": 1}]})
    assert part.json["status"] == "partially_issued"
    rest = pickup.post(f"/orders/{number}/hand-out")
    assert rest.json["status"] == "issued"
    assert [line["qty_issued"] for line in rest.json["lines"]] == [2, 1]
    assert stock_of(app, world, "PHONE-1") == (8, 0)


def test_not_enough_stock_changes_nothing(app, world, terminal):
    response = terminal.post(
        "/orders",
        {
            "store": "MSK-1",
            "lines": [{"sku": "PHONE-1", "qty": 2}, {"sku": "PHONE-2", "qty": 4}],
            "payment": "cashier",
        },
    )
    assert response.status_code == 409
    assert response.json["error"]["code"] == "insufficient_stock"
    assert response.json["error"]["details"]["sku"] == "PHONE-2"
    assert response.json["error"]["details"]["available"] == 3
    assert stock_of(app, world, "PHONE-1") == (10, 0)


def test_error_messages_speak_the_asked_language(world, terminal):
    body = {"store": "MSK-1", "lines": [{"sku": "PHONE-1", "qty": 11}], "payment": "card"}
    ru = terminal.post("/orders", body)
    en = terminal.client.post("/api/v1/orders?lang=en", json=body, headers=terminal.headers)
    assert ru.json["error"]["message"] == (
        "Товара «Смартфон Альфа» недостаточно: в этом магазине осталось 10."
    )
    assert en.json["error"]["message"] == (
        "Not enough “Alpha phone” in stock: 10 left in this store."
    )
    assert en.json["error"]["details"]["available"] == 10


def test_cancel_returns_stock_and_refunds(app, world, terminal):
    order = reserve(terminal, TV_1=2)
    number = order["number"]
    terminal.post(
        f"/orders/{number}/payments", {"method": "card", "amount_minor": order["total_minor"]}
    )
    cancelled = terminal.post(f"/orders/{number}/cancel", {"reason": "changed mind"})
    assert cancelled.json["status"] == "cancelled"
    assert stock_of(app, world, "TV-1") == (5, 0)
    again = terminal.post(f"/orders/{number}/cancel", {})
    assert again.json["error"]["code"] == "order_cancelled"


def test_hand_out_before_ready_or_unpaid_is_refused(world, terminal, pickup):
    order = reserve(terminal, PHONE_1=1, payment="cashier")
    response = pickup.post(f"/orders/{order['number']}/hand-out", {})
    assert response.status_code == 409
    assert response.json["error"]["code"] == "not_ready"


def test_wrong_amount_is_refused(world, terminal):
    order = reserve(terminal, PHONE_1=1)
    response = terminal.post(
        f"/orders/{order['number']}/payments", {"method": "card", "amount_minor": 1}
    )
    assert response.status_code == 422
    assert response.json["error"]["code"] == "amount_mismatch"
