"""The subgraph each view draws: the service layer's answers and walks, drawn.

Where an answer exists (dependents and dependencies, the impact of moving people)
the view draws it; the rest is the nodes and edges among the ids it names.
"""

from __future__ import annotations

from typing import Any, Literal

from orggraph.cypher import default_registry
from orggraph.graph.model import LABELS, REL_TYPES
from orggraph.graph.refs import RefNotFound
from orggraph.graph.service import dependency_walk
from orggraph.graph.service.export import edge_record, node_record, subgraph
from orggraph.graph.service.models import EntityRef
from orggraph.graph.service.products import WALKABLE
from orggraph.graph.service.resolver import resolve, resolver_for
from orggraph.graph.service.walk import neighbourhood as walk_neighbourhood
from orggraph.graph.stores.base import Store
from orggraph.graph.viz.page import ViewGraph

#: the whole-graph view draws at most this many nodes unless told otherwise
DEFAULT_MAX_NODES = 1500
#: a neighbourhood stops growing before it passes this many nodes
NEIGHBOURHOOD_MAX_NODES = 600
MAX_DEPTH = 10
#: Document nodes have no relationships: the whole graph leaves them out by default
DEFAULT_LABELS = [label for label in LABELS if label != "Document"]

Direction = Literal["both", "up", "down"]


def _check(values: list[str] | None, known: list[str], what: str) -> list[str]:
    chosen = list(dict.fromkeys(v for v in values or [] if v))
    unknown = [v for v in chosen if v not in known]
    if unknown:
        raise ValueError(f"unknown {what} {unknown[0]!r}: use {', '.join(known)}")
    return chosen


def _depth(depth: int) -> int:
    if not 0 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be between 0 and {MAX_DEPTH}, got {depth}")
    return depth


