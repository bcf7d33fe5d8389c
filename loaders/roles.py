"""Role tables (WBS, Role Title, Role Description) under team captions.

Each row gives a Role (title, WBS code), MEMBER_OF the caption's team, LOCATED_AT the
title's site suffix ('- ACME'), and from the description REPORTS_TO targets and
'Oversees the A and B Teams' lines.  Staff tables reuse these helpers.
"""

from __future__ import annotations

import re

from .duties import overseen_teams, reporting_targets, split_site, strip_team_word
from .facts import Extracted, Mention
from .lexicon import Lexicon
from .names import fold
from .tables import WBS_RE, Row, Table
from .text import clip, squash

_CAPTION_TEAM = re.compile(
    r"^(?P<team>.+?)\s+(?:roles?|staff|team members?|positions?)\b", re.IGNORECASE
)


_WBS_LEAD = re.compile(r"^\s*\d+(?:\.\d+[A-Za-z]?)*\.?\s+")
TITLE_MAX = 200
DESCRIPTION_MAX = 2000
_UNWRITTEN = re.compile(r"^\s*(?:tbd|tbc|to be (?:written|defined|determined)|-+|n/?a)\W*$", re.I)
_CAPTION_ROLES_IN = re.compile(
    r"^(?:roles?|positions?)\s+(?:in|of|for|within)\s+(?:the\s+)?(?P<team>.+?)"
    r"(?:\s+(?:team|group|department))?(?:\s+for\s+.*)?$",
    re.IGNORECASE,
)


def caption_team(caption: str) -> str:
    """'Archive roles for ...' -> 'Archive'; '' when the caption names no team."""
    m = _CAPTION_TEAM.match(caption.strip()) or _CAPTION_ROLES_IN.match(caption.strip())
    if not m:
        return ""
    team = re.sub(r"\s+(?:FY\s?\d{2,4}|\d{4})$", "", m.group("team").strip(" :."))
    if len(team.split()) > 6:
        return ""
    return team


def heading_team(ex: Extracted, line: int) -> tuple[str, int]:
    """Uncaptioned table: (team, line) of the nearest heading above reading '<Team> Roles'."""
    from .prose import headings

    above = [h for h in headings(ex.doc) if h.line < line]
    if not above:
        return "", 0
    m = re.match(r"^(?P<team>.+?)\s+(?:roles|staff|positions)$", above[-1].title, re.IGNORECASE)
    if m and len(m.group("team").split()) <= 6:
        return m.group("team"), above[-1].line
    return "", 0


def checked_title(ex: Extracted, row: Row, what: str, dropped: str, missing: str) -> str | None:
    """A role or staff row's title, or None (with the reason recorded) when the row is
    unusable: no title, a title too long to be one, or a malformed WBS code."""
    title = row.cells.get("title", "").strip()
    wbs = row.cells.get("wbs", "").strip()
    if row.dropped:
        ex.skip(row.line, f"stray cell(s) {row.dropped!r} {dropped}", ex.doc.quote(row.line))
    if not title:
        ex.skip(row.line, f"{what} without {missing}", ex.doc.quote(row.line))
        return None
    if len(title) > TITLE_MAX:
        ex.skip(row.line, f"role title of {len(title)} characters is not a title", title)
        return None
    if wbs and not WBS_RE.match(wbs):
        ex.skip(row.line, f"{what} with malformed WBS code '{wbs}'", ex.doc.quote(row.line))
        return None
    return title


def fix_wbs_codes(ex: Extracted, table: Table) -> None:
    """Fix OCR'd WBS codes: '3.51' is '3.5l' when the table letters '3.5a'..'3.5k' (l as 1)."""
    codes = [row.cells.get("wbs", "").strip() for row in table.rows]
    letters: dict[str, str] = {}
    for code in codes:
        m = re.fullmatch(r"(\d+\.\d+)([a-z])(?:\.\d+)*", code)
        if m:
            letters[m.group(1)] = max(letters.get(m.group(1), "a"), m.group(2))
    for row in table.rows:
        code = row.cells.get("wbs", "").strip()
        m = re.fullmatch(r"(\d+\.\d+)1", code)
        if not m or letters.get(m.group(1), "a") < "j" or code in letters:
            continue
        fixed = m.group(1) + "l"
        row.cells["wbs"] = fixed
        ex.corrections.append(
            ex.record(
                row.line,
                f"WBS code '{code}' read as '{fixed}' (the table letters {m.group(1)}a.."
                f"{m.group(1)}{letters[m.group(1)]}; l/1 OCR slip)",
            )
        )


