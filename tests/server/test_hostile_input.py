"""Hostile and malformed input: every endpoint answers a clear 4xx JSON error and changes nothing.

Most cases are driven by server.api.operation.REGISTRY, so a new endpoint is covered as soon
as it is registered (test_every_api_route_is_in_the_registry guards that assumption).
"""

import copy
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from server.api import schemas  # importing server.api registers every endpoint
from server.api.lookup import LookupIn
from server.api.operation import REGISTRY, Operation
from server.api.shift import ShiftIn
from server.db import get_session
from server.errors import ErrorCode, http_status
from server.models import DeviceKind, Order, OrderEvent, OrderLine, Payment, Product, Stock, Store
from server.services.devices import revoke_device
from server.services.pickup_codes import check_character
from tests.helpers import T0, Api, World, build_world

API = "/api/v1"
ONE_MB = 1024 * 1024
ERROR_CODES = {code.value for code in ErrorCode}
SQL_FRAGMENTS = ["' OR 1=1 --", "1; DROP TABLE orders; --", "%", "_", "\\"]
SCRIPT_FRAGMENTS = ["<script>alert(1)</script>", "{{7*7}}"]
HOSTILE = SQL_FRAGMENTS + SCRIPT_FRAGMENTS
PARAM = re.compile(r"<(?:\w+:)?(\w+)>")
MISSING = object()  # a field left out of the body

# ---- the endpoints, from the registry

GET_OPS = [op for op in REGISTRY if op.method == "GET"]
POST_OPS = [op for op in REGISTRY if op.method != "GET"]
BODY_OPS = [op for op in REGISTRY if op.body is not None]
NEEDS_BODY_OPS = [
    op for op in BODY_OPS if any(f.is_required() for f in op.body.model_fields.values())
]
QUERY_FIELDS = [
    (op, name) for op in REGISTRY if op.query is not None for name in op.query.model_fields
]
PATH_PARAMS = [(op, name) for op in REGISTRY for name in PARAM.findall(op.rule)]
RULES = {op.rule: {o.method for o in REGISTRY if o.rule == op.rule} for op in REGISTRY}


def op_id(op: Operation) -> str:
    return op.name


def by_name(name: str) -> Operation:
    return next(op for op in REGISTRY if op.name == name)


# ---- what must not change


def snapshot(app: Flask) -> dict[str, list[tuple]]:
    """Orders, lines, payments, events, stock and the catalog, as the database has them."""

    def rows(*columns: Any) -> list[tuple]:
        return [tuple(row) for row in session.execute(select(*columns).order_by(columns[0]))]

    with app.app_context():
        session = get_session()
        return {
            "orders": rows(Order.id, Order.number, Order.status, Order.paid_minor, Order.window),
            "lines": rows(OrderLine.id, OrderLine.sku, OrderLine.qty, OrderLine.qty_issued),
            "payments": rows(Payment.id, Payment.amount_minor),
            "events": rows(OrderEvent.id, OrderEvent.to_status),
            "stock": rows(Stock.id, Stock.on_hand, Stock.reserved),
            "products": rows(Product.id, Product.sku, Product.name_ru, Product.price_minor),
            "stores": rows(Store.id, Store.code),
        }


@contextmanager
def changes_nothing(app: Flask) -> Iterator[None]:
    before = snapshot(app)
    yield
    after = snapshot(app)
    changed = [table for table in before if before[table] != after[table]]
    assert not changed, f"a refused request changed {changed}"


# ---- sending and judging


def send(client: FlaskClient, method: str, url: str, **kw: Any) -> TestResponse:
    """One request; an exception escaping the app (a 500 in production) fails the test."""
    try:
        return client.open(url, method=method, **kw)
    except Exception as exc:
        pytest.fail(f"{method} {url[:150]} crashed the server (500 in production): {exc!r}"[:700])


def describe(response: TestResponse) -> str:
    request = response.request
    return (
        f"{request.method} {request.path[:150]} -> {response.status_code} "
        f"{response.mimetype}: {response.get_data(as_text=True)[:300]}"
    )


