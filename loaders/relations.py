"""Relationship sentences in their common forms (form rules only, no names):

* PART_OF     'X is (a) part / component / member of Y', 'X belongs to Y',
              'X is grouped under Y', 'Y consists of / comprises A, B and C'
* HOSTS       'X is hosted / run / operated / deployed at / by F', 'F hosts / runs X'
* DEPENDS_ON  'X depends / relies / builds on Y', 'X requires / needs / uses Y',
              'X is built / based on Y'
* MANAGES     'X is managed / maintained by P', 'P manages X', 'P is the manager of X'
* OWNS        'X is owned by P', 'P owns X', 'P is the (product) owner of X'
* LEADS       'P leads the T', 'the T is led / headed by P'

Both ends must be names (title case or acronyms).  What they are comes from what the
run's tables and headings define; a name nobody defines takes the label of the other
end if it is a proper name, and otherwise binds only to an entity defined elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .duties import name_key, strip_team_word
from .facts import Extracted, Mention
from .lexicon import Lexicon
from .names import parse_person
from .prose import Sentence, sentences
from .tables import table_lines
from .text import squash

_WORD = r"[A-Z0-9][\w.&/'’+\-]*"
_NAME = (
    r"(?!(?:The|A|An|Our|Its|This|These)\s)"
    rf"(?:[A-Z][\w.&/'’+\-]*|[a-z]+_\w+)(?:\s+(?:(?:of|and|for|the|&)\s+)?{_WORD})*"
)
_ART = r"(?:[Tt]he\s+|[Aa]n?\s+|[Oo]ur\s+|[Ii]ts\s+)?"
#: 'the Data Abstraction group': the kind word after a name is not part of it
_KIND = r"(?:\s+(?:team|group|department|division|section|service|facility))?"
_LIST = rf"{_NAME}{_KIND}(?:\s*,\s*{_ART}{_NAME}{_KIND})*(?:,?\s+and\s+{_ART}{_NAME}{_KIND})?"
_MID = r"(?:[A-Z]\d-[A-Z]{2,4}-\d{3,4}|[A-Z][A-Z0-9]{1,11}-\d{1,6})"


def _rx(pattern: str) -> re.Pattern[str]:
    for group in ("a", "b", "p"):
        pattern = pattern.replace(f"(?P<{group}>NAME)", f"(?P<{group}>NAME){_KIND}")
    return re.compile(pattern.replace("NAME", _NAME).replace("LIST", _LIST).replace("ART", _ART))


#: (relationship, pattern, which group is the source); groups a (subject) and b (object)
_FORMS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "PART_OF",
        _rx(
            r"^ART(?P<a>NAME)\s+(?:is|are|forms?|will be|becomes?)\s+(?:an?\s+)?"
            r"(?:integral\s+)?(?:part|parts|component|components|subsystem|element|"
            r"member|sub-?group|sub-?team|piece)\s+of\s+ART(?P<b>NAME)"
        ),
        "a",
    ),
    ("PART_OF", _rx(r"^ART(?P<a>NAME)\s+(?:belongs?|belonged)\s+to\s+ART(?P<b>NAME)"), "a"),
    (
        "PART_OF",
        _rx(
            r"^ART(?P<a>NAME)\s+(?:sits?|is|are|lives?|falls?|resides?)\s+(?:within|"
            r"inside|under)\s+ART(?P<b>NAME)"
        ),
        "a",
    ),
    (
        "PART_OF",
        _rx(
            r"^ART(?P<a>NAME)\s+(?:is|are)\s+(?:grouped|included|contained|organi[sz]ed)"
            r"\s+(?:in|under|within|into)\s+ART(?P<b>NAME)"
        ),
        "a",
    ),
    (
        "PART_OF",
        _rx(
            r"^ART(?P<b>NAME)\s+(?:consists? of|comprises?|is made up of|"
            r"is composed of|includes?|contains?)\s+ART(?P<a>LIST)\s*\.?$"
        ),
        "a",
    ),
    (
        "HOSTS",
        _rx(
            r"^ART(?P<a>NAME)\s+(?:is|are|will be|shall be)\s+(?:hosted|run|operated|"
            r"deployed|installed|served|kept|stored)\s+(?:at|on|in|by)\s+ART(?P<b>NAME)"
        ),
        "b",
    ),
    (
        "HOSTS",
        _rx(
            r"^ART(?P<b>NAME)\s+(?:hosts|will host|runs|will run|operates|serves)\s+"
            r"ART(?P<a>LIST)"
        ),
        "b",
    ),
    (
        "DEPENDS_ON",
        _rx(
            r"^ART(?P<a>NAME)\s+(?:depends|relies|builds|will depend|will rely)\s+"
            r"(?:heavily\s+|directly\s+)?(?:up)?on\s+ART(?P<b>LIST)"
        ),
        "a",
    ),
    (
        "DEPENDS_ON",
        _rx(
            r"^ART(?P<a>NAME)\s+(?:requires|needs|uses|will require|will use)\s+"
            r"ART(?P<b>LIST)"
        ),
        "a",
    ),
    (
        "DEPENDS_ON",
        _rx(
            r"^ART(?P<a>NAME)\s+(?:is|are)\s+(?:built|based|layered)\s+(?:up)?on\s+"
            r"(?:top\s+of\s+)?ART(?P<b>LIST)"
        ),
        "a",
    ),
    (
        "MANAGES",
        _rx(
            r"^ART(?P<a>NAME)\s+(?:is|are)\s+(?:managed|maintained|run)\s+by\s+"
            r"(?P<p>NAME)"
        ),
        "p",
    ),
    (
        "MANAGES",
        _rx(
            r"^(?P<p>NAME)\s+(?:manages|maintains|is the (?:product\s+)?manager "
            r"(?:of|for))\s+ART(?P<a>LIST)"
        ),
        "p",
    ),
    ("OWNS", _rx(r"^ART(?P<a>NAME)\s+(?:is|are)\s+owned\s+by\s+(?P<p>NAME)"), "p"),
    (
        "OWNS",
        _rx(
            r"^(?P<p>NAME)\s+(?:owns|is the (?:product\s+)?owner (?:of|for))\s+"
            r"ART(?P<a>LIST)"
        ),
        "p",
    ),
    ("LEADS", _rx(r"^(?P<p>NAME)\s+(?:leads|heads|will lead|is leading)\s+ART(?P<a>NAME)"), "p"),
    ("LEADS", _rx(r"^ART(?P<a>NAME)\s+(?:is|are)\s+(?:led|headed)\s+by\s+(?P<p>NAME)"), "p"),
)
#: milestone dependencies: (pattern, the group that depends)
_MILESTONE_FORMS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p.replace("MID", _MID))
    for p in (
        r"^(?:[Mm]ilestone\s+)?(?P<a>MID)\s+(?:cannot|can not|can't|will not|may not|must not|"
        r"does not|should not)\s+(?:start|begin|complete|finish|close)\s+(?:before|until)\s+"
        r"(?:[Mm]ilestone\s+)?(?P<b>MID)",
        r"^(?:[Mm]ilestone\s+)?(?P<a>MID)\s+(?:depends on|requires|needs|follows|builds on|"
        r"is blocked by|comes after|must follow|waits for)\s+(?:[Mm]ilestone\s+)?(?P<b>MID)",
        r"^(?:[Mm]ilestone\s+)?(?P<b>MID)\s+(?:must|has to|needs to)\s+(?:be\s+)?"
        r"(?:complete[d]?|done|finished|met|reached)\s+before\s+(?:[Mm]ilestone\s+)?(?P<a>MID)",
    )
)
_MILESTONE_ID = re.compile(r"^[A-Z]\d-[A-Z]{2,4}-\d{3,4}$")
_TICKET = re.compile(r"^[A-Z][A-Z0-9]{1,11}-\d{1,6}$")
_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_CUT = re.compile(
    r"\s+(?:to|for|which|that|with|in order|such as|from|where|while|because|"
    r"within|via|through|using|at|in|as)\b.*$"
)
_FACILITY_WORDS = re.compile(r"\b(?:facilit(?:y|ies)|data cent(?:er|re)|site|DF|DAC)$")
_TEAM_WORDS = re.compile(r"\b(?:team|group|department)$", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:it|this|these|they|we|which|that|there|each|all)$", re.IGNORECASE)


_MINOR = frozenset({"of", "and", "for", "the", "&"})


def _proper(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() or w in _MINOR for w in words)


class _Reader:
    def __init__(self, ex: Extracted, lex: Lexicon) -> None:
        self.ex = ex
        self.lex = lex

    def label(self, text: str) -> str:
        key = name_key(text)
        if key in self.lex.products:
            return "Product"
        if self.lex.is_facility(text) or _FACILITY_WORDS.search(text):
            return "Facility"
        if key in self.lex.teams or _TEAM_WORDS.search(text):
            return "Team"
        return ""

    def thing(
        self, text: str, s: Sentence, want: tuple[str, ...], fallback: str = ""
    ) -> Mention | None:
        """A mention of a product, team or facility named ``text`` (bound weakly if unknown)."""
        text = squash(_CUT.sub("", text)).strip(" .,;:")
        if not text or _PRONOUN.match(text) or len(text.split()) > 6:
            return None
        if _MILESTONE_ID.match(text) or _TICKET.match(text):
            return None
        label = self.label(text)
        if label and label not in want:
            return None
        if not label:
            if not fallback:
                return None
            # a proper name ('Alert Broker', 'APDB') in such a sentence names a thing;
            # anything else binds only to what some table or heading defines
            return self.ex.mention(fallback, text, s.line, text, weak=not _proper(text))
        name = strip_team_word(text) if label == "Team" else text
        return self.ex.mention(label, name, s.line, text)

    def milestone(self, ident: str, s: Sentence) -> Mention:
        """A milestone by its id: a milestone id names one; a ticket key binds to a row's."""
        if _MILESTONE_ID.match(ident):
            return self.ex.mention("Milestone", ident, s.line, ident, props={"rubin_id": ident})
        return self.ex.mention("Milestone", ident, s.line, ident, weak=True)

    def person(self, text: str, s: Sentence) -> Mention | None:
        text = squash(text)
        pn = parse_person(text)
        if pn is None or pn.kind not in ("full", "given_initial"):
            return None
        return self.ex.mention("Person", text, s.line, text)

    def read(self, s: Sentence) -> None:
        for rx in _MILESTONE_FORMS:
            m = rx.match(s.text)
            if m:
                a, b = (self.milestone(m.group(k), s) for k in ("a", "b"))
                self.ex.fact("DEPENDS_ON", a, b, s.line, s.text)
                return
        for rel, rx, source in _FORMS:
            m = rx.match(s.text)
            if not m:
                continue
            handler: Callable[[str, re.Match[str], str, Sentence], bool] = (
                self.people if source == "p" else self.things
            )
            if handler(rel, m, source, s):
                return

    def things(self, rel: str, m: re.Match[str], source: str, s: Sentence) -> bool:
        want = {
            "PART_OF": ("Product", "Team", "Facility"),
            "HOSTS": ("Product", "Facility"),
            "DEPENDS_ON": ("Product",),
        }[rel]
        a_texts = _SPLIT.split(m.group("a"))
        b_texts = _SPLIT.split(m.group("b"))
        if rel == "HOSTS":
            facility = self.thing(b_texts[0], s, ("Facility",)) if len(b_texts) == 1 else None
            if facility is None:
                return False
            for text in a_texts:
                product = self.thing(text, s, ("Product",), fallback="Product")
                if product is not None:
                    self.ex.fact("HOSTS", facility, product, s.line, s.text)
            return True
        made = False
        for a_text in a_texts:
            for b_text in b_texts:
                a = self.thing(a_text, s, want)
                b = self.thing(b_text, s, want)
                if a is None and b is None:
                    continue
                if a is None:
                    a = self.thing(a_text, s, want, fallback=b.label)  # type: ignore[union-attr]
                if b is None:
                    b = self.thing(b_text, s, want, fallback=a.label)
                if a is None or b is None or a.label != b.label:
                    continue
                self.ex.fact(rel, a, b, s.line, s.text)
                made = True
        return made

    def people(self, rel: str, m: re.Match[str], source: str, s: Sentence) -> bool:
        person = self.person(m.group("p"), s)
        if person is None:
            return False
        want = ("Team",) if rel == "LEADS" else ("Product",)
        made = False
        for text in _SPLIT.split(m.group("a")):
            target = self.thing(text, s, want, fallback=want[0])
            if target is not None:
                self.ex.fact(rel, person, target, s.line, s.text)
                made = True
        return made


def extract_relations(ex: Extracted, lex: Lexicon) -> None:
    """Apply the relationship sentence forms to ``ex``'s running text."""
    reader = _Reader(ex, lex)
    for s in sentences(ex.doc, table_lines(ex.tables, ex.doc)):
        reader.read(s)
