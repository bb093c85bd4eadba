"""Orders in every state an endpoint acts on, and a valid request to spoil one part at a time."""

import hashlib
import io
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from server.api import schemas  # importing server.api registers every endpoint
from server.api.abandoned_carts import AbandonedCartIn
from server.api.appeals import AppealApiIn
from server.api.customers import CodeIn, VerifyIn
from server.api.fleet import HeartbeatIn
from server.api.lookup import LookupIn
from server.api.operation import Operation
from server.api.shift import ShiftIn
from server.api.shopper import QuoteIn
from server.api.shopper_reviews import ReviewIn
from server.models import CustomerCode, CustomerToken, Device, DeviceKind, Repair, RepairStatus
from server.services import repairs
from server.services.actors import Actor
from server.services.customers import customer_for
from tests.helpers import T0, Api, World
from tests.server.hostile.support import PARAM, by_name, send

# ---- the world: devices and orders in every state an endpoint acts on


@dataclass
class Orders:
    reserved: dict[str, Any]
    paid: dict[str, Any]
    picking: dict[str, Any]
    ready: dict[str, Any]
    outpost_picking: dict[str, Any]
    outpost_transit: dict[str, Any]
    issued: dict[str, Any]
    # A repair ready to hand back, shaped like an order for the calls about it: its number
    # and, as "pickup_code", the intake slip's code (see ready_repair).
    repair: dict[str, Any]


def place(terminal: Api, lines: dict[str, int], **extra: str) -> dict[str, Any]:
    body = {
        "store": "MSK-1",
        "lines": [{"sku": sku, "qty": qty} for sku, qty in lines.items()],
        "payment": "card",
        **extra,
    }
    response = terminal.post("/orders", body)
    assert response.status_code == 201, response.json
    return response.json


def pay_for(terminal: Api, order: dict[str, Any]) -> None:
    body = {"method": "card", "amount_minor": order["total_minor"]}
    response = terminal.post(f"/orders/{order['number']}/payments", body)
    assert response.status_code == 201, response.json


def make_orders(devices: dict[str, Api]) -> Orders:
    terminal, warehouse = devices["terminal"], devices["warehouse"]
    reserved = place(terminal, {"PHONE-2": 1})
    paid = place(terminal, {"PHONE-2": 1})
    picking = place(terminal, {"PHONE-1": 1})
    ready = place(terminal, {"PHONE-1": 2, "TV-1": 1})
    for order in (paid, picking, ready):
        pay_for(terminal, order)
    for order in (picking, ready):
        assert warehouse.post(f"/orders/{order['number']}/picking").status_code == 200
    assert warehouse.post(f"/orders/{ready['number']}/ready", {"window": 1}).status_code == 200
    outposts = []
    for _ in range(2):
        order = (
            devices["shop"]
            .post(
                "/orders",
                {
                    "store": "OUT-1",
                    "lines": [{"sku": "TV-1", "qty": 1}],
                    "payment": "on_pickup",
                    "customer_phone": "+7 916 123-45-67",
                },
            )
            .json
        )
        assert warehouse.post(f"/orders/{order['number']}/picking").status_code == 200
        outposts.append(order)
    assert warehouse.post(f"/orders/{outposts[1]['number']}/ship").status_code == 200
    # Two units, one taken in for repair below and one left for the repair calls; collected by
    # the shopper the terminal identified, who may review it.
    issued = place(terminal, {"PHONE-1": 2}, customer_phone="+79161234567")
    pay_for(terminal, issued)
    assert warehouse.post(f"/orders/{issued['number']}/picking").status_code == 200
    assert warehouse.post(f"/orders/{issued['number']}/ready", {"window": 1}).status_code == 200
    assert devices["pickup"].post(f"/orders/{issued['number']}/hand-out").status_code == 200
    intake = {"order": issued["number"], "sku": "PHONE-1", "serial": "SN-1", "defect": "dead"}
    taken = devices["pickup"].post("/repairs", intake)
    assert taken.status_code == 201, taken.json
    repair = {**issued, "number": taken.json["number"], "pickup_code": taken.json["intake_code"]}
    return Orders(reserved, paid, picking, ready, *outposts, issued, repair)


def ready_repair(session: Session, number: str) -> None:
    """The world's repair comes back from the service: ready to hand back."""
    repair = session.scalar(select(Repair).where(Repair.number == number))
    assert repair is not None
    for status in ("sent_to_service", "diagnosed", "repaired", "ready_for_pickup"):
        repairs.move(session, repair, RepairStatus(status), note=None, actor=Actor("test"), now=T0)
    session.commit()


# The one-time code the valid verify body carries, as if it had just been sent by SMS.
KNOWN_CODE = "123456"


# The shopper the terminal identified, for the calls that need X-Customer-Token.
KNOWN_TOKEN = "known-shopper-token"
SHOPPER_OPS = {"me", "bonus_quote", "to_review", "leave_review"}


def seed_code(session: Session) -> None:
    session.add(
        CustomerCode(
            phone="+79161234567",
            code_hash=hashlib.sha256(KNOWN_CODE.encode()).hexdigest(),
            created_at=T0,
            expires_at=T0 + timedelta(days=3650),
        )
    )
    shopper = customer_for(session, "+79161234567", now=T0)
    session.flush()
    terminal = session.scalar(select(Device).where(Device.name == "terminal-1"))
    assert terminal is not None
    session.add(
        CustomerToken(
            token_hash=hashlib.sha256(KNOWN_TOKEN.encode()).hexdigest(),
            customer_id=shopper.id,
            device_id=terminal.id,
            created_at=T0,
            expires_at=T0 + timedelta(days=3650),
        )
    )
    session.commit()


