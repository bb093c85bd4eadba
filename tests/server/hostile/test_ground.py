import pytest

from server.api.operation import REGISTRY
from tests.server.hostile.support import API, describe, op_id

# ---- the ground the other tests stand on


def test_every_api_route_is_in_the_registry(app):
    routes = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(API)
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes - {("GET", f"{API}/openapi.json")} == {(op.method, op.rule) for op in REGISTRY}


def test_every_api_route_goes_through_the_operation_decorator(app):
    # The decorator authenticates, validates and keeps idempotency; its checks are attacked
    # in full on one endpoint each (test_access.py, test_bodies.py), which covers them all
    # only because every route's view is the decorator's wrapper (functools.wraps renames the
    # wrapper after the endpoint, so its code object is what tells).
    views = {
        rule.rule: app.view_functions[rule.endpoint].__code__.co_qualname
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(API) and rule.rule != f"{API}/openapi.json"
    }
    assert set(views) == {op.rule for op in REGISTRY}
    for rule, qualname in views.items():
        assert qualname == "operation.<locals>.decorator.<locals>.view", rule


@pytest.mark.parametrize("op", REGISTRY, ids=op_id)
def test_the_unspoiled_request_succeeds(endpoint, op):
    response = endpoint(op).request()
    assert response.status_code == op.status, describe(response)
    assert response.mimetype == "application/json"
