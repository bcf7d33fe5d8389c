"""Bounded reads for the views: counts, the largest groups, their members, reporting lines.

Every read here costs what the page draws, not what the graph holds: counts are labelled
counts (the label's own index), lookups pass each id under its label (an indexed
lookup; ``MATCH (n) WHERE n.id IN ...`` reads every node), lists are ranked and
limited in the engine.  The views (:mod:`orggraph.graph.viz`) choose what to draw from
these answers within their node budget.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from orggraph.graph.model import LABELS
from orggraph.graph.service.common import run
from orggraph.graph.service.export import edge_record, node_record
from orggraph.graph.service.shaping import as_float
from orggraph.graph.stores.base import Store

#: the parameter of the labelled queries that carries the ids of each label
LABEL_PARAM: dict[str, str] = {
    "Person": "persons", "Role": "roles", "Team": "teams", "Product": "products",
    "Facility": "facilities", "Milestone": "milestones", "Institution": "institutions",
    "Document": "documents",
}
_PREFIX = {label.lower(): label for label in LABELS}


def label_of(node_id: str) -> str | None:
    """The label an id names (``product:qserv`` -> Product); None for a foreign id."""
    return _PREFIX.get(node_id.partition(":")[0])


def by_label(ids: Iterable[str], labels: Iterable[str] = LABELS) -> dict[str, list[str]]:
    """The labelled queries' parameters: each id under its label's parameter.

    An id whose prefix names no label goes under every label (a foreign id still
    resolves, at the cost of one lookup per label).
    """
    wanted = [label for label in labels if label in LABEL_PARAM]
    params: dict[str, list[str]] = {LABEL_PARAM[label]: [] for label in wanted}
    for node_id in dict.fromkeys(ids):
        label = label_of(node_id)
        if label is None:
            for key in params:
                params[key].append(node_id)
        elif label in wanted:
            params[LABEL_PARAM[label]].append(node_id)
    return params


def label_counts(store: Store) -> dict[str, int]:
    """Nodes per label (every label of the model, zero included)."""
    counts = {label: 0 for label in LABELS}
    counts.update({r["label"]: int(r["count"]) for r in run(store, "viz_label_counts")})
    return counts


def nodes(store: Store, ids: Iterable[str]) -> list[dict[str, Any]]:
    """The contract-shaped nodes with these ids (absent ones left out), in id order."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    rows = run(store, "viz_node_props", **by_label(wanted))
    found = {r["props"].get("id"): node_record(r["labels"], r["props"]) for r in rows}
    return [found[i] for i in sorted(found)]


def label_nodes(store: Store, labels: list[str], limit: int) -> list[dict[str, Any]]:
    """Every node of ``labels``, at most ``limit`` per label, contract-shaped."""
    if not labels:
        return []
    rows = run(store, "viz_label_nodes", labels=labels, limit=limit)
    return [node_record(r["labels"], r["props"]) for r in rows]


def edges_between(
    store: Store, ids: Iterable[str], types: list[str] | None = None
) -> list[dict[str, Any]]:
    """The contract-shaped relationships whose two ends are both among ``ids``."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    rows = run(store, "viz_edges_between", ids=wanted, types=types or [],
               **by_label(wanted, [lb for lb in LABELS if lb != "Document"]))
    rows.sort(key=lambda r: (str(r["source"]), str(r["type"]), str(r["target"])))
    return [edge_record(r["source"], r["target"], r["type"], r["props"]) for r in rows]


def induced(
    store: Store, ids: Iterable[str], types: list[str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The subgraph induced by ``ids``: their nodes and the relationships among them."""
    found = nodes(store, ids)
    return {"nodes": found, "edges": edges_between(store, [n["id"] for n in found], types)}


@dataclass(frozen=True, slots=True)
class Link:
    """One relationship of a node asked about: ``near`` is that node, ``far`` the other end."""

    near: str
    far: str
    far_label: str
    far_name: str
    type: str
    outgoing: bool


