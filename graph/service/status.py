"""The store's health and size: one definition of every count.

``nodes`` and ``relationships`` are the distinct nodes (Document nodes included) and
relationships the store holds; ``statements`` are what the loaded documents state, one
per document that states it (a person two documents name is one node, two statements).
``orggraph status``, the last line of ``orggraph load`` and ``/health`` all count here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from orggraph.graph.service.common import run
from orggraph.graph.service.models import Statements, StoreHealth
from orggraph.graph.stores.base import Store, StoreError

DOWN = "the store is not answering (the server log says why); try again in a few seconds"


@dataclass(frozen=True)
class GraphCounts:
    """Distinct nodes per label and relationships per type in the store, and what the
    loaded documents state."""

    labels: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)
    documents: list[str] = field(default_factory=list)
    statements: Statements = field(default_factory=Statements)

    @property
    def nodes(self) -> int:
        return sum(self.labels.values())

    @property
    def relationships(self) -> int:
        return sum(self.types.values())


def graph_counts(store: Store) -> GraphCounts:
    """What the store holds, counted once (StoreError when it does not answer)."""
    labels = {r["label"]: int(r["count"]) for r in run(store, "counts_by_label")}
    types = {r["type"]: int(r["count"]) for r in run(store, "counts_by_type")}
    docs = run(store, "documents")
    stated = Statements(
        nodes=sum(int(d["nodes"] or 0) for d in docs),
        relationships=sum(int(d["edges"] or 0) for d in docs),
    )
    return GraphCounts(labels, types, [d["name"] for d in docs], stated)


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
        counts = graph_counts(store)
    except StoreError as exc:
        return down(f"the store does not answer its queries: {exc.reason}")
    return StoreHealth(
        store=store.kind, reachable=True, nodes=counts.nodes, edges=counts.relationships,
        documents=counts.documents, statements=counts.statements,
    )