def _as_set(value: Any) -> set:
    return value if isinstance(value, set) else {value}


def assert_refused(
    response: TestResponse, status: int | set[int] | None = None, code: str | set | None = None
) -> dict[str, Any]:
    """A 4xx JSON answer with a known error code and a readable message; returns the error."""
    assert 400 <= response.status_code < 500, describe(response)
    assert response.mimetype == "application/json", describe(response)
    body = response.get_json(silent=True)
    error = body.get("error") if isinstance(body, dict) else None
    assert isinstance(error, dict), describe(response)
    assert error.get("code") in ERROR_CODES, describe(response)
    assert isinstance(error.get("message"), str) and error["message"].strip(), describe(response)
    assert response.status_code == http_status(ErrorCode(error["code"])), describe(response)
    if status is not None:
        assert response.status_code in _as_set(status), describe(response)
    if code is not None:
        assert error["code"] in _as_set(code), describe(response)
    return error


def with_value(body: dict[str, Any], path: tuple, value: Any) -> dict[str, Any]:
    """A copy of body with the field at path replaced (or removed, for MISSING)."""
    body = copy.deepcopy(body)
    *parents, last = path
    target: Any = body
    for key in parents:
        target = target[key]
    if value is MISSING:
        del target[last]
    else:
        target[last] = value
    return body


# ---- the world: devices and orders in every state an endpoint acts on


@dataclass
class Orders:
    reserved: dict[str, Any]
    paid: dict[str, Any]
    picking: dict[str, Any]
    ready: dict[str, Any]
    outpost_picking: dict[str, Any]
    outpost_transit: dict[str, Any]


def place(terminal: Api, lines: dict[str, int]) -> dict[str, Any]:
    body = {
        "store": "MSK-1",
        "lines": [{"sku": sku, "qty": qty} for sku, qty in lines.items()],
        "payment": "card",
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
    return Orders(reserved, paid, picking, ready, *outposts)


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
}
# Endpoints only a device of another store may call.
DEVICE_FOR = {"arrived": "pickup-outpost"}
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
        headers = self.device.headers if headers is None else headers
        url = self.url(**(values or {}))
        return send(self.client, method or self.op.method, url, headers=headers, **kw)


@pytest.fixture
def devices(client: FlaskClient, world: World) -> dict[str, Api]:
    return api_devices(client, world)


@pytest.fixture
def orders(devices: dict[str, Api]) -> Orders:
    return make_orders(devices)


@pytest.fixture
def endpoint(
    client: FlaskClient, devices: dict[str, Api], orders: Orders
) -> Callable[[Operation | str], Call]:
    def make(op: Operation | str) -> Call:
        op = by_name(op) if isinstance(op, str) else op
        kind = DEVICE_FOR.get(op.name) or next(
            k for k in PREFERRED_KINDS if op.kinds is None or DeviceKind(k) in op.kinds
        )
        order = getattr(orders, ORDER_FOR.get(op.name, "reserved"))
        values = {"number": order["number"], "code": "MSK-1", "sku": "PHONE-1"}
        body = valid_body(op.body, order) if op.body is not None else None
        return Call(op, client, kind, devices[kind], values, body)

    return make


# ---- the ground the other tests stand on


def test_every_api_route_is_in_the_registry(app):
    routes = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(API)
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes - {("GET", f"{API}/openapi.json")} == {(op.method, op.rule) for op in REGISTRY}


@pytest.mark.parametrize("op", REGISTRY, ids=op_id)
def test_the_unspoiled_request_succeeds(endpoint, op):
    response = endpoint(op).request()
    assert response.status_code == op.status, describe(response)
    assert response.mimetype == "application/json"


# ---- malformed bodies

