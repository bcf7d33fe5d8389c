"""The narrower views, each within a node budget: neighbourhood, dependencies, impact.

Where an answer exists (dependents and dependencies, the impact of moving people) the
view draws it; the rest is the nodes and edges among the ids it names, read by label
(:func:`orggraph.graph.service.views.induced`).  The whole graph is
:mod:`.overview`, the org chart :mod:`.orgchart`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Literal

from orggraph.graph.refs import RefNotFound
from orggraph.graph.service import dependency_walk
from orggraph.graph.service.models import EntityRef, Reached
from orggraph.graph.service.products import WALKABLE
from orggraph.graph.service.resolver import resolve, resolver_for
from orggraph.graph.service.views import induced, links
from orggraph.graph.stores.base import Store
from orggraph.graph.viz.overview import GRAPH_BUDGET, plural, summary_node
from orggraph.graph.viz.page import HARD_MAX_NODES, ViewGraph

#: the whole-graph view draws at most this many nodes unless told otherwise
DEFAULT_MAX_NODES = GRAPH_BUDGET
#: a neighbourhood draws at most this many nodes by default
NEIGHBOURHOOD_MAX_NODES = 200
#: a dependency tree draws at most this many nodes by default
DEPENDENCIES_MAX_NODES = 200
MAX_DEPTH = 10

Direction = Literal["both", "up", "down"]


def _depth(depth: int) -> int:
    if not 0 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be between 0 and {MAX_DEPTH}, got {depth}")
    return depth


def _budget(max_nodes: int, least: int = 1) -> int:
    if not least <= max_nodes <= HARD_MAX_NODES:
        raise ValueError(f"max_nodes must be between {least} and {HARD_MAX_NODES}, "
                         f"got {max_nodes}")
    return max_nodes


def neighbourhood(
    store: Store, ref: str, depth: int = 2, max_nodes: int = NEIGHBOURHOOD_MAX_NODES
) -> ViewGraph:
    """Everything within ``depth`` relationships of an entity (either direction).

    Grows level by level; a level that would pass ``max_nodes`` is drawn for the nodes
    with fewest new neighbours first, and each node whose neighbours did not fit gets
    one "+N more" node instead of them (a hub's thousand members are one node).
    """
    entity = resolve(store, ref)
    depth, budget = _depth(depth), _budget(max_nodes)
    seen: dict[str, None] = {entity.id: None}
    frontier = [entity.id]
    cut: dict[str, Counter[tuple[str, str]]] = {}
    rest: dict[str, Counter[tuple[str, str]]] = {}
    notice = ""
    for hop in range(1, depth + 1):
        if not frontier:
            break
        # near -> far -> (far's label, the relationship's type)
        fresh: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
        for link in links(store, frontier, limit=4 * budget):
            if link.far not in seen:
                fresh[link.near].setdefault(link.far, (link.far_label, link.type))
        new = {far for fars in fresh.values() for far in fars}
        room = budget - len(seen)
        if len(new) <= room:
            seen.update(dict.fromkeys(sorted(new)))
            frontier = sorted(new)
            continue
        added: dict[str, None] = {}
        order = sorted(fresh, key=lambda n: (len(fresh[n]), n))
        for i, near in enumerate(order):
            mine = [f for f in fresh[near] if f not in seen and f not in added]
            later = len(order) - i - 1  # a "+N more" slot kept for each near still to come
            if mine and len(mine) + len(added) + len(cut) + later <= room:
                added.update(dict.fromkeys(sorted(mine)))
            elif mine:
                cut[near] = Counter(fresh[near][f] for f in mine)
        seen.update(added)
        cut, rest = _fit_cuts(cut, room - len(added))
        shown = len(seen) - 1
        held = len(cut) + len(rest)
        counted = (f"the neighbours of {held} node{'s' if held != 1 else ''} are counted "
                   "instead of drawn" if held else "the next level is not drawn")
        notice = (f"Cut at depth {hop}: it would draw {len(new) + len(seen) - len(added)} "
                  f"nodes, more than {budget}; {counted} ({shown} drawn).")
        break
    data = induced(store, list(seen))
    for near, kinds in cut.items():
        total = sum(kinds.values())
        labels: Counter[str] = Counter()
        types: Counter[str] = Counter()
        for (label, rel), n in kinds.items():
            labels[label] += n
            types[rel] += n
        what = ", ".join(f"{n} {plural(lb, n)}" for lb, n in labels.most_common())
        data["nodes"].append(summary_node(
            f"more:{near}", labels.most_common(1)[0][0], f"+{total:,} more", what, total, "more",
        ))
        data["edges"].append({"source": near, "target": f"more:{near}",
                              "type": types.most_common(1)[0][0], "count": total,
                              "properties": {}, "sources": []})
    if rest:  # the nodes whose neighbours share one "+N more" node
        total = sum(sum(k.values()) for k in rest.values())
        label = Counter(lb for k in rest.values() for (lb, _), n in k.items()
                        for _ in range(n)).most_common(1)[0][0]
        data["nodes"].append(summary_node(
            "more:others", label, f"+{total:,} more",
            f"neighbours of {len(rest)} nodes", total, "more"))
        data["edges"] += [
            {"source": near, "target": "more:others", "type": k.most_common(1)[0][0][1],
             "count": sum(k.values()), "properties": {}, "sources": []}
            for near, k in rest.items()
        ]
    return ViewGraph(
        kind="neighbourhood",
        title=f"{entity.name} ({entity.label}) and its neighbourhood to depth {depth}",
        **data,
        focus=entity.id,
        notice=notice,
        max_nodes=budget,
    )


def _fit_cuts(
    cut: dict[str, Counter[tuple[str, str]]], room: int
) -> tuple[dict[str, Counter[tuple[str, str]]], dict[str, Counter[tuple[str, str]]]]:
    """The cut nodes that keep their own "+N more" node within ``room`` (the largest
    first), and the others, whose neighbours share one "+N more" node (none: no room)."""
    if len(cut) <= room:
        return cut, {}
    if room <= 0:
        return {}, {}
    ranked = sorted(cut, key=lambda n: (-sum(cut[n].values()), n))
    own = ranked[: room - 1]
    return {n: cut[n] for n in own}, {n: cut[n] for n in ranked[room - 1:]}


def _nearest(items: list[Reached], room: int) -> tuple[list[Reached], Counter[int]]:
    """The nearest ``room`` items (they come nearest first), and per depth how many are left."""
    kept = items[: max(0, room)]
    return kept, Counter(r.depth for r in items[len(kept):])


def dependencies(
    store: Store, ref: str, depth: int = 6, direction: Direction = "both",
    max_nodes: int = DEPENDENCIES_MAX_NODES,
) -> ViewGraph:
    """A product's DEPENDS_ON tree: what it needs (below) and what needs it (above).

    The nearest levels first: beyond ``max_nodes`` the farther ones are counted, one
    "+N more" node per direction.
    """
    if direction not in ("both", "up", "down"):
        raise ValueError(f"direction must be both, up or down, got {direction!r}")
    entity = _walkable(store, ref)
    depth, budget = _depth(depth), _budget(max_nodes, 3)
    needs_all = (
        dependency_walk(store, entity, depth, "dependencies").items
        if direction in ("both", "down") and depth else []
    )
    needed_by_all = (
        dependency_walk(store, entity, depth, "dependents").items
        if direction in ("both", "up") and depth else []
    )
    room = budget - 1
    if len(needs_all) + len(needed_by_all) > room:
        room -= (1 if needs_all else 0) + (1 if needed_by_all else 0)
    share = room // 2 if needs_all and needed_by_all else room
    needs, needs_left = _nearest(needs_all, max(share, room - len(needed_by_all)))
    needed_by, by_left = _nearest(needed_by_all, room - len(needs))
    top = max((r.depth for r in needed_by), default=0) + (1 if by_left else 0)
    levels = {entity.id: top}
    for r in needed_by:
        levels.setdefault(r.id, top - r.depth)
    for r in needs:
        levels.setdefault(r.id, top + r.depth)
    data = induced(store, sorted(levels), ["DEPENDS_ON"])
    for key, left, level, what in (("dependents", by_left, 0, "depend on it"),
                                   ("dependencies", needs_left, None, "it depends on")):
        if not left:
            continue
        total = sum(left.values())
        node_id = f"more:{key}"
        deepest = max((r.depth for r in (needs if key == "dependencies" else needed_by)),
                      default=0)
        levels[node_id] = level if level is not None else top + deepest + 1
        depths = ", ".join(f"{n} at depth {d}" for d, n in sorted(left.items()))
        data["nodes"].append(summary_node(node_id, "Product", f"+{total:,} more", f"{what}: "
                                          f"{depths}", total, "more"))
    what = {"both": "dependency tree", "down": "dependencies", "up": "dependents"}[direction]
    notice = f"{len(needed_by_all)} depend on it (above), it depends on {len(needs_all)} (below)."
    if by_left or needs_left:
        notice += (f" {len(levels) - sum(1 for n in data['nodes'] if n['id'].startswith('more:'))}"
                   f" nearest drawn (at most {budget}); the rest are counted.")
    return ViewGraph(
        kind="dependencies",
        title=f"{entity.name}: {what}",
        **data,
        focus=entity.id,
        layout="hierarchical",
        levels=levels,
        notice=notice,
        max_nodes=budget,
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
        **induced(store, ids),
        focus=report.people[0].id if len(report.people) == 1 else None,
        highlight=highlight,
        notice="; ".join(notes) + ".",
    )
