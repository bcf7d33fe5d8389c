"""Document metadata from the front matter: handle, title, date, author lines."""

from __future__ import annotations

import re

from .facts import Extracted
from .names import parse_person

FRONT = 40
_HANDLE = re.compile(
    r"^\s*(?:#+\s*)?(?:(?:document|doc|handle|ref|reference|report)(?:\s+(?:id|no|number|"
    r"handle))?\s*:?\s*)?([A-Z]{2,6}-\d{2,5})(?:\s{2,}.*|\s+(?:latest\s+)?(?:revision|date|"
    r"version|issued)\b.*)?\s*$",
    re.IGNORECASE,
)
_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_HEADING = re.compile(r"^\s*#\s+(.+?)\s*$")
#: where the title page ends: the abstract, the contents, the change record, section 1
_FRONT_ENDS = re.compile(
    r"^\s*(?:#+\s*)?(?:abstract|contents|table of contents|change record|"
    r"(?:1|i)\.?\s+[A-Z].*)\s*$",
    re.IGNORECASE,
)
_TABLE_STYLES = frozenset({"header", "row", "bold", "caption", "heading"})
_AUTHOR_LABEL = re.compile(r"^(?:authors?|by|prepared by|written by|editors?)\s*:\s*", re.I)
_ORG_WORDS = re.compile(
    r"\b(?:observatory|operations|university|laboratory|institute|department|center|centre|"
    r"draft|plan|data|management|abstract|contents|version|document|engineering|systems?|"
    r"science)\b",
    re.IGNORECASE,
)
#: a line led by an acronym ('ABC Portal Vision') is a title, not a person's name
_LEADING_ACRONYM = re.compile(r"^[A-Z]{2,}\s+(?=.*[a-z])")


def read_meta(ex: Extracted) -> None:
    """Fill handle, title and date from the first lines; author lines become Person mentions."""
    lines = ex.doc.lines[:FRONT]
    for text in lines:
        m = _HANDLE.match(text)
        if m:
            ex.handle = m.group(1).upper()
            break
    dated = [(i, _DATE.search(t)) for i, t in enumerate(lines) if "\t" not in t]
    dated = [(i, m) for i, m in dated if m]
    preferred = [
        (i, m)
        for i, m in dated
        if re.search(r"revision|date|issued|updated", lines[i], re.IGNORECASE)
    ]
    alone = [(i, m) for i, m in dated if lines[i].strip() == m.group(1)]
    for group in (preferred, alone, dated):
        if group:
            ex.date = group[0][1].group(1)
            break
    for text in lines:
        m = _HEADING.match(text)
        if m:
            ex.title = m.group(1).strip()
            break
    if not ex.title:
        for text in lines:
            t = text.strip()
            if t and not _DATE.fullmatch(t) and not _HANDLE.match(t):
                ex.title = t.lstrip("# ").strip()
                break
    styles = ex.doc.styles
    for idx, text in enumerate(lines[:20], start=1):
        if _FRONT_ENDS.match(text):
            break  # authors stand on the title page, before the abstract or section 1
        t = _AUTHOR_LABEL.sub("", text.strip())
        in_table = "\t" in text or (idx <= len(styles) and styles[idx - 1] in _TABLE_STYLES)
        if not t or in_table or _ORG_WORDS.search(t) or _LEADING_ACRONYM.match(t):
            continue
        if t == ex.title:
            continue
        for part in _authors(t):
            ex.mention("Person", part, idx, part)


def _authors(text: str) -> list[str]:
    """The people an author line names: one name, or several joined by ',', ';', 'and'."""
    parts = [p.strip() for p in re.split(r"\s*(?:,|;|\band\b|&)\s*|\s{3,}", text) if p.strip()]
    if len(parts) > 1 and all(_full(p) for p in parts):
        return parts
    return [text] if _full(text) else []


def _full(text: str) -> bool:
    name = parse_person(text)
    return name is not None and name.kind == "full" and 2 <= len(text.split()) <= 4
