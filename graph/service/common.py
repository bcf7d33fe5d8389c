"""What every answer module needs: run a canned query, read one entity's node."""

from __future__ import annotations

from typing import Any

from orggraph.cypher import default_registry
from orggraph.graph.service.export import node_record
from orggraph.graph.service.models import EntityRef
from orggraph.graph.service.shaping import jsonable
from orggraph.graph.stores.base import Row, Store


def run(store: Store, name: str, **params: Any) -> list[Row]:
    """The canned query ``name`` with already-resolved parameters."""
    return default_registry().run(store, name, params)


def node(store: Store, entity: EntityRef) -> dict[str, Any]:
    """The entity's stored node in the contract's shape (aliases, properties, sources)."""
    rows = run(store, "entity_by_id", id=entity.id)
    if not rows:
        return node_record([entity.label], {"id": entity.id, "name": entity.name})
    row = rows[0]
    return node_record([row["label"]], row["props"] or {})


def text(value: Any) -> str | None:
    """A date or code as text (None stays None)."""
    return None if value is None else str(jsonable(value))
