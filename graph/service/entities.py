"""Answers about any entity: name search, one entity with its neighbours, a listing."""

from __future__ import annotations

from orggraph.graph.service.common import node, run
from orggraph.graph.service.export import edge_record
from orggraph.graph.service.models import (
    EntityDetail,
    EntityRef,
    Listed,
    Neighbour,
    NeighbourGroup,
    SearchHit,
    SearchResult,
)
from orggraph.graph.service.resolver import check_label, resolve, resolver_for
from orggraph.graph.service.shaping import evidence, jsonable
from orggraph.graph.stores.base import Store


def search(store: Store, q: str, label: str | None = None, limit: int = 20) -> SearchResult:
    """Names and aliases matching ``q``: exact, prefix, substring, then fuzzy; best first."""
    resolver = resolver_for(store)
    index = resolver.index()
    hits = [
        SearchHit(id=e.id, label=e.label, name=e.name, aliases=resolver.aliases(e.id, index),
                  matched=form, match=kind, score=round(score, 4))  # type: ignore[arg-type]
        for form, kind, score, e in resolver.search(q, label, limit, index=index)
    ]
    return SearchResult(query=q, hits=hits)


def entity(store: Store, ref: str | EntityRef) -> EntityDetail:
    """An entity: properties, aliases, evidence, neighbours by type and direction."""
    found = resolve(store, ref)
    stored = node(store, found)
    groups: dict[tuple[str, str], list[Neighbour]] = {}
    for row in run(store, "entity_neighbours", id=found.id):
        record = edge_record("", "", row["type"], row["props"] or {})
        direction = "out" if row["outgoing"] else "in"
        groups.setdefault((row["type"], direction), []).append(
            Neighbour(id=row["id"], label=row["label"] or "", name=row["name"],
                      properties=jsonable(record["properties"]),
                      evidence=evidence(record["sources"]))
        )
    return EntityDetail(
        id=found.id, label=found.label, name=found.name, aliases=stored["aliases"],
        properties=jsonable(stored["properties"]), evidence=evidence(stored["sources"]),
        neighbours=[NeighbourGroup(type=t, direction=d, nodes=n)  # type: ignore[arg-type]
                    for (t, d), n in sorted(groups.items())],
    )


def listing(store: Store, label: str) -> list[Listed]:
    """Every entity of ``label`` with its aliases, by id."""
    wanted = check_label(label)
    index = resolver_for(store).index()
    return sorted(
        (Listed(id=e.id, label=e.label, name=e.name, aliases=index.aliases.get(e.id, []))
         for e in index.by_id.values() if e.label == wanted),
        key=lambda e: e.id,
    )