MALFORMED = [
    pytest.param(b'{"store": "MSK-1", "lines": [{"sku": "PH', {"bad_json"}, id="truncated"),
    pytest.param(b'{"a":', {"bad_json"}, id="dangling-key"),
    pytest.param(b"hello there", {"bad_json"}, id="bare-text"),
    pytest.param(b"\x00" * 16, {"bad_json"}, id="nul-bytes"),
    pytest.param(b'{"code": "\xff\xfe"}', {"bad_json"}, id="invalid-utf8"),
    pytest.param(b'{"a": 1} {"b": 2}', {"bad_json"}, id="two-documents"),
    pytest.param(b"[]", {"validation_error"}, id="array"),
    pytest.param(b"null", {"validation_error"}, id="null"),
    pytest.param(b'"string"', {"validation_error"}, id="string"),
    pytest.param(b"1e999999", {"bad_json", "validation_error"}, id="infinite-number"),
    pytest.param(b'{"a": NaN}', {"bad_json", "validation_error"}, id="nan"),
    pytest.param(b"1" * 100_000, {"bad_json", "body_too_large"}, id="100k-digit-integer"),
    pytest.param(b'{"a": ' + b"9" * 5_000 + b"}", {"bad_json"}, id="5k-digit-integer-field"),
    pytest.param(b"[" * 10_000 + b"]" * 10_000, {"bad_json"}, id="10k-nested-arrays"),
    pytest.param(b'{"a":' * 10_000 + b"1" + b"}" * 10_000, {"bad_json"}, id="10k-nested-objects"),
]


@pytest.mark.parametrize("op", BODY_OPS, ids=op_id)
@pytest.mark.parametrize(("raw", "codes"), MALFORMED)
def test_malformed_json_is_refused(app, endpoint, op, raw, codes):
    call = endpoint(op)
    with changes_nothing(app):
        response = call.request(data=raw, content_type="application/json")
    assert_refused(response, code=codes)


@pytest.mark.parametrize("op", BODY_OPS, ids=op_id)
@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_json_sent_with_a_wrong_content_type_is_refused(app, endpoint, op, content_type):
    call = endpoint(op)
    raw = app.json.dumps(call.body)
    with changes_nothing(app):
        response = call.request(data=raw, content_type=content_type)
    assert_refused(response, status={400, 415})


@pytest.mark.parametrize("op", NEEDS_BODY_OPS, ids=op_id)
@pytest.mark.parametrize("raw", [b"", b" \r\n\t "], ids=["empty", "whitespace"])
def test_missing_body_is_refused_with_bad_json(app, endpoint, op, raw):
    with changes_nothing(app):
        response = endpoint(op).request(data=raw, content_type="application/json")
    assert_refused(response, 400, "bad_json")


# ---- wrong types, unknown fields, out-of-range numbers

INT_JUNK = ["1", "one", "", 1.5, True, False, [], {}, [1], {"value": 1}]
STR_JUNK = [1, 1.5, 0, True, False, [], {}, ["MSK-1"], {"value": "x"}]
LIST_JUNK = [
    "PHONE-1",
    "",
    1,
    1.5,
    True,
    {},
    {"sku": "PHONE-1", "qty": 1},
    [1],
    ["PHONE-1"],
    [None],
]

# (endpoint, path to the field in its body, junk for its type, required)
FIELDS = [
    ("create_order", ("store",), STR_JUNK, True),
    ("create_order", ("lines",), LIST_JUNK, True),
    ("create_order", ("lines", 0, "sku"), STR_JUNK, True),
    ("create_order", ("lines", 0, "qty"), INT_JUNK, True),
    ("create_order", ("payment",), STR_JUNK, True),
    ("create_order", ("customer_phone",), STR_JUNK, False),
    ("pay", ("method",), STR_JUNK, True),
    ("pay", ("amount_minor",), INT_JUNK, True),
    ("pay", ("reference",), STR_JUNK, False),
    ("mark_ready", ("window",), INT_JUNK, True),
    ("hand_out", ("lines",), LIST_JUNK, False),
    ("hand_out", ("lines", 0, "sku"), STR_JUNK, True),
    ("hand_out", ("lines", 0, "qty"), INT_JUNK, True),
    ("cancel", ("reason",), STR_JUNK, False),
    ("scan", ("code",), STR_JUNK, True),
    ("lookup_order", ("number",), STR_JUNK, True),
    ("lookup_order", ("proof",), STR_JUNK, True),
    ("set_shift", ("clerk",), STR_JUNK, True),
]
WRONG_TYPES = [
    pytest.param(name, path, value, id=f"{name}.{'.'.join(map(str, path))}={value!r}")
    for name, path, junk, required in FIELDS
    for value in [*junk, *([None, MISSING] if required else [])]
]


