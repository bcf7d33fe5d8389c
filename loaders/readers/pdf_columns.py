"""Columns of a table read from the alignment of its text (PDF points or text columns).

Both the PDF reader (word boxes in points) and the ``pdftotext -layout`` reader (words
at character columns) find an unruled table's columns the same way: the gutters are the
x ranges that no text block of the table's lines covers (a stray line that runs into a
gutter is tolerated), and each block then goes to the column it overlaps most; a block
that crosses a gutter is split word by word.  A code broken after its own hyphen over
two rows is joined whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from ..source import Line


@dataclass(slots=True)
class Tok:
    """A word: its horizontal extent and text (and whether it is set in bold)."""

    x0: float
    x1: float
    text: str
    bold: bool = False


@dataclass(slots=True)
class Block:
    """Words of one line that sit close together: a cell, or a run of running text."""

    words: list[Tok] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def blocks(words: list[Tok], gap: float) -> list[Block]:
    """``words`` (left to right) cut wherever the space between two exceeds ``gap``."""
    out: list[Block] = []
    for word in words:
        if out and word.x0 - out[-1].x1 <= gap:
            out[-1].words.append(word)
        else:
            out.append(Block([word]))
    return out


def gutters(
    rows: list[list[Block]], min_width: float, slack: float = 0.15
) -> list[tuple[float, float]]:
    """The x ranges free of text in (nearly) every multi-block row: the column gaps.

    A gutter may be crossed by at most ``slack`` of the rows (at least one row when
    there are five or more), so one misaligned line does not hide a column.
    """
    multi = [row for row in rows if len(row) >= 2]
    if not multi:
        return []
    lo = min(b.x0 for row in multi for b in row)
    hi = max(b.x1 for row in multi for b in row)
    allowed = int(len(multi) * slack) if len(multi) >= 5 else 0
    # sweep: positions where the count of rows covering x changes
    events: list[tuple[float, int]] = []
    for row in multi:
        for b in row:
            events.append((b.x0, 1))
            events.append((b.x1, -1))
    events.sort(key=lambda e: (e[0], -e[1]))
    out: list[tuple[float, float]] = []
    depth = 0
    start: float | None = None
    for x, delta in events:
        before = depth
        depth += delta
        if before > allowed >= depth:
            start = x
        elif before <= allowed < depth and start is not None:
            if x - start >= min_width and lo < start and x < hi:
                out.append((start, x))
            start = None
    return out


def columns_from(
    gaps: list[tuple[float, float]], lo: float, hi: float
) -> list[tuple[float, float]]:
    """The column intervals between ``gaps`` over ``[lo, hi]``."""
    edges = [lo, *[x for g in gaps for x in g], hi]
    return [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def _nearest(x0: float, x1: float, cols: list[tuple[float, float]]) -> int:
    best, score = 0, float("-inf")
    for i, (c0, c1) in enumerate(cols):
        ov = _overlap(x0, x1, c0, c1)
        if ov > score:
            best, score = i, ov
    return best


def assign(row: list[Block], cols: list[tuple[float, float]]) -> list[list[Tok]]:
    """The words of ``row`` per column: each block to the column it overlaps most,
    split word by word when it crosses a column boundary."""
    cells: list[list[Tok]] = [[] for _ in cols]
    for block in row:
        spans = {_nearest(w.x0, w.x1, cols) for w in block.words}
        if len(spans) == 1:
            cells[spans.pop()].extend(block.words)
            continue
        for word in block.words:
            cells[_nearest(word.x0, word.x1, cols)].append(word)
    return cells


def crosses(block: Block, gaps: list[tuple[float, float]]) -> bool:
    """Whether ``block`` runs across a gutter (so it is no cell of the table)."""
    return any(block.x0 < g0 and block.x1 > g1 for g0, g1 in gaps)


def join_broken_codes(rows: list[Line]) -> None:
    """A code broken after its own hyphen (``L3-KD-`` over ``0010``) is joined whole in
    the row above: the fragment leaves the sparser continuation line under it (rows in
    normal form: cells joined by TAB; a row left empty goes)."""
    for upper, lower in pairwise(rows):
        top, low = upper.text.split("\t"), lower.text.split("\t")
        if sum(1 for c in low if c) >= sum(1 for c in top if c):
            continue
        for k, (a, b) in enumerate(zip(top, low, strict=False)):
            if len(a) > 1 and a.endswith("-") and a[-2] != " " and b[:1].isdigit() and " " not in b:
                top[k], low[k] = a + b, ""
        upper.text, lower.text = "\t".join(top), "\t".join(low)
    rows[:] = [r for r in rows if r.text.strip()]
