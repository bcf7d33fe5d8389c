"""Sentence patterns in running text (form rules only).

Sections come from headings; the subsections of a 'facilities / access centers'
section name Facilities.  Sentences give:

* HOSTS      '<facility> will hold / runs / performs <X>', '<X> will run at the <facility>',
             '<X> instance (running) at <facility>', '<facility> maintains a <X> cluster'
* PART_OF    '<facility> is hosted on/in <facility>', 'X under' (products table),
             items of a 'this includes:' list under a section naming a product
* DEPENDS_ON 'Underpinning A and B is C', 'A ... for execution on B', 'A runs on B',
             'Provided the data is stored in B, ... through A', milestone names citing products
* HOLDS/OWNS/LEADS/REPORTS_TO  '<Person> is product owner ("<Role>")', '<Person> shall
             fulfill this role' under a heading naming a role, '<Role> reports to the <Role>',
             '<Person> is the lead of <team>'
* Person mentions: 'Staffing: 0.5 Ann B; JoeC 0.25', given names of known people.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .duties import looks_like_title, name_key, split_conjunction
from .facts import Extracted, Mention
from .headings import names_document_part
from .lexicon import Lexicon
from .names import parse_person
from .tables import table_lines
from .text import Document, dehyphenate, squash

_MD_HEADING = re.compile(r"^(#{1,6})\s+(?:(\d+(?:\.\d+)*|[A-Z])\.?\s+)?(.+?)\s*$")
_NUM_HEADING = re.compile(r"^(\d+(?:\.\d+){0,4})\.?\s+([A-Z][^\t]{0,80})$")
_APPENDIX = re.compile(r"^([A-H])\s+([A-Z][a-z][^\t]{0,60})$")
_NUM_PARA = re.compile(r"^\d+(?:\.\d+){1,5}\s+")
_BULLET = re.compile(r"^\s*(?:[-*•◦‣]|\d+[.)])\s+")
_SENT_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z\"“(¹²³])")
_NUMBERED = re.compile(r"^\s*(?:\d+(?:\.\d+)*|[A-Z])\.?\s+(?=\S)")
_CONTAINER = re.compile(r"facilit|access cent|data cent", re.IGNORECASE)
_STAFFING = re.compile(r"^\s*Staffing\s*:\s*(?P<rest>.+)$", re.IGNORECASE)
_DETERMINERS = re.compile(
    r"^(?:(?:a copy of|copy of|copies of|a|an|the|all|our|its|their|some|most|part of|"
    r"\d+(?:\.\d+)?\s*%\s+of|full|whole|entire|th)\s+)+",
    re.IGNORECASE,
)
_OBJ_CUT = re.compile(
    r"\s+(?:to|for|which|that|including|with|so|in order|as well|such as|from|where|while|"
    r"because|within|via|through|using|on|at|in)\b.*$|[,;:(\[].*$"
)
_PRONOUN_SUBJECT = re.compile(r"^(?:it|this|these|they|we)\b", re.IGNORECASE)
_HOST_VERB = re.compile(
    r"\b(?:will\s+)?(?:hold|holds|host|hosts|run|runs|perform|performs|store|stores|serve|serves|"
    r"maintain|maintains|operate|operates|keep|keeps)\b\s+(?P<obj>.+)$",
    re.IGNORECASE,
)
_RUN_AT = re.compile(
    r"^(?P<obj>.+?)\s+(?:will|shall|is|are|can|to)?\s*(?:be\s+)?(?:run|runs|hosted|kept|stored|deployed|operated|"
    r"installed|served)\s+(?:at|on|in)\s+(?:the\s+)?(?P<place>[^,.;()\[]+)",
    re.IGNORECASE,
)
_INSTANCE_AT = re.compile(
    r"(?P<prod>[A-Z][\w.\-]*)\s+(?:instance|installation|cluster|deployment|service)s?\s+"
    r"(?:running\s+|hosted\s+|deployed\s+)?(?:at|on)\s+(?:the\s+)?(?P<place>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?)"
)
_MAINTAINS = re.compile(
    r"^(?:the\s+)?(?P<place>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?)\s+(?:maintains|operates|hosts|runs)\s+"
    r"(?:a|an|the|its|their)?\s*(?:separate\s+|own\s+|local\s+)?(?P<prod>[A-Z][\w.\-]*)\s+"
    r"(?:cluster|instance|installation|deployment|service)\b"
)
_UNDERPIN = re.compile(
    r"^Underpinning\s+(?P<deps>.+?)\s+(?:is|are)\s+(?P<base>.+?)\s*[.]?$", re.IGNORECASE
)
_EXEC_ON = re.compile(r"^(?P<a>[A-Z][\w.\-]*)\b.*?\bfor execution on\s+(?P<b>[A-Z][\w.\-]*)")
_RUNS_ON = re.compile(
    r"^(?:the\s+)?(?P<a>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)?)\s+"
    r"(?:runs|will run|is built|is based|depends|relies|builds)\s+on\s+"
    r"(?:the\s+)?(?P<b>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)?)"
)
_PROVIDED = re.compile(
    r"^Provided (?:that )?the data is stored in\s+(?P<bases>[^,]+),\s*(?P<rest>.+)$", re.IGNORECASE
)
_THROUGH = re.compile(r"\b(?:through|via|using)\s+(?:the\s+)?(?P<a>[A-Z][\w.\-]*)")
_OWNER = re.compile(
    r"^(?P<person>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,2})\s+is\s+(?:the\s+)?product\s+owner\b"
    r"(?:\s*\(\s*[\"“]?(?P<role>[^\"”)]+)[\"”]?\s*\))?",
)
_FULFILL = re.compile(
    r"^(?P<person>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,2})\s+"
    r"(?:shall|will|is to|has been asked to)\s+"
    r"(?:fulfill|fulfil|fill|hold|take on|take|assume)\s+this\s+(?:role|position)"
)
_PERSON_LEADS = re.compile(
    r"^(?P<person>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,2})\s+(?:is|will be|shall be)\s+(?:the\s+)?"
    r"(?P<what>lead|leader|head|manager|owner)\s+(?:of|for)\s+(?:the\s+)?(?P<x>[A-Z][^,.;]+)"
)
_SUBJECT_REPORTS = re.compile(
    r"^(?:The\s+)?(?P<subj>[A-Za-z][\w /&\-]+?)\s+reports\s+(?:directly\s+)?to\s+"
    r"(?:the\s+)?(?P<target>[^,.;()]+)"
)
_MILESTONE_ID = re.compile(r"\b[A-Z]\d-[A-Z]{2}-\d{4}\b|\b[A-Z]{2,10}-\d{1,5}\b")
_MILESTONE_SUBJECT = re.compile(
    r"^(?:The\s+)?[Mm]ilestone\s+(?P<id>[A-Z]\d-[A-Z]{2}-\d{4}|[A-Z]{2,10}-\d{1,5})\b"
)
_DEPENDENCY_CUE = re.compile(
    r"\b(?:requires|depends on|needs|after|following|previously|builds on|part of|once)\b"
)
_FACILITY_PHRASE = re.compile(
    r"\b(?P<q>[A-Za-z]{2,})\s+(?P<kind>(?:data\s+)?access\s+cent(?:er|re)|data\s+cent(?:er|re)|"
    r"data\s+facility|facility|facilities)\b",
    re.IGNORECASE,
)
_MINOR_WORDS = frozenset({"and", "of", "for", "the", "on", "in", "at", "to", "a", "an", "&"})


@dataclass(slots=True)
class Heading:
    """A section heading: 1-based line, depth, title, parent index."""

    line: int
    depth: int
    title: str
    parent: int


@dataclass(slots=True)
class Sentence:
    """A sentence of running text with its line, heading index and list-item flag."""

    line: int
    text: str
    section: int
    item: bool
    indent: int


def _heading(text: str) -> tuple[int, str] | None:
    if "\t" in text or ". . ." in text:
        return None
    m = _MD_HEADING.match(text)
    if m:
        number = m.group(2) or ""
        depth = number.count(".") + 1 if number and number[0].isdigit() else len(m.group(1))
        return depth, m.group(3).strip()
    m = _NUM_HEADING.match(text.strip())
    if (
        m
        and not text.rstrip().endswith((".", ",", ";", ":"))
        and ". " not in m.group(2)
        and len(m.group(2).split()) <= 10
    ):
        return m.group(1).count(".") + 1, m.group(2).strip()
    m = _APPENDIX.match(text.strip())
    if m and not text.rstrip().endswith((".", ",", ";", ":")) and len(m.group(2).split()) <= 8:
        return 1, m.group(2).strip()
    return None


def headings(doc: Document, skip: set[int] | None = None) -> list[Heading]:
    """All section headings in order, each with the index of its parent (-1 for top level)."""
    key = f"headings:{sorted(skip) if skip else ''}"
    cached = doc.memo.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    out: list[Heading] = []
    stack: list[int] = []
    for idx, text in enumerate(doc.lines, start=1):
        if skip and idx in skip:
            continue
        found = _heading(text)
        if not found:
            continue
        depth, title = found
        if re.match(r"(?i)^(?:table|figure)\b", title):
            continue
        while stack and out[stack[-1]].depth >= depth:
            stack.pop()
        out.append(Heading(idx, depth, title, stack[-1] if stack else -1))
        stack.append(len(out) - 1)
    doc.memo[key] = out
    return out


def facility_sections(doc: Document) -> list[tuple[str, int, str | None]]:
    """(name, heading line, parent or None) for each subsection of a facilities section."""
    hs = headings(doc)
    children: dict[int, list[int]] = {}
    for i, h in enumerate(hs):
        children.setdefault(h.parent, []).append(i)
    out: list[tuple[str, int, str | None]] = []

    def walk(idx: int) -> None:
        for child in children.get(idx, []):
            if children.get(child) and _CONTAINER.search(hs[child].title):
                walk(child)
            elif names_document_part(_NUMBERED.sub("", hs[child].title)):
                continue  # 'Interfaces', 'Service Descriptions': a part of the text
            else:
                out.append((hs[child].title, hs[child].line, None))

    for i, h in enumerate(hs):
        if (
            _CONTAINER.search(h.title)
            and children.get(i)
            and not _CONTAINER.search(hs[h.parent].title if h.parent >= 0 else "")
        ):
            walk(i)
    return out


#: formats whose running text wraps: a paragraph runs over several lines
WRAPPED = frozenset({"pdf", "pdftotext", "pdftotext-layout", "latex"})


def _paragraphs(
    doc: Document, skip: set[int], by_line: dict[int, int]
) -> Iterator[tuple[int, str]]:
    """(first line, text) of each paragraph or item; wrapped lines joined where they wrap."""
    wrapped = doc.fmt in WRAPPED
    lines = doc.lines
    idx = 1
    while idx <= len(lines):
        text = lines[idx - 1]
        if idx in by_line or idx in skip or "\t" in text or not text.strip():
            yield idx, text
            idx += 1
            continue
        start, parts = idx, [text.strip()]
        idx += 1
        # an item's own wrapped lines the reader has joined: the next line is not its own
        carries = wrapped and not _BULLET.match(text)
        while carries and idx <= len(lines) and _continues(lines[idx - 1], idx, skip, by_line):
            parts.append(lines[idx - 1].strip())
            idx += 1
        yield start, text[: len(text) - len(text.lstrip())] + dehyphenate(" ".join(parts))


def _continues(text: str, idx: int, skip: set[int], by_line: dict[int, int]) -> bool:
    """Does this line carry on the paragraph above (not a heading, item, row or caption)?"""
    if idx in by_line or idx in skip or "\t" in text or not text.strip():
        return False
    stripped = text.strip()
    return not (_BULLET.match(text) or re.match(r"(?i)^(?:table|figure)\s+\d+", stripped))


def sentences(doc: Document, skip: set[int]) -> Iterator[Sentence]:
    """Sentences of running text outside tables, with their section."""
    hs = headings(doc)
    by_line = {h.line: i for i, h in enumerate(hs)}
    section = -1
    for idx, text in _paragraphs(doc, skip, by_line):
        if idx in by_line:
            section = by_line[idx]
            continue
        if idx in skip or "\t" in text or not text.strip():
            continue
        stripped = text.strip()
        if re.match(r"(?i)^(?:table|figure)\s+\d+", stripped) or stripped.startswith(("---", "|")):
            continue
        indent = len(text) - len(text.lstrip())
        item = bool(_BULLET.match(text))
        body = _BULLET.sub("", text).strip()
        body = _NUM_PARA.sub("", body)
        body = re.sub(r"^[¹²³⁴⁵⁶⁷⁸⁹]+", "", body)
        for part in _SENT_SPLIT.split(body):
            part = squash(part)
            if part:
                yield Sentence(idx, part, section, item, indent)


# ----------------------------------------------------------------------------- helpers


def _clean_object(text: str) -> str:
    text = _OBJ_CUT.sub("", text.strip())
    text = _DETERMINERS.sub("", text.strip())
    return squash(text.strip(" .\"'“”"))


class _Prose:
    """Pattern matching over one document with the run's lexicon."""

    def __init__(self, ex: Extracted, lex: Lexicon) -> None:
        self.ex = ex
        self.lex = lex
        self.hs = headings(ex.doc)
        self.facility_of_section: dict[int, Mention] = {}
        self.role_of_section: dict[int, Mention] = {}
        fac_lines = {line for _, line, _ in facility_sections(ex.doc)}
        for i, h in enumerate(self.hs):
            if h.line in fac_lines:
                self.facility_of_section[i] = ex.mention(
                    "Facility", h.title, h.line, h.title, props={"_rank": 2}
                )
            elif looks_like_title(h.title) and h.title.split()[-1].lower() in (
                "lead",
                "leader",
                "manager",
                "head",
                "director",
                "coordinator",
                "scientist",
                "engineer",
            ):
                self.role_of_section[i] = ex.mention(
                    "Role", h.title, h.line, h.title, props={"title": h.title}
                )
        self.given_names = self._given_names()
        self.seen_products: set[str] = set()
        self.display: dict[str, str] = {}  # product key -> spelling in a list of names
        self.common_words = {
            w for line in ex.doc.lines for w in re.findall(r"(?<![\w.])[a-z][a-z\-]+", line)
        }

    def _given_names(self) -> set[str]:
        names: set[str] = set()
        for m in self.ex.mentions:
            if m.label == "Person":
                pn = parse_person(m.text)
                if pn and pn.kind == "full":
                    names.add(pn.given)
        return {n for n in names if len(n) >= 3 and n.isalpha()}

    # -- entity lookup ------------------------------------------------------------

    def section_facility(self, section: int) -> Mention | None:
        while section >= 0:
            if section in self.facility_of_section:
                return self.facility_of_section[section]
            section = self.hs[section].parent
        return None

    def facility(self, phrase: str, line: int, fragment: str, section: int = -1) -> Mention | None:
        """A Facility mention for ``phrase`` if it names a known facility (or '<x> data center')."""
        phrase = _DETERMINERS.sub("", phrase.strip()).strip(" .")
        if not phrase:
            return None
        known = self.lex.facility_name(phrase)
        if known:
            return self.ex.mention("Facility", phrase, line, phrase)
        m = re.match(
            r"(?i)^(?P<q>\w+)\s+(?:data\s+cent(?:er|re)|facility|facilities|site)$", phrase
        )
        if m:
            q = m.group("q").lower()
            for _i, fac in self.facility_of_section.items():
                if fac.text.lower().split()[0] == q:
                    return self.ex.mention("Facility", fac.text, line, phrase)
        return None

    def product(
        self, phrase: str, line: int, fragment: str, create: bool = True, loose: bool = False
    ) -> Mention | None:
        """A Product mention: a known product, an acronym expanding to one, or a named new one."""
        phrase = _clean_object(phrase)
        if not phrase or len(phrase.split()) > 5 or _PRONOUN_SUBJECT.fullmatch(phrase):
            return None
        if _MILESTONE_ID.fullmatch(phrase):  # a milestone's or a ticket's id names no product
            return None
        key = name_key(phrase)
        if key in self.lex.products or key in self.seen_products:
            listed = self.display.get(key, phrase)
            aliases = (listed,) if listed != phrase else ()
            return self.ex.mention("Product", phrase, line, phrase, aliases=aliases)
        words = phrase.split()
        acr = next((w for w in words if re.fullmatch(r"[A-Z][A-Z0-9]{1,6}", w)), "")
        if acr:
            exp = self.lex.acronyms.get(acr, "")
            if exp and (name_key(exp) in self.lex.products or name_key(exp) in self.seen_products):
                return self.ex.mention("Product", exp, line, acr, aliases=(acr,))
            if acr in {self.lex.products.get(k) for k in self.lex.products}:
                return self.ex.mention("Product", acr, line, acr)
        paren = re.search(r"\(([A-Z][A-Za-z0-9]{1,8})\)", fragment)
        if not create:
            return None
        if loose:
            named = any(w[:1].isupper() for w in words) or bool(acr)
        else:  # a new name from running text must be in title case ('Raw data' is not)
            named = bool(acr) or all(
                w[:1].isupper() or not w.isalpha() or w.lower() in _MINOR_WORDS for w in words
            )
        if not named and not paren:
            return None
        if len(words) == 1 and phrase[1:].islower() and phrase.lower() in self.common_words:
            return None  # a capitalised common word ('Processing'), not a name
        aliases = (paren.group(1),) if paren and paren.group(1) not in phrase else ()
        self.seen_products.add(key)
        return self.ex.mention("Product", phrase, line, phrase, aliases=aliases)

    # -- patterns -----------------------------------------------------------------

    def run(self) -> None:
        skip = table_lines(self.ex.tables, self.ex.doc)
        sents = list(sentences(self.ex.doc, skip))
        for idx, s in enumerate(sents):
            self.people(s)
            self.hosting(s)
            self.depends(s)
            self.ownership(s)
            self.reports(s)
            self.milestone_deps(s)
            self.facility_aliases(s)
            if s.text.rstrip().lower().endswith(("this includes:", "these include:", "includes:")):
                self.includes(s, sents[idx + 1 :])

    def people(self, s: Sentence) -> None:
        m = _STAFFING.match(s.text)
        if m:
            self.staffing(s, m.group("rest"))
            return
        for tok in re.finditer(r"(?<![\w'’-])([A-Z][a-z]{2,})(?![\w'’-])(?!\s+[A-Z])", s.text):
            name = tok.group(1)
            if name in self.given_names:
                before = s.text[: tok.start()].rstrip()
                if before and re.search(r"[A-Z][a-z]+$", before):
                    continue
                self.ex.mention("Person", name, s.line, name)

    def staffing(self, s: Sentence, rest: str) -> None:
        for item in re.split(r"[;+]|\.\s+", rest):
            text = re.sub(r"\d*\.?\d+\s*(?:FTE)?", " ", item)
            text = re.sub(r"(?i)\b(?:new|fractional|at least|about|approx\.?|~)\b", " ", text)
            text = squash(text.strip(" .,"))
            if not text:
                continue
            pn = parse_person(text)
            if pn is None:
                self.ex.skip(s.line, f"staffing item '{squash(item)}' names no person", s.text)
                continue
            self.ex.mention("Person", text, s.line, text)

    def hosting(self, s: Sentence) -> None:
        text = s.text
        for m in _INSTANCE_AT.finditer(text):
            place = self.facility(m.group("place"), s.line, m.group(0)) or self._site(
                m.group("place"), s.line
            )
            prod = self.product(m.group("prod"), s.line, m.group(0))
            if place and prod:
                self.ex.fact("HOSTS", place, prod, s.line, m.group(0))
        m = _MAINTAINS.match(text)
        if m:
            place = self.facility(m.group("place"), s.line, m.group(0)) or self._site(
                m.group("place"), s.line
            )
            prod = self.product(m.group("prod"), s.line, m.group(0))
            if place and prod:
                self.ex.fact("HOSTS", place, prod, s.line, m.group(0))
                return
        fac_section = self.section_facility(s.section)
        m = _RUN_AT.match(text)
        if m:
            obj, place_text = m.group("obj"), m.group("place")
            place = self.facility(place_text, s.line, m.group(0), s.section)
            subject_fac = self._subject_facility(obj, s)
            if subject_fac and place and re.search(r"(?i)hosted", m.group(0)):
                self.ex.fact("PART_OF", subject_fac, place, s.line, m.group(0))
                return
            if (
                place is None
                and fac_section is not None
                and re.search(r"(?i)\bwill be on\b|kept on|hosted on", text)
            ):
                place = fac_section
            if place is not None and not subject_fac:
                for part in split_conjunction(
                    _DETERMINERS.sub("", obj.strip()), set(self.lex.products)
                ):
                    prod = self.product(part, s.line, m.group(0), loose=fac_section is not None)
                    if prod:
                        self.ex.fact("HOSTS", place, prod, s.line, m.group(0))
                return
        m2 = re.match(r"^(?P<obj>.+?)\s+will be on\s+(?P<place>\w+)", text, re.IGNORECASE)
        if m2 and fac_section is not None:
            place = self.facility(m2.group("place"), s.line, m2.group(0)) or fac_section
            for part in split_conjunction(
                _DETERMINERS.sub("", m2.group("obj")), set(self.lex.products)
            ):
                prod = self.product(part, s.line, m2.group(0), loose=True)
                if prod:
                    self.ex.fact("HOSTS", place, prod, s.line, m2.group(0))
            return
        hv = _HOST_VERB.search(text)
        if hv:
            subject = text[: hv.start()].strip()
            fac = self._subject_facility(subject, s)
            if (
                fac is None
                and fac_section is not None
                and (
                    _PRONOUN_SUBJECT.match(subject) or re.search(r"(?i)\b(?:which|we|it)$", subject)
                )
            ):
                fac = fac_section
            if fac is None:
                return
            obj = hv.group("obj")
            obj = re.split(r"\s+(?:to|for|so|in order)\s+", obj)[0]
            for part in split_conjunction(obj, set(self.lex.products)):
                prod = self.product(part, s.line, part, loose=True)
                if prod:
                    self.ex.fact("HOSTS", fac, prod, s.line, hv.group(0)[:120])
                else:
                    self.ex.skip(
                        s.line,
                        f"hosted item '{_clean_object(part)}' is not a named product",
                        s.text,
                    )

    def _subject_facility(self, subject: str, s: Sentence) -> Mention | None:
        subj = _DETERMINERS.sub("", subject.strip()).strip()
        if not subj or len(subj.split()) > 5:
            return None
        if _PRONOUN_SUBJECT.fullmatch(subj):
            return self.section_facility(s.section)
        return self.facility(subj, s.line, subj, s.section)

    def _site(self, text: str, line: int) -> Mention | None:
        """An acronym-like site name ('XYZ3') used as a hosting place."""
        text = text.strip().split()[0] if text.strip() else ""
        if re.fullmatch(r"[A-Z][A-Z0-9]{1,7}", text):
            return self.ex.mention("Facility", text, line, text)
        return None

    def depends(self, s: Sentence) -> None:
        text = s.text
        m = _UNDERPIN.match(text)
        if m:
            base_text = m.group("base")
            base_text = (
                re.split(r"(?i)\s+and\s+services\b", base_text)[0]
                if " of " in base_text
                else base_text
            )
            base_text = re.sub(r"(?i)^(?:our|out|the)\s+", "", base_text)
            of = re.match(r"(?i)^(?P<head>\w+)\s+of\s+(?P<tail>\w+)", base_text)
            if of:
                base_text = f"{of.group('tail')} {of.group('head')}".title()
            base = self.product(base_text, s.line, m.group("base"))
            for part in split_conjunction(m.group("deps"), set(self.lex.products)):
                dep = self.product(part, s.line, part)
                if dep and base:
                    self.ex.fact("DEPENDS_ON", dep, base, s.line, text)
            return
        m = _EXEC_ON.match(text) or _RUNS_ON.match(text)
        if m:
            a = self.product(m.group("a"), s.line, m.group("a"))
            b = self.product(m.group("b"), s.line, m.group("b"))
            if a and b:
                self.ex.fact("DEPENDS_ON", a, b, s.line, m.group(0))
            return
        m = _PROVIDED.match(text)
        if m:
            t = _THROUGH.search(m.group("rest"))
            if not t:
                self.ex.skip(
                    s.line,
                    "'provided the data is stored in' without the service that needs it",
                    text,
                )
                return
            a = self.product(t.group("a"), s.line, t.group(0))
            for part in re.split(r"\s+(?:or|and)\s+", m.group("bases")):
                b = self.product(part, s.line, part)
                if a and b:
                    self.ex.fact("DEPENDS_ON", a, b, s.line, text)

    def ownership(self, s: Sentence) -> None:
        text = s.text
        m = _OWNER.match(text)
        if m:
            person = self.ex.mention("Person", m.group("person"), s.line, m.group("person"))
            topic = self.hs[s.section].title if s.section >= 0 else ""
            if topic:
                prod = self.ex.mention(
                    "Product", topic, s.line, topic, weak=name_key(topic) not in self.lex.products
                )
                prod.weak = False
                self.ex.fact("OWNS", person, prod, s.line, text)
            if m.group("role"):
                role = self.ex.mention(
                    "Role", m.group("role").strip(), s.line, m.group("role").strip(), weak=True
                )
                self.ex.fact(
                    "HOLDS",
                    person,
                    role,
                    s.line,
                    text,
                    confidence="inferred",
                    reason=f"role '{m.group('role').strip()}' in parentheses after 'product owner'",
                )
            return
        m = _FULFILL.match(text)
        if m:
            role = self._section_role(s.section)
            if role is None:
                self.ex.skip(
                    s.line, "'shall fulfill this role' outside a section naming a role", text
                )
                return
            person = self.ex.mention("Person", m.group("person"), s.line, m.group("person"))
            self.ex.fact("HOLDS", person, role, s.line, text)
            return
        m = _PERSON_LEADS.match(text)
        if m and parse_person(m.group("person")):
            person = self.ex.mention("Person", m.group("person"), s.line, m.group("person"))
            x = squash(m.group("x"))
            if name_key(x) in self.lex.teams or re.search(r"(?i)\b(team|group)$", x):
                team = self.ex.mention("Team", re.sub(r"(?i)\s+(team|group)$", "", x), s.line, x)
                self.ex.fact("LEADS", person, team, s.line, text)
            else:
                prod = self.product(x, s.line, x)
                if prod:
                    rel = "OWNS" if m.group("what").lower() == "owner" else "MANAGES"
                    self.ex.fact(rel, person, prod, s.line, text)

    def _section_role(self, section: int) -> Mention | None:
        while section >= 0:
            if section in self.role_of_section:
                return self.role_of_section[section]
            section = self.hs[section].parent
        return None

    def reports(self, s: Sentence) -> None:
        m = _SUBJECT_REPORTS.match(s.text)
        if not m:
            return
        subj, target = squash(m.group("subj")), squash(m.group("target"))
        target = re.split(r"\s+and\s+(?=[a-z])|\s+(?:in terms of|when|who|which)\b", target)[0]
        sp, tp = parse_person(subj), parse_person(target)
        if sp and tp and sp.kind == "full" and tp.kind == "full":
            a = self.ex.mention("Person", subj, s.line, subj)
            b = self.ex.mention("Person", target, s.line, target)
            self.ex.fact("REPORTS_TO", a, b, s.line, m.group(0))
            return
        source = self.ex.mention("Role", subj, s.line, subj, weak=True)
        dest = self.ex.mention("Role", target, s.line, target, weak=True, props={"_fallback": True})
        self.ex.fact("REPORTS_TO", source, dest, s.line, m.group(0))

    def facility_aliases(self, s: Sentence) -> None:
        """'the Summit facility', 'the base data center': other names of a section's facility."""
        for m in _FACILITY_PHRASE.finditer(s.text):
            qualifier, kind = m.group("q").lower(), m.group("kind").lower()
            phrase_dac = "access" in kind
            for fac in self.facility_of_section.values():
                first = fac.text.split()[0].lower()
                fac_dac = bool(re.search(r"DAC|Access", fac.text))
                close = qualifier == first or (
                    min(len(qualifier), len(first)) >= 4
                    and (qualifier.startswith(first) or first.startswith(qualifier))
                )
                if close and fac_dac == phrase_dac and m.group(0) != fac.text:
                    self.ex.mention("Facility", fac.text, s.line, m.group(0), aliases=(m.group(0),))
                    break

    def milestone_deps(self, s: Sentence) -> None:
        """'The Milestone A ... previously ... B': A DEPENDS_ON B (inferred)."""
        m = _MILESTONE_SUBJECT.match(s.text)
        if not m:
            return
        a = m.group("id")
        rest = s.text[m.end() :]
        cue = _DEPENDENCY_CUE.search(rest)
        if not cue:
            return
        for b in _MILESTONE_ID.findall(rest[cue.start() :]):
            if b == a:
                continue
            src = self.ex.mention("Milestone", a, s.line, a, weak=True)
            dst = self.ex.mention("Milestone", b, s.line, b, weak=True)
            self.ex.fact(
                "DEPENDS_ON",
                src,
                dst,
                s.line,
                s.text,
                confidence="inferred",
                reason=f"the sentence about {a} says it builds on {b} ('{cue.group(0)}')",
            )

    def includes(self, s: Sentence, rest: list[Sentence]) -> None:
        """Items of a 'this includes:' list are product names to recognise later (no facts)."""
        for item in rest:
            if not item.item or item.section != s.section:
                break
            text = re.sub(r"^(?:the|a|an)\s+", "", item.text.strip(" ."), flags=re.IGNORECASE)
            if len(text.split()) > 5 or not text[:1].isupper():
                continue
            first = text.split()[0]
            if name_key(first) in self.lex.products:
                continue
            self.seen_products.add(name_key(text))
            self.display.setdefault(name_key(text), text)