def group_team(ex: Extracted, row: Row, parent: str = "", parent_line: int = 0) -> Mention | None:
    """The team a group row above ``row`` names (PART_OF ``parent``, the table's team)."""
    if row.group is None:
        return None
    text = strip_team_word(_WBS_LEAD.sub("", row.group.text))
    if not text or len(text.split()) > 8:
        return None
    team = ex.mention("Team", text, row.group.line, row.group.text, props={"_rank": 2})
    if parent and fold(parent) != fold(text):
        up = ex.mention("Team", parent, parent_line, parent)
        ex.fact("PART_OF", team, up, row.group.line, row.group.text)
    return team


def role_mention(ex: Extracted, table: Table, row: Row, title: str, key_cells: int = 2) -> Mention:
    """The Role mention of a table row (title with site suffix, WBS code)."""
    wbs = row.cells.get("wbs", "").strip()
    props: dict = {"title": title}
    if wbs:
        props["wbs"] = [wbs]
    description = squash(row.cells.get("description", ""))
    if description and not _UNWRITTEN.match(description):
        props["description"] = clip(description, DESCRIPTION_MAX)
    return ex.mention(
        "Role",
        title,
        row.line,
        ex.head(row.line, key_cells),
        props=props,
        table=table.key(ex.doc.name),
        row=row.line,
    )


def site_fact(ex: Extracted, role: Mention, title: str, line: int, lex: Lexicon) -> None:
    """LOCATED_AT from a title suffix: facility if the suffix names one, else institution."""
    _, site = split_site(title)
    if not site:
        return
    label = lex.site_label(site)
    quote = role.ev.quote if role.at == line else title
    target = ex.mention(label, site, line, quote)
    ex.fact("LOCATED_AT", role, target, line, quote)


def description_facts(ex: Extracted, role: Mention, desc: str, line: int, lex: Lexicon) -> None:
    """REPORTS_TO targets and oversight lines from a role description."""
    for ref in reporting_targets(desc):
        target = ex.mention(
            "Role", ref.text, line, ref.fragment, weak=True, props={"_fallback": True}
        )
        ex.fact("REPORTS_TO", role, target, line, ref.fragment)
    teams = overseen_teams(desc, set(lex.teams))
    if teams:
        team_mentions = [ex.mention("Team", t.text, line, t.fragment) for t in teams]
        ex.oversights.append((role, team_mentions, line))


def extract_role_table(ex: Extracted, table: Table, lex: Lexicon) -> None:
    """Mentions and facts of one role table."""
    if not table.rows:
        ex.skip(table.header_line, f"role table '{table.caption or 'untitled'}' has no rows")
        return
    fix_wbs_codes(ex, table)
    team_name, team_line = caption_team(table.caption), table.caption_line
    if not team_name:
        team_name, team_line = heading_team(ex, table.header_line)
    for row in table.rows:
        title = checked_title(ex, row, "role row", "dropped from role row", "a title")
        if title is None:
            continue
        role = role_mention(ex, table, row, title)
        group = group_team(ex, row, team_name, team_line)
        if group is not None:
            ex.fact("MEMBER_OF", role, group, row.line, ex.doc.quote(row.line))
        elif team_name:
            team = ex.mention("Team", team_name, team_line, team_name)
            ex.fact("MEMBER_OF", role, team, row.line, ex.head(row.line, 2))
        site_fact(ex, role, title, row.line, lex)
        description_facts(ex, role, row.cells.get("description", ""), row.line, lex)
