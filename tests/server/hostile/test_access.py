import pytest

from server.api.operation import REGISTRY
from server.db import get_session
from server.models import DeviceKind
from server.services.devices import revoke_device
from tests.helpers import T0
from tests.server.hostile.support import POST_OPS, assert_refused, changes_nothing, op_id
from tests.server.hostile.world import DEVICE_NAMES

# ---- authentication and authorisation
#
# The operation decorator reads the token before anything else (test_ground.py shows every
# route goes through it): each bad header is sent to a reading and to a writing endpoint,
# and every endpoint is shown to refuse a request without a token.

REPRESENTATIVES = ["get_order", "pay"]

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


@pytest.mark.parametrize("name", REPRESENTATIVES)
@pytest.mark.parametrize("header", BAD_AUTH)
def test_bad_authorization_is_unauthorized(app, endpoint, name, header):
    call = endpoint(name)
    token = call.device.headers["Authorization"].removeprefix("Device ")
    headers = {} if header is None else {"Authorization": header.format(token=token)}
    with changes_nothing(app):
        response = call.request(headers=headers)
    assert_refused(response, 401, "unauthorized")


@pytest.mark.parametrize("op", REGISTRY, ids=op_id)
def test_every_endpoint_refuses_a_request_without_a_token(app, endpoint, op):
    with changes_nothing(app):
        response = endpoint(op).request(headers={})
    assert_refused(response, 401, "unauthorized")


@pytest.mark.parametrize("name", REPRESENTATIVES)
def test_revoked_device_is_unauthorized(app, endpoint, name):
    call = endpoint(name)
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
#
# Checked by the decorator too: every bad key on one endpoint, one bad key on every endpoint.

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


@pytest.mark.parametrize("key", BAD_KEYS)
def test_bad_idempotency_key_is_refused(app, endpoint, key):
    call = endpoint("pay")
    with changes_nothing(app):
        response = call.request(headers={**call.device.headers, "Idempotency-Key": key})
    assert_refused(response, 400, "idempotency_key_invalid")


@pytest.mark.parametrize("op", POST_OPS, ids=op_id)
def test_every_writing_endpoint_refuses_a_bad_idempotency_key(app, endpoint, op):
    call = endpoint(op)
    with changes_nothing(app):
        response = call.request(headers={**call.device.headers, "Idempotency-Key": "short12"})
    assert_refused(response, 400, "idempotency_key_invalid")