@pytest.mark.parametrize(("name", "path", "value"), WRONG_TYPES)
def test_wrong_type_in_a_field_is_refused_with_validation_error(app, endpoint, name, path, value):
    call = endpoint(name)
    with changes_nothing(app):
        response = call.request(json=with_value(call.body, path, value))
    assert_refused(response, 422, "validation_error")


EXTRA_FIELDS = [
    *[pytest.param(op.name, (), id=f"{op.name}.top") for op in BODY_OPS],
    pytest.param("create_order", ("lines", 0), id="create_order.line"),
    pytest.param("hand_out", ("lines", 0), id="hand_out.line"),
]


@pytest.mark.parametrize(("name", "where"), EXTRA_FIELDS)
@pytest.mark.parametrize(("field", "value"), [("price_minor", 1), ("status", "issued")])
def test_unknown_extra_field_is_refused_with_validation_error(
    app, endpoint, name, where, field, value
):
    call = endpoint(name)
    body = with_value(call.body, (*where, field), value)
    with changes_nothing(app):
        response = call.request(json=body)
    assert_refused(response, 422, "validation_error")


OUT_OF_RANGE = [
    *[("create_order", ("lines", 0, "qty"), v) for v in (-1, 0, 100, 10**18, 2**63, 10**100)],
    *[("hand_out", ("lines", 0, "qty"), v) for v in (-1, 100, 10**18, 2**63, 10**100)],
    *[("pay", ("amount_minor",), v) for v in (-1, 0, 10**11 + 1, 2**63, -(2**63), 10**100)],
    *[("mark_ready", ("window",), v) for v in (-1, 0, 100, 10**18, 2**63, 10**100)],
]


@pytest.mark.parametrize(
    ("name", "path", "value"),
    [pytest.param(*case, id=f"{case[0]}.{case[1][-1]}={case[2]:.3g}") for case in OUT_OF_RANGE],
)
def test_out_of_range_number_is_refused_with_validation_error(app, endpoint, name, path, value):
    call = endpoint(name)
    with changes_nothing(app):
        response = call.request(json=with_value(call.body, path, value))
    assert_refused(response, 422, "validation_error")


def test_window_beyond_the_stores_pickup_windows_is_refused(app, endpoint):
    # MSK-1 has windows 1 to 3; 50 is within the schema's 1..99 but is no window there.
    call = endpoint("mark_ready")
    with changes_nothing(app):
        response = call.request(json={"window": 50})
    assert_refused(response, 422)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        *[("limit", v) for v in ("0", "-1", "101", str(2**63), "1" * 100, "1.5", "", "0x10")],
        *[("offset", v) for v in ("-1", "1000001", str(2**63), "1" * 100, "1.5", "")],
    ],
)
def test_out_of_range_paging_is_refused_with_validation_error(app, terminal, field, value):
    response = terminal.get("/products", **{field: value})
    assert_refused(response, 422, "validation_error")


# ---- orders that cannot be made

