"""The one graph walk: breadth-first by one-hop canned queries, and the shortest path.

No variable-length pattern is ever run: each level is one bounded query over the
frontier, so the engine never enumerates paths.  Dependents and dependencies,
reporting chains, the impact of moving people and the health rules all walk here.

A step query takes ``ids`` (the frontier) and returns rows with ``target`` (the
frontier node the row was reached from) and ``id`` (the node reached).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from orggraph.cypher import default_registry
from orggraph.graph.stores.base import Row, Store

#: a shortest-path search reads at most this many neighbour rows, then stops and says so
FRONTIER_CAP = 1_500
#: a node of a label averaging more relationships than this is a hub: reached, not expanded
HUB_DEGREE = 500.0
#: while both frontiers together are expected to touch at most this many relationships,
#: one query expands both
JOINT = 64


@dataclass(frozen=True)
class Reach:
    """A node reached: the step row that reached it, at which level, and the path's rows."""

    row: Row
    level: int
    chain: list[Row]

    @property
    def id(self) -> str:
        return str(self.row["id"])


def walk_many(
    store: Store, origins: Sequence[str], step: str, depth: int, **params: Any
) -> dict[str, list[Reach]]:
    """From each origin, everything ``step`` reaches within ``depth`` levels, nearest first.

    All origins walk together: one query per level over the union of their frontiers.
    Each node is reached once per origin, by its first (shortest) path; ties go to the
    smaller (target, id) so answers are stable.
    """
    registry = default_registry()
    parents: dict[str, dict[str, tuple[str, Row] | None]] = {o: {o: None} for o in origins}
    found: dict[str, list[tuple[Row, int]]] = {o: [] for o in origins}
    frontier: dict[str, set[str]] = defaultdict(set)  # node -> origins reaching it
    for origin in origins:
        frontier[origin].add(origin)
    for level in range(1, depth + 1):
        if not frontier:
            break
        rows = registry.run(store, step, ids=sorted(frontier), **params)
        rows.sort(key=lambda r: (str(r["target"]), str(r["id"])))
        nxt: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            for origin in sorted(frontier.get(row["target"], ())):
                seen = parents[origin]
                if row["id"] in seen:
                    continue
                seen[row["id"]] = (row["target"], row)
                found[origin].append((row, level))
                nxt[row["id"]].add(origin)
        frontier = nxt
    return {o: [Reach(row, level, _chain(parents[o], row["id"])) for row, level in found[o]]
            for o in origins}


def walk(store: Store, origin: str, step: str, depth: int, **params: Any) -> list[Reach]:
    """Everything ``step`` reaches from ``origin`` within ``depth`` levels, nearest first."""
    return walk_many(store, [origin], step, depth, **params)[origin]


def _chain(parents: dict[str, tuple[str, Row] | None], node: str) -> list[Row]:
    chain: list[Row] = []
    cursor = node
    while (link := parents.get(cursor)) is not None:
        chain.append(link[1])
        cursor = link[0]
    return chain[::-1]


