"""Answers about products and milestones: owners, dependents and dependencies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from orggraph.graph.service.common import run
from orggraph.graph.service.models import DependencyWalk, EntityRef, Hop, ProductOwners, Reached
from orggraph.graph.service.resolver import resolve, resolve_first
from orggraph.graph.service.shaping import evidence, linked, merge_links
from orggraph.graph.service.walk import walk
from orggraph.graph.stores.base import Store

#: the deepest dependency walk asked for
MAX_DEPTH = 10
#: what a dependency walk starts from, in order of preference for a name
WALKABLE = ("Product", "Milestone")


def owners(store: Store, product: str | EntityRef) -> ProductOwners:
    """Who manages and who owns a product, with the evidence."""
    found = resolve(store, product, "Product")
    rows = run(store, "product_owners", id=found.id)
    row = rows[0] if rows else {}
    return ProductOwners(
        product=found,
        manager_status=row.get("manager_status"),
        managers=merge_links(linked(m, "Person") for m in row.get("managers") or [] if m),
        owners=merge_links(linked(o, "Person") for o in row.get("owners") or [] if o),
        evidence=evidence(row.get("sources")),
    )


def dependency_walk(
    store: Store,
    ref: str | EntityRef,
    depth: int = 6,
    direction: Literal["dependents", "dependencies"] = "dependents",
    labels: Sequence[str] = WALKABLE,
) -> DependencyWalk:
    """What depends on ``ref`` (dependents) or what it depends on, nearest first.

    ``ref`` is a product or a milestone (``labels``: which, in order of preference for
    a name).  Each item has its depth, the node it was reached through (``via``), the
    path from the subject and each hop's stored direction and evidence.
    """
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be between 1 and {MAX_DEPTH}, got {depth}")
    found = resolve_first(store, ref, *labels)
    if found.label not in WALKABLE:
        raise ValueError(f"{found.name} is a {found.label}: only products and milestones "
                         "have dependencies")
    dependents = direction == "dependents"
    items: list[Reached] = []
    step = "dependents_step" if dependents else "dependencies_step"
    for reach in walk(store, found.id, step, depth):
        path = [found, *(EntityRef(id=r["id"], label=r["label"] or "", name=r["name"])
                         for r in reach.chain)]
        hops = [
            Hop(source=r["id"], target=r["target"], type="DEPENDS_ON",
                evidence=evidence(r["sources"])) if dependents else
            Hop(source=r["target"], target=r["id"], type="DEPENDS_ON",
                evidence=evidence(r["sources"]))
            for r in reach.chain
        ]
        row = reach.row
        items.append(Reached(id=row["id"], label=row["label"] or "", name=row["name"],
                             depth=reach.level, via=row["target"], path=path, hops=hops))
    items.sort(key=lambda r: (r.depth, (r.name or "").lower(), r.id))
    return DependencyWalk(product=found, direction=direction, depth=depth, items=items)


def dependents(
    store: Store, ref: str | EntityRef, depth: int = 6, labels: Sequence[str] = WALKABLE
) -> DependencyWalk:
    """What depends on a product or milestone, directly and transitively."""
    return dependency_walk(store, ref, depth, "dependents", labels)


def dependencies(
    store: Store, ref: str | EntityRef, depth: int = 6, labels: Sequence[str] = WALKABLE
) -> DependencyWalk:
    """What a product or milestone depends on, directly and transitively."""
    return dependency_walk(store, ref, depth, "dependencies", labels)