LINE = {"sku": "PHONE-1", "qty": 1}
BAD_ORDERS = [
    pytest.param({"lines": [{"sku": "NOPE-404", "qty": 1}]}, "unknown_product", id="unknown-sku"),
    pytest.param(
        {"lines": [LINE, {"sku": "NOPE-404", "qty": 1}]}, "unknown_product", id="one-unknown-sku"
    ),
    pytest.param({"store": "NOPE-9"}, "unknown_store", id="unknown-store"),
    pytest.param({"lines": [LINE, LINE]}, "duplicate_line", id="duplicate-lines"),
    pytest.param(
        {"lines": [LINE, {"sku": "PHONE-1", "qty": 2}]}, "duplicate_line", id="duplicate-sku"
    ),
    pytest.param(
        {"lines": [{"sku": f"SKU-{i}", "qty": 1} for i in range(51)]},
        "validation_error",
        id="51-lines",
    ),
    pytest.param({"lines": []}, "validation_error", id="no-lines"),
    pytest.param(
        {"lines": [LINE, {"sku": "PHONE-2", "qty": 99}]},
        "insufficient_stock",
        id="second-line-short",
    ),
    pytest.param({"payment": "online"}, "forbidden", id="terminal-takes-online"),
    pytest.param({"store": "MSK-2"}, "wrong_store", id="other-stores-terminal"),
]


@pytest.mark.parametrize(("changes", "code"), BAD_ORDERS)
def test_order_that_cannot_be_made_is_refused_whole(app, endpoint, changes, code):
    call = endpoint("create_order")
    with changes_nothing(app):
        response = call.request(json={**call.body, **changes})
    assert_refused(response, code=code)


@pytest.mark.parametrize(
    ("kind", "payment", "code"),
    [("shop", "online", "phone_required"), ("terminal", "card", "wrong_store")],
)
def test_outpost_order_without_a_phone_or_from_a_terminal_is_refused(
    app, devices, kind, payment, code
):
    body = {"store": "OUT-1", "lines": [LINE], "payment": payment}
    with changes_nothing(app):
        response = devices[kind].post("/orders", body)
    assert_refused(response, code=code)


def test_duplicate_hand_out_lines_are_refused(app, endpoint):
    call = endpoint("hand_out")  # the ready order holds PHONE-1 x2 and TV-1 x1
    body = {"lines": [{"sku": "PHONE-1", "qty": 1}, {"sku": "PHONE-1", "qty": 1}]}
    with changes_nothing(app):
        response = call.request(json=body)
    assert_refused(response, 422, {"duplicate_line", "validation_error"})


# ---- oversized input


@pytest.mark.parametrize("op", POST_OPS, ids=op_id)
def test_one_megabyte_body_is_refused_as_too_large(app, endpoint, op):
    raw = b'{"pad": "' + b"x" * ONE_MB + b'"}'
    with changes_nothing(app):
        response = endpoint(op).request(data=raw, content_type="application/json")
    assert_refused(response, 413, "body_too_large")


@pytest.mark.parametrize(("op", "field"), QUERY_FIELDS, ids=lambda v: getattr(v, "name", v))
def test_one_megabyte_query_value_is_refused(app, endpoint, op, field):
    response = endpoint(op).request(query_string={field: "x" * ONE_MB})
    assert_refused(response, 422, "validation_error")


@pytest.mark.parametrize("op", GET_OPS, ids=op_id)
@pytest.mark.parametrize("value", ["1", "x" * ONE_MB], ids=["short", "1mb"])
def test_unknown_query_parameter_is_refused(app, endpoint, op, value):
    response = endpoint(op).request(query_string={"pad": value})
    assert_refused(response, 422, "validation_error")


# ---- SQL and script fragments


def assert_not_evaluated(error: dict[str, Any], fragment: str) -> None:
    if fragment == "{{7*7}}":
        assert "49" not in error["message"], error


STRING_FIELDS = [
    ("create_order", ("store",)),
    ("create_order", ("lines", 0, "sku")),
    ("create_order", ("payment",)),
    ("create_order", ("customer_phone",)),
    ("pay", ("method",)),
    ("hand_out", ("lines", 0, "sku")),
    ("scan", ("code",)),
    ("lookup_order", ("number",)),
    ("lookup_order", ("proof",)),
]


