"""Property-based run of schemathesis over the whole OpenAPI schema, in process (ASGI),
with every check.

Against the real embedded store loaded with the seeds: no server errors, every response
matches the schema the app publishes, every request the schema calls valid is accepted
(a 404 or 409 for a name that names nothing or several things is an answer), and every
request it calls invalid is refused with a 4xx and a reason.  Examples per operation are
bounded so the run stays around two minutes on two shared cores.

One allowance, said here and in the route's OpenAPI responses: ``POST /cypher`` takes any
text as Cypher, and no schema can say which text is well-formed Cypher; what the engine
cannot parse is a 400 with the engine's reason, a statement past the time limit a 408.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from orggraph.api.app import create_app
from orggraph.graph.settings import Settings
from orggraph.graph.stores.falkordb_store import FalkorDBStore
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

MAX_EXAMPLES = 25
#: the canned queries' own operations: many, each a plain read; fewer examples each
QUERY_EXAMPLES = 10

#: the schema the app publishes (building it opens no store)
SPEC = create_app(Settings()).openapi()
#: every operation the app publishes
OPERATIONS = [(path, method.upper()) for path, ops in SPEC["paths"].items() for method in ops]

#: what the views' routes (api/routes/views.py, kept by the views work) still answer
#: otherwise than their schema says; strict, so each fix there shows here as XPASS
VIEW_GAPS = {
    ("/viz/graph", "GET"): "types takes any text: a type the graph does not have is a 422 "
                           "(the schema could list them: an enum)",
}


def _cases(operations: list[tuple[str, str]], gaps: dict[tuple[str, str], str]) -> list[Any]:
    return [
        pytest.param(path, method, id=f"{method} {path}", marks=[pytest.mark.xfail(
            reason=gaps[(path, method)], strict=True)] if (path, method) in gaps else [])
        for path, method in operations
    ]

CONFIG = SchemathesisConfig.from_dict({"operations": [{
    "include-path": "/cypher",
    "checks": {"positive_data_acceptance": {
        "expected-statuses": ["2xx", "400", "403", "404", "408", "409", "413", "422", "429"]}},
}]})


@pytest.fixture(scope="module")
def api_schema(seeded_data_dir: Path) -> Iterator[Any]:
    db = FalkorDBStore(seeded_data_dir)
    app = create_app(Settings(query_timeout_ms=2000, row_cap=200), db)
    app.state.store = db  # in-process calls may skip the lifespan that sets it
    try:
        yield schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)
    finally:
        db.close()


def _examples(path: str) -> int:
    return QUERY_EXAMPLES if path.startswith("/queries/") else MAX_EXAMPLES


@pytest.mark.parametrize(("path", "method"), _cases(OPERATIONS, VIEW_GAPS))
def test_valid_requests_are_answered_as_the_schema_says(
    api_schema: Any, path: str, method: str
) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=GenerationMode.POSITIVE))
    @settings(max_examples=_examples(path), deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        case.call_and_validate()  # every check

    run()


#: operations that take input (the only ones that can be sent invalid data)
NEGATIVE = [
    (path, method) for path, method in OPERATIONS
    if SPEC["paths"][path][method.lower()].get("parameters")
    or SPEC["paths"][path][method.lower()].get("requestBody")
]


@pytest.mark.parametrize(("path", "method"), _cases(NEGATIVE, {}))
def test_invalid_input_is_refused_with_a_reason(api_schema: Any, path: str, method: str) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
    @settings(max_examples=max(3, _examples(path) // 4), deadline=None, derandomize=True,
              database=None, suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        response = case.call_and_validate()  # includes: invalid data is rejected with a 4xx
        if response.status_code >= 400 and "json" in response.headers.get("content-type", ""):
            assert response.json()["detail"]

    run()
