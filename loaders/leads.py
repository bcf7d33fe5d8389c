"""Lead tables (Team, Lead): who leads each team, as the table states it."""

from __future__ import annotations

from .duties import strip_team_word
from .facts import Extracted
from .names import parse_person, split_names
from .tables import Table


def extract_leads_table(ex: Extracted, table: Table) -> None:
    """LEADS for every person a team row names as its lead."""
    for row in table.rows:
        team_cell = row.cells.get("team", "").strip()
        team_name = strip_team_word(team_cell)
        if not team_name:
            ex.skip(row.line, "lead row without a team", ex.doc.quote(row.line))
            continue
        team = ex.mention("Team", team_name, row.line, team_cell, props={"_rank": 2})
        for text in split_names(row.cells.get("manager", "")):
            name = parse_person(text)
            if name is None or name.kind not in ("full", "given_initial"):
                continue
            person = ex.mention("Person", text.strip(" ?"), row.line, text.strip(" ?"))
            ex.fact("LEADS", person, team, row.line, ex.doc.quote(row.line))
