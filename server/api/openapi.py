"""The OpenAPI 3.1 document, built from the registered operations and their pydantic models."""

import re
from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue
from pydantic import BaseModel

from server.api import schemas
from server.api.blueprint import bp
from server.api.operation import REGISTRY, Operation
from server.services import access

REF = "#/components/schemas/{model}"


def _schema(model: type[BaseModel], components: dict[str, Any]) -> dict[str, str]:
    schema = model.model_json_schema(ref_template=REF)
    components.update(schema.pop("$defs", {}))
    components[model.__name__] = schema
    return {"$ref": REF.format(model=model.__name__)}


def _path(rule: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule)


def _order_links(op: Operation) -> dict[str, Any]:
    """An answer that is an order links to every call on that order (by its number)."""
    if op.response is not schemas.OrderOut:
        return {}
    return {
        other.name: {
            "operationId": other.name,
            "parameters": {"number": "$response.body#/number"},
        }
        for other in REGISTRY
        if "<number>" in other.rule
    }


def _operation(op: Operation, components: dict[str, Any]) -> dict[str, Any]:
    error = {"content": {"application/json": {"schema": _schema(schemas.ErrorOut, components)}}}
    params = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in re.findall(r"<(?:\w+:)?(\w+)>", op.rule)
    ]
    if op.query is not None:
        for name, fld in op.query.model_fields.items():
            schema = op.query.model_json_schema(ref_template=REF)["properties"][name]
            params.append(
                {"name": name, "in": "query", "required": fld.is_required(), "schema": schema}
            )
    doc: dict[str, Any] = {
        "operationId": op.name,
        "summary": op.summary,
        "parameters": params,
        "responses": {
            str(op.status): {
                "description": "OK",
                "content": {"application/json": {"schema": _schema(op.response, components)}},
                **({"links": links} if (links := _order_links(op)) else {}),
            },
            "4XX": {"description": "Error", **error},
        },
        "security": [{"device": []}],
    }
    if op.kinds is not None:
        doc["description"] = "Device kinds: " + ", ".join(sorted(k.value for k in op.kinds))
        if "<number>" in op.rule:
            # Who reaches which order, from the one table the calls themselves consult.
            reach = "; ".join(
                f"{k.value}: {access.RIGHTS[k].reach.value}"
                for k in sorted(op.kinds, key=lambda k: k.value)
            )
            doc["description"] += f". Orders: {reach}; any other order answers 404."
    if op.method != "GET":
        params.append(
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": False,
                "description": (
                    "A new key for each action, the same key with each retry of it: the "
                    "retry then returns the first answer and does nothing again. Without "
                    "a key a repeated request is done again (two orders)."
                ),
                "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{8,64}$"},
            }
        )
    if op.body is not None:
        doc["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _schema(op.body, components)}},
        }
    if op.upload is not None:
        doc["requestBody"] = {
            "required": True,
            "description": (
                "The picture itself, not JSON; at most CYBERMARKET_"
                f"{op.upload.max_bytes_setting} bytes (413 body_too_large beyond)"
            ),
            "content": {op.upload.media_type: {"schema": {"type": "string", "format": "binary"}}},
        }
    return doc


def build_document() -> dict[str, Any]:
    components: dict[str, Any] = {}
    paths: dict[str, dict[str, Any]] = {}
    for op in REGISTRY:
        paths.setdefault(_path(op.rule), {})[op.method.lower()] = _operation(op, components)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Cybermarket API", "version": "1"},
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {
                "device": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "Authorization: Device <token>",
                },
            },
        },
    }


@bp.get("/openapi.json")
def openapi_json() -> ResponseReturnValue:
    return jsonify(build_document())
