"""Intermediate records between parsing and resolution.

Parsers emit :class:`Mention` (an entity as named at one place) and :class:`Fact`
(a relationship between two mentions); resolution turns mentions into node ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from orggraph.graph.model import Evidence, PropertyValue

from .source import Loc
from .tables import Table
from .text import Document


@dataclass(slots=True, eq=False)
class Mention:
    """An entity as one line of one document names it.

    ``weak`` mentions only bind to an entity some other (strong) mention defines;
    they never create a node of their own.
    """

    label: str
    text: str
    ev: Evidence
    props: dict[str, PropertyValue] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    weak: bool = False
    #: the table (``"<document>#<n>"``) and row this mention defines an entity in, if any:
    #: distinct rows of one table are distinct entities unless their names are equal
    table: str | None = None
    row: int | None = None
    #: 1-based index of the line in the parsed document (``ev.line`` is where it was read)
    at: int = 0


@dataclass(slots=True, eq=False)
class Fact:
    """A relationship stated (or inferred) at one place."""

    type: str
    source: Mention
    target: Mention
    ev: Evidence
    props: dict[str, PropertyValue] = field(default_factory=dict)
    at: int = 0


@dataclass(slots=True)
class Skip:
    """A table row or sentence that was not used, and why (``line`` as evidence cites it)."""

    document: str
    line: int
    reason: str
    text: str = ""
    page: int | None = None

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "document": self.document,
            "line": self.line,
            "reason": self.reason,
            "text": self.text,
        }
        if self.page is not None:
            out["page"] = self.page
        return out


@dataclass(slots=True)
class Extracted:
    """What the parsers read from one document, before resolution."""

    doc: Document
    tables: list[Table] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)
    handle: str = ""
    title: str = ""
    date: str = ""
    #: (oversight role, overseen teams, line)
    oversights: list[tuple[Mention, list[Mention], int]] = field(default_factory=list)
    corrections: list[Skip] = field(default_factory=list)

    def ev(self, line: int, fragment: str = "") -> Evidence:
        """Evidence for ``line`` of this document, quoting ``fragment`` if it is there verbatim."""
        loc = self.doc.loc(line)
        return Evidence(self.doc.name, loc.line, self.doc.quote(line, fragment), loc.page, loc.file)

    def head(self, line: int, cells: int) -> str:
        """The first ``cells`` tab-separated cells of ``line``, verbatim (a row's key columns)."""
        return "\t".join(self.doc.raw[line - 1].strip().split("\t")[:cells])

    def tail(self, line: int, cells: int) -> str:
        """The last ``cells`` tab-separated cells of ``line``, verbatim."""
        return "\t".join(self.doc.raw[line - 1].strip().split("\t")[-cells:])

    def mention(
        self, label: str, text: str, line: int, fragment: str = "", **kw: object
    ) -> Mention:
        """Create and register a mention."""
        m = Mention(label, text, self.ev(line, fragment or text), at=line, **kw)  # type: ignore[arg-type]
        self.mentions.append(m)
        return m

    def fact(
        self,
        type_: str,
        source: Mention,
        target: Mention,
        line: int,
        fragment: str = "",
        **props: PropertyValue,
    ) -> Fact:
        """Create and register a fact."""
        f = Fact(type_, source, target, self.ev(line, fragment), dict(props), at=line)
        self.facts.append(f)
        return f

    def mention_ev(self, label: str, text: str, ev: Evidence, **kw: object) -> Mention:
        """A mention read outside the document's lines (a figure's box), with its evidence."""
        m = Mention(label, text, ev, **kw)  # type: ignore[arg-type]
        self.mentions.append(m)
        return m

    def fact_ev(
        self, type_: str, source: Mention, target: Mention, ev: Evidence, **props: PropertyValue
    ) -> Fact:
        """A fact read outside the document's lines, with its evidence."""
        f = Fact(type_, source, target, ev, dict(props))
        self.facts.append(f)
        return f

    def skip_at(self, loc: Loc, reason: str, text: str = "") -> None:
        """Record something not read, where the line index does not apply (a figure)."""
        self.skips.append(Skip(self.doc.name, loc.line, reason, text[:160], loc.page))

    def record(self, line: int, reason: str) -> Skip:
        """A skip/correction record for ``line`` quoting the line."""
        loc = self.doc.loc(line)
        return Skip(self.doc.name, loc.line, reason, self.doc.quote(line)[:160], loc.page)

    def skip(self, line: int, reason: str, text: str = "") -> None:
        """Record a skipped row or sentence."""
        loc = self.doc.loc(line)
        self.skips.append(Skip(self.doc.name, loc.line, reason, text[:160], loc.page))
