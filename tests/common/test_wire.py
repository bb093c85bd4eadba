"""The wire objects read the server's real answers: every field, with its type."""

from dataclasses import fields
from datetime import datetime

from common.pickup_code import display_pickup_code
from common.wire import Order, OrderLine, ScanAnswer
from tests.helpers import new_key


def _ready_order(terminal, warehouse) -> dict:
    body = {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 1}], "payment": "cashier"}
    order = terminal.post("/orders", body, key=new_key()).json
    number = order["number"]
    paid = {"method": "card", "amount_minor": order["total_minor"]}
    assert terminal.post(f"/orders/{number}/payments", paid, key=new_key()).status_code == 201
    assert warehouse.post(f"/orders/{number}/picking", key=new_key()).status_code == 200
    ready = warehouse.post(f"/orders/{number}/ready", {"window": 1}, key=new_key())
    assert ready.status_code == 200
    return ready.json


def test_a_fresh_reservation_parses_with_its_hold_and_lines(terminal):
    body = {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 2}], "payment": "cashier"}
    answer = terminal.post("/orders", body, key=new_key())
    assert answer.status_code == 201
    order = Order.from_json(answer.json)
    # Nothing the server sends is dropped on the way in.
    assert set(answer.json) <= {field.name for field in fields(Order)}
    assert set(answer.json["lines"][0]) <= {field.name for field in fields(OrderLine)}
    assert order.number == answer.json["number"] and order.status == "reserved"
    assert order.payment == "cashier" and order.store == "MSK-1"
    assert isinstance(order.hold_until, datetime) and order.hold_until.tzinfo is not None
    assert not order.paid and order.due_minor == order.total_minor > 0
    (line,) = order.lines
    assert (line.sku, line.qty, line.qty_issued, line.qty_missing) == ("TV-1", 2, 0, 0)
    assert line.total_minor == answer.json["lines"][0]["total_minor"]
    assert order.qty_to_hand_out == 2 and order.open_lines == [line]


def test_a_scan_answer_parses_with_the_order_and_what_the_clerk_may_do(terminal, warehouse, pickup):
    ready = _ready_order(terminal, warehouse)
    answer = pickup.post("/pickups/scan", {"code": ready["pickup_code"]})
    assert answer.status_code == 200, answer.json
    scan = ScanAnswer.from_json(answer.json)
    assert scan.verdict == "green" and scan.actions == ("hand_out",)
    assert scan.message == answer.json["message"]
    assert scan.order.number == ready["number"] and scan.order.window == 1
    assert scan.order.paid and scan.order.at_the_window


def test_the_pickup_code_is_written_in_groups_of_four():
    assert display_pickup_code("ABCD2345X") == "ABCD-2345-X"
    assert display_pickup_code("OLD123") == "OLD123"