def links(store: Store, ids: Iterable[str], limit: int = 5000) -> list[Link]:
    """The relationships of ``ids`` in each direction, at most ``limit`` per label and way."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    params = by_label(wanted, [lb for lb in LABELS if lb != "Document"])
    rows = run(store, "viz_links", limit=limit, **params)
    return [
        Link(str(r["target"]), str(r["id"]), str(r["label"]), str(r["name"] or r["id"]),
             str(r["type"]), bool(r["outgoing"]))
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class Group:
    """A team, or a product or facility with parts: drawn by the overview as one node."""

    id: str
    label: str
    name: str
    size: int  # member roles (a team) or direct parts
    parents: tuple[str, ...] = ()


def top_teams(store: Store, limit: int) -> list[Group]:
    """Top-level teams before sub-teams, larger (member roles) before smaller."""
    return [
        Group(r["id"], "Team", r["name"] or r["id"], int(r["roles"]), tuple(r["parents"] or ()))
        for r in run(store, "viz_top_teams", limit=limit)
    ]


def product_groups(store: Store, limit: int) -> list[Group]:
    """Products and facilities with parts: top-level groups first, larger first."""
    rows = run(store, "viz_product_groups", limit=limit)
    return [
        Group(r["id"], r["label"], r["name"] or r["id"], int(r["parts"]),
              tuple(r["parents"] or ()))
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class Member:
    """A member of a group: a team's role (with its holders) or a group's part."""

    group: str
    id: str
    label: str
    name: str
    holders: tuple[tuple[str, str], ...] = ()  # (person id, name) of a role


def team_members(store: Store, teams: list[str], limit: int = 5000) -> list[Member]:
    """The roles of ``teams`` with their holders."""
    if not teams:
        return []
    return [
        Member(r["team"], r["id"], "Role", r["name"] or r["id"],
               tuple((h["id"], h["name"] or h["id"]) for h in r["holders"] or [] if h))
        for r in run(store, "viz_team_members", teams=teams, limit=limit)
    ]


def group_parts(store: Store, groups: list[str], limit: int = 5000) -> list[Member]:
    """The direct parts of the given products and facilities."""
    if not groups:
        return []
    params = by_label(groups, ["Product", "Facility"])
    return [
        Member(r["group"], r["id"], r["label"], r["name"] or r["id"])
        for r in run(store, "viz_group_parts", limit=limit, **params)
    ]


@dataclass(frozen=True, slots=True)
class Line:
    """A node in the reporting lines: a top (``boss`` empty) or someone reporting to ``boss``."""

    id: str
    label: str
    name: str
    reports: int  # direct reports
    boss: str = ""
    sources: tuple[Any, ...] = ()


def report_tops(store: Store, limit: int) -> tuple[int, list[Line]]:
    """How many tops the reporting lines have, and the ``limit`` with most direct reports."""
    total = 0
    tops: list[Line] = []
    for row in run(store, "viz_report_roots", limit=limit):
        total += int(row["total"])
        tops += [Line(t["id"], t["label"], t["name"] or t["id"], int(t["reports"]))
                 for t in row["top"] or []]
    tops.sort(key=lambda t: (-t.reports, t.id))
    return total, tops[:limit]


def reports_of(store: Store, ids: list[str]) -> list[Line]:
    """Who reports directly to ``ids`` (roles or people), each with their own report count."""
    if not ids:
        return []
    params = by_label(ids, ["Role", "Person"])
    return [
        Line(r["id"], r["label"], r["name"] or r["id"], int(r["reports"]), str(r["target"]),
             tuple(r["sources"] or ()))
        for r in run(store, "viz_reports_step", **params)
    ]


@dataclass(frozen=True, slots=True)
class Holder:
    id: str
    name: str
    fte: float | None
    sources: tuple[Any, ...] = ()


def holders(store: Store, roles: list[str]) -> dict[str, list[Holder]]:
    """Who holds each of ``roles`` (a role nobody holds is absent)."""
    out: dict[str, list[Holder]] = {}
    if not roles:
        return out
    for r in run(store, "viz_holders", roles=roles):
        out.setdefault(r["role"], []).append(
            Holder(r["id"], r["name"] or r["id"], as_float(r.get("fte")), tuple(r["sources"] or ()))
        )
    return out


@dataclass(frozen=True, slots=True)
class Unlined:
    """A team's roles that are in no reporting line, with how many hold each."""

    id: str
    name: str
    roles: tuple[tuple[str, str, int], ...] = field(default_factory=tuple)  # id, name, held

    @property
    def vacant(self) -> int:
        return sum(1 for _, _, held in self.roles if not held)


def unlined_teams(store: Store, teams: list[str]) -> list[Unlined]:
    """For each of ``teams`` that has any, its roles outside the reporting lines."""
    if not teams:
        return []
    return [
        Unlined(r["id"], r["name"] or r["id"],
                tuple((m["id"], m["name"] or m["id"], int(m["held"])) for m in r["members"]))
        for r in run(store, "viz_unlined_teams", teams=teams)
    ]
