"""Sending hostile requests and judging the answers."""

import copy
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from server.api.operation import REGISTRY, Operation
from server.db import get_session
from server.errors import ErrorCode, http_status
from server.models import Order, OrderEvent, OrderLine, Payment, Product, Stock, Store

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
