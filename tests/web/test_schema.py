"""Schemathesis over the OpenAPI description: generated requests never cause a server error."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from tally.web.server import create_app
from tests.web.conftest import TOKEN

# Schemathesis calls from a test client that is not on loopback, so reads need the token too;
# with it, the ingest endpoint is exercised for real.
AUTH = {"authorization": f"Bearer {TOKEN}"}
EXAMPLES_PER_OPERATION = 20


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_generated_request_causes_a_server_error(
    handmade_db: Path, mode: GenerationMode
) -> None:
    # schemathesis.pytest.from_fixture breaks under pytest 9, so each operation is driven by
    # hypothesis directly.
    app = create_app(handmade_db, TOKEN)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, headers=AUTH)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    exercised = 0
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=AUTH, checks=[not_a_server_error])

        try:
            run()
            exercised += 1
        except Unsatisfiable:
            # Only plain strings (or nothing) to send: no request can violate the schema.
            assert mode is GenerationMode.NEGATIVE, operation.label
    assert exercised >= len(operations) // 2
