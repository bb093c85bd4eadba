"""Build a small store world in one call, and talk to the API as a device would."""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from server.clock import Clock
from server.models import Category, DeviceKind, Product, StaffUser, Stock, Store, StoreKind
from server.services.devices import register_device

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
STAFF_PASSWORD = "correct horse"
# One PBKDF2 round: a test's sign-in costs nothing, where scrypt would cost 0.15 s of CPU.
CHEAP_PASSWORD_HASH = "pbkdf2:sha256:1"


@dataclass
class World:
    store: Store
    other_store: Store
    outpost: Store
    products: dict[str, Product]
    tokens: dict[str, str] = field(default_factory=dict)


def app_config(url: str, clock: Clock, folder: Path) -> dict[str, Any]:
    """The server's configuration in tests: the given database and clock, cheap passwords."""
    return {
        "TESTING": True,
        "DATABASE_URL": url,
        "CLOCK": clock,
        "MEDIA_DIR": str(folder / "media"),
        "PASSWORD_HASH_METHOD": CHEAP_PASSWORD_HASH,
        # A staff POST that changes something without an audit entry fails the test.
        "AUDIT_STRICT": True,
    }


def make_store(session: Session, code: str, prefix: str, **overrides: Any) -> Store:
    values: dict[str, Any] = {
        "code": code,
        "kind": StoreKind.CYBERMARKET,
        "name_ru": f"Кибермаркет {code}",
        "name_en": f"Cybermarket {code}",
        "address_ru": "Москва, Тверская ул., 1",
        "address_en": "1 Tverskaya St, Moscow",
        "opening_hours": "24/7",
        "timezone": "Europe/Moscow",
        "order_prefix": prefix,
        "pickup_windows": 3,
    }
    values.update(overrides)
    store = Store(**values)
    session.add(store)
    return store


def make_product(session: Session, sku: str, category: Category, **overrides: Any) -> Product:
    values: dict[str, Any] = {
        "sku": sku,
        "category": category,
        "brand": "Acme",
        "name_ru": f"Товар {sku}",
        "name_en": f"Product {sku}",
        "price_minor": 199_000,
        "specs": {"ru": [["Вес", "1 кг"]], "en": [["Weight", "1 kg"]]},
    }
    values.update(overrides)
    product = Product(**values)
    product.refresh_search_text()
    session.add(product)
    return product


def build_world(session: Session, stock: dict[str, int] | None = None) -> World:
    """Two cybermarkets and an outpost, a few products, and a device of each kind."""
    store = make_store(session, "MSK-1", "A")
    other = make_store(session, "MSK-2", "B")
    outpost = make_store(
        session, "OUT-1", "C", kind=StoreKind.OUTPOST, source_store=store, pickup_windows=1
    )
    phones = Category(code="phones", name_ru="Смартфоны", name_en="Smartphones")
    tvs = Category(code="tv", name_ru="Телевизоры", name_en="TVs")
    session.add_all([phones, tvs])
    products = {
        "PHONE-1": make_product(
            session,
            "PHONE-1",
            phones,
            name_ru="Смартфон Альфа",
            name_en="Alpha phone",
            price_minor=2_999_000,
        ),
        "PHONE-2": make_product(session, "PHONE-2", phones, price_minor=1_499_000),
        "TV-1": make_product(
            session, "TV-1", tvs, name_ru="Телевизор Бета", name_en="Beta TV", price_minor=5_499_000
        ),
    }
    session.flush()
    levels = stock or {"PHONE-1": 10, "PHONE-2": 3, "TV-1": 5}
    for sku, qty in levels.items():
        session.add(
            Stock(
                store=store,
                product=products[sku],
                on_hand=qty,
                reserved=0,
                bin_location=f"A-0{len(sku)}-1",
            )
        )
        session.add(
            Stock(store=other, product=products[sku], on_hand=2, reserved=0, bin_location="B-01-1")
        )
    world = World(store, other, outpost, products)
    for kind in DeviceKind:
        home = None if kind is DeviceKind.SHOP else store
        _device, token = register_device(
            session, name=f"{kind.value}-1", kind=kind, store=home, now=T0
        )
        world.tokens[kind.value] = token
    _device, token = register_device(
        session, name="pickup-2", kind=DeviceKind.PICKUP, store=other, now=T0
    )
    world.tokens["pickup-other"] = token
    _device, token = register_device(
        session, name="pickup-out", kind=DeviceKind.PICKUP, store=outpost, now=T0
    )
    world.tokens["pickup-outpost"] = token
    # One account per role: "staff" is the admin; the others work at MSK-1.
    for username, full_name, role in (
        ("staff", "Staff Member", "admin"),
        ("manager", "Marina Manager", "manager"),
        ("clerk", "Klara Clerk", "clerk"),
        ("picker", "Pavel Picker", "picker"),
    ):
        session.add(
            StaffUser(
                username=username,
                full_name=full_name,
                role=role,
                store_id=None if role == "admin" else store.id,
                password_hash=generate_password_hash(STAFF_PASSWORD, method=CHEAP_PASSWORD_HASH),
            )
        )
    session.commit()
    return world


@dataclass(frozen=True)
class WorldTemplate:
    """A migrated SQLite database with build_world loaded, and the World it holds."""

    path: Path
    world: World


class Api:
    """The test client speaking as one device."""

    def __init__(self, client: FlaskClient, token: str) -> None:
        self.client = client
        self.headers = {"Authorization": f"Device {token}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", query_string=params, headers=self.headers)

    def post(self, path: str, body: Any = None, *, key: str | None = None, **kw: Any) -> Any:
        headers = dict(self.headers)
        if key is not None:
            headers["Idempotency-Key"] = key
        return self.client.post(f"/api/v1{path}", json=body, headers=headers, **kw)


def new_key() -> str:
    return str(uuid.uuid4())


def signed_in(app: Flask, username: str = "staff") -> FlaskClient:
    """A browser signed in as one of the world's staff: staff (admin), manager, clerk, picker."""
    browser = app.test_client()
    answer = browser.post("/staff/login", data={"username": username, "password": STAFF_PASSWORD})
    assert answer.status_code == 302, answer.text[:300]
    return browser
