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


#: org chart geometry (pixels): a role's slot, a reporting level, a holder under its role
_SLOT, _ROW, _HOLDER = 190.0, 190.0, 70.0
#: the org chart wraps its trees into bands about this many slots wide
_BAND = 14


def _org_positions(edges: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """A precomputed org chart: each reporting tree top-down (bosses on top, reports
    side by side under them), each holder under the role it holds, trees packed
    left to right in bands so that a flat organisation does not become one long row.
    A role reporting to two bosses sits under the first; the other line is drawn across.
    """
    below: dict[str, list[str]] = {}
    holders: dict[str, list[str]] = {}
    in_chart: dict[str, None] = {}  # REPORTS_TO ends and roles held, in order
    has_boss: set[str] = set()
    for e in edges:
        if e["type"] == "REPORTS_TO":
            below.setdefault(e["target"], []).append(e["source"])
            has_boss.add(e["source"])
            in_chart.update({e["target"]: None, e["source"]: None})
        elif e["type"] == "HOLDS":
            holders.setdefault(e["target"], []).append(e["source"])
            in_chart.setdefault(e["target"], None)
    people = {p for e in edges if e["type"] == "HOLDS" for p in [e["source"]]} - set(in_chart)

    kids: dict[str, list[str]] = {}
    assigned: set[str] = set()
    order = [n for n in in_chart if n not in has_boss] + list(in_chart)  # tops, then cycles
    roots: list[str] = []
    for top in order:
        if top in assigned:
            continue
        roots.append(top)
        assigned.add(top)
        queue = [top]
        while queue:
            node = queue.pop(0)
            for child in below.get(node, []):
                if child not in assigned:
                    assigned.add(child)
                    kids.setdefault(node, []).append(child)
                    queue.append(child)
    mine: dict[str, list[str]] = {}
    for role, persons in holders.items():
        for person in persons:
            if person in people:
                people.discard(person)
                mine.setdefault(role, []).append(person)

    width: dict[str, int] = {}
    depth: dict[str, int] = {}
    for node in reversed([n for r in roots for n in _preorder(r, kids)]):
        children = kids.get(node, [])
        width[node] = max(len(mine.get(node, [])), sum(width[k] for k in children), 1)
        depth[node] = 1 + max((depth[k] for k in children), default=0)

    positions: dict[str, tuple[float, float]] = {}

    def place(node: str, left: float, top: float) -> None:
        x = left + width[node] * _SLOT / 2
        positions[node] = (x, top)
        held = mine.get(node, [])
        for i, person in enumerate(held):
            positions[person] = (x + (i - (len(held) - 1) / 2) * _SLOT * 0.8, top + _HOLDER)
        cursor = left
        for kid in kids.get(node, []):
            place(kid, cursor, top + _ROW)
            cursor += width[kid] * _SLOT

    left = band_top = 0.0
    band_depth = 0
    for root in sorted(roots, key=lambda r: (-depth[r], -width[r], r)):
        if left and left + width[root] > _BAND:
            left, band_top, band_depth = 0.0, band_top + (band_depth + 1) * _ROW, 0
        place(root, left * _SLOT, band_top)
        left += width[root]
        band_depth = max(band_depth, depth[root])
    return positions


def _preorder(root: str, kids: dict[str, list[str]]) -> list[str]:
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(kids.get(node, [])))
    return out


def _subtree(edges: list[dict[str, Any]], root: str) -> set[str]:
    """``root``, everything that reports to it (transitively), and their holders."""
    below: dict[str, list[str]] = {}
    for e in edges:
        if e["type"] == "REPORTS_TO":
            below.setdefault(e["target"], []).append(e["source"])
    keep, stack = {root}, [root]
    while stack:
        for child in below.get(stack.pop(), []):
            if child not in keep:
                keep.add(child)
                stack.append(child)
    holds = [e for e in edges if e["type"] == "HOLDS"]
    keep |= {e["source"] for e in holds if e["target"] in keep}
    if root.startswith("person:"):  # a person: the roles they hold, and what reports to those
        for e in holds:
            if e["source"] == root and e["target"] not in keep:
                keep |= _subtree(edges, e["target"])
    return keep


def org_chart(store: Store, root: str | None = None) -> ViewGraph:
    """Roles and people from REPORTS_TO and HOLDS, laid out top-down (optionally under ``root``)."""
    registry = default_registry()
    rows = registry.run(
        store, "viz_graph_edges", labels=["Person", "Role"], types=["REPORTS_TO", "HOLDS"]
    )
    edges = _edges(rows)
    title, focus = "Org chart", None
    if root:
        entity = resolve(store, root)
        keep = _subtree(edges, entity.id)
        edges = [e for e in edges if e["source"] in keep and e["target"] in keep]
        title, focus = f"Org chart under {entity.name}", entity.id
        ids = sorted(keep)
    else:
        ids = sorted({end for e in edges for end in (e["source"], e["target"])})
    return ViewGraph(
        kind="org-chart",
        title=title,
        nodes=_nodes(store, ids),
        edges=edges,
        focus=focus,
        layout="fixed",
        positions=_org_positions(edges),
    )


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
