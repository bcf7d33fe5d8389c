"""The org chart: the reporting lines as top-down trees of boxes, within a node budget.

Each box is a role (or a person, where the documents name only people) with its
holders in it.  The tops of the reporting lines come first, most direct reports
first, then their reports level by level while the budget lasts; a box whose reports
did not fit says how many it has ("+34 reports") and opens the chart under it.  With
room to spare, each team's roles that are in no reporting line are one box per team.
Whatever the organisation's size, the page draws at most the budget's boxes and the
store is asked only about what is drawn (:mod:`orggraph.graph.service.views`).
"""

from __future__ import annotations

import textwrap
from typing import Any

from orggraph.graph.service.common import run
from orggraph.graph.service.export import edge_record, node_record
from orggraph.graph.service.models import EntityRef
from orggraph.graph.service.resolver import resolver_for
from orggraph.graph.service.views import (
    Holder,
    Line,
    holders,
    label_of,
    nodes,
    report_tops,
    reports_of,
    team_members,
    top_teams,
    unlined_teams,
)
from orggraph.graph.stores.base import Store
from orggraph.graph.viz import treelayout
from orggraph.graph.viz.page import ViewGraph

#: the org chart draws at most this many boxes by default
ORG_BUDGET = 150
#: how deep the chart follows the reporting lines at most
MAX_LEVELS = 25
#: characters per line of a box's title, and lines of it
_TITLE_WIDTH, _TITLE_LINES = 21, 2
_NAME_WIDTH = 21


def _wrap(text: str, width: int, lines: int) -> list[str]:
    out = textwrap.wrap(text, width, break_long_words=True) or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def box_label(title: str, people: list[Holder], label: str, hidden: int) -> str:
    """A box's text: the title (two lines at most), who holds it, reports not drawn."""
    lines = _wrap(title, _TITLE_WIDTH, _TITLE_LINES)
    if label == "Role":
        if people:
            names = ", ".join(h.name for h in people[:2])
            more = f" +{len(people) - 2}" if len(people) > 2 else ""
            lines.append(_short(names, _NAME_WIDTH - len(more)) + more)
        else:
            lines.append("(vacant)")
    if hidden:
        lines.append(f"+{hidden} report{'s' if hidden != 1 else ''} ▸")
    return "\n".join(lines)


def _resolve_root(store: Store, ref: str) -> EntityRef:
    resolver = resolver_for(store)
    # a name of another label is a 404 whose hint says what it names (as the routes')
    return resolver.resolve_first(ref, ("Role", "Person", "Team"))


def _tops_of(store: Store, entity: EntityRef) -> list[Line]:
    """Where a rooted chart starts: the role; the roles a person holds (or the person,
    where lines run between people); a team's roles that report to none of its roles."""
    if entity.label == "Role":
        return [Line(entity.id, "Role", entity.name or entity.id, 0)]
    if entity.label == "Person":
        held = [Line(r["role_id"], "Role", r["title"] or r["role_id"], 0)
                for r in run(store, "person_roles", id=entity.id)]
        return held or [Line(entity.id, "Person", entity.name or entity.id, 0)]
    members = team_members(store, [entity.id])
    roles = [m.id for m in members]
    bosses: dict[str, list[str]] = {}
    for row in run(store, "role_chain_step", ids=roles) if roles else []:
        bosses.setdefault(row["target"], []).append(row["id"])
    inside = set(roles)
    return [Line(m.id, "Role", m.name, 0) for m in members
            if not any(b in inside for b in bosses.get(m.id, []))]