def _nodes(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    rows = default_registry().run(store, "viz_nodes", ids=ids)
    return [node_record(r["labels"], r["props"]) for r in rows]


def _edges(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [edge_record(r["source"], r["target"], r["type"], r["props"]) for r in rows]


def whole_graph(
    store: Store,
    labels: list[str] | None = None,
    types: list[str] | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> ViewGraph:
    """Every node of the chosen labels; above ``max_nodes`` only the counts, as filters."""
    registry = default_registry()
    chosen_labels = _check(labels, list(LABELS), "label") or DEFAULT_LABELS
    chosen_types = _check(types, list(REL_TYPES), "relationship type") or list(REL_TYPES)
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, got {max_nodes}")
    label_counts = {r["label"]: r["count"] for r in registry.run(store, "counts_by_label")}
    type_counts = {r["type"]: r["count"] for r in registry.run(store, "counts_by_type")}
    total = sum(label_counts.get(label, 0) for label in chosen_labels)
    view = ViewGraph(
        kind="graph", title="The whole graph", label_counts=label_counts,
        type_counts=type_counts, labels=chosen_labels, types=chosen_types, max_nodes=max_nodes,
    )
    if total > max_nodes:
        view.too_big = True
        view.notice = (
            f"The chosen labels hold {total} nodes, more than the {max_nodes} this page draws "
            "without freezing the browser: choose fewer labels or relationship types."
        )
        return view
    node_rows = registry.run(store, "viz_graph_nodes", labels=chosen_labels)
    view.nodes = [node_record(r["labels"], r["props"]) for r in node_rows]
    view.edges = _edges(
        registry.run(store, "viz_graph_edges", labels=chosen_labels, types=chosen_types)
    )
    if chosen_labels != DEFAULT_LABELS or chosen_types != list(REL_TYPES):
        view.title = "The graph: " + ", ".join(chosen_labels)
    return view


def neighbourhood(
    store: Store, ref: str, depth: int = 2, max_nodes: int = NEIGHBOURHOOD_MAX_NODES
) -> ViewGraph:
    """Everything within ``depth`` relationships of an entity (either direction)."""
    entity = resolve(store, ref)
    ids, notice = walk_neighbourhood(store, entity.id, _depth(depth), max_nodes)
    return ViewGraph(
        kind="neighbourhood",
        title=f"{entity.name} ({entity.label}) and its neighbourhood to depth {depth}",
        **subgraph(store, ids),
        focus=entity.id,
        notice=notice,
    )


def dependencies(
    store: Store, ref: str, depth: int = 6, direction: Direction = "both"
) -> ViewGraph:
    """A product's DEPENDS_ON tree: what it needs (below) and what needs it (above)."""
    if direction not in ("both", "up", "down"):
        raise ValueError(f"direction must be both, up or down, got {direction!r}")
    entity = _walkable(store, ref)
    depth = _depth(depth)
    needs = (
        dependency_walk(store, entity, depth, "dependencies").items
        if direction in ("both", "down") and depth else []
    )
    needed_by = (
        dependency_walk(store, entity, depth, "dependents").items
        if direction in ("both", "up") and depth else []
    )
    top = max((r.depth for r in needed_by), default=0)
    levels = {entity.id: top}
    for r in needed_by:
        levels.setdefault(r.id, top - r.depth)
    for r in needs:
        levels.setdefault(r.id, top + r.depth)
    ids = sorted(levels)
    what = {"both": "dependency tree", "down": "dependencies", "up": "dependents"}[direction]
    return ViewGraph(
        kind="dependencies",
        title=f"{entity.name}: {what}",
        **subgraph(store, ids, ["DEPENDS_ON"]),
        focus=entity.id,
        layout="hierarchical",
        levels=levels,
        notice=f"{len(needed_by)} depend on it (above), it depends on {len(needs)} (below).",
    )


def _walkable(store: Store, ref: str) -> EntityRef:
    """A product first ("Qserv" names a product and a team), else a milestone."""
    resolver = resolver_for(store)
    try:
        return resolver.resolve_first(ref, WALKABLE)
    except RefNotFound:
        entity = resolver.resolve(ref)
        raise ValueError(
            f"{entity.name} is a {entity.label}: dependencies are of products and milestones"
        ) from None


def impact(
    store: Store,
    people: list[str],
    *,
    team: str | None = None,
    to_role: str | None = None,
    to_team: str | None = None,
) -> ViewGraph:
    """The impact analysis of moving ``people`` drawn on the graph, findings highlighted.

    Each affected entity carries its worst finding (``severity: summary``) as the
    highlight; the people moving are marked ``moves``.  Around them: the teams of
    the roles, the remaining holders, hosts and the roles reported to.
    """
    from orggraph.graph.analysis import person_impact

    report = person_impact(store, people, team=team, to_role=to_role, to_team=to_team)
    highlight: dict[str, str] = {p.id: "moves" for p in report.people}
    for finding in report.ranking:
        highlight.setdefault(finding.subject.id, f"{finding.severity.value}: {finding.summary}")
    context: set[str] = set()
    for role in report.roles:
        context.update(r.id for r in [*role.teams, *role.remaining, *role.leaving])
    for product in report.products:
        context.update(r.id for r in [*product.hosts, *product.remaining])
        for dep in product.dependents:
            highlight.setdefault(
                dep.id,
                f"{product.severity.value}: {dep.rel} {product.product.name} "
                f"(at {dep.depth} step{'s' if dep.depth > 1 else ''})",
            )
            context.add(dep.via)
    for line in report.reporting_lines:
        context.update(r.id for r in [line.reports_to, *line.left_without_line])
    for milestone in report.milestones:
        context.add(milestone.team.id)
    for dest in (report.to_role, report.to_team):
        if dest is not None:
            context.add(dest.id)
    ids = sorted(set(highlight) | context)
    who = ", ".join(p.name for p in report.people)
    dest = report.to_role or report.to_team
    notes = [f"worst finding: {report.severity.value}" if report.severity else "nothing breaks"]
    notes += report.notes
    return ViewGraph(
        kind="impact",
        title=f"Impact of moving {who}" + (f" to {dest.name}" if dest else ""),
        **subgraph(store, ids),
        focus=report.people[0].id if len(report.people) == 1 else None,
        highlight=highlight,
        notice="; ".join(notes) + ".",
    )
