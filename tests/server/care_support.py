"""Helpers for the customer-care tests: a customer who collected an order, staff of a role."""

from flask import Flask
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from server.db import get_session
from server.models import Customer, Order, StaffUser
from tests.helpers import CHEAP_PASSWORD_HASH, STAFF_PASSWORD, Api

PHONE = "+79161234567"


def collected(
    terminal: Api, warehouse: Api, pickup: Api, lines: dict[str, int], phone: str = PHONE
) -> str:
    """A terminal order for this phone, paid, picked and handed out; its number."""
    body = {
        "store": "MSK-1",
        "lines": [{"sku": sku, "qty": qty} for sku, qty in lines.items()],
        "payment": "card",
        "customer_phone": phone,
    }
    order = terminal.post("/orders", body).json
    number = order["number"]
    paid = terminal.post(
        f"/orders/{number}/payments", {"method": "card", "amount_minor": order["total_minor"]}
    )
    assert paid.status_code in (200, 201), paid.json
    assert warehouse.post(f"/orders/{number}/picking").status_code == 200
    assert warehouse.post(f"/orders/{number}/ready", {"window": 1}).status_code == 200
    assert pickup.post(f"/orders/{number}/hand-out").status_code == 200
    return number


def customer(app: Flask, phone: str = PHONE) -> Customer:
    with app.app_context():
        session = get_session()
        found = session.scalar(select(Customer).where(Customer.phone == phone))
        assert found is not None
        session.expunge(found)
        return found


def set_customer(app: Flask, phone: str = PHONE, **values: object) -> None:
    with app.app_context():
        session = get_session()
        found = session.scalar(select(Customer).where(Customer.phone == phone))
        for name, value in values.items():
            setattr(found, name, value)
        session.commit()


def order_id(app: Flask, number: str) -> int:
    with app.app_context():
        return get_session().scalar(select(Order.id).where(Order.number == number))


def add_staff(app: Flask, username: str, role: str) -> None:
    with app.app_context():
        session = get_session()
        session.add(
            StaffUser(
                username=username,
                full_name=username.title(),
                role=role,
                password_hash=generate_password_hash(STAFF_PASSWORD, method=CHEAP_PASSWORD_HASH),
            )
        )
        session.commit()


def signed_in(app: Flask, username: str):  # type: ignore[no-untyped-def]
    browser = app.test_client()
    answer = browser.post("/login", data={"username": username, "password": STAFF_PASSWORD})
    assert answer.status_code == 302
    return browser
