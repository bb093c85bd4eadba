"""Schemathesis against /api/v1/openapi.json, in process, with a token of each device kind.

Every operation of the document gets generated requests (valid by the schema, and some
not) sent by a terminal, a pickup window, a warehouse screen, a ready board and the
online shop, on the `world` data. Each answer must be no 5xx, a documented status code,
JSON, and a body that matches the documented schema of that status.

The run in the default test command is short (FUZZ_EXAMPLES examples per operation and
device, default 2, requests valid by the schema); a longer one, which also sends requests
that break the schema, is one command:

    FUZZ_EXAMPLES=200 .venv/bin/python -m pytest -q -p no:randomly tests/server/fuzz
"""

import os

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.helpers import World

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
# The long run also sends requests that break the schema (wrong types, missing fields).
MODES = [GenerationMode.POSITIVE] + ([GenerationMode.NEGATIVE] if EXAMPLES > 10 else [])
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

    for operation, mode in [(op, mode) for op in operations for mode in MODES]:

        @given(case=operation.as_strategy(generation_mode=mode))
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


@pytest.mark.parametrize("kind", ["terminal"])
def test_sequences_of_calls_on_one_order_answer_as_documented(
    app: Flask, world: World, kind: str
) -> None:
    """Generated sequences: an order's answer leads (OpenAPI links) to the calls on it."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Device {world.tokens[kind]}"}
    machine = schema.as_state_machine()

    class Sequences(machine):  # type: ignore[misc, valid-type]
        def call(self, case: schemathesis.Case, **kwargs: object) -> schemathesis.Response:
            return case.call(**{**kwargs, "headers": headers})

        def validate_response(self, response, case, additional_checks=None, **kwargs):  # type: ignore[no-untyped-def]
            case.validate_response(response, checks=CHECKS, headers=headers)

    Sequences.run(
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=6,
            deadline=None,
            database=None,
            derandomize=EXAMPLES <= 10,
            suppress_health_check=list(HealthCheck),
        )
    )
