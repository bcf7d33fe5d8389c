"""Read role titles and role descriptions: site suffixes, reporting lines, team leadership."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .text import squash

ROLE_NOUNS = (
    "director",
    "lead",
    "leader",
    "manager",
    "scientist",
    "engineer",
    "head",
    "officer",
    "coordinator",
    "architect",
    "administrator",
    "developer",
    "specialist",
    "advisor",
    "consultant",
    "oversight",
    "liaison",
    "technician",
    "handler",
    "wrangler",
    "chair",
    "deputy",
    "secretary",
    "steward",
    "owner",
)

_SITE = re.compile(r"^(?P<base>.*\S)\s+-\s*(?P<site>[A-Za-z][\w&/\-]*(?:\s[\w&/\-]+){0,2})$")
_REPORTS = re.compile(
    r"\b(?:reports|reporting|reporting directly|reports directly)\b(?:\s+directly)?"
    r"(?:\s+on\s+[^.;]*?)?\s+to\s+(?:the\s+)?(?P<target>[^.;:,()]+)",
    re.IGNORECASE,
)
_OVERSEES = re.compile(r"\bOversees\s+the\s+(?P<teams>.+?)\s+Teams?\b")
_LEADS_TEAM = re.compile(
    r"\b(?:leading|leadership(?:\s+and\s+\w+)?\s+(?:of|to)|[Ll]ead)\s+the\s+"
    r"(?P<team>(?:[A-Z][\w&/\-]*|and|&)(?:\s+(?:[A-Z][\w&/\-]*|and|&))*)\s+(?P<kind>Team|Group)\b"
)
_TEAM_WORD = re.compile(r"\s+(?:Team|Group)s?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Reference:
    """A phrase in a description that names another role or team."""

    text: str
    fragment: str


@lru_cache(maxsize=4096)
def split_site(title: str) -> tuple[str, str]:
    """'Data Engineer - ACME' -> ('Data Engineer', 'ACME'); no suffix -> (title, '')."""
    m = _SITE.match(title.strip())
    if not m:
        return title.strip(), ""
    site = m.group("site").strip()
    if site.lower() in ROLE_NOUNS or len(site) > 24:
        return title.strip(), ""
    return m.group("base").strip(), site


def looks_like_title(text: str) -> bool:
    """Does a phrase read like a role title (ends with a role noun, starts capitalised)?"""
    words = text.split()
    if not words or not words[0][:1].isupper() or len(words) > 9:
        return False
    return any(w.lower().strip(",.") in ROLE_NOUNS for w in words)


def reporting_targets(description: str) -> list[Reference]:
    """Targets of 'reports to the X' / 'reporting on ... to the X' in a description."""
    refs: list[Reference] = []
    for m in _REPORTS.finditer(description):
        target = squash(m.group("target"))
        target = re.split(
            r"\s+(?:in terms of|when|who|which|for the purpose)\b|\s+and\s+(?=[a-z])", target
        )[0]
        if target:
            refs.append(Reference(target, m.group(0)))
    return refs


def overseen_teams(description: str, known_team_keys: set[str]) -> list[Reference]:
    """Teams in 'Oversees the A and B Teams', splitting at the 'and' that yields known teams."""
    m = _OVERSEES.search(description)
    if not m:
        return []
    phrase = m.group("teams")
    parts = split_conjunction(phrase, known_team_keys)
    return [Reference(p, m.group(0)) for p in parts]


def split_conjunction(phrase: str, known_keys: set[str]) -> list[str]:
    """Split 'A and B and C' into names, preferring splits whose parts are known names."""
    pieces = re.split(r"\s+(?:and|&)\s+|,\s*", phrase)
    if len(pieces) == 1:
        return [phrase.strip()]
    best: list[str] = []
    best_score = float("-inf")
    n = len(pieces)
    for mask in range(1 << (n - 1)):
        parts: list[str] = []
        cur = pieces[0]
        for i in range(1, n):
            if mask & (1 << (i - 1)):
                cur = f"{cur} and {pieces[i]}"
            else:
                parts.append(cur)
                cur = pieces[i]
        parts.append(cur)
        if len(parts) < 2:
            continue
        score = sum(1 for p in parts if name_key(p) in known_keys) * 10 - len(parts)
        if score > best_score:
            best, best_score = parts, score
    return [p.strip() for p in best]


def group_of_leader(title: str) -> str:
    """'Alert Production Pipeline Group Leader' -> 'Alert Production Pipeline Group'; else ''."""
    m = re.match(r"^(?P<group>.+?\s(?:Group|Team))\s+(?:Leader|Lead|Head|Manager)$", title.strip())
    return m.group("group") if m else ""


def led_team(description: str) -> Reference | None:
    """The team a description says the role leads ('leading the Execution Team')."""
    m = _LEADS_TEAM.search(description)
    if not m:
        return None
    return Reference(m.group("team") + " " + m.group("kind"), m.group(0))


def is_lead_title(title: str) -> bool:
    """Is a (site-less) title a team lead's ('X Lead', 'Lead of X', 'Technical Lead/Manager')?"""
    words = re.split(r"[\s/]+", title.lower())
    if "lead" in words or "leader" in words:
        # 'Lead Calibration Scientist' leads work, not a team
        return not (words[0] == "lead" and len(words) > 1 and words[1] != "of")
    return False


_STOP = frozenset(
    {
        "the",
        "a",
        "an",
        "of",
        "and",
        "for",
        "on",
        "in",
        "to",
        "our",
        "&",
        "team",
        "teams",
        "group",
        "groups",
    }
)


def stem(word: str) -> str:
    """Crude singular form for matching: 'pipelines' -> 'pipeline', 'facilities' -> 'facility'."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


@lru_cache(maxsize=8192)
def name_key(text: str) -> str:
    """Order-insensitive key of a multi-word name: stop words dropped, words singular, sorted."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("&", " and "))
    return " ".join(sorted(stem(w) for w in words if w not in _STOP))


def strip_team_word(text: str) -> str:
    """'Execution Team' -> 'Execution'."""
    return _TEAM_WORD.sub("", text.strip())
