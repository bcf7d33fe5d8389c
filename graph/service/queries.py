"""Canned queries for users: names in ``ref`` parameters resolved, internal helpers hidden.

The API's ``/queries/{name}``, ``orggraph query`` and the notebook client's query
methods all bind and run through here, so an id, a name or an alias works in each
(404 with suggestions, 409 with candidates, as the routes answer).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from orggraph.cypher import CannedQuery, default_registry
from orggraph.graph.service.resolver import resolver_for
from orggraph.graph.stores.base import Row, Store


@dataclass(frozen=True)
class QueryRun:
    """A canned query's rows, the parameters it ran with, and how long it took."""

    query: CannedQuery
    params: dict[str, Any]
    rows: list[Row]
    elapsed_ms: float


def public_queries() -> list[CannedQuery]:
    """The canned queries users see (the ``internal`` helpers left out)."""
    return default_registry().public()


def bind(store: Store, name: str, raw: Mapping[str, Any]) -> tuple[CannedQuery, dict[str, Any]]:
    """The query ``name`` and its parameters checked, coerced, with ``ref`` values as ids."""
    query = default_registry().get(name)
    bound = query.bind(raw)
    refs = [p for p in query.params if p.is_ref and bound.get(p.name)]
    if refs:
        resolver = resolver_for(store)
        index = resolver.index()
        for p in refs:
            bound[p.name] = resolver.resolve_first(str(bound[p.name]), p.labels, index).id
    return query, bound


def run_query(
    store: Store,
    name: str,
    raw: Mapping[str, Any] | None = None,
    timeout_ms: int | None = None,
    *,
    row_cap: int | None = None,
) -> QueryRun:
    """Bind (resolving names) and run the canned query ``name`` read-only (the engine stops
    after ``row_cap`` + 1 rows when a cap is given)."""
    query, params = bind(store, name, raw or {})
    started = time.perf_counter()
    rows = store.read(query.cypher(store.kind), params, timeout_ms=timeout_ms, row_cap=row_cap)
    return QueryRun(query, params, rows, round((time.perf_counter() - started) * 1000, 3))
