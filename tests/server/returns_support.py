"""Helpers for the returns and repairs tests: a collected order, and what the database says."""

from flask import Flask
from sqlalchemy import select

from server.db import get_session
from server.models import (
    MovementKind,
    Notification,
    Order,
    Payment,
    PaymentKind,
    Product,
    Stock,
    StockMovement,
    Store,
)
from tests.helpers import Api

PHONE = "+79161234567"
INTAKE = {"sku": "PHONE-1", "serial": "SN-123456", "defect": "Does not switch on"}


def move(staff_client, repair: str, to: str, note: str = ""):
    return staff_client.post(f"/staff/repairs/{repair}/move", data={"to": to, "note": note})


def walk(staff_client, repair: str, outcome: str, note: str = "") -> None:
    """Move a repair from accepted to ready for pickup through `outcome` on /staff/repairs."""
    for to, said in [
        ("sent_to_service", ""),
        ("diagnosed", ""),
        (outcome, note),
        ("ready_for_pickup", ""),
    ]:
        answer = move(staff_client, repair, to, said)
        assert answer.status_code == 302, answer.get_data(as_text=True)
        assert "/staff/login" not in answer.location, "the staff session ended"


def paid_on_pickup_in_cash(shop: Api, warehouse: Api, pickup: Api, lines: dict[str, int]) -> str:
    """An online order for PHONE paid in cash at the window and handed out; its number."""
    body = {
        "store": "MSK-1",
        "lines": [{"sku": sku, "qty": qty} for sku, qty in lines.items()],
        "payment": "on_pickup",
        "customer_phone": PHONE,
    }
    order = shop.post("/orders", body)
    assert order.status_code == 201, order.json
    number = order.json["number"]
    assert warehouse.post(f"/orders/{number}/picking").status_code == 200
    assert warehouse.post(f"/orders/{number}/ready", {"window": 1}).status_code == 200
    paid = pickup.post(
        f"/orders/{number}/payments",
        {"method": "cash", "amount_minor": order.json["total_minor"]},
    )
    assert paid.status_code == 201, paid.json
    assert pickup.post(f"/orders/{number}/hand-out").status_code == 200
    return number


def stock_of(app: Flask, store: str, sku: str) -> tuple[int, int, int]:
    """(on hand, reserved, defective) of a product at a store."""
    with app.app_context():
        row = get_session().scalar(
            select(Stock)
            .join(Store, Stock.store_id == Store.id)
            .join(Product, Stock.product_id == Product.id)
            .where(Store.code == store, Product.sku == sku)
        )
        assert row is not None
        return row.on_hand, row.reserved, row.defective


def refunds(app: Flask, number: str) -> list[tuple[str, int]]:
    with app.app_context():
        rows = get_session().scalars(
            select(Payment)
            .join(Order, Payment.order_id == Order.id)
            .where(Order.number == number, Payment.kind == PaymentKind.REFUND)
            .order_by(Payment.id)
        )
        return [(row.method, row.amount_minor) for row in rows]


def messages(app: Flask, number: str, kind: str) -> list[str]:
    with app.app_context():
        rows = get_session().scalars(
            select(Notification)
            .join(Order, Notification.order_id == Order.id)
            .where(Order.number == number, Notification.kind == kind)
            .order_by(Notification.id)
        )
        return [f"{row.channel.value}:{row.body}" for row in rows]


def movements(app: Flask, kind: MovementKind) -> list[tuple[str, int, str | None]]:
    """(store code, on-hand change, document) of every movement of this kind."""
    with app.app_context():
        rows = get_session().execute(
            select(Store.code, StockMovement.on_hand_delta, StockMovement.document)
            .join(Store, StockMovement.store_id == Store.id)
            .where(StockMovement.kind == kind)
            .order_by(StockMovement.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]
