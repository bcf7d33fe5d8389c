"""Open the store the settings name."""

from __future__ import annotations

from orggraph.graph.settings import Settings, get_settings
from orggraph.graph.stores.base import Budget, Store


def open_store(settings: Settings | None = None, *, kind: str | None = None) -> Store:
    """Open the configured store (``kind`` overrides ``settings.store``); close it when done."""
    settings = settings or get_settings()
    kind = kind or settings.store
    budget = Budget.from_settings(settings)
    if kind == "falkordb":
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