@pytest.mark.parametrize(
    ("name", "path"),
    [pytest.param(n, p, id=f"{n}.{'.'.join(map(str, p))}") for n, p in STRING_FIELDS],
)
@pytest.mark.parametrize("fragment", HOSTILE)
def test_hostile_string_in_a_coded_field_is_refused(app, endpoint, name, path, fragment):
    call = endpoint(name)
    with changes_nothing(app):
        response = call.request(json=with_value(call.body, path, fragment))
    assert_not_evaluated(assert_refused(response), fragment)


@pytest.mark.parametrize(
    ("name", "field", "stored"),
    [("pay", "reference", Payment.reference), ("cancel", "reason", OrderEvent.reason)],
)
@pytest.mark.parametrize("fragment", HOSTILE)
def test_hostile_free_text_is_stored_verbatim(app, endpoint, name, field, stored, fragment):
    call = endpoint(name)
    before = snapshot(app)
    response = call.request(json={**call.body, field: fragment})
    assert response.status_code == call.op.status, describe(response)
    assert response.mimetype == "application/json"
    after = snapshot(app)
    assert after["products"] == before["products"] and after["stores"] == before["stores"]
    assert len(after["orders"]) == len(before["orders"])
    with app.app_context():
        assert fragment in get_session().scalars(select(stored)).all()


@pytest.mark.parametrize(
    ("op", "param"), PATH_PARAMS, ids=[f"{op.name}.{p}" for op, p in PATH_PARAMS]
)
@pytest.mark.parametrize("fragment", HOSTILE)
def test_hostile_path_parameter_is_not_found(app, endpoint, op, param, fragment):
    call = endpoint(op)
    with changes_nothing(app):
        response = call.request(values={param: fragment})
    assert_not_evaluated(assert_refused(response, {404, 422}), fragment)


@pytest.mark.parametrize("fragment", HOSTILE)
def test_hostile_search_finds_nothing_and_harms_nothing(app, terminal, fragment):
    with changes_nothing(app):
        response = terminal.get("/products", q=fragment)
    assert response.status_code == 200, describe(response)
    assert response.mimetype == "application/json"
    assert response.json["items"] == [] and response.json["total"] == 0


@pytest.mark.parametrize(
    ("op", "field"),
    [(op, f) for op, f in QUERY_FIELDS if f != "q"],
    ids=[f"{op.name}.{f}" for op, f in QUERY_FIELDS if f != "q"],
)
@pytest.mark.parametrize("fragment", HOSTILE)
def test_hostile_query_parameter_is_refused(app, endpoint, op, field, fragment):
    with changes_nothing(app):
        response = endpoint(op).request(query_string={field: fragment})
    assert_not_evaluated(assert_refused(response), fragment)


# ---- the pickup window's scanner

CONTROL_CODES = [
    pytest.param("\x00" * 9, id="nul"),
    pytest.param("{code}\x00", id="code-then-nul"),
    pytest.param("\x00{code}", id="nul-then-code"),
    pytest.param("{code}\x1b[0m", id="code-then-ansi"),
    pytest.param("\x1b[2J\x1b[H", id="ansi-clear-screen"),
    pytest.param("{code}\u200b", id="code-then-zero-width-space"),
    pytest.param("\u202e{code}", id="rtl-override-then-code"),
    pytest.param("\x7f\x08\x08\x08", id="delete-backspace"),
    pytest.param("\r\n\t\v\f", id="whitespace-only"),
]


@pytest.mark.parametrize("template", CONTROL_CODES)
def test_control_characters_in_pickup_code_are_refused(app, endpoint, template):
    call = endpoint("scan")
    code = template.format(code=call.body["code"])
    with changes_nothing(app):
        response = call.request(json={"code": code})
    assert_refused(response, {404, 422}, {"unknown_code", "validation_error"})


@pytest.mark.parametrize("code", ["A" * 10_240, "x" * 10_240], ids=["alphabet", "junk"])
def test_ten_kilobyte_pickup_code_is_refused(app, endpoint, code):
    with changes_nothing(app):
        response = endpoint("scan").request(json={"code": code})
    assert_refused(response, 422, "validation_error")


