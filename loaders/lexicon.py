"""Names gathered from the tables, headings and acronym lists of all documents in a run.

Prose parsing uses the lexicon to recognise which phrases name facilities, teams and
products; it is built from the documents themselves (and nodes already stored), never
from names written in code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .duties import name_key, stem
from .names import fold

_FACILITY_WORDS = (
    "facility",
    "facilities",
    "data center",
    "data centre",
    "access center",
    "access centre",
)


@lru_cache(maxsize=4096)
def facility_key(text: str) -> str:
    """Compact key: 'EU DF' -> 'eudf', 'Summit Facilities' -> 'summitfacility'."""
    words = re.findall(r"[A-Za-z0-9]+", text)
    return fold("".join(stem(w.lower()) if len(w) > 3 else w.lower() for w in words))


def expand_acronyms(text: str, acronyms: dict[str, str]) -> str:
    """Replace acronym tokens by their expansions: 'Chile DAC' -> 'Chile Data Access Center'."""
    toks = text.split()
    out = []
    for tok in toks:
        exp = acronyms.get(tok.strip(".,;:()"))
        out.append(exp if exp and len(exp.split()) <= 6 else tok)
    return " ".join(out)


def is_facility_phrase(text: str) -> bool:
    """Does an expansion read like a facility ('Interim Data Facility', 'Data Access Center')?"""
    low = text.lower()
    return any(w in low for w in _FACILITY_WORDS)


@dataclass(slots=True)
class Lexicon:
    """Keys of names known in the run, per kind, plus the merged acronym list."""

    acronyms: dict[str, str] = field(default_factory=dict)
    facilities: dict[str, str] = field(default_factory=dict)  # facility_key -> display
    teams: dict[str, str] = field(default_factory=dict)  # name_key -> display
    products: dict[str, str] = field(default_factory=dict)  # name_key -> display
    institutions: dict[str, str] = field(default_factory=dict)  # fold() -> display

    def add_facility(self, text: str) -> None:
        if text.strip():
            self.facilities.setdefault(facility_key(text), text.strip())
            exp = expand_acronyms(text, self.acronyms)
            if exp != text:
                self.facilities.setdefault(facility_key(exp), text.strip())

    def add_product(self, text: str) -> None:
        if text.strip():
            self.products.setdefault(name_key(text), text.strip())

    def add_team(self, text: str) -> None:
        if text.strip():
            self.teams.setdefault(name_key(text), text.strip())

    def is_facility(self, text: str) -> bool:
        """Is ``text`` a known facility, or an acronym phrase expanding to a facility?"""
        if facility_key(text) in self.facilities:
            return True
        exp = expand_acronyms(text, self.acronyms)
        if facility_key(exp) in self.facilities:
            return True
        last = text.split()[-1] if text.split() else ""
        expansion = self.acronyms.get(last, "")
        return bool(expansion) and is_facility_phrase(expansion) and len(text.split()) <= 3

    def site_label(self, text: str) -> str:
        """'Institution' or 'Facility' for a site: a known institution wins, then a facility."""
        if fold(text) in self.institutions:
            return "Institution"
        return "Facility" if self.is_facility(text) else "Institution"

    def facility_name(self, text: str) -> str | None:
        """The lexicon display name of a facility phrase, if known."""
        for cand in (text, expand_acronyms(text, self.acronyms)):
            hit = self.facilities.get(facility_key(cand))
            if hit:
                return hit
        return None