def org_chart(store: Store, root: str | None = None, max_nodes: int = ORG_BUDGET) -> ViewGraph:
    """The reporting lines top-down, at most ``max_nodes`` boxes (optionally under ``root``:
    a role, a person, or a team: its roles and who reports to them)."""
    if max_nodes < 2:
        raise ValueError(f"max_nodes must be at least 2, got {max_nodes}")
    entity: EntityRef | None = None
    if root:
        entity = _resolve_root(store, root)
        tops = _tops_of(store, entity)
        total_tops = len(tops)
    else:
        total_tops, tops = report_tops(store, max_nodes)
    budget = max_nodes - (1 if entity is None else 0)  # room for the "+N more lines" box

    shown: dict[str, Line] = {}
    kids: dict[str, list[str]] = {}
    cross: list[Line] = []
    hidden: dict[str, int] = {}
    roots: list[str] = []
    first = tops[: max(1, budget // 3)] if entity is None else tops[:budget]
    for top in first:
        shown[top.id] = top
        roots.append(top.id)
    frontier = list(roots)
    for _ in range(MAX_LEVELS):
        if not frontier:
            break
        below: dict[str, list[Line]] = {}
        for line in reports_of(store, frontier):
            below.setdefault(line.boss, []).append(line)
        nxt: list[str] = []
        for boss in frontier:
            children = below.get(boss, [])
            fresh = [c for c in dict((c.id, c) for c in children).values() if c.id not in shown]
            cross += [c for c in children if c.id in shown and c.id != boss]
            if not fresh:
                continue
            if len(shown) + len(fresh) > budget:
                hidden[boss] = len(fresh)
                continue
            for child in fresh:
                shown[child.id] = child
                kids.setdefault(boss, []).append(child.id)
                nxt.append(child.id)
        frontier = nxt
    else:
        for boss in frontier:
            if shown[boss].reports:
                hidden[boss] = shown[boss].reports
    for top in tops[len(first):]:  # more tops, collapsed, while room remains
        if len(shown) >= budget:
            break
        shown[top.id] = top
        roots.append(top.id)
        if top.reports:
            hidden[top.id] = top.reports

    loose: list[str] = []
    groups: list[dict[str, Any]] = []
    if entity is None and len(shown) < budget:
        room = budget - len(shown)
        teams = [t.id for t in top_teams(store, room)]
        for team in unlined_teams(store, teams)[:room]:
            groups.append(_unlined_box(team.id, team.name, team.roles, team.vacant))
            loose.append(groups[-1]["id"])
    extra = total_tops - sum(1 for r in roots if not shown[r].boss)
    if extra > 0:
        groups.append(_more_box(extra))
        loose.append(groups[-1]["id"])

    # the largest trees first: the organisation's top is the tree with most boxes under it
    size = {node: 1 for node in shown}
    for node in reversed(list(shown)):
        for child in kids.get(node, []):
            size[node] += size[child]
    rank = {r: i for i, r in enumerate(roots)}
    roots.sort(key=lambda r: (-size[r], rank[r]))
    bosses: dict[str, list[str]] = {}
    for c in cross:
        if c.boss in shown:
            bosses.setdefault(c.id, []).append(shown[c.boss].name)

    role_ids = [i for i, line in shown.items() if line.label == "Role"]
    held = holders(store, role_ids)
    records = {n["id"]: n for n in nodes(store, list(shown))}
    lay = treelayout.layout(roots, kids, loose)
    chart_nodes: list[dict[str, Any]] = []
    for node_id, line in shown.items():
        record = records.get(node_id) or node_record([line.label], {"id": node_id,
                                                                    "name": line.name})
        people = held.get(node_id, [])
        record["view"] = {
            "box": box_label(record["name"] or line.name, people, line.label,
                             hidden.get(node_id, 0)),
            "hidden": hidden.get(node_id, 0),
            "holders": [{"id": h.id, "name": h.name, "fte": h.fte} for h in people],
            "chart": node_id,
        }
        if node_id in bosses:
            record["view"]["caption"] = "also reports to " + ", ".join(bosses[node_id])
        chart_nodes.append(record)
    chart_nodes += groups
    edges = [
        edge_record(child, boss, "REPORTS_TO", {"sources": list(shown[child].sources)})
        for boss, children in kids.items() for child in children
    ]
    edges += [edge_record(c.id, c.boss, "REPORTS_TO", {"sources": list(c.sources)})
              for c in cross if c.boss in shown]
    title = "Org chart"
    if entity is not None:
        title = f"Org chart {'of' if entity.label == 'Team' else 'under'} {entity.name}"
    notes = []
    if hidden:
        notes.append(f"{len(hidden)} box{'es' if len(hidden) != 1 else ''} say how many "
                     "report to them: click one to open the chart under it")
    if extra > 0:
        notes.append(f"{extra:,} more reporting lines start elsewhere: find a role with the "
                     "search box of /viz to chart it")
    return ViewGraph(
        kind="org-chart",
        title=title,
        nodes=chart_nodes,
        edges=edges,
        focus=entity.id if entity is not None and entity.id in shown else None,
        layout="tree",
        positions=lay.centres,
        routes={f"{c}|{b}": pts for (c, b), pts in lay.routes.items()},
        notice="; ".join(notes) + ("." if notes else ""),
        max_nodes=max_nodes,
        start=roots[0] if roots else None,
        start_box=treelayout.extent(lay.centres, _under(roots[0], kids)) if roots else None,
    )


def _under(root: str, kids: dict[str, list[str]]) -> list[str]:
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(kids.get(node, []))
    return out


def _unlined_box(team: str, name: str, roles: tuple[tuple[str, str, int], ...],
                 vacant: int) -> dict[str, Any]:
    count = len(roles)
    what = f"{count} role{'s' if count != 1 else ''} in no reporting line"
    if vacant:
        what += f", {vacant} vacant"
    node = node_record(["Team"], {"id": f"unlined:{team}", "name": name})
    node["view"] = {
        "box": "\n".join([*_wrap(name, _TITLE_WIDTH, 2), *_wrap(what, _TITLE_WIDTH, 2)]),
        "group": "unlined",
        "count": count,
        "members": [{"id": r, "name": n, "note": "" if h else "vacant"} for r, n, h in roles],
        "chart": team,
        "entity": team,
    }
    return node


def _more_box(extra: int) -> dict[str, Any]:
    node = node_record([], {"id": "more:reporting-lines", "name": "More reporting lines"})
    node["view"] = {
        "box": f"+{extra:,} more\nreporting lines\n(find a role at /viz)",
        "group": "more",
        "count": extra,
    }
    return node


__all__ = ["ORG_BUDGET", "box_label", "label_of", "org_chart"]
