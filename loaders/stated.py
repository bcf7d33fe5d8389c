"""Links the documents state between two names: acronyms and renames (form rules only).

* :func:`spells_out` says whether a long name spells a short one out ('CDAC' ~ 'Chile
  Data Access Center', 'Data Eng' ~ 'Data Engineering').
* :func:`stated_abbreviations` finds 'Long Name (LN)' and 'LN (Long Name)' in running
  text; :func:`glossary_lines` finds the acronym-table line of each acronym.
* :func:`stated_renames` finds 'X (formerly Y)', 'X, previously Y', 'Y was renamed X'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .names import fold

#: words an acronym may skip ('Engineering and Facility Database' -> 'EFD')
_MINOR = frozenset(
    {"the", "a", "an", "of", "and", "for", "on", "in", "to", "at", "by", "with", "de", "du"}
)


@dataclass(frozen=True, slots=True)
class StatedPair:
    """Two names one line of a document says are the same (``kind``: how it says so)."""

    short: str
    long: str
    document: str
    line: int
    quote: str
    kind: str  # "glossary", "parenthesis", "rename"


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z0-9]+", text)]


@lru_cache(maxsize=1 << 16)
def spells_out(short: str, long: str) -> bool:
    """Is ``long`` written out in full by ``short``'s letters?

    Every letter of ``short`` is used, in order; the letters taken from one word of
    ``long`` start at that word's first letter ('f/w' ~ 'forwarder', 'TDB' ~ 'Tide
    Database'); every word except minor ones ('and', 'of') gives at least one letter,
    so 'Zorbu' does not spell out 'Zorbu Writer' and 'Data' not 'Database Tide'.
    """
    s = fold(short)
    words = _words(long)
    if len(s) < 2 or not words or len(s) >= len(fold(long)):
        return False

    @cache
    def match(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(s)
        word = words[j]
        if word in _MINOR and match(i, j + 1):
            return True
        if i == len(s) or s[i] != word[0]:
            return False
        # take s[i:k] from this word: s[i] is its initial, the rest a subsequence of it
        pos, k = 1, i + 1
        if match(k, j + 1):
            return True
        while k < len(s):
            found = word.find(s[k], pos)
            if found < 0:
                return False
            pos, k = found + 1, k + 1
            if match(k, j + 1):
                return True
        return False

    return match(0, 0)


def names_within(short: str, long: str) -> bool:
    """Are all of ``short``'s words in ``long``, in order ('Archive' ~ 'Survey archive')?"""
    sw, lw = _words(short), _words(long)
    if not sw or len(sw) >= len(lw):
        return False
    pos = 0
    for w in sw:
        try:
            pos = lw.index(w, pos) + 1
        except ValueError:
            return False
    return True


_PAREN = re.compile(r"\((?P<short>[A-Z][A-Za-z0-9&/\-]{1,11})\)")
_SHORT_FIRST = re.compile(
    r"\b(?P<short>[A-Z][A-Za-z0-9&\-]{1,11})\s+\((?P<long>[A-Z][^()\t]{3,80})\)"
)
_LONG_WORDS = 10


def stated_abbreviations(document: str, lines: list[str]) -> list[StatedPair]:
    """'Kradex Science Portal (KSP)' and 'KSP (Kradex Science Portal)' in running text."""
    out: list[StatedPair] = []
    for no, text in enumerate(lines, 1):
        if "(" not in text:
            continue
        for m in _PAREN.finditer(text):
            short = m.group("short")
            before = re.split(r"[\t;:.,]", text[: m.start()])[-1]
            words = before.split()[-_LONG_WORDS:]
            for n in range(1, len(words) + 1):
                long = " ".join(words[-n:])
                if spells_out(short, long):
                    out.append(
                        StatedPair(short, long, document, no, f"{long} ({short})", "parenthesis")
                    )
                    break
        for m in _SHORT_FIRST.finditer(text):
            short, long = m.group("short"), m.group("long").strip()
            if spells_out(short, long):
                out.append(StatedPair(short, long, document, no, m.group(0), "parenthesis"))
    return out


def glossary_lines(document: str, lines: list[str], acronyms: dict[str, str]) -> list[StatedPair]:
    """Each acronym-list entry with the line that states it."""
    first: dict[str, int] = {}
    for no, text in enumerate(lines, 1):
        head, tab, rest = text.partition("\t")
        head = head.strip()
        if tab and head in acronyms and rest.strip().startswith(acronyms[head][:12]):
            first.setdefault(head, no)
    out = []
    for short, long in acronyms.items():
        no = first.get(short, 0)
        quote = lines[no - 1].strip() if no else f"{short}\t{long}"
        out.append(StatedPair(short, long, document, no, quote, "glossary"))
    return out


_NAME = r"[A-Z][\w&/'’\-]*(?: (?:[A-Z][\w&/'’\-]*|of|and|for|the|&|in|on|de))*"
_KIND = r"(?: (?:[Tt]eam|[Gg]roup|[Dd]epartment|[Rr]ole|[Pp]osition))?"
_WAS = r"(?:formerly|previously|renamed from)(?: known as| called| named)?"
_RENAMES = (
    re.compile(
        rf"(?:\b[Tt]he )?(?P<new>{_NAME}{_KIND}) \({_WAS} (?:the )?(?P<old>{_NAME}{_KIND})\)"
    ),
    re.compile(
        rf"(?:\b[Tt]he )?(?P<new>{_NAME}{_KIND}), {_WAS} (?:the )?(?P<old>{_NAME}{_KIND})\b"
    ),
    re.compile(
        rf"(?:\b[Tt]he )?(?P<old>{_NAME}{_KIND}) (?:was|has been|is being|is|were|have been) "
        rf"renamed (?:to |as |into )?(?:the )?(?P<new>{_NAME}{_KIND})\b"
    ),
    re.compile(
        rf"\b[Rr]enamed (?:the )?(?P<old>{_NAME}{_KIND}) (?:to|as|into) "
        rf"(?:the )?(?P<new>{_NAME}{_KIND})\b"
    ),
)
_LEADING = re.compile(r"^(?:The|A|An|Our|This|That|In|At|For)\s+")


_TRAILING = re.compile(r"(?:\s+(?:of|and|for|the|&|in|on|de))+$")


def _trim(name: str) -> str:
    return _TRAILING.sub("", _LEADING.sub("", name.strip()))


def stated_renames(document: str, lines: list[str]) -> list[StatedPair]:
    """'X (formerly Y)', 'X, previously Y', 'Y was renamed X', 'renamed Y to X': (X, Y)."""
    out: list[StatedPair] = []
    for no, text in enumerate(lines, 1):
        if "formerly" not in text and "previously" not in text and "renamed" not in text:
            continue
        for pat in _RENAMES:
            for m in pat.finditer(text):
                new, old = _trim(m.group("new")), _trim(m.group("old"))
                if new and old and fold(new) != fold(old):
                    out.append(StatedPair(new, old, document, no, m.group(0).strip(), "rename"))
    return out


_RENAME_NOTE = re.compile(rf"\s*\({_WAS}\s[^)]*\)", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)
def without_rename_note(text: str) -> str:
    """'Data Services Lead (formerly Platform Lead)' -> 'Data Services Lead'."""
    return _RENAME_NOTE.sub("", text).strip() or text.strip()
