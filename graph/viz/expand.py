"""A group node's members, as vis-network records the overview page draws in place.

A group node of the overview stands for a team (its roles and their holders), a
product or facility with parts (its direct parts), or the nodes of one label with
no relationship (``isolated:<Label>``).  Expanding it reads those members, at most
:data:`EXPAND_BUDGET` of them, and the relationships among them and the group.
"""

from __future__ import annotations

from typing import Any

from orggraph.graph.model import LABELS
from orggraph.graph.refs import RefNotFound
from orggraph.graph.service.views import (
    edges_between,
    group_parts,
    label_nodes,
    label_of,
    links,
    nodes,
    team_members,
)
from orggraph.graph.stores.base import Store
from orggraph.graph.viz.page import ViewGraph, build_network

#: an expansion draws at most this many members
EXPAND_BUDGET = 150
_ISOLATED = "isolated:"


def _isolated(store: Store, label: str, budget: int) -> tuple[list[str], int]:
    """Up to ``budget`` nodes of ``label`` with no relationship, and how many were read."""
    found = [n["id"] for n in label_nodes(store, [label], budget * 4)]
    linked = {lk.near for lk in links(store, found, len(found) * 4 + 10)}
    alone = [i for i in found if i not in linked]
    return alone[:budget], len(alone)


def members_of(store: Store, ref: str, budget: int = EXPAND_BUDGET) -> tuple[list[str], int]:
    """The ids a group node stands for (at most ``budget``) and their total.

    Raises :class:`RefNotFound` when ``ref`` names no group: not a team, not a product
    or facility with parts, not ``isolated:<Label>`` of a label of the model.
    """
    if ref.startswith(_ISOLATED):
        label = ref[len(_ISOLATED):]
        known = {lb.lower(): lb for lb in LABELS}
        if label.lower() not in known:
            raise RefNotFound(ref, "group", [f"{_ISOLATED}{lb}" for lb in LABELS])
        return _isolated(store, known[label.lower()], budget)
    label = label_of(ref)
    ids: list[str] = []
    if label == "Team":
        for member in team_members(store, [ref]):
            ids.append(member.id)
            ids += [person for person, _ in member.holders]
    elif label in ("Product", "Facility"):
        ids = [part.id for part in group_parts(store, [ref])]
    if not ids and not nodes(store, [ref]):
        raise RefNotFound(ref, "group", [])
    ids = list(dict.fromkeys(i for i in ids if i != ref))
    return ids[:budget], len(ids)


def expand_group(store: Store, ref: str, api_base: str = "",
                 budget: int = EXPAND_BUDGET) -> dict[str, Any]:
    """The members of the group node ``ref`` and their relationships, as the page's
    vis-network records: ``{"group", "nodes", "edges", "total", "drawn"}``."""
    ids, total = members_of(store, ref, budget)
    found = nodes(store, ids)
    present = {n["id"] for n in found}
    group = [] if ref.startswith(_ISOLATED) or ref in present else [ref]
    edges = edges_between(store, [*present, *group])
    # the group node is on the page already: a stand-in lets its edges be built
    stand_in = [{"id": g, "labels": [label_of(g) or ""], "name": g} for g in group]
    net = build_network(ViewGraph(kind="graph", title="members", nodes=[*found, *stand_in],
                                  edges=edges), api_base)
    edge_records: dict[str, dict[str, Any]] = {}
    for record in net.edges:
        # ids unique across expansions: the page's own edges are e0, e1, ...
        record["id"] = f"x|{record['from']}|{record['rel']}|{record['to']}"
        edge_records[record["id"]] = record
    return {"group": ref, "nodes": [r for r in net.nodes if r["id"] in present],
            "edges": list(edge_records.values()), "total": total, "drawn": len(present)}