@pytest.mark.parametrize("grouped", [False, True], ids=["plain", "grouped"])
def test_guessed_valid_looking_pickup_code_is_unknown(app, endpoint, orders, grouped):
    body = "ABCDEFGH"
    guess = body + check_character(body)
    assert guess not in {o["pickup_code"] for o in vars(orders).values()}
    if grouped:
        guess = f"{guess[:4]}-{guess[4:8]}-{guess[8:]}"
    with changes_nothing(app):
        response = endpoint("scan").request(json={"code": guess})
    assert_refused(response, 404, "unknown_code")


# ---- authentication and authorisation

BAD_AUTH = [
    pytest.param(None, id="missing"),
    pytest.param("Bearer x", id="bearer-scheme"),
    pytest.param("Bearer {token}", id="bearer-with-real-token"),
    pytest.param("Basic dXNlcjpwYXNz", id="basic-scheme"),
    pytest.param("Device", id="scheme-only"),
    pytest.param("Device ", id="empty-token"),
    pytest.param("Device not-a-real-token", id="unknown-token"),
    pytest.param("Device {token}x", id="token-with-extra-char"),
    pytest.param("Device " + "a" * 10_240, id="10kb-token"),
]


@pytest.mark.parametrize("op", REGISTRY, ids=op_id)
@pytest.mark.parametrize("header", BAD_AUTH)
def test_bad_authorization_is_unauthorized(app, endpoint, op, header):
    call = endpoint(op)
    token = call.device.headers["Authorization"].removeprefix("Device ")
    headers = {} if header is None else {"Authorization": header.format(token=token)}
    with changes_nothing(app):
        response = call.request(headers=headers)
    assert_refused(response, 401, "unauthorized")


@pytest.mark.parametrize("op", REGISTRY, ids=op_id)
def test_revoked_device_is_unauthorized(app, endpoint, op):
    call = endpoint(op)
    with app.app_context():
        session = get_session()
        revoke_device(session, name=DEVICE_NAMES.get(call.kind, f"{call.kind}-1"), now=T0)
        session.commit()
    with changes_nothing(app):
        response = call.request()
    assert_refused(response, 401, "unauthorized")


WRONG_KINDS = [
    pytest.param(op, kind.value, id=f"{op.name}-by-{kind.value}")
    for op in REGISTRY
    if op.kinds is not None
    for kind in DeviceKind
    if kind not in op.kinds
]


@pytest.mark.parametrize(("op", "kind"), WRONG_KINDS)
def test_device_of_the_wrong_kind_is_forbidden(app, endpoint, devices, op, kind):
    with changes_nothing(app):
        response = endpoint(op).request(headers=devices[kind].headers)
    assert_refused(response, 403, "forbidden")


# ---- idempotency keys

BAD_KEYS = [
    pytest.param("", id="empty"),
    pytest.param("short12", id="too-short"),
    pytest.param("k" * 65, id="65-chars"),
    pytest.param("k" * 1024, id="1kb"),
    pytest.param("has spaces 1234", id="spaces"),
    pytest.param("ключ-ключ-ключ", id="unicode"),
    pytest.param("key;DROP TABLE x", id="punctuation"),
    pytest.param("../../etc/passwd", id="path"),
]


@pytest.mark.parametrize("op", POST_OPS, ids=op_id)
@pytest.mark.parametrize("key", BAD_KEYS)
def test_bad_idempotency_key_is_refused(app, endpoint, op, key):
    call = endpoint(op)
    with changes_nothing(app):
        response = call.request(headers={**call.device.headers, "Idempotency-Key": key})
    assert_refused(response, 400, "idempotency_key_invalid")


# ---- addresses and methods

UNKNOWN_PATHS = [
    f"{API}",
    f"{API}/",
    f"{API}/nope",
    f"{API}/orders/A-1001/nope",
    f"{API}/products/PHONE-1/extra",
    f"{API}/stores/MSK-1/",
    f"{API}/%3Cscript%3Ealert(1)%3C/script%3E",
]


