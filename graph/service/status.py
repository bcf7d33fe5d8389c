"""The store's health: its kind, whether it answers, its size, the documents loaded."""

from __future__ import annotations

from orggraph.graph.service.common import run
from orggraph.graph.service.models import StoreHealth
from orggraph.graph.stores.base import Store


def store_health(store: Store) -> StoreHealth:
    """What ``/health`` and ``orggraph status --json`` answer."""
    if not store.ping():
        return StoreHealth(store=store.kind, reachable=False, nodes=0, edges=0, documents=[])
    nodes = sum(r["count"] for r in run(store, "counts_by_label"))
    edges = sum(r["count"] for r in run(store, "counts_by_type"))
    docs = [r["name"] for r in run(store, "documents")]
    return StoreHealth(store=store.kind, reachable=True, nodes=nodes, edges=edges, documents=docs)