_WORD = re.compile(r"[a-z0-9]+(?:[._'/-][a-z0-9]+)*|&", re.IGNORECASE)


def _words(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text))


def link_milestones(ex: Extracted, lex: Lexicon) -> None:
    """Milestone DEPENDS_ON the known products its name cites (inferred).

    Product names are matched as whole-word sequences through a dictionary of their
    lower-cased words, so the cost grows with the text, not with milestones x products.
    """
    single = {v.lower() for k, v in lex.products.items() if " " not in k and len(v) >= 4}
    multi: dict[tuple[str, ...], str] = {}
    for key, display in lex.products.items():
        if " " in key:
            words = tuple(w.group(0).lower() for w in _words(display))
            if words:
                multi.setdefault(words, key)
    longest = max((len(w) for w in multi), default=0)
    for m in list(ex.mentions):
        if m.label != "Milestone" or m.weak:
            continue
        found: dict[str, str] = {}
        for w in re.findall(r"[A-Za-z][\w\-]*", m.text):
            if w.lower() in single or (w.endswith("s") and w[:-1].lower() in single):
                found[name_key(w)] = w
        words = _words(m.text)
        lowered = [w.group(0).lower() for w in words]
        for i in range(len(words)):
            for n in range(min(longest, len(words) - i), 0, -1):
                key = multi.get(tuple(lowered[i : i + n]))
                if key is not None:
                    found[key] = m.text[words[i].start() : words[i + n - 1].end()]
        for w in found.values():
            prod = ex.mention("Product", w, m.at, w, weak=True)
            ex.fact(
                "DEPENDS_ON",
                m,
                prod,
                m.at,
                m.text,  # quote the milestone's name: the bare product name says nothing
                confidence="inferred",
                reason=f"the milestone's name cites '{w}'",
            )


def extract_prose(ex: Extracted, lex: Lexicon) -> None:
    """Apply all sentence patterns to ``ex``'s running text."""
    _Prose(ex, lex).run()
