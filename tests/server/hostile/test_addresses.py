import pytest

from server.api.operation import REGISTRY
from tests.server.hostile.support import API, RULES, assert_refused, by_name, changes_nothing, send

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


# Routing refuses a method before any view runs: every wrong method on a reading and on a
# writing address, and on every address a DELETE, whose answer names the allowed methods.
WRONG_METHODS = [
    pytest.param(name, method, id=f"{method} {name}")
    for name in ("get_order", "pay")
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE")
    if method != by_name(name).method
]


@pytest.mark.parametrize(("name", "method"), WRONG_METHODS)
def test_wrong_method_is_a_json_405(app, endpoint, name, method):
    with changes_nothing(app):
        response = endpoint(name).request(method=method)
    assert_refused(response, 405, "method_not_allowed")


@pytest.mark.parametrize("rule", sorted(RULES))
def test_405_names_the_allowed_methods(app, endpoint, rule):
    call = endpoint(next(op for op in REGISTRY if op.rule == rule))
    with changes_nothing(app):
        response = call.request(method="DELETE")
    assert_refused(response, 405, "method_not_allowed")
    allowed = {m.strip() for m in response.headers.get("Allow", "").split(",") if m.strip()}
    assert RULES[rule] <= allowed, f"Allow: {response.headers.get('Allow')!r}"
