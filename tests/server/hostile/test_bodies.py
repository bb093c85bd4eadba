import pytest

from tests.server.hostile.support import (
    BODY_OPS,
    GET_OPS,
    NEEDS_BODY_OPS,
    ONE_MB,
    POST_OPS,
    QUERY_FIELDS,
    assert_refused,
    changes_nothing,
    op_id,
)

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


# The decorator reads every body: each malformed body goes to one endpoint, and every
# endpoint with a body refuses one broken and one well-formed but wrong-shaped document.


@pytest.mark.parametrize(("raw", "codes"), MALFORMED)
def test_malformed_json_is_refused(app, endpoint, raw, codes):
    call = endpoint("create_order")
    with changes_nothing(app):
        response = call.request(data=raw, content_type="application/json")
    assert_refused(response, code=codes)


@pytest.mark.parametrize("op", BODY_OPS, ids=op_id)
@pytest.mark.parametrize(("raw", "code"), [(b'{"a":', "bad_json"), (b"[]", "validation_error")])
def test_every_endpoint_refuses_a_malformed_body(app, endpoint, op, raw, code):
    call = endpoint(op)
    with changes_nothing(app):
        response = call.request(data=raw, content_type="application/json")
    assert_refused(response, code=code)


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
