"""One operation per public canned query: ``GET /queries/<name>`` with its typed parameters.

The OpenAPI document then says what each query needs (required or not, its type, an
example from the query's header), so a request the schema calls valid is one the query
accepts.  The generic ``/queries/{name}`` route answers the same for any name.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from orggraph.api.deps import SettingsDep, StoreDep
from orggraph.api.models import NAMED, Evidence, QueryResult, Rows
from orggraph.cypher import CannedQuery, Param
from orggraph.graph import service
from orggraph.graph.service.shaping import jsonable
from orggraph.graph.settings import Settings
from orggraph.graph.stores.base import Row, Store
from pydantic import StringConstraints, ValidationError

#: integers and floats a query parameter takes: what JSON and both engines carry exactly
INT_RANGE = 2**53
FLOAT_RANGE = 1e15
#: text handed to the engine as it is: no NUL character (FalkorDB cannot take one)
NO_NUL = r"^[^\x00]*$"
#: one item of a list parameter: not empty (an empty item says nothing; the list may be)
Text = Annotated[str, StringConstraints(min_length=1, max_length=500, pattern=NO_NUL)]


_EVIDENCE_KEYS = set(Evidence.model_fields)


def _readable(value: Any) -> Any:
    """``value`` with each piece of evidence also given its display ``text`` (as every
    other answer gives it: markup removed, the verbatim ``quote`` kept)."""
    if isinstance(value, list):
        return [_readable(v) for v in value]
    if not isinstance(value, dict):
        return value
    if {"document", "line", "quote"} <= set(value) <= _EVIDENCE_KEYS and isinstance(
            value["quote"], str) and isinstance(value["document"], str):
        try:
            return {**value, "text": Evidence.model_validate(value).text}
        except ValidationError:  # a raw statement's map that only looks like evidence
            return value
    return {k: _readable(v) for k, v in value.items()}


def rows(run: Callable[[], list[Row]], cap: int) -> Rows:
    """A query's rows as the API returns them (JSON-safe, cut at ``cap``), timed."""
    started = time.perf_counter()
    found = run()
    elapsed = (time.perf_counter() - started) * 1000
    columns = list(found[0]) if found else []
    return Rows(columns=columns, rows=[_readable(jsonable(r)) for r in found[:cap]],
                count=min(len(found), cap), truncated=len(found) > cap,
                elapsed_ms=round(elapsed, 3))


def query_result(db: Store, settings: Settings, name: str, raw: Mapping[str, Any]) -> QueryResult:
    """Run the canned query ``name`` with ``raw`` parameters (names in ``ref`` ones resolved)."""
    ran = service.run_query(db, name, raw, settings.query_timeout_ms, row_cap=settings.row_cap)
    result = rows(lambda: ran.rows, settings.row_cap)
    result.elapsed_ms = ran.elapsed_ms
    return QueryResult(name=name, params=jsonable(ran.params), **result.model_dump())


def _example(query: CannedQuery, param: Param) -> str | None:
    """The parameter's example: the query header's, else its default (as text)."""
    if param.name in query.example:
        return query.example[param.name]
    if isinstance(param.default, list):
        return ",".join(str(v) for v in param.default)
    return None if param.default is None else str(param.default)


def _parameter(param: Param, example: str | None) -> inspect.Parameter:
    """The typed query parameter of one canned-query parameter."""
    described = param.description or param.name
    extra: dict[str, Any] = {"description": described}
    typ: Any
    if param.is_ref:
        typ = str
        extra |= {"min_length": 1, "max_length": 500, "pattern": NAMED}
        if example is not None:
            extra["examples"] = [example]
    elif param.type == "int":
        typ = int
        extra |= {"ge": -INT_RANGE, "le": INT_RANGE}
        if example is not None:
            extra["examples"] = [int(example)]
    elif param.type == "float":
        typ = float
        extra |= {"ge": -FLOAT_RANGE, "le": FLOAT_RANGE, "allow_inf_nan": False}
        if example is not None:
            extra["examples"] = [float(example)]
    elif param.type == "bool":
        typ = bool
        if example is not None:
            extra["examples"] = [param.coerce(example)]
    elif param.type == "list[str]":
        typ = list[Text]
        if example is not None:
            extra["examples"] = [[v for v in example.split(",") if v]]
    else:
        typ = str
        extra |= {"max_length": 500, "pattern": NO_NUL}
        if example is not None:
            extra["examples"] = [example]
    if param.required:
        return inspect.Parameter(param.name, inspect.Parameter.KEYWORD_ONLY,
                                 annotation=Annotated[typ, Query(**extra)])
    if param.default is not None:
        extra["description"] = f"{described} (default {param.default})"
    return inspect.Parameter(param.name, inspect.Parameter.KEYWORD_ONLY, default=None,
                             annotation=Annotated[typ | None, Query(**extra)])


def _endpoint(query: CannedQuery) -> Callable[..., QueryResult]:
    names = [p.name for p in query.params]

    def endpoint(request: Request, db: StoreDep, settings: SettingsDep,
                 **given: Any) -> QueryResult:
        # a list is comma-separated text to the registry, as on the generic route and the CLI
        raw: dict[str, Any] = {
            k: ",".join(v) if isinstance(v, list) else v
            for k, v in given.items() if k in names and v is not None
        }
        # a parameter the query does not take is refused by the registry (422, with the
        # ones it takes), not silently dropped: a misspelt name would change the answer
        raw |= {k: v for k, v in request.query_params.items() if k not in names}
        return query_result(db, settings, query.name, raw)

    signature = [
        inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request),
        inspect.Parameter("db", inspect.Parameter.KEYWORD_ONLY, annotation=StoreDep),
        inspect.Parameter("settings", inspect.Parameter.KEYWORD_ONLY, annotation=SettingsDep),
        *(_parameter(p, _example(query, p)) for p in query.params),
    ]
    endpoint.__signature__ = inspect.Signature(signature)  # type: ignore[attr-defined]
    endpoint.__name__ = f"query_{query.name}"
    return endpoint


def add_canned_routes(router: APIRouter) -> None:
    """``GET /queries/<name>`` for every public canned query (before ``/queries/{name}``)."""
    for query in service.public_queries():
        router.add_api_route(
            f"/queries/{query.name}", _endpoint(query), methods=["GET"],
            response_model=QueryResult, tags=["queries"], summary=query.description,
            operation_id=f"query_{query.name}",
        )
