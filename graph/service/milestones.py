"""Answers about milestones: the list by team, dates and level, and one milestone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from orggraph.graph.service.common import run, text
from orggraph.graph.service.models import EntityRef, Milestone, MilestoneList
from orggraph.graph.service.resolver import resolve
from orggraph.graph.service.shaping import evidence, linked, merge_links
from orggraph.graph.stores.base import Row, Store


def _milestone(row: Row) -> Milestone:
    level: Any = row.get("level")
    return Milestone(
        id=row["id"], name=row.get("name"), jira_id=text(row.get("jira_id")),
        rubin_id=text(row.get("rubin_id")), due=text(row.get("due")),
        level=level if isinstance(level, int | str) else None,
        teams=merge_links(linked(t, "Team") for t in row.get("team_refs") or [] if t),
        evidence=evidence(row.get("sources")),
    )


def _iso(value: dt.date | str | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(value).isoformat()  # ValueError names a bad date


def milestones(
    store: Store,
    team: str | EntityRef | None = None,
    before: dt.date | str | None = None,
    after: dt.date | str | None = None,
    level: int | None = None,
) -> MilestoneList:
    """Milestones of a team, due in a date range, at a level; soonest first."""
    team_id = resolve(store, team, "Team").id if team else None
    rows = run(store, "milestones", team=team_id, before=_iso(before), after=_iso(after),
               level=level)
    items = [_milestone(r) for r in rows]
    return MilestoneList(count=len(items), items=items)


def milestone(store: Store, ref: str | EntityRef) -> Milestone:
    """One milestone: due date, level, identifiers and the teams responsible."""
    found = resolve(store, ref, "Milestone")
    rows = run(store, "milestone", id=found.id)
    if not rows:
        return Milestone(id=found.id, name=found.name)
    return _milestone(rows[0])