def api_devices(client: FlaskClient, world: World) -> dict[str, Api]:
    return {name: Api(client, token) for name, token in world.tokens.items()}


# The order each endpoint acts on: the state in which a valid request would change it.
ORDER_FOR = {
    "pay": "reserved",
    "start_picking": "paid",
    "mark_ready": "picking",
    "hand_out": "ready",
    "cancel": "paid",
    "scan": "ready",
    "lookup_order": "ready",
    "line_picked": "picking",
    "line_missing": "picking",
    "ship": "outpost_picking",
    "arrived": "outpost_transit",
    "order_customer": "outpost_transit",  # an order with a phone, so a customer to show
    "create_return": "issued",
    "create_repair": "issued",
    "leave_review": "issued",
    "get_repair": "repair",
    "hand_back": "repair",
    "add_repair_photo": "repair",
}
# Endpoints only a device of another store may call.
DEVICE_FOR = {"arrived": "pickup-outpost", "order_customer": "pickup-outpost"}
DEVICE_NAMES = {"pickup-outpost": "pickup-out"}  # as registered by build_world
PREFERRED_KINDS = ("terminal", "pickup", "warehouse", "shop", "board")


def valid_body(model: type, order: dict[str, Any]) -> dict[str, Any]:
    bodies = {
        schemas.CreateOrder: {
            "store": "MSK-1",
            "lines": [{"sku": "PHONE-1", "qty": 1}],
            "payment": "card",
            "customer_phone": "+7 900 123-45-67",
        },
        schemas.PaymentIn: {
            "method": "card",
            "amount_minor": order["total_minor"],
            "reference": "slip-1",
        },
        schemas.ReadyIn: {"window": 2},
        schemas.HandOutIn: {"lines": [{"sku": "PHONE-1", "qty": 1}]},
        schemas.CancelIn: {"reason": "changed mind"},
        schemas.ScanIn: {"code": order["pickup_code"]},
        schemas.MissingIn: {"qty": 1},
        LookupIn: {"number": order["number"], "proof": order["pickup_code"]},
        ShiftIn: {"clerk": "Anna"},
        AbandonedCartIn: {
            "lines": [{"sku": "PHONE-1", "qty": 2, "price_minor": 999_000}],
            "total_minor": 1_998_000,
            "store": "MSK-1",
        },
        HeartbeatIn: {"version": "1.2.3", "printer": "paper_low", "scanner": "ok", "camera": "ok"},
        CodeIn: {"phone": "+7 916 123-45-67"},
        VerifyIn: {"phone": "+7 916 123-45-67", "code": KNOWN_CODE},
        QuoteIn: {"lines": [{"sku": "PHONE-1", "qty": 1}]},
        ReviewIn: {
            "order": order["number"],
            "sku": "PHONE-1",
            "rating": 5,
            "text": "Works well, good screen",
        },
        AppealApiIn: {"phone": "+7 916 123-45-67", "category": "delay", "text": "Where is it?"},
        schemas.RepairIn: {
            "order": order["number"],
            "sku": "PHONE-1",
            "serial": "SN-2",
            "defect": "no sound",
            "condition": "scratched",
            "accessories": "box, cable",
        },
        schemas.ReturnIn: {
            "lines": [{"sku": "PHONE-1", "qty": 1}],
            "reason": "does not fit",
            "resaleable": False,
        },
    }
    if model not in bodies:
        pytest.fail(f"add a valid {model.__name__} body to valid_body() for the new endpoint")
    return bodies[model]


@dataclass
class Call:
    """A valid request to one endpoint, to be spoiled one part at a time."""

    op: Operation
    client: FlaskClient
    kind: str
    device: Api
    values: dict[str, str]
    body: dict[str, Any] | None
    picture: bytes | None = None  # the body of an upload endpoint (op.upload)

    def url(self, **values: str) -> str:
        merged = {**self.values, **values}
        return PARAM.sub(lambda m: quote(merged[m.group(1)], safe=""), self.op.rule)

    def request(
        self,
        *,
        method: str | None = None,
        values: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        **kw: Any,
    ) -> TestResponse:
        if "json" not in kw and "data" not in kw and self.body is not None:
            kw["json"] = self.body
        if "json" not in kw and "data" not in kw and self.op.upload is not None:
            kw["data"], kw["content_type"] = self.picture, self.op.upload.media_type
        headers = self.device.headers if headers is None else headers
        url = self.url(**(values or {}))
        return send(self.client, method or self.op.method, url, headers=headers, **kw)


def call_for(
    op: Operation | str, client: FlaskClient, devices: dict[str, Api], orders: Orders
) -> Call:
    op = by_name(op) if isinstance(op, str) else op
    kind = DEVICE_FOR.get(op.name) or next(
        k for k in PREFERRED_KINDS if op.kinds is None or DeviceKind(k) in op.kinds
    )
    order = getattr(orders, ORDER_FOR.get(op.name, "reserved"))
    values = {"number": order["number"], "code": "MSK-1", "sku": "PHONE-1", "phone": "+79161234567"}
    body = valid_body(op.body, order) if op.body is not None else None
    device = devices[kind]
    if op.name in SHOPPER_OPS:
        device = Api(client, "")
        device.headers = {**devices[kind].headers, "X-Customer-Token": KNOWN_TOKEN}
    return Call(op, client, kind, device, values, body, valid_picture() if op.upload else None)


def valid_picture() -> bytes:
    """A small JPEG, as a window's camera sends for a unit in repair."""
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 90, 90)).save(out, format="JPEG")
    return out.getvalue()
