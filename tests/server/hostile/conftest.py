"""The hostile tests' world, built once: build_world plus orders in every state, made through
the API into a template database. Rebuilding it per test took 20 API calls, about half a
second each time; like every test that takes `app`, these get the shared app of
tests/conftest.py with the template's content back before each test."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from server import create_app
from server.api.operation import Operation
from server.clock import FrozenClock
from server.db import get_session
from tests import databases
from tests.helpers import T0, Api, World, WorldTemplate, app_config
from tests.server.hostile.world import (
    Call,
    Orders,
    api_devices,
    call_for,
    make_orders,
    ready_repair,
    seed_code,
)


@dataclass(frozen=True)
class OrdersTemplate:
    path: Path
    orders: Orders


@pytest.fixture(scope="session")
def orders_template(
    world_template: WorldTemplate, tmp_path_factory: pytest.TempPathFactory
) -> OrdersTemplate:
    folder = tmp_path_factory.mktemp("hostile")
    url = databases.sqlite_copy(world_template.path, folder / "orders.db")
    app = create_app(app_config(url, FrozenClock(T0), folder))
    orders = make_orders(api_devices(app.test_client(), world_template.world))
    with app.app_context():
        seed_code(get_session())
        ready_repair(get_session(), orders.repair["number"])
    app.extensions["db"].engine.dispose()
    return OrdersTemplate(folder / "orders.db", orders)


@pytest.fixture
def database_template(orders_template: OrdersTemplate) -> Path:
    """Every test here starts from the orders' template (the shared app of tests/conftest.py
    gets it back before each test)."""
    return orders_template.path


@pytest.fixture
def world(world_template: WorldTemplate) -> World:
    return world_template.world


@pytest.fixture
def orders(orders_template: OrdersTemplate) -> Orders:
    return orders_template.orders


@pytest.fixture
def devices(client: FlaskClient, world: World) -> dict[str, Api]:
    return api_devices(client, world)


@pytest.fixture
def endpoint(
    client: FlaskClient, devices: dict[str, Api], orders: Orders
) -> Callable[[Operation | str], Call]:
    """A valid request to the endpoint (by Operation or name), from a device it serves."""

    def make(op: Operation | str) -> Call:
        return call_for(op, client, devices, orders)

    return make
