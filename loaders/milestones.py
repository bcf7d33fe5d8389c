"""Milestone tables (Milestone, Jira ID, Rubin ID, Due Date, Level, Team).

Each row is a Milestone (ids kept as aliases so prose can cite them); the Team column
gives RESPONSIBLE_FOR.  Rows that run over several lines were joined by the table reader.
"""

from __future__ import annotations

import re
from datetime import datetime

from .duties import strip_team_word
from .facts import Extracted
from .tables import Table
from .text import squash

_MILESTONE_ID = re.compile(r"^[A-Z]\d-[A-Z]{2,4}-\d{3,4}$")
_DEP_SPLIT = re.compile(r"\s*(?:[,;/]|\band\b)\s*")
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%Y/%m/%d",
    "%d %b %Y",
    "%d %B %Y",
    "%b %Y",
    "%B %Y",
)


def iso_date(text: str) -> str:
    """'2021-01-31' / '31 Jan 2021' / 'Jan 2021' -> ISO date; '' when unreadable."""
    text = squash(text)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return ""


def extract_milestones_table(ex: Extracted, table: Table) -> None:
    """Mentions and facts of one milestones table."""
    if not table.rows:
        ex.skip(table.header_line, "milestone table has no rows")
        return
    for row in table.rows:
        c = row.cells
        name = squash(c.get("milestone", ""))
        if not name:
            ex.skip(row.line, "milestone row without a name", ex.doc.quote(row.line))
            continue
        props: dict = {}
        aliases = []
        for key, prop in (("jira", "jira_id"), ("rubin", "rubin_id")):
            value = squash(c.get(key, ""))
            if value:
                props[prop] = value
                aliases.append(value)
        due_text = squash(c.get("due", ""))
        due = iso_date(due_text)
        if due:
            props["due"] = due
        elif due_text:
            props["due_text"] = due_text
            ex.skip(
                row.line,
                f"due date '{due_text}' is not a date; kept as text",
                ex.doc.quote(row.line),
            )
        level = squash(c.get("level", ""))
        if level.isdigit():
            props["level"] = int(level)
        elif level:
            props["level"] = level
        first = ex.doc.lines[row.line - 1].split("\t")[0].strip()
        milestone = ex.mention(
            "Milestone",
            name,
            row.line,
            first,
            props=props,
            aliases=tuple(aliases),
            table=table.key(ex.doc.name),
            row=row.line,
        )
        for dep in _DEP_SPLIT.split(squash(c.get("depends", ""))):
            if dep and dep not in (props.get("rubin_id"), props.get("jira_id"), name):
                # an id names a milestone even where no row of this document defines it
                known = bool(_MILESTONE_ID.match(dep))
                target = ex.mention(
                    "Milestone",
                    dep,
                    row.line,
                    dep,
                    weak=not known,
                    props={"rubin_id": dep} if known else {},
                )
                ex.fact("DEPENDS_ON", milestone, target, row.line, ex.doc.quote(row.line))
        team_text = strip_team_word(squash(c.get("team", "")))
        if not team_text and "team" not in table.columns and row.group is not None:
            team_text = strip_team_word(squash(row.group.text))
        if team_text:
            first_team = ex.doc.lines[row.line - 1].split("\t")[-1].strip()
            team = ex.mention("Team", team_text, row.line, first_team)
            ex.fact("RESPONSIBLE_FOR", team, milestone, row.line, "")
        else:
            ex.skip(row.line, "milestone row names no team", ex.doc.quote(row.line))
        if re.search(r"\b(?:TBD|\?)\b", name):
            ex.skip(row.line, "milestone name is marked as undecided", name)
