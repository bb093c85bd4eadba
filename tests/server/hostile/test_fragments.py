from typing import Any

import pytest
from sqlalchemy import select

from server.db import get_session
from server.models import OrderEvent, Payment
from server.services.pickup_codes import check_character
from tests.server.hostile.support import (
    HOSTILE,
    PATH_PARAMS,
    QUERY_FIELDS,
    SQL_FRAGMENTS,
    assert_refused,
    changes_nothing,
    describe,
    snapshot,
    with_value,
)

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


# Path values pass the decorator's one check (short and printable) before each endpoint
# looks them up: every fragment in each kind of path value, one fragment in every path value.
PATH_KINDS = {param: op for op, param in reversed(PATH_PARAMS)}  # first endpoint per kind


@pytest.mark.parametrize("param", sorted(PATH_KINDS))
@pytest.mark.parametrize("fragment", HOSTILE)
def test_hostile_path_parameter_is_not_found(app, endpoint, param, fragment):
    call = endpoint(PATH_KINDS[param])
    with changes_nothing(app):
        response = call.request(values={param: fragment})
    assert_not_evaluated(assert_refused(response, {404, 422}), fragment)


@pytest.mark.parametrize(
    ("op", "param"), PATH_PARAMS, ids=[f"{op.name}.{p}" for op, p in PATH_PARAMS]
)
def test_every_path_parameter_refuses_an_injection(app, endpoint, op, param):
    with changes_nothing(app):
        response = endpoint(op).request(values={param: SQL_FRAGMENTS[0]})
    assert_refused(response, {404, 422})


@pytest.mark.parametrize("fragment", HOSTILE)
def test_hostile_search_finds_nothing_and_harms_nothing(app, terminal, fragment):
    with changes_nothing(app):
        response = terminal.get("/products", q=fragment)
    assert response.status_code == 200, describe(response)
    assert response.mimetype == "application/json"
    assert response.json["items"] == [] and response.json["total"] == 0


# Query values are read by the endpoint's query model, and several endpoints share one
# (LangQuery): every fragment in each field of each model, one fragment on every endpoint.
QUERY_MODEL_FIELDS = {(op.query, f): op for op, f in reversed(QUERY_FIELDS) if f != "q"}


@pytest.mark.parametrize(
    ("op", "field"),
    [(op, f) for (_model, f), op in QUERY_MODEL_FIELDS.items()],
    ids=[f"{model.__name__}.{f}" for model, f in QUERY_MODEL_FIELDS],
)
@pytest.mark.parametrize("fragment", HOSTILE)
def test_hostile_query_parameter_is_refused(app, endpoint, op, field, fragment):
    with changes_nothing(app):
        response = endpoint(op).request(query_string={field: fragment})
    assert_not_evaluated(assert_refused(response), fragment)


@pytest.mark.parametrize(
    ("op", "field"),
    [(op, f) for op, f in QUERY_FIELDS if f != "q"],
    ids=[f"{op.name}.{f}" for op, f in QUERY_FIELDS if f != "q"],
)
def test_every_query_parameter_refuses_an_injection(app, endpoint, op, field):
    with changes_nothing(app):
        response = endpoint(op).request(query_string={field: SQL_FRAGMENTS[0]})
    assert_refused(response)


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
