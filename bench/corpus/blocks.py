"""A document before it has a format: headings, paragraphs, lists, tables and figures.

Forms build these blocks; every renderer turns the same blocks into its format, so the
facts a form plants are the same in every rendering.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Heading:
    level: int  # 1 = section
    text: str
    number: str = ""


@dataclass
class Para:
    text: str
    bold: bool = False


@dataclass
class Items:
    """A (possibly nested) bulleted list: (depth, text), depth 0 outermost."""

    items: list[tuple[int, str]]
    intro: str = ""  # the sentence that introduces the list


@dataclass
class Row:
    cells: list[str]
    group: bool = False  # a group/section row: its first cell spans the table, in bold
    bold: bool = False  # a full row set in bold (a group product with its own manager)


@dataclass
class Table:
    caption: str  # without the 'Table N:' prefix
    header: list[str]
    rows: list[Row]
    widths: list[float]  # relative column widths (sum 1)
    long: bool = False  # may span pages (longtable, repeated header)
    wrap: float = 0.0  # chance a row's long cells continue on the next line (text formats)


@dataclass
class Box:
    key: str
    lines: list[str]  # first line in bold
    parent: str = ""  # key of the box it hangs from (tree and org chart)


@dataclass
class Bar:
    """A Gantt chart milestone: a diamond at ``due`` in the lane of ``lane``."""

    key: str
    label: str
    due: str  # ISO date
    lane: str


@dataclass
class Figure:
    kind: str  # 'tree' | 'orgchart' | 'gantt'
    caption: str
    boxes: list[Box] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)


Block = Heading | Para | Items | Table | Figure


@dataclass
class Front:
    """Title page: title, handle, authors, date and the change record."""

    title: str
    handle: str
    org: str
    authors: list[str]
    date: str
    changes: Table | None = None
    abstract: str = ""


@dataclass
class Doc:
    """One document of the corpus: its blocks, in reading order."""

    slug: str
    form: str
    front: Front
    blocks: list[Block] = field(default_factory=list)
