"""WBS element tables (WBS | Element | Lead ...): the organisation's units by WBS code.

Each row is a Team (an element of the work breakdown) PART_OF the row whose code is
its code's parent ('3.10' under '3', '1.02C.03' under '1.02C'); a lead column gives
LEADS.  Roles listed under a code below a team's (a role '3.10b' and the element
'3.10') are its members where nothing else says which team they belong to (see the
pipeline's inference).
"""

from __future__ import annotations

import re

from .duties import strip_team_word
from .facts import Extracted, Mention
from .names import parse_person, split_names
from .tables import Table
from .text import squash

ELEMENT_WORDS = 10
_LETTER = re.compile(r"^(?P<stem>.*\d)[a-z]$")


def parent_code(code: str) -> str:
    """The code one level up: '3.10' -> '3', '3.1a' -> '3.1', '1.02C.03' -> '1.02C'."""
    m = _LETTER.match(code)
    if m:
        return m.group("stem")
    return code.rsplit(".", 1)[0] if "." in code else ""


def within(code: str, unit: str) -> bool:
    """Is WBS ``code`` at or below ``unit`` ('3.10b' and '3.10.2' are within '3.10')?"""
    if code == unit:
        return True
    if not code.startswith(unit):
        return False
    nxt = code[len(unit)]
    return nxt == "." or (nxt.isalpha() and not unit[-1].isalpha())


def extract_wbs_table(ex: Extracted, table: Table) -> None:
    """Teams by WBS code, PART_OF by code lineage, LEADS from a lead column."""
    by_code: dict[str, Mention] = {}
    for row in table.rows:
        code = row.cells.get("wbs", "").strip().rstrip(".")
        name = strip_team_word(squash(row.cells.get("team", "")))
        if not code or not name or len(name.split()) > ELEMENT_WORDS:
            ex.skip(
                row.line, "WBS row without a code and a short element name", ex.doc.quote(row.line)
            )
            continue
        team = ex.mention(
            "Team",
            name,
            row.line,
            name,
            props={"wbs": code, "_rank": 2},
            table=table.key(ex.doc.name),
            row=row.line,
        )
        by_code[code] = team
        up = parent_code(code)
        while up and up not in by_code:
            up = parent_code(up)
        if up:
            ex.fact("PART_OF", team, by_code[up], row.line, ex.doc.quote(row.line))
        for text in split_names(row.cells.get("manager", "")):
            person = parse_person(text)
            if person is not None and person.kind in ("full", "given_initial"):
                lead = ex.mention("Person", text.strip(), row.line, text.strip())
                ex.fact("LEADS", lead, team, row.line, ex.doc.quote(row.line))
