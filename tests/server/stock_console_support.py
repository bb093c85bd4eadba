"""Helpers for the console's stock pages: a browser signed in with a role, stock read back."""

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from server.db import get_session
from server.models import MovementKind, StaffUser, Stock, StockMovement
from tests.helpers import CHEAP_PASSWORD_HASH, STAFF_PASSWORD, World
from tests.invariants import stock_imbalances


def signed_in(
    app: Flask, role: str, *, store_id: int | None = None, name: str | None = None
) -> FlaskClient:
    """A browser signed in as a new staff member of this role (and home store)."""
    name = name or f"{role}-{store_id or 'all'}"
    with app.app_context():
        session = get_session()
        session.add(
            StaffUser(
                username=name,
                full_name=f"{role.title()} Person",
                role=role,
                store_id=store_id,
                password_hash=generate_password_hash(STAFF_PASSWORD, method=CHEAP_PASSWORD_HASH),
            )
        )
        session.commit()
    browser = app.test_client()
    answer = browser.post("/staff/login", data={"username": name, "password": STAFF_PASSWORD})
    assert answer.status_code == 302
    return browser


def level(app: Flask, world: World, sku: str, store: str = "store") -> tuple[int, int, str | None]:
    """(on hand, reserved, bin) of the product in world.store (or world.other_store)."""
    with app.app_context():
        row = get_session().scalar(
            select(Stock).where(
                Stock.store_id == getattr(world, store).id,
                Stock.product_id == world.products[sku].id,
            )
        )
        return (row.on_hand, row.reserved, row.bin_location) if row else (0, 0, None)


def movements(app: Flask, kind: MovementKind) -> list[tuple[int, int, int, str | None]]:
    """(store id, product id, on-hand change, document) of every movement of this kind."""
    with app.app_context():
        rows = get_session().scalars(
            select(StockMovement).where(StockMovement.kind == kind).order_by(StockMovement.id)
        )
        return [(m.store_id, m.product_id, m.on_hand_delta, m.document) for m in rows]


def balanced(app: Flask) -> bool:
    """available = on hand - reserved >= 0 everywhere, and reserved is what orders hold."""
    with app.app_context():
        session = get_session()
        negative = session.scalar(
            select(Stock.id).where((Stock.on_hand < Stock.reserved) | (Stock.reserved < 0))
        )
        return negative is None and stock_imbalances(session) == []
