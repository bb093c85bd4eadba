"""Handing an order over to another store: the goods travel from where they are reserved,
the customer hears once, the timeline says who and why, and the senseless is refused."""

import pytest
from flask import Flask
from sqlalchemy import select

from server.db import get_session
from server.models import Order, Stock, Store, StoreKind
from tests.helpers import Api, make_store
from tests.invariants import stock_imbalances
from tests.server.care_orders_support import (
    add_store_staff,
    messages,
    order,
    paid,
    ready,
    sign_in,
)


@pytest.fixture
def manager(app: Flask, world):
    add_store_staff(app, "boss", "manager")
    return sign_in(app, "boss")


def _levels(app: Flask, store: str, sku: str = "PHONE-2") -> tuple[int, int]:
    with app.app_context():
        session = get_session()
        row = session.scalar(
            select(Stock)
            .join(Store, Stock.store_id == Store.id)
            .where(Store.code == store, Stock.product.has(sku=sku))
        )
        assert stock_imbalances(session) == []
        return row.on_hand, row.reserved


def _where(app: Flask, number: str) -> tuple[str, str | None]:
    """The store the order is collected at, and the one its goods come from if another."""
    with app.app_context():
        found = get_session().scalar(select(Order).where(Order.number == number))
        assert found is not None
        source = found.stock_store or found.store
        return found.store.code, None if source is found.store else source.code


def _hand_over(manager, number: str, store: str, reason: str = "клиенту удобнее там"):
    return manager.post(
        f"/staff/orders/{number}/hand-over", data={"store": store, "reason": reason}
    )


def test_a_paid_order_travels_from_its_store_and_waits_at_the_new_one(
    app, client, world, terminal, warehouse, manager
):
    number = paid(terminal)["number"]
    assert _levels(app, "MSK-1") == (3, 1)
    page = manager.get(f"/staff/orders/{number}").get_data(as_text=True)
    assert 'data-testid="hand-over-form"' in page and 'value="MSK-2"' in page

    assert _hand_over(manager, number, "MSK-2").status_code == 302
    assert _where(app, number) == ("MSK-2", "MSK-1")
    moved = order(app, number)
    assert _levels(app, "MSK-1") == (3, 1)  # still reserved where the goods are
    assert "staff:boss: handed over MSK-1 → MSK-2: клиенту удобнее там" in [
        e.reason for e in moved.events
    ]
    told = messages(app, kind="handed_over")
    assert len(told) == 1 and "Кибермаркет MSK-2" in told[0].body
    page = manager.get(f"/staff/orders/{number}").get_data(as_text=True)
    assert f"Заказ {number} будет ждать вас в другом магазине" in page
    assert "handed_over<" not in page  # the message's subject, not its internal name

    assert warehouse.post(f"/orders/{number}/picking").status_code == 200
    refused = warehouse.post(f"/orders/{number}/ready", {"window": 1})
    assert refused.status_code == 409 and "MSK-2" in refused.json["error"]["message"]
    assert warehouse.post(f"/orders/{number}/ship").json["status"] == "in_transit"
    assert _levels(app, "MSK-1") == (2, 0)  # the goods left MSK-1
    there = Api(client, world.tokens["pickup-other"])
    assert there.post(f"/orders/{number}/arrived").json["status"] == "ready"
    assert there.post(f"/orders/{number}/hand-out").json["status"] == "issued"
    assert _levels(app, "MSK-2") == (2, 0)  # MSK-2's own shelves were never touched
    assert len(messages(app, kind="handed_over")) == 1


def test_an_order_at_a_window_goes_into_the_van_and_is_announced_again_at_the_new_store(
    app, client, world, terminal, warehouse, manager
):
    number = ready(terminal, warehouse)
    assert len(messages(app, kind="ready")) == 1
    assert _hand_over(manager, number, "MSK-2").status_code == 302
    moved = order(app, number)
    assert moved.status.value == "in_transit" and moved.window is None
    assert moved.hold_until is None
    assert _levels(app, "MSK-1") == (2, 0)
    there = Api(client, world.tokens["pickup-other"])
    assert there.post(f"/orders/{number}/arrived").json["status"] == "ready"
    ready_messages = messages(app, kind="ready")
    assert len(ready_messages) == 2 and "MSK-2" in ready_messages[1].body
    # Its goods are at MSK-2 now: they are not sent on again.
    page = manager.get(f"/staff/orders/{number}").get_data(as_text=True)
    assert 'data-testid="hand-over-form"' not in page
    again = _hand_over(manager, number, "MSK-1")
    assert again.status_code == 409
    assert "уже отправлены в MSK-2" in again.get_data(as_text=True)


def test_the_senseless_is_refused_clearly_and_changes_nothing(
    app, client, world, terminal, warehouse, manager
):
    number = paid(terminal)["number"]
    same = _hand_over(manager, number, "MSK-1")
    assert same.status_code == 409 and "уже выдаётся в MSK-1" in same.get_data(as_text=True)
    assert _hand_over(manager, number, "NOWHERE").status_code == 422
    assert _hand_over(manager, number, "MSK-2", reason=" ").status_code == 422
    with app.app_context():
        session = get_session()
        other = session.scalar(select(Store).where(Store.code == "MSK-2"))
        make_store(session, "OUT-2", "D", kind=StoreKind.OUTPOST, source_store=other)
        session.commit()
    far = _hand_over(manager, number, "OUT-2")
    assert far.status_code == 409 and "только от своего кибермаркета" in far.get_data(as_text=True)
    assert _where(app, number) == ("MSK-1", None) and messages(app, kind="handed_over") == []

    issued = ready(terminal, warehouse)
    Api(client, world.tokens["pickup"]).post(f"/orders/{issued}/hand-out")
    answer = _hand_over(manager, issued, "MSK-2")
    assert answer.status_code == 409 and "выдан" in answer.get_data(as_text=True)
    cancelled = paid(terminal)["number"]
    manager.post(f"/staff/orders/{cancelled}/cancel", data={"reason": "передумал"})
    assert _hand_over(manager, cancelled, "MSK-2").status_code == 409
    assert 'data-testid="hand-over-form"' not in manager.get(f"/staff/orders/{cancelled}").get_data(
        as_text=True
    )


def test_an_outpost_order_handed_over_to_its_own_source_stops_travelling(
    app, world, shop, warehouse, manager
):
    body = {
        "store": "OUT-1",
        "lines": [{"sku": "PHONE-2", "qty": 1}],
        "payment": "on_pickup",
        "customer_phone": "+7 916 123-45-67",
    }
    number = shop.post("/orders", body).json["number"]
    assert _hand_over(manager, number, "MSK-1").status_code == 302
    assert _where(app, number) == ("MSK-1", None)
    warehouse.post(f"/orders/{number}/picking")
    assert warehouse.post(f"/orders/{number}/ready", {"window": 2}).json["status"] == "ready"


def test_clerks_may_not_hand_over_and_another_stores_manager_finds_no_order(app, world, terminal):
    number = paid(terminal)["number"]
    add_store_staff(app, "klara", "clerk")
    clerk = sign_in(app, "klara")
    assert 'data-testid="hand-over-form"' not in clerk.get(f"/staff/orders/{number}").get_data(
        as_text=True
    )
    assert _hand_over(clerk, number, "MSK-2").status_code == 403
    add_store_staff(app, "other", "manager", store="MSK-2")
    stranger = sign_in(app, "other")
    assert _hand_over(stranger, number, "MSK-2").status_code == 404
    assert _where(app, number) == ("MSK-1", None)
