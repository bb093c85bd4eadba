"""Every log line names its request, device and order, and a rolled-back change is not logged."""

import io
import json
import logging

import pytest

from common.logs import JsonFormatter


@pytest.fixture
def lines():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(old_level)


def test_an_order_request_logs_its_device_order_and_status_change(terminal, lines):
    order = terminal.post(
        "/orders", {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 1}], "payment": "cashier"}
    ).json
    terminal.post(f"/orders/{order['number']}/cancel")
    written = lines()
    moves = [line for line in written if line["logger"] == "server.services.transitions"]
    assert [line["msg"] for line in moves] == [
        f"order {order['number']}: new -> reserved",
        f"order {order['number']}: reserved -> cancelled",
    ]
    assert {line["device"] for line in moves} == {"terminal-1"}
    assert all(line["order"] == order["number"] for line in moves)
    requests = [line for line in written if line["logger"] == "cybermarket.server.requests"]
    assert [(line["status"], line["device"]) for line in requests] == [
        (201, "terminal-1"),
        (200, "terminal-1"),
    ]
    assert requests[1]["order"] == order["number"]
    assert len({line["request_id"] for line in requests}) == 2


def test_a_refused_order_logs_no_status_change(terminal, lines):
    answer = terminal.post(
        "/orders", {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 99}], "payment": "cashier"}
    )
    assert answer.status_code == 409
    assert not [line for line in lines() if line["logger"] == "server.services.transitions"]


def test_a_callers_request_id_is_kept_when_harmless(client, world, lines):
    client.get("/health", headers={"X-Request-Id": "abc-123"})
    client.get("/health", headers={"X-Request-Id": "<script>" * 20})
    ids = [line["request_id"] for line in lines() if line["logger"].endswith("requests")]
    assert ids[0] == "abc-123"
    assert ids[1] != "<script>" * 20 and len(ids[1]) == 16
