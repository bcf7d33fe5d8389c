"""What a reader makes of one document, whatever its format: a Source.

Every reader (PDF, LaTeX, the text of any PDF-to-text tool, Markdown) renders its input
into one normal form, so that one set of parsers reads them all:

* ``lines``: the document's text in reading order, one :class:`Line` per line, in the
  seeds' normal form:

  - a heading is ``#`` marks, its number if it has one, and its title
    (``## 3.1 Data services``; ``level`` = depth);
  - a list item is ``- `` after two spaces per nesting level (``    - Zorbu``;
    ``style="item"``, ``level`` = depth, 0 for the outermost);
  - a table row is its cells joined by TAB, one physical row per line; a header row
    has ``style="header"``; a caption line reads ``Table N: ...``; rows split over
    several physical lines, repeated headers and group rows are left as the
    document has them: the table parsers resolve them by meaning;
  - running text is one line per line of the document (or one per paragraph where
    the format has no lines), markup removed, hyphen breaks left as they are.

  ``text`` is what the parsers read; ``raw`` is the verbatim text the line came from,
  quoted as evidence.  ``loc`` says where it was read: the page and the line on that
  page for a PDF, the line of the file for text and LaTeX (and the file, for a LaTeX
  file that another one includes).

* ``figures``: diagrams read as boxes and connections (a product tree, an org chart),
  from TikZ source or from a PDF's drawn boxes and lines.

Readers never decide what a table or a figure means; that is the parsers' job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Format = Literal[
    "pdf",  # a PDF file
    "latex",  # LaTeX sources (a .tex file or a document directory)
    "pdftotext",  # poppler's pdftotext, default (reading order) mode
    "pdftotext-layout",  # poppler's pdftotext -layout
    "tabbed",  # a layout-aware PDF-to-Markdown converter: TAB-separated rows (the seeds)
    "markdown",  # Markdown, pipe tables
]

Style = Literal["", "heading", "item", "header", "row", "caption", "bold"]


@dataclass(frozen=True, slots=True)
class Loc:
    """Where a line was read: 1-based ``line`` (of the page for a PDF, else of the file)."""

    line: int
    page: int | None = None
    file: str | None = None  # LaTeX: an included file, relative to the document's folder

    def __str__(self) -> str:
        where = f"page {self.page}, line {self.line}" if self.page else f"line {self.line}"
        return f"{self.file}, {where}" if self.file else where


@dataclass(slots=True)
class Line:
    """One line of the normal form, and where it came from."""

    text: str
    raw: str
    loc: Loc
    style: Style = ""
    level: int = 0


@dataclass(slots=True)
class FigureNode:
    """A box of a diagram: its text (lines joined by a space) and where it was read."""

    key: str
    text: str
    loc: Loc
    raw: str = ""
    #: box centre in the figure's own units (PDF points, TikZ coordinates); y grows downward
    x: float | None = None
    y: float | None = None
    #: short texts drawn on or beside the box, not part of its name (a type tag: "Team")
    labels: list[str] = field(default_factory=list)
    #: the box's text as it is set, one entry per line (a title over a holder's name);
    #: empty where the reader cannot tell the lines apart
    lines: list[str] = field(default_factory=list)


@dataclass(slots=True)
class FigureEdge:
    """A drawn connection between two boxes; ``source`` is the upper (or first) box."""

    source: str
    target: str
    directed: bool = False  # drawn with an arrow head from source to target


@dataclass(slots=True)
class Figure:
    """A diagram: boxes and connections, its caption and where it was read."""

    loc: Loc
    caption: str = ""
    nodes: list[FigureNode] = field(default_factory=list)
    edges: list[FigureEdge] = field(default_factory=list)


@dataclass(slots=True)
class Source:
    """A document as its reader rendered it: normal-form lines and figures."""

    name: str
    format: Format
    lines: list[Line] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    pages: int = 0  # PDF: the page count; 0 where the format has no pages
    #: what the reader could not read, as (loc, reason): an image-only page, a macro...
    notes: list[tuple[Loc, str]] = field(default_factory=list)


class LoadError(Exception):
    """The document cannot be read (empty, undecodable, encrypted...); ``line`` is 1-based."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