@dataclass
class PathFound:
    """A shortest path: its node rows (``id``, ``label``, ``name``) and stored hops."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    hops: list[dict[str, Any]] = field(default_factory=list)
    stopped: str = ""  # why the search gave up early (the cap reached)
    passed_over: list[str] = field(default_factory=list)  # hubs reached but not expanded


@dataclass
class _Side:
    parents: dict[str, tuple[str, Row] | None]
    dist: dict[str, int]
    frontier: list[str]
    level: int = 0


def shortest_path(
    store: Store, source: str, target: str, max_hops: int, cap: int = FRONTIER_CAP,
    source_label: str | None = None, target_label: str | None = None,
    degrees: dict[str, float] | None = None, hub: float = HUB_DEGREE,
) -> PathFound | None:
    """The shortest connection over any relationship, either direction (None: none found).

    A bidirectional breadth-first search by one-hop queries (``path_step``): each round
    expands the cheaper frontier by one level (both at once, in one query, while
    together they are cheap: ``JOINT``).  A frontier's cost is the relationships it is
    expected to touch: the sum of its nodes' ``degrees`` (each label's average degree;
    1 when not given).  A node of a label averaging more than ``hub`` relationships (an
    institution with thousands of members) is reached but never expanded: it can still
    be where the two sides meet, so the path found is the shortest one that crosses at
    most one hub (``passed_over`` lists the hubs left unexpanded).  The sides meet at the
    node with the least total distance (ties: the smaller id).

    The search is capped: it reads at most ``cap`` neighbour rows in all (each query is
    limited to what is left), and a search that reaches the cap stops; ``stopped``
    says how far it got.  The hops' types, evidence and the nodes' names are read once
    the path is known (``path_evidence``).
    """
    if source == target:
        return PathFound(nodes=[{"id": source}])
    registry = default_registry()
    a = _Side({source: None}, {source: 0}, [source])
    b = _Side({target: None}, {target: 0}, [target])
    info: dict[str, Row] = {}
    labels = {n: label for n, label in ((source, source_label), (target, target_label)) if label}
    read = 0
    weight = degrees or {}
    passed: dict[str, None] = {}

    def cost(side: _Side) -> float:
        return sum(weight.get(labels.get(n, ""), 1.0) for n in side.frontier)

    def prune(side: _Side) -> None:
        """Leave the hubs out of what the side expands next (its origin always goes)."""
        keep = []
        for n in side.frontier:
            if side.level and weight.get(labels.get(n, ""), 0.0) > hub:
                passed[n] = None
            else:
                keep.append(n)
        side.frontier = keep

    while a.frontier and b.frontier and a.level + b.level < max_hops:
        prune(a)
        prune(b)
        if not (a.frontier and b.frontier):
            break
        cost_a, cost_b = cost(a), cost(b)
        if cost_a + cost_b <= JOINT and a.level + b.level + 2 <= max_hops + 1:
            sides = [a, b]
        else:
            sides = [a if cost_a <= cost_b else b]
        owner = {n: side for side in sides for n in side.frontier}
        left = cap - read
        rows = registry.run(store, "path_step", _by_label(sorted(owner), labels), limit=left + 1)
        read += len(rows)
        if read > cap:
            return PathFound(passed_over=list(passed), stopped=(
                f"the search stopped at the cap of {cap} relationships read, within "
                f"{a.level} hops of one end and {b.level} of the other"
            ))
        rows.sort(key=lambda r: (str(r["target"]), str(r["id"]), not r["outgoing"]))
        new: dict[int, list[str]] = {id(side): [] for side in sides}
        for side in sides:
            side.level += 1
        for row in rows:
            node = row["id"]
            info.setdefault(node, row)
            labels.setdefault(node, row["label"])
            side = owner[row["target"]]
            if node in side.parents:
                continue
            side.parents[node] = (row["target"], row)
            side.dist[node] = side.level
            new[id(side)].append(node)
        for side in sides:
            side.frontier = new[id(side)]
        met = [n for side in sides for n in new[id(side)] if n in a.dist and n in b.dist]
        if met:
            best = min(met, key=lambda n: (a.dist[n] + b.dist[n], n))
            if a.dist[best] + b.dist[best] > max_hops:
                break
            found = _join(store, a, b, best, info, registry)
            found.passed_over = list(passed)
            return found
    return PathFound(passed_over=list(passed)) if passed else None


#: path_step's parameter for the ids of each label
_STEP_PARAMS = {"Person": "persons", "Role": "roles", "Team": "teams", "Product": "products",
                "Facility": "facilities", "Milestone": "milestones",
                "Institution": "institutions"}


def _by_label(ids: list[str], labels: dict[str, str]) -> dict[str, list[str]]:
    """path_step's parameters: each id under its label (an id of unknown label under all)."""
    params: dict[str, list[str]] = {p: [] for p in _STEP_PARAMS.values()}
    for node in ids:
        param = _STEP_PARAMS.get(labels.get(node, ""))
        for key in [param] if param else _STEP_PARAMS.values():
            params[key].append(node)
    return params


def _join(store: Store, a: _Side, b: _Side, meet: str, info: dict[str, Row],
          registry: Any) -> PathFound:
    """The path source..meet..target, with the stored direction and evidence of each hop."""
    left = _chain(a.parents, meet)  # step rows from the source out to meet
    right = _chain(b.parents, meet)  # step rows from the target out to meet
    start = next(n for n, link in a.parents.items() if link is None)
    ids = [start, *(str(r["id"]) for r in left), *(str(r["target"]) for r in reversed(right))]
    hops = [_hop(row) for row in [*left, *reversed(right)]]
    rows = registry.run(store, "path_evidence", hops=hops)
    rows.sort(key=lambda r: (str(r["source"]), str(r["target"]), str(r["type"])))
    by_hop: dict[tuple[str, str], Row] = {}
    names: dict[str, str] = {}
    for row in rows:
        by_hop.setdefault((row["source"], row["target"]), row)  # of several, the first type
        names.setdefault(row["source"], row["source_name"])
        names.setdefault(row["target"], row["target_name"])
    for h in hops:
        stored = by_hop.get((h["source"], h["target"])) or {}
        h["type"] = stored.get("type") or ""
        h["sources"] = stored.get("sources") or []
    nodes = [{"id": n, "label": (info.get(n) or {}).get("label"), "name": names.get(n)}
             for n in ids]
    return PathFound(nodes=nodes, hops=hops)


def _hop(row: Row) -> dict[str, Any]:
    """A step row as the stored relationship's ends ``{source, target}``.

    ``outgoing`` says whether the relationship leaves the frontier node (``target``).
    """
    near, far = str(row["target"]), str(row["id"])
    source, target = (near, far) if row["outgoing"] else (far, near)
    return {"source": source, "target": target}


def neighbourhood(
    store: Store, origin: str, depth: int, max_nodes: int
) -> tuple[list[str], str]:
    """The ids within ``depth`` relationships of ``origin`` (either direction), and a notice.

    Grows level by level (``path_step``); stops before a level that would pass
    ``max_nodes`` and says so in the notice.
    """
    registry = default_registry()
    seen = {origin}
    frontier = [origin]
    labels: dict[str, str] = {}
    notice = ""
    for hop in range(1, depth + 1):
        if not frontier:
            break
        rows = registry.run(store, "path_step", _by_label(frontier, labels), limit=1_000_000)
        labels.update({str(r["id"]): r["label"] for r in rows})
        new = sorted({str(r["id"]) for r in rows} - seen)
        if len(seen) + len(new) > max_nodes:
            notice = (
                f"Cut at depth {hop - 1}: depth {hop} would draw {len(seen) + len(new)} nodes, "
                f"more than {max_nodes}."
            )
            break
        seen.update(new)
        frontier = new
    return sorted(seen), notice
