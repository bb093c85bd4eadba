import pytest

from tests.server.hostile.support import (
    BODY_OPS,
    MISSING,
    assert_refused,
    changes_nothing,
    with_value,
)

# ---- wrong types, unknown fields, out-of-range numbers

INT_JUNK = ["1", "one", "", 1.5, True, False, [], {}, [1], {"value": 1}]
STR_JUNK = [1, 1.5, 0, True, False, [], {}, ["MSK-1"], {"value": "x"}]
BOOL_JUNK = ["maybe", 2, 1.5, [], {}, {"value": True}]
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
    ("create_order", ("bonus_minor",), INT_JUNK, False),
    ("create_order", ("source",), STR_JUNK, False),
    ("send_code", ("phone",), STR_JUNK, True),
    ("verify", ("phone",), STR_JUNK, True),
    ("verify", ("code",), STR_JUNK, True),
    ("heartbeat", ("version",), STR_JUNK, True),
    ("heartbeat", ("printer",), STR_JUNK, True),
    ("heartbeat", ("scanner",), STR_JUNK, True),
    ("heartbeat", ("camera",), STR_JUNK, False),
    ("bonus_quote", ("lines",), LIST_JUNK, True),
    ("bonus_quote", ("lines", 0, "sku"), STR_JUNK, True),
    ("bonus_quote", ("lines", 0, "qty"), INT_JUNK, True),
    ("record_appeal", ("phone",), STR_JUNK, True),
    ("record_appeal", ("category",), STR_JUNK, True),
    ("record_appeal", ("text",), STR_JUNK, True),
    ("record_appeal", ("order",), STR_JUNK, False),
    ("create_return", ("lines",), LIST_JUNK, True),
    ("create_return", ("lines", 0, "sku"), STR_JUNK, True),
    ("create_return", ("lines", 0, "qty"), INT_JUNK, True),
    ("create_return", ("reason",), STR_JUNK, True),
    ("create_return", ("resaleable",), BOOL_JUNK, False),
    ("create_repair", ("order",), STR_JUNK, True),
    ("create_repair", ("sku",), STR_JUNK, True),
    ("create_repair", ("serial",), STR_JUNK, True),
    ("create_repair", ("defect",), STR_JUNK, True),
    ("create_repair", ("condition",), STR_JUNK, False),
    ("create_repair", ("accessories",), STR_JUNK, False),
    ("create_repair", ("paid",), BOOL_JUNK, False),
    ("create_repair", ("collect_on",), ["tomorrow", "2026-13-01", [], {}], False),
    ("hand_back", ("code",), STR_JUNK, True),
]
WRONG_TYPES = [
    pytest.param(
        name,
        path,
        value,
        # Ids must be the same in every process (pytest-xdist): no object addresses.
        id=f"{name}.{'.'.join(map(str, path))}="
        + ("(missing)" if value is MISSING else repr(value)),
    )
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
    pytest.param("bonus_quote", ("lines", 0), id="bonus_quote.line"),
    pytest.param("create_return", ("lines", 0), id="create_return.line"),
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
    *[("create_return", ("lines", 0, "qty"), v) for v in (-1, 0, 100, 10**18, 2**63)],
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


@pytest.mark.parametrize(
    ("field", "value"),
    [
        *[("price", v) for v in ("abc", "100", "1-2-3", "1" * 13 + "-", "-1e5", "' OR 1=1")],
        *[("spec", v) for v in ("", "65", "in", "65 in", "6" * 13 + "in", "65in; DROP")],
        ("brand", "x" * 61),
    ],
)
def test_unreadable_facet_is_refused_with_validation_error(app, terminal, field, value):
    response = terminal.get("/products", q="телефон", **{field: value})
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
