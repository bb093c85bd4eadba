"""Schemathesis against /api/v1/openapi.json, in process, with a token of each device kind.

Every operation of the document gets generated requests (valid by the schema, and some
not) sent by a terminal, a pickup window, a warehouse screen, a ready board and the
online shop, on the `world` data. Each answer must be no 5xx, a documented status code,
JSON, and a body that matches the documented schema of that status.

The run in the default test command is short (FUZZ_EXAMPLES examples per operation and
device, default 3); a longer one is one command:

    FUZZ_EXAMPLES=200 .venv/bin/python -m pytest -q -p no:randomly tests/server/fuzz
"""

import os

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.helpers import World

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
KINDS = ["terminal", "pickup", "warehouse", "board", "shop"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_operation_answers_as_documented(app: Flask, world: World, kind: str) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Device {world.tokens[kind]}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20  # the whole API is under test, not an empty document

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=EXAMPLES <= 10,
            suppress_health_check=list(HealthCheck),
        )
        def answers(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        answers()
