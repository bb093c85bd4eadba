"""Helpers for the orders, stuck-orders and appeals tests: orders at each step, store staff."""

from flask import Flask
from sqlalchemy import select

from server.db import get_session
from server.models import Notification, Order, StaffUser, Store
from tests.helpers import Api
from tests.server.care_support import add_staff, signed_in

PHONE = "+79161234567"


def paid(terminal: Api, phone: str | None = PHONE, sku: str = "PHONE-2") -> dict:
    """A terminal order paid by card; its JSON."""
    body = {"store": "MSK-1", "lines": [{"sku": sku, "qty": 1}], "payment": "card"}
    if phone:
        body["customer_phone"] = phone
    order = terminal.post("/orders", body).json
    answer = terminal.post(
        f"/orders/{order['number']}/payments",
        {"method": "card", "amount_minor": order["total_minor"]},
    )
    assert answer.status_code in (200, 201), answer.json
    return order


def ready(terminal: Api, warehouse: Api, phone: str | None = PHONE) -> str:
    """A paid terminal order picked and put at window 1; its number."""
    number = paid(terminal, phone)["number"]
    assert warehouse.post(f"/orders/{number}/picking").status_code == 200
    assert warehouse.post(f"/orders/{number}/ready", {"window": 1}).status_code == 200
    return number


def add_store_staff(
    app: Flask, username: str, role: str, store: str | None = "MSK-1", **contacts: str
) -> None:
    """A staff member of this role, of one store (by code) or the chain, with contacts."""
    add_staff(app, username, role)
    with app.app_context():
        session = get_session()
        person = session.scalar(select(StaffUser).where(StaffUser.username == username))
        person.store_id = session.scalar(select(Store.id).where(Store.code == store))
        for name, value in contacts.items():
            setattr(person, name, value)
        session.commit()


def sign_in(app: Flask, username: str):  # type: ignore[no-untyped-def]
    return signed_in(app, username)


def order(app: Flask, number: str) -> Order:
    with app.app_context():
        session = get_session()
        found = session.scalar(select(Order).where(Order.number == number))
        assert found is not None
        found.payments, found.events  # noqa: B018 - loaded before the session closes
        session.expunge_all()
        return found


def messages(app: Flask, **where: object) -> list[Notification]:
    with app.app_context():
        query = select(Notification).order_by(Notification.id)
        for name, value in where.items():
            query = query.where(getattr(Notification, name) == value)
        found = list(get_session().scalars(query))
        get_session().expunge_all()
        return found


class Recorder:
    """A channel that keeps what it was asked to send."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send(self, message: Notification) -> None:
        self.sent.append((message.recipient, message.kind))
