"""The whole graph, within a node budget: every node when it fits, else an overview.

When the chosen labels hold at most the budget's nodes, every node is drawn, and the
nodes with no relationship drawn are gathered into one node per label ("52 products
with no relationship").  Above the budget the page draws the organisation's top
levels instead: each team as one node (its roles and their holders folded in, with
counts), each product or facility with parts as one node (its parts folded in), the
nodes most connected to those, and one "+N more" node per label for the rest; the
relationships between what is drawn are drawn once per type with their count.  Every
read is bounded by the budget (:mod:`orggraph.graph.service.views`), so the overview
costs the same at 50,000 people as at 50.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from orggraph.graph.model import LABELS, REL_TYPES
from orggraph.graph.service.export import node_record
from orggraph.graph.service.views import (
    Group,
    Member,
    edges_between,
    group_parts,
    label_counts,
    label_nodes,
    label_of,
    links,
    nodes,
    product_groups,
    team_members,
    top_teams,
)
from orggraph.graph.stores.base import Store
from orggraph.graph.viz.page import ViewGraph, plural

#: the whole-graph page draws at most this many nodes by default
GRAPH_BUDGET = 200
#: Document nodes have no relationships: the whole graph leaves them out by default
DEFAULT_LABELS = [label for label in LABELS if label != "Document"]
#: shares of the budget: teams, product groups
_TEAM_SHARE, _GROUP_SHARE = 0.35, 0.15
#: loose nodes with no relationship drawn are gathered when there are at least this many
_GATHER_FROM = 3
#: each node keeps at most this many of its strongest aggregated relationships
_EDGES_PER_NODE = 3
#: rows of the links read per label and direction at most
_LINK_ROWS = 20_000
def check(values: list[str] | None, known: list[str], what: str) -> list[str]:
    chosen = list(dict.fromkeys(v for v in values or [] if v))
    unknown = [v for v in chosen if v not in known]
    if unknown:
        raise ValueError(f"unknown {what} {unknown[0]!r}: use {', '.join(known)}")
    return chosen


def whole_graph(
    store: Store,
    labels: list[str] | None = None,
    types: list[str] | None = None,
    max_nodes: int = GRAPH_BUDGET,
) -> ViewGraph:
    """Every node of the chosen labels when they fit in ``max_nodes``, else the overview."""
    chosen_labels = check(labels, list(LABELS), "label") or DEFAULT_LABELS
    chosen_types = check(types, list(REL_TYPES), "relationship type") or list(REL_TYPES)
    if max_nodes < 10:
        raise ValueError(f"max_nodes must be at least 10, got {max_nodes}")
    counts = label_counts(store)
    total = sum(counts.get(label, 0) for label in chosen_labels)
    view = ViewGraph(
        kind="graph", title="The whole graph", label_counts=counts,
        labels=chosen_labels, types=chosen_types, max_nodes=max_nodes,
    )
    if chosen_labels != DEFAULT_LABELS or chosen_types != list(REL_TYPES):
        view.title = "The graph: " + ", ".join(chosen_labels)
    if total <= max_nodes:
        found = label_nodes(store, chosen_labels, max_nodes)
        view.edges = edges_between(store, [n["id"] for n in found], chosen_types)
        view.nodes = _gather_isolated(found, view.edges)
        gathered = len(found) - sum(1 for n in view.nodes if not (n.get("view") or {}))
        if gathered:
            view.notice = (f"{gathered} nodes with no relationship drawn are gathered by "
                           "label: click one of those nodes for the list.")
        return view
    return _overview(store, view, counts, total)


def _gather_isolated(
    found: list[dict[str, Any]], edges: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """``found`` with its nodes that no edge touches gathered into one node per label."""
    linked = {e["source"] for e in edges} | {e["target"] for e in edges}
    alone: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in found:
        if node["id"] not in linked and not (node.get("view") or {}):
            alone[node["labels"][0] if node["labels"] else ""].append(node)
    gathered = {label for label, group in alone.items() if len(group) >= _GATHER_FROM}
    out = [n for n in found if n["id"] in linked or (n["labels"] or [""])[0] not in gathered
           or (n.get("view") or {})]
    for label in sorted(gathered):
        group = alone[label]
        out.append(summary_node(
            f"isolated:{label.lower()}", label,
            f"{len(group)} {plural(label, len(group))}", "with no relationship",
            len(group), "isolated",
            members=[{"id": n["id"], "name": n["name"] or n["id"]} for n in group],
            expand=f"isolated:{label}",
        ))
    return out


def summary_node(
    node_id: str, label: str, name: str, caption: str, count: int, kind: str,
    members: list[dict[str, Any]] | None = None, expand: str | None = None,
) -> dict[str, Any]:
    """A node standing for many: ``kind`` is isolated, more, team or parts."""
    node = node_record([label], {"id": node_id, "name": name})
    node["view"] = {"group": kind, "count": count, "caption": caption,
                    "members": members or []}
    if expand:
        node["view"]["expand"] = expand
    return node


def _overview(store: Store, view: ViewGraph, counts: dict[str, int], total: int) -> ViewGraph:
    chosen = set(view.labels)
    budget = view.max_nodes
    teams: list[Group] = (
        top_teams(store, max(1, int(budget * _TEAM_SHARE))) if "Team" in chosen else []
    )
    groups: list[Group] = []
    if chosen & {"Product", "Facility"}:
        groups = [g for g in product_groups(store, max(1, int(budget * _GROUP_SHARE)))
                  if g.label in chosen]

    # what each drawn group folds in
    owner: dict[str, str] = {}  # member id -> its group's id
    members: dict[str, list[Member]] = defaultdict(list)
    people: dict[str, set[str]] = defaultdict(set)
    for member in team_members(store, [t.id for t in teams]) if chosen & {"Role", "Person"} else []:
        if "Role" in chosen:
            owner.setdefault(member.id, member.group)
        members[member.group].append(member)
        for person, _ in member.holders:
            people[member.group].add(person)
            if "Person" in chosen:
                owner.setdefault(person, member.group)
    group_ids = {g.id for g in [*teams, *groups]}
    for part in group_parts(store, [g.id for g in groups]):
        if part.id not in group_ids:
            owner.setdefault(part.id, part.group)
        members[part.group].append(part)

    # the loose nodes: whole labels when small, else the most connected to the groups
    room = max(0, budget - len(teams) - len(groups))
    folded = Counter(label_of(m) for m in owner)
    drawn_groups = {t.id for t in teams} | {g.id for g in groups}
    loose: dict[str, dict[str, Any]] = {}
    rest = {label: counts.get(label, 0) - folded.get(label, 0)
            - sum(1 for g in drawn_groups if label_of(g) == label)
            for label in chosen}
    whole: list[str] = []  # the labels drawn whole: the smallest first, while they fit
    for label in sorted(chosen, key=lambda lb: (rest[lb], lb)):
        if rest[label] > 0 and sum(rest[w] for w in whole) + rest[label] <= room:
            whole.append(label)
    if whole:
        limit = max(counts.get(label, 0) for label in whole)
        for node in label_nodes(store, whole, limit):
            if node["id"] not in owner and node["id"] not in drawn_groups:
                loose[node["id"]] = node
    member_links = links(store, list(owner) + list(drawn_groups), _LINK_ROWS)
    # the nodes most connected to the groups: joined to two of them at least (one joined
    # to a single group adds nothing to an overview: it is counted in that group instead)
    weight: Counter[str] = Counter()
    neighbours: dict[str, set[str]] = defaultdict(set)
    for link in member_links:
        if link.far_label in chosen and link.far not in owner and link.far not in drawn_groups:
            weight[link.far] += 1
            neighbours[link.far].add(owner.get(link.near, link.near))
    for far, _ in sorted(weight.items(), key=lambda kv: (-len(neighbours[kv[0]]), -kv[1], kv[0])):
        if len(loose) >= room or len(neighbours[far]) < 2:
            break
        loose.setdefault(far, {})
    loose_nodes = {n["id"]: n for n in nodes(store, [k for k, v in loose.items() if not v])}
    loose = {k: (v or loose_nodes.get(k, {})) for k, v in loose.items()}
    loose = {k: v for k, v in loose.items() if v}
    # between loose nodes: their outgoing relationships only (a hub's are all incoming)
    among = edges_between(store, list(loose), view.types)

    # the relationships between what is drawn, once per type, counted
    def drawn(node_id: str) -> str | None:
        if node_id in drawn_groups or node_id in loose:
            return node_id
        return owner.get(node_id)

    pairs: Counter[tuple[str, str, str]] = Counter()  # (from, type, to) -> relationships
    seen: set[tuple[str, str, str]] = set()
    ends = [((lk.near, lk.far) if lk.outgoing else (lk.far, lk.near)) + (lk.type,)
            for lk in member_links]
    ends += [(e["source"], e["target"], e["type"]) for e in among]
    for source, target, rel in ends:
        if rel not in view.types:
            continue
        key = (source, rel, target)
        if key in seen:
            continue
        seen.add(key)
        a, b = drawn(source), drawn(target)
        if a is None or b is None or a == b:
            continue
        pairs[(a, rel, b)] += 1

    records = {n["id"]: n for n in nodes(store, sorted(drawn_groups))}
    out: list[dict[str, Any]] = []
    for group in [*teams, *groups]:
        out.append(_group_node(group, records.get(group.id), members[group.id],
                               len(people[group.id])))
    out += list(loose.values())
    view.edges = _strongest(pairs)
    out = _gather_isolated(out, view.edges)
    accounted: Counter[str] = Counter(folded)
    for n in out:
        extra = n.get("view") or {}
        label = (n["labels"] or [""])[0]
        accounted[label] += int(extra.get("count") or 0) if extra.get("group") == "isolated" else 1
    view.not_drawn = {label: counts.get(label, 0) - accounted.get(label, 0)
                      for label in sorted(chosen) if counts.get(label, 0) > accounted.get(label, 0)}
    view.nodes = out
    parts = [f"{len(teams)} of {counts.get('Team', 0):,} teams" if teams else "",
             f"{len(groups)} product groups" if groups else ""]
    view.title = "The whole graph: an overview"
    view.notice = (
        f"The graph holds {total:,} nodes, more than the {budget} this page draws: "
        + (", ".join(p for p in parts if p) + " are drawn as one node each (click for their "
           "members and views), " if any(parts) else "")
        + "with the nodes most connected to them; a relationship drawn once stands for "
        "its count."
    )
    return view


def _strongest(pairs: Counter[tuple[str, str, str]]) -> list[dict[str, Any]]:
    """The aggregated relationships worth drawing, one edge per pair of drawn nodes (its
    type the commonest, its count all of them): each node keeps its ``_EDGES_PER_NODE``
    strongest (an edge stays while either end still wants it), so a hub joined to every
    team does not turn the page into a hairball."""
    by_pair: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for (a, t, b), n in pairs.items():
        by_pair[(a, b)][t] += n
    kept: list[dict[str, Any]] = []
    degree: Counter[str] = Counter()
    ranked = sorted(by_pair.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    for (a, b), types in ranked:
        if degree[a] >= _EDGES_PER_NODE and degree[b] >= _EDGES_PER_NODE:
            continue
        degree[a] += 1
        degree[b] += 1
        kind = types.most_common(1)[0][0]
        kept.append({"source": a, "target": b, "type": kind, "count": sum(types.values()),
                     "properties": {"types": dict(sorted(types.items()))} if len(types) > 1
                     else {}, "sources": []})
    kept.sort(key=lambda e: (e["source"], e["type"], e["target"]))
    return kept


def _group_node(group: Group, record: dict[str, Any] | None, folded: list[Member],
                people: int) -> dict[str, Any]:
    node = record or node_record([group.label], {"id": group.id, "name": group.name})
    if group.label == "Team":
        roles = sum(1 for m in folded if m.label == "Role")
        caption = f"{roles} role{'s' if roles != 1 else ''} · {people} " + (
            "person" if people == 1 else "people")
        kind = "team"
    else:
        caption = f"{len(folded)} part{'s' if len(folded) != 1 else ''}"
        kind = "parts"
    node["view"] = {
        "group": kind,
        "count": max(1, len(folded)),
        "caption": caption,
        "members": [{"id": m.id, "name": m.name,
                     "note": ", ".join(n for _, n in m.holders) if m.holders else ""}
                    for m in folded],
        "entity": group.id,
        "expand": group.id,
    }
    if kind == "team":
        node["view"]["chart"] = group.id
    return node
