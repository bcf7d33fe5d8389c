"""What a table column holds, from its header words and from the shape of its cells.

A header cell names a column key by a synonym ('Role Title', 'Position', 'FY21 FTE',
'Product Owner' ...); where the header says nothing the loaders know, the cells' shapes
may (WBS codes, FTE numbers, dates, milestone ids, person names).  Keys:

=============  ==================================================================
wbs            a WBS code ('3.1a', '1.02C.03')
team           the team, group or department a row belongs to
title          a role title or position
description    the role's description, duties or responsibilities
institution    employer, organisation, site
fte            full-time equivalents
staff          the person (or people) holding the row's role
product        a product, service, element or component
manager        a product's manager (or lead, or responsible person)
owner          a product's owner
notes          notes, comments
milestone      a milestone's name or description
jira           a ticket key ('TASKS-151')
rubin          a milestone id ('L3-MW-0010')
due            a due date
level          a milestone level
acronym        an acronym
version        a document version (change records)
author         who made a change (change records)
depends        what the row's milestone or product depends on (ids or names)
contact        a further person named for the row (contact, deputy): a person, no relation
=============  ==================================================================
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .names import parse_person
from .text import dehyphenate

#: column key -> header phrases (lower case, whole cell) that name it
PHRASES: dict[str, tuple[str, ...]] = {
    "wbs": ("wbs", "wbs code", "wbs element", "wbs id", "wbs number", "wbs no"),
    "team": ("team", "group", "department", "team name", "group name", "unit", "subsystem"),
    "title": (
        "role title",
        "title",
        "role",
        "position",
        "position title",
        "job title",
        "role name",
        "roles",
    ),
    "description": (
        "role description",
        "description",
        "duties",
        "responsibilities",
        "responsibility",
        "role responsibilities",
        "scope",
        "summary",
        "definition",
        "meaning",
        "stands for",
    ),
    "institution": (
        "institution",
        "employer",
        "organisation",
        "organization",
        "site",
        "home institution",
        "affiliation",
        "location",
        "partner",
    ),
    "fte": ("fte", "ftes", "effort", "fte effort", "effort fte"),
    "staff": (
        "staff",
        "person",
        "name",
        "names",
        "holder",
        "staff name",
        "people",
        "who",
        "assigned",
        "assignee",
        "incumbent",
        "individual",
        "individuals",
        "member",
        "members",
        "staff member",
        "person name",
    ),
    "product": (
        "product",
        "product name",
        "products",
        "service",
        "component",
        "item",
        "software product",
        "deliverable",
        "system",
        "package",
        "area",
        "product area",
        "element",
    ),
    "manager": (
        "manager",
        "product manager",
        "lead",
        "leader",
        "responsible",
        "responsible person",
        "technical lead",
        "t/cam",
        "cam",
        "delivered by",
        "maintainer",
        "steward",
        "accountable",
    ),
    "depends": (
        "depends on",
        "dependencies",
        "dependency",
        "predecessor",
        "predecessors",
        "requires",
        "prerequisites",
        "prerequisite",
        "blocked by",
        "after",
    ),
    "contact": ("contact", "point of contact", "poc", "contact person", "deputy", "backup"),
    "owner": ("owner", "product owner", "po", "owners"),
    "notes": (
        "notes",
        "note",
        "comments",
        "comment",
        "remarks",
        "long name",
        "full name",
        "expansion",
        "details",
    ),
    "milestone": ("milestone", "milestone name", "milestones", "milestone description", "event"),
    "jira": ("jira id", "jira", "jira key", "ticket", "jira ticket"),
    "rubin": ("rubin id", "milestone id", "id", "code", "key", "identifier", "ms id"),
    "due": (
        "due date",
        "due",
        "date",
        "target date",
        "planned date",
        "deadline",
        "baseline date",
        "forecast",
        "forecast date",
        "completion",
        "end",
        "finish",
        "when",
    ),
    "level": ("level", "milestone level", "lvl", "tier"),
    "acronym": ("acronym", "abbreviation", "acronyms", "term", "abbrev"),
    "version": ("version", "rev", "revision", "issue", "ver"),
    "author": ("owner name", "author", "authors", "by", "changed by", "editor"),
}

#: words that name a key wherever they stand in a longer header ('FY21 FTE', 'Staff (FTE)')
WORDS: dict[str, tuple[str, ...]] = {
    "wbs": ("wbs",),
    "fte": ("fte", "ftes"),
    "title": ("title", "position"),
    "description": ("description", "responsibilities", "duties"),
    "institution": ("institution", "affiliation", "employer"),
    "owner": ("owner",),
    "manager": ("manager", "lead"),
    "due": ("due",),
    "jira": ("jira",),
    "acronym": ("acronym", "abbreviation"),
    "milestone": ("milestone",),
    "team": ("team", "department"),
    "product": ("product",),
    "staff": ("staff",),
    "notes": ("notes", "comments"),
}

_PUNCT = re.compile(r"[^\w/&+ ]+")
WBS = re.compile(r"^\d{1,2}(?:\.\d{1,3}[A-Za-z]?)+(?:\.\d{1,3})*[a-z]?$")
_FTE = re.compile(r"^(?:\d?\.\d+|[0-2](?:\.\d+)?|\d{1,3}\s*%)$")
_DATE = re.compile(
    r"^(?:\d{4}-\d{2}(?:-\d{2})?|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}/\d{1,2}/\d{1,2}|"
    r"(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+"
    r"(?:\d{1,2},?\s+)?\d{4}|(?:fy|q[1-4]\s*)\d{2,4}|\d{4})$",
    re.IGNORECASE,
)
_MILESTONE_ID = re.compile(r"^(?:[A-Z]\d-[A-Z]{2,4}-\d{3,4}|[A-Z]{2,4}-[A-Z]{2,4}-\d{2,4})$")
_TICKET = re.compile(r"^[A-Z][A-Z0-9]{1,11}-\d{1,6}$")
_LEVEL = re.compile(r"^(?:[0-4]|L[0-4]|level\s*[0-4])$", re.IGNORECASE)
_VERSION = re.compile(r"^v?\d+(?:\.\d+){0,3}[a-z]?$", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9&/.\-]{0,14}$")


def _norm(cell: str) -> str:
    text = dehyphenate(cell).lower().replace("_", " ")
    return " ".join(_PUNCT.sub(" ", text).split())


@lru_cache(maxsize=4096)
def header_key(cell: str) -> str:
    """The key a header cell names ('' when it names none the loaders know)."""
    text = _norm(cell)
    if not text or len(text) > 40:
        return ""
    for key, phrases in PHRASES.items():
        if text in phrases:
            return key
    words = text.split()
    if len(words) > 4 or re.search(r"[;,]", cell):
        return ""
    for key, names in WORDS.items():
        if any(w in names for w in words):
            return key
    return ""


_DATA_SHAPES = frozenset({"wbs", "fte", "date", "milestone_id", "ticket", "version"})


def looks_like_header(cells: Sequence[str]) -> bool:
    """Could this row be a table header: short label cells, mostly naming known columns.

    A row that continues another (first cell empty) needs three known names to be one;
    a cell that holds data (a WBS code, a number, a date, an id) or a sentence is none.
    """
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) < 2:
        return False
    for c in filled:
        if len(c) > 60 or len(c.split()) > 6 or c.endswith((".", ";", ",")):
            return False
        if cell_shapes(c) & _DATA_SHAPES:
            return False
    known = sum(1 for c in filled if header_key(c))
    need = 2 if cells and cells[0].strip() else 3
    return known >= need and known * 2 >= len(filled)


# --- cell shapes ------------------------------------------------------------------------

SHAPES = (
    "wbs",
    "fte",
    "date",
    "milestone_id",
    "ticket",
    "level",
    "version",
    "person",
    "acronym",
    "long_text",
    "short_text",
)


def cell_shapes(cell: str) -> set[str]:
    """The shapes a cell's text has (a cell may have several: '2' is an FTE and a level)."""
    text = " ".join(dehyphenate(cell).split())
    if not text:
        return set()
    out: set[str] = set()
    if WBS.match(text):
        out.add("wbs")
    if _FTE.match(text):
        out.add("fte")
    if _DATE.match(text):
        out.add("date")
    if _MILESTONE_ID.match(text):
        out.add("milestone_id")
    elif _TICKET.match(text):
        out.add("ticket")
    if _LEVEL.match(text):
        out.add("level")
    if _VERSION.match(text):
        out.add("version")
    if _ACRONYM.match(text) and sum(ch.isupper() for ch in text) >= 2:
        out.add("acronym")
    words = text.split()
    if len(words) >= 8:
        out.add("long_text")
    elif not out:
        out.add("short_text")
    if 2 <= len(words) <= 5 and not out & {"date", "wbs"}:
        pn = parse_person(text)
        if pn is not None and pn.kind == "full":
            out.add("person")
    return out


def column_shape(cells: Sequence[str], shape: str) -> float:
    """Share of a column's non-empty cells that have ``shape``."""
    filled = [c for c in cells if c.strip()]
    if not filled:
        return 0.0
    return sum(1 for c in filled if shape in cell_shapes(c)) / len(filled)


#: a column key's cells are expected to have this shape (used to check and to guess)
KEY_SHAPE: dict[str, str] = {
    "wbs": "wbs",
    "fte": "fte",
    "due": "date",
    "rubin": "milestone_id",
    "jira": "ticket",
    "level": "level",
    "version": "version",
    "staff": "person",
    "description": "long_text",
}


def guess_key(cells: Sequence[str], taken: set[str]) -> str:
    """A key for a column whose header says nothing, from its cells' shapes ('' if unsure)."""
    for key, shape, need in (
        ("wbs", "wbs", 0.7),
        ("rubin", "milestone_id", 0.7),
        ("jira", "ticket", 0.7),
        ("due", "date", 0.7),
        ("fte", "fte", 0.8),
        ("staff", "person", 0.6),
        ("description", "long_text", 0.6),
    ):
        if key not in taken and column_shape(cells, shape) >= need:
            return key
    return ""
