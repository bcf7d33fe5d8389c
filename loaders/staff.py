"""Staff tables (WBS, Team, Role Title, Role Description, Institution, FTE, Staff).

One role may span several rows (one per holder); rows without staff are vacancies.
Each staffed row gives HOLDS (fte, institution) and AFFILIATED_WITH; a lead role's
holder LEADS the team its description or row names (inferred).
"""

from __future__ import annotations

import re

from .duties import group_of_leader, is_lead_title, led_team, split_site, strip_team_word
from .facts import Extracted, Mention
from .lexicon import Lexicon
from .names import parse_person, split_names
from .roles import (
    checked_title,
    description_facts,
    fix_wbs_codes,
    group_team,
    role_mention,
    site_fact,
)
from .tables import Table

_VACANT = re.compile(r"^\s*(?:|tbd|tbc|vacant|open|new hire|hire|-+|\?)\s*$", re.IGNORECASE)


def parse_fte(text: str) -> float | None:
    """'0.25' -> 0.25; None when the cell holds no number."""
    m = re.search(r"\d*\.?\d+", text or "")
    return float(m.group(0)) if m else None


def extract_staff_table(ex: Extracted, table: Table, lex: Lexicon) -> None:
    """Mentions and facts of one staff table."""
    if not table.rows:
        ex.skip(table.header_line, "staff table has no rows")
        return
    fix_wbs_codes(ex, table)
    roles: dict[str, Mention] = {}
    vacancies: dict[str, int] = {}
    described: set[str] = set()
    for row in table.rows:
        c = row.cells
        title = checked_title(ex, row, "staff row", "ignored in staff row", "a role title")
        if title is None:
            continue
        role = role_mention(ex, table, row, title, key_cells=3)
        key = title.lower()
        roles.setdefault(key, role)
        team_name = strip_team_word(c.get("team", ""))
        team = ex.mention("Team", team_name, row.line, c.get("team", "")) if team_name else None
        if team is None:
            team = group_team(ex, row)
            team_name = team.text if team else ""
        if team:
            ex.fact("MEMBER_OF", role, team, row.line, ex.head(row.line, 3))
        site_fact(ex, role, title, row.line, lex)
        desc = c.get("description", "")
        if key not in described:
            described.add(key)
            description_facts(ex, role, desc, row.line, lex)
        staff_cell = c.get("staff", "").strip()
        fte = parse_fte(c.get("fte", ""))
        inst_text = c.get("institution", "").strip()
        if _VACANT.match(staff_cell):
            vacancies[key] = vacancies.get(key, 0) + 1
            ex.skip(
                row.line,
                f"no staff named ('{staff_cell}'): counted as a vacancy of '{title}'"
                if staff_cell
                else f"no staff named: counted as a vacancy of '{title}'",
                ex.doc.quote(row.line),
            )
            continue
        for text in split_names(staff_cell):
            _holder(ex, row.line, text, role, title, team_name, desc, fte, inst_text, lex)
    for key, count in vacancies.items():
        role = roles[key]
        role.props["vacancies"] = count


def _holder(
    ex: Extracted,
    line: int,
    text: str,
    role: Mention,
    title: str,
    team: str,
    desc: str,
    fte: float | None,
    inst_text: str,
    lex: Lexicon,
) -> None:
    """HOLDS, AFFILIATED_WITH and LEADS for one person named in a staff row."""
    name = parse_person(text)
    if name is None or name.kind not in ("full", "given_initial", "single"):
        ex.skip(line, f"staff cell '{text}' is not a person name", ex.doc.quote(line))
        return
    holder = ex.tail(line, 3)
    person = ex.mention("Person", text, line, holder)
    props: dict = {}
    if fte is not None:
        props["fte"] = fte
    if inst_text:
        props["institution"] = inst_text
    ex.fact("HOLDS", person, role, line, holder, **props)
    if inst_text and lex.site_label(inst_text) == "Institution":
        inst = ex.mention("Institution", inst_text, line, inst_text)
        ex.fact("AFFILIATED_WITH", person, inst, line, holder)
    leads_fact(ex, person, role, title, team, desc, line)


def leads_fact(
    ex: Extracted, person: Mention, role: Mention, title: str, team: str, desc: str, line: int
) -> None:
    """Holder of a lead role LEADS the team the description (or the row) names; inferred."""
    base, _ = split_site(title)
    ref = led_team(desc)
    group = group_of_leader(base)
    if group:
        target = ex.mention("Team", strip_team_word(group), line, group, aliases=(group,))
        reason = f"holds '{title}', the leader of the {group}"
    elif ref:
        target = ex.mention(
            "Team", strip_team_word(ref.text), line, ref.fragment, aliases=(ref.text,)
        )
        reason = f"holds '{title}', whose description says '{ref.fragment}'"
    elif is_lead_title(base) and team:
        target = ex.mention("Team", team, line, team)
        reason = f"holds lead role '{title}' in team '{team}'"
    else:
        return
    ex.fact(
        "LEADS",
        person,
        target,
        line,
        ref.fragment if ref and not group else title,
        confidence="inferred",
        reason=reason,
    )
