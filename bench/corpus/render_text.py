"""The text renderings: ``tabbed`` (the seeds' form) and ``markdown`` (pipe tables).

``tabbed`` is what a layout-aware PDF-to-Markdown converter leaves: ``#`` headings with
their numbers, TAB-separated rows, ``<b>`` and ``&amp;`` markup, cells wrapped over
several physical lines, headers repeated where a page broke, figures reduced to their
caption. ``markdown`` has pipe tables, ``**bold**`` group rows, rows continued in a
following row, figures as image links.
"""

from __future__ import annotations

import random

from bench.synth import _break

from .blocks import Doc, Figure, Heading, Items, Para, Row, Table

PAGE_ROWS = 22  # rows of a long table per page, where a repeated header appears
LINE_CHARS = 110


class Numbering:
    """Section numbers (1, 1.1, ...), table and figure numbers, as the renderers count them."""

    def __init__(self) -> None:
        self.section = [0, 0, 0]
        self.tables = 0
        self.figures = 0

    def heading(self, h: Heading) -> str:
        if h.number:
            return h.number
        self.section[h.level - 1] += 1
        for i in range(h.level, 3):
            self.section[i] = 0
        return ".".join(str(n) for n in self.section[: h.level])

    def table(self) -> int:
        self.tables += 1
        return self.tables

    def figure(self) -> int:
        self.figures += 1
        return self.figures


def _wrap(text: str, width: int) -> list[str]:
    """Split a cell over lines like a narrow PDF column; long lower-case words break with a
    hyphen, names and capitalised words move whole to the next line."""
    out: list[str] = []
    cur = ""
    for word in text.split(" "):
        if cur and len(cur) + 1 + len(word) > width:
            room = width - len(cur) - 2
            if len(word) >= 8 and word.isalpha() and word.islower() and room >= 3:
                cut = min(room, len(word) - 3)
                out.append(f"{cur} {word[:cut]}-")
                cur = word[cut:]
                continue
            out.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    if cur:
        out.append(cur)
    return out


def _amp(text: str) -> str:
    return text.replace("&", "&amp;")


def _cell_lines(row: Row, widths: list[float]) -> list[list[str]]:
    """The row's cells split over physical lines, as a narrow PDF column wraps them."""
    split = [
        _wrap(c, max(8, int(w * LINE_CHARS))) if c and not row.group else [c]
        for c, w in zip(row.cells, widths, strict=True)
    ]
    n = max(len(s) for s in split)
    return [[s[i] if i < len(s) else "" for s in split] for i in range(n)]


def _tabbed_table(t: Table, n: int, rng: random.Random, out: list[str]) -> None:
    out += [f"Table {n}: {t.caption}", ""]
    bold = rng.random() < 0.25
    header = "\t".join(f"<b>{h}</b>" if bold else h for h in t.header)
    out.append(header)
    if rng.random() < 0.4:
        out.append("\t".join("-" * max(3, len(h)) for h in t.header))
    for i, row in enumerate(t.rows):
        if t.long and i and i % PAGE_ROWS == 0:
            out += ["", "", header]  # the page broke: the converter repeats the header
        if row.group:
            out.append("\t".join([f"<b>{_amp(row.cells[0])}</b>", *row.cells[1:]]))
            continue
        cells = [_amp(c) for c in row.cells]
        if row.bold:
            cells[0] = f"<b>{cells[0]}</b>"
        if t.wrap and rng.random() < t.wrap:
            for line in _cell_lines(Row(cells), t.widths):
                out.append("\t".join(line))
        else:
            longest = max(range(len(cells)), key=lambda k: len(cells[k]))
            if len(cells[longest]) > 60 and rng.random() < 0.3:
                cells[longest] = _break(cells[longest], rng)
            out.append("\t".join(cells))
        if rng.random() < 0.04:
            out.append("")
    out.append("")


def render_tabbed(doc: Doc, rng: random.Random) -> str:
    """The seeds' form: what a layout-aware PDF-to-Markdown converter writes."""
    fr = doc.front
    out: list[str] = ["", "", f"{fr.org}  ", "", f"# {fr.title}", ""]
    out += [", ".join(fr.authors), "", fr.handle, "", f"Latest Revision: {fr.date}", ""]
    if fr.abstract:
        out += ["## Abstract", "", fr.abstract, ""]
    num = Numbering()
    if fr.changes is not None:
        out += ["## Change Record", ""]
        _tabbed_table(fr.changes, 0, rng, out)
        out.pop(-1)
        out = [ln for ln in out if not ln.startswith("Table 0:")]
        out.append("")
    for block in doc.blocks:
        if isinstance(block, Heading):
            number = num.heading(block)
            out += [f"{'#' * (block.level + 1)} {number} {block.text}", ""]
        elif isinstance(block, Para):
            text = _amp(block.text)
            out += [f"**{text}**" if block.bold else text, ""]
        elif isinstance(block, Items):
            if block.intro:
                out += [_amp(block.intro), ""]
            out += [f"{'  ' * depth}- {_amp(text)}" for depth, text in block.items]
            out.append("")
        elif isinstance(block, Table):
            _tabbed_table(block, num.table(), rng, out)
        elif isinstance(block, Figure):
            out += [f"Figure {num.figure()}: {block.caption}", ""]
    return "\n".join(out) + "\n"


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _md_table(t: Table, n: int, rng: random.Random, out: list[str]) -> None:
    out += [f"Table {n}: {t.caption}", ""]
    out.append(_pipe(t.header))
    out.append("|" + "|".join("---" for _ in t.header) + "|")
    for row in t.rows:
        if row.group:
            out.append(_pipe([f"**{row.cells[0]}**", *row.cells[1:]]))
            continue
        cells = list(row.cells)
        if row.bold:
            cells[0] = f"**{cells[0]}**"
        if t.wrap and rng.random() < t.wrap:
            # the row continues in the next one: long cells split, other cells empty
            first, rest = [], []
            for c in cells:
                words = c.split(" ")
                if len(words) > 3:
                    cut = len(words) // 2
                    first.append(" ".join(words[:cut]))
                    rest.append(" ".join(words[cut:]))
                else:
                    first.append(c)
                    rest.append("")
            out += [_pipe(first), _pipe(rest)]
        else:
            out.append(_pipe(cells))
    out.append("")


def render_markdown(doc: Doc, rng: random.Random) -> str:
    """Markdown: ``#`` headings, pipe tables, ``-`` lists, figures as image links."""
    fr = doc.front
    out: list[str] = [f"# {fr.title}", "", f"**{fr.org}**", ""]
    out += [f"Authors: {', '.join(fr.authors)}", "", f"Document: {fr.handle}", ""]
    out += [f"Date: {fr.date}", ""]
    if fr.abstract:
        out += ["## Abstract", "", fr.abstract, ""]
    if fr.changes is not None:
        out += ["## Change Record", ""]
        _md_table(fr.changes, 0, rng, out)
        out = [ln for ln in out if not ln.startswith("Table 0:")]
    num = Numbering()
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * (block.level + 1)} {num.heading(block)} {block.text}", ""]
        elif isinstance(block, Para):
            out += [f"**{block.text}**" if block.bold else block.text, ""]
        elif isinstance(block, Items):
            if block.intro:
                out += [block.intro, ""]
            out += [f"{'  ' * depth}- {text}" for depth, text in block.items]
            out.append("")
        elif isinstance(block, Table):
            _md_table(block, num.table(), rng, out)
        elif isinstance(block, Figure):
            n = num.figure()
            out += [f"![Figure {n}: {block.caption}](figure-{n}.svg)", ""]
    return "\n".join(out) + "\n"
