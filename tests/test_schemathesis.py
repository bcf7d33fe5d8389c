"""Property-based run of schemathesis over the whole OpenAPI schema, in process (ASGI).

Against the real embedded store loaded with the seeds: no server errors, and every
response matches the schema the app publishes.  Examples per operation are bounded
so the run stays around a minute on two shared cores.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from orggraph.api.app import create_app
from orggraph.api.routes.core import router as core_router
from orggraph.graph.settings import Settings
from orggraph.graph.stores.falkordb_store import FalkorDBStore
from schemathesis import GenerationMode, checks

MAX_EXAMPLES = 40
CORE = {(route.path, m) for route in core_router.routes for m in route.methods}  # type: ignore[attr-defined]

#: every operation the app publishes (building the schema opens no store)
OPERATIONS = [
    (path, method.upper())
    for path, ops in create_app(Settings()).openapi()["paths"].items()
    for method in ops
]


@pytest.fixture(scope="module")
def api_schema(seeded_data_dir: Path) -> Iterator[Any]:
    db = FalkorDBStore(seeded_data_dir)
    app = create_app(Settings(query_timeout_ms=2000, row_cap=200), db)
    app.state.store = db  # in-process calls may skip the lifespan that sets it
    try:
        yield schemathesis.openapi.from_asgi("/openapi.json", app)
    finally:
        db.close()


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m} {p}" for p, m in OPERATIONS])
def test_no_server_errors_and_responses_match_the_schema(
    api_schema: Any, path: str, method: str
) -> None:
    operation = api_schema[path][method]
    # Whether a schema-valid request makes sense (is this Cypher well-formed? does the
    # canned query get the parameters it needs? does /impact name someone?) is not
    # expressible in the schema: such requests get a 4xx with a reason, which the
    # positive-data check would count as a failure.
    semantic = path in {"/cypher", "/queries/{name}"} or (path, method) not in CORE
    excluded = [checks.positive_data_acceptance] if semantic else []

    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        case.call_and_validate(excluded_checks=excluded)

    run()


#: core operations that take input (the only ones that can be sent invalid data)
NEGATIVE = [
    (path, method) for path, method in OPERATIONS
    if (path, method) in CORE and path not in {"/queries", "/health"}
]


@pytest.mark.parametrize(("path", "method"), NEGATIVE, ids=[f"{m} {p}" for p, m in NEGATIVE])
def test_invalid_input_is_refused_with_a_reason(api_schema: Any, path: str, method: str) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
    @settings(max_examples=MAX_EXAMPLES // 4, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        response = case.call_and_validate()  # includes: invalid data is rejected with a 4xx
        if response.status_code >= 400:
            assert response.json()["detail"]

    run()
