"""The hostile tests' world, built once: build_world plus orders in every state, made through
the API into a template database. Rebuilding it per test took 20 API calls, about half a
second each time; a new app per test (its URL rules compiled again) took another 35 ms of the
60 ms each of these 1 400 tests cost. So one app serves them all, and before each test its
database gets the template's content back, its clock goes back to T0 and its configuration
back to what it was."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from server import create_app
from server.api.operation import Operation
from server.clock import FrozenClock
from server.db import get_session
from tests import databases, invariants
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


@dataclass(frozen=True)
class SharedApp:
    app: Flask
    path: Path
    clock: FrozenClock


@pytest.fixture(scope="session")
def shared_app(
    orders_template: OrdersTemplate, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SharedApp]:
    folder = tmp_path_factory.mktemp("hostile-app")
    url = databases.sqlite_copy(orders_template.path, folder / "test.db")
    clock = FrozenClock(T0)
    app = create_app(app_config(url, clock, folder))
    yield SharedApp(app, folder / "test.db", clock)
    app.extensions["db"].engine.dispose()


@pytest.fixture
def sqlite_url(shared_app: SharedApp) -> str:
    """The shared app's database: the orders' template again at the start of every test."""
    return f"sqlite:///{shared_app.path}"


@pytest.fixture
def clock(shared_app: SharedApp) -> FrozenClock:
    shared_app.clock.current = T0
    return shared_app.clock


@pytest.fixture
def app(
    shared_app: SharedApp, orders_template: OrdersTemplate, clock: FrozenClock
) -> Iterator[Flask]:
    """The one app, as the test found it: template data, the clock at T0, its own config.

    Afterwards, as everywhere, the stock must balance with what the open orders hold."""
    databases.sqlite_restore(orders_template.path, shared_app.path)
    config = dict(shared_app.app.config)
    yield shared_app.app
    shared_app.app.config.clear()
    shared_app.app.config.update(config)
    invariants.check_stock(f"sqlite:///{shared_app.path}")


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
