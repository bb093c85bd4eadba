"""The OpenAPI document is generated from the code, valid, and covers every endpoint."""

from openapi_spec_validator import validate

from server.api.operation import REGISTRY


def test_openapi_document_is_valid_and_public(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    validate(response.json)


def test_every_endpoint_is_documented_with_its_schemas(client):
    document = client.get("/api/v1/openapi.json").json
    paths = document["paths"]
    for op in REGISTRY:
        path = op.rule.replace("<", "{").replace(">", "}")
        assert op.method.lower() in paths[path], path
    create = paths["/api/v1/orders"]["post"]
    body_ref = create["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body_ref.endswith("/CreateOrder")
    order_schema = document["components"]["schemas"]["CreateOrder"]
    assert order_schema["required"] == ["store", "lines", "payment"]
    assert "Idempotency-Key" in [p["name"] for p in create["parameters"]]
    assert set(document["components"]["schemas"]["OrderOut"]["properties"]) >= {
        "number",
        "status",
        "pickup_code",
        "lines",
        "total_minor",
        "hold_until",
    }


def test_an_order_answer_links_to_the_calls_on_that_order(client):
    """A client (and the fuzzer's generated sequences) follows an order's number onwards."""
    paths = client.get("/api/v1/openapi.json").json["paths"]
    links = paths["/api/v1/orders"]["post"]["responses"]["201"]["links"]
    assert links["get_order"] == {
        "operationId": "get_order",
        "parameters": {"number": "$response.body#/number"},
    }
    on_an_order = {
        details["operationId"]
        for path, methods in paths.items()
        if "{number}" in path
        for details in methods.values()
    }
    assert set(links) == on_an_order
    assert "links" not in paths["/api/v1/stores"]["get"]["responses"]["200"]
