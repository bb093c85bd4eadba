"""The warehouse screen's actions as a service: one table, every action behind the store check."""

import pytest
from flask import Flask
from sqlalchemy import select

from server.clock import now
from server.db import get_session
from server.errors import DomainError, ErrorCode
from server.models import Device, DeviceKind, Store
from server.services import warehouse_actions
from server.services.access import load_order
from server.services.actors import Actor
from server.services.devices import register_device
from tests.conftest import paired
from tests.helpers import T0
from tests.server.test_screens import paid_order


def other_warehouse(app: Flask, store: Store) -> str:
    """Pair a warehouse screen of the other cybermarket (MSK-2); its token."""
    with app.app_context():
        session = get_session()
        _device, token = register_device(
            session, name="warehouse-2", kind=DeviceKind.WAREHOUSE, store=store, now=T0
        )
        session.commit()
    return token


def test_the_table_holds_every_action_the_screen_offers():
    assert set(warehouse_actions.ACTIONS) == {"take", "picked", "missing", "ready", "ship"}


@pytest.mark.parametrize(
    ("name", "tap"),
    [
        ("take", {}),
        ("picked", {"sku": "TV-1"}),
        ("missing", {"sku": "TV-1"}),
        ("ready", {"window": 1}),
        ("ship", {}),
    ],
)
def test_every_action_refuses_an_order_another_store_picks(app, world, terminal, name, tap):
    number = paid_order(terminal, TV_1=1)["number"]
    other_warehouse(app, world.other_store)
    with app.test_request_context():
        session = get_session()
        device = session.scalar(select(Device).where(Device.name == "warehouse-2"))
        by = warehouse_actions.Picker(actor=Actor.of_device(device), now=now(), hold_days=3)
        with pytest.raises(DomainError) as refused:
            warehouse_actions.act(session, name, warehouse_actions.Tap(number, **tap), by)
        assert refused.value.code is ErrorCode.ORDER_NOT_FOUND  # reveals nothing of it
        session.rollback()
        order = load_order(session, number)
        assert order.status.value == "paid"
        assert [line.qty_missing for line in order.lines] == [0]


def test_the_screen_answers_a_foreign_order_as_unknown_and_changes_nothing(
    app, world, terminal, warehouse
):
    number = paid_order(terminal, TV_1=1)["number"]
    screen = paired(app, other_warehouse(app, world.other_store))
    hx = {"HX-Request": "true"}
    for change, form in (("take", {}), ("missing", {"sku": "TV-1"})):
        answer = screen.post(f"/warehouse/orders/{number}/{change}", data=form, headers=hx)
        assert answer.status_code == 404
        assert f"Заказа {number} нет" in answer.get_data(as_text=True)
    assert warehouse.get(f"/orders/{number}").json["status"] == "paid"
