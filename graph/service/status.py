"""The store's health: its kind, whether it answers, its size, the documents loaded."""

from __future__ import annotations

from orggraph.graph.service.common import run
from orggraph.graph.service.models import StoreHealth
from orggraph.graph.stores.base import Store, StoreError

DOWN = "the store is not answering (the server log says why); try again in a few seconds"


def store_health(store: Store) -> StoreHealth:
    """What ``/health`` and ``orggraph status --json`` answer (``reachable`` False and a
    ``detail`` when the store does not answer)."""

    def down(detail: str) -> StoreHealth:
        return StoreHealth(
            store=store.kind, reachable=False, nodes=0, edges=0, documents=[], detail=detail
        )

    if not store.ping():
        return down(DOWN)
    try:
        nodes = sum(r["count"] for r in run(store, "counts_by_label"))
        edges = sum(r["count"] for r in run(store, "counts_by_type"))
        docs = [r["name"] for r in run(store, "documents")]
    except StoreError as exc:
        return down(f"the store does not answer its queries: {exc.reason}")
    return StoreHealth(store=store.kind, reachable=True, nodes=nodes, edges=edges, documents=docs)