@pytest.mark.parametrize("path", UNKNOWN_PATHS)
@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("authorized", [True, False], ids=["device", "anonymous"])
def test_unknown_api_path_is_a_json_404(client, terminal, path, method, authorized):
    headers = terminal.headers if authorized else {}
    response = send(client, method, path, headers=headers, json={})
    assert_refused(response, 404, "not_found")


WRONG_METHODS = [
    pytest.param(rule, method, id=f"{method} {rule}")
    for rule, methods in RULES.items()
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE")
    if method not in methods
]


@pytest.mark.parametrize(("rule", "method"), WRONG_METHODS)
def test_wrong_method_is_a_json_405(app, endpoint, rule, method):
    call = endpoint(next(op for op in REGISTRY if op.rule == rule))
    with changes_nothing(app):
        response = call.request(method=method)
    assert_refused(response, 405, "method_not_allowed")


@pytest.mark.parametrize("rule", sorted(RULES))
def test_405_names_the_allowed_methods(endpoint, rule):
    call = endpoint(next(op for op in REGISTRY if op.rule == rule))
    response = call.request(method="DELETE")
    assert response.status_code == 405
    allowed = {m.strip() for m in response.headers.get("Allow", "").split(",") if m.strip()}
    assert RULES[rule] <= allowed, f"Allow: {response.headers.get('Allow')!r}"


# ---- the same on PostgreSQL, where NUL bytes and column lengths are enforced


@pytest.fixture
def any_db(any_db_app: Flask) -> tuple[Flask, dict[str, Api]]:
    with any_db_app.app_context():
        world = build_world(get_session())
    return any_db_app, api_devices(any_db_app.test_client(), world)


NUL_LOOKUPS = [
    pytest.param("GET", "/products?q=a%00b", None, id="search"),
    pytest.param("GET", "/products/PHONE-1%00", None, id="product-path"),
    pytest.param("GET", "/stores/MSK-1%00", None, id="store-path"),
    pytest.param("GET", "/orders/A-1001%00", None, id="order-path"),
    pytest.param("POST", "/pickups/scan", {"code": "A\x00" * 5}, id="scan-code"),
]


@pytest.mark.parametrize(("method", "path", "body"), NUL_LOOKUPS)
def test_nul_byte_in_a_lookup_finds_nothing(any_db, method, path, body):
    app, devices = any_db
    device = devices["pickup" if method == "POST" else "terminal"]
    with changes_nothing(app):
        response = send(device.client, method, API + path, headers=device.headers, json=body)
    if response.status_code == 200:
        assert response.json["items"] == [], describe(response)
    else:
        assert_refused(response, {404, 422})


@pytest.mark.parametrize(
    ("name", "field"), [("pay", "reference"), ("cancel", "reason")], ids=["reference", "reason"]
)
def test_nul_byte_in_free_text_is_refused(any_db, name, field):
    app, devices = any_db
    order = place(devices["terminal"], {"PHONE-1": 1})
    bodies = {
        "pay": {"method": "card", "amount_minor": order["total_minor"], "reference": "x"},
        "cancel": {"reason": "x"},
    }
    path = {"pay": "payments", "cancel": "cancel"}[name]
    body = {**bodies[name], field: "slip\x00 7"}
    with changes_nothing(app):
        response = send(
            devices["terminal"].client,
            "POST",
            f"{API}/orders/{order['number']}/{path}",
            headers=devices["terminal"].headers,
            json=body,
        )
    assert_refused(response, 422, "validation_error")


def test_longest_allowed_cancel_reason_cancels_a_paid_order(any_db):
    app, devices = any_db
    terminal = devices["terminal"]
    order = place(terminal, {"TV-1": 1})
    pay_for(terminal, order)
    reason = "r" * 200  # CancelIn allows up to 200 characters
    response = send(
        terminal.client,
        "POST",
        f"{API}/orders/{order['number']}/cancel",
        headers=terminal.headers,
        json={"reason": reason},
    )
    assert response.status_code == 200, describe(response)
    assert response.json["status"] == "cancelled"
