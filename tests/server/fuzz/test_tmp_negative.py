import pytest, schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from tests.server.fuzz.test_schemathesis import CHECKS

@pytest.mark.parametrize("kind", ["terminal", "warehouse"])
def test_neg(app, world, kind):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Device {world.tokens[kind]}"}
    failures = []
    for op in [r.ok() for r in schema.get_all_operations()]:
        @given(case=op.as_strategy(generation_mode=GenerationMode.NEGATIVE))
        @settings(max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def run(case):
            case.call_and_validate(headers=headers, checks=CHECKS)
        try:
            run()
        except Exception as exc:
            failures.append(f"{op.label}: {str(exc)[:600]}")
    print("\n\n".join(failures))
    assert not failures
