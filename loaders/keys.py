"""Normalised keys of names: what 'the same name' means for each label.

* :func:`same_key` ignores case, accents, spacing, punctuation, hyphen breaks and
  '&'/'and' (and, for teams, the words 'team'/'group'): 'EU DC' = 'EUDC'.
* :func:`plural_key` also folds plurals, word order kept: 'Algorithms and Pipelines'
  = 'Algorithm and Pipeline' (never 'Pipelines and Algorithms').
* :func:`bag_key` is order-free and drops small words; it only ever flags a possible
  duplicate, it never merges.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .duties import name_key, split_site, stem
from .lexicon import facility_key
from .names import fold
from .stated import without_rename_note
from .text import dehyphenate, squash

_GROUP_WORDS = frozenset({"team", "teams", "group", "groups"})


@lru_cache(maxsize=1 << 16)
def role_key(title: str) -> str:
    """Identity of a role title: case, spacing, hyphen breaks and '&'/'and' do not matter."""
    text = dehyphenate(without_rename_note(title)).lower().replace("&", " and ")
    text = re.sub(r"\s*/\s*", "/", text)
    return squash(re.sub(r"[^\w/()\- ]+", " ", text))


@lru_cache(maxsize=1 << 16)
def role_ref_forms(text: str) -> frozenset[str]:
    """Forms a role can be referred to by: 'Lead of the X Team' ~ 'X Lead', 'A for B' ~ 'B A'."""
    base = role_key(text)
    base = squash(re.sub(r"\b(?:the|team|group)\b", " ", base)) or base
    forms = {base}
    for sep in (" of ", " for "):
        if sep in base:
            head, _, tail = base.partition(sep)
            forms.add(squash(f"{tail} {head}"))
    site_less, site = split_site(text)
    if site:
        forms |= role_ref_forms(site_less)
    return frozenset(forms)


def _words(label: str, text: str) -> list[str]:
    text = dehyphenate(without_rename_note(text)).replace("&", " and ")
    words = [fold(w) for w in re.findall(r"[^\W_]+", text)]
    words = [w for w in words if w]
    if label == "Team":
        kept = [w for w in words if w not in _GROUP_WORDS]
        words = kept or words
    return words


@lru_cache(maxsize=1 << 16)
def same_key(label: str, text: str) -> str:
    """The key two names share when they are the same name written differently."""
    if label == "Role":
        return role_key(text)
    return "".join(_words(label, text))


@lru_cache(maxsize=1 << 16)
def plural_key(label: str, text: str) -> str:
    """``same_key`` with plurals folded ('' for labels whose names do not inflect)."""
    if label in ("Role", "Milestone", "Person"):
        return ""
    if label == "Facility":
        return facility_key(dehyphenate(text).replace("&", " and "))
    return "".join(stem(w) for w in _words(label, text))


@lru_cache(maxsize=1 << 16)
def bag_key(label: str, text: str) -> str:
    """Order-free key of the content words (a hint of a duplicate, never a merge)."""
    words = " ".join(_words(label, text))
    return name_key(words)
