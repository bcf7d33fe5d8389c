"""Table cells dealt to their columns, for pdftotext's default mode.

pdftotext's default mode writes a table whose every cell is a paragraph of its own
(Chromium's PDFs: a blank line between cells), row after row, with nothing to say where
a row ends: an empty cell writes nothing.  :func:`deal` gives each cell a column, row by
row, as the best of all placements (dynamic programming over the cells): a cell scores
by how well its shape fits its column (a WBS code under 'WBS', a name under 'Manager',
a sentence under 'Description'), an empty cell costs, and a second pass scores cells
by how much they resemble the cells the first pass put in their column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..columns import cell_shapes

#: keys whose cells have one shape (WBS code, FTE, date, milestone id, ticket, level...)
_SHAPED: dict[str, str] = {
    "wbs": "wbs",
    "fte": "fte",
    "due": "date",
    "rubin": "milestone_id",
    "jira": "ticket",
    "level": "level",
    "version": "version",
}
_DATA = frozenset({"wbs", "date", "milestone_id", "ticket"})
_CODES = frozenset({"wbs", "milestone_id", "ticket"})
_PEOPLE = frozenset({"staff", "manager", "owner", "contact", "author"})
_PROSE = frozenset({"description", "notes"})
_NAMES = frozenset({"title", "team", "product", "milestone"})
_NOBODY = re.compile(r"^(?:tbd|tbh|tbc|vacant|none|n/?a|-+|–|—|\?+)$", re.I)
_LAST_FIRST = re.compile(r"^[A-Z][\w'’-]+,\s+[A-Z][\w'’.-]+$")


def _empty_cost(key: str, first: bool) -> float:
    """What an empty cell costs: a row's first cell is seldom empty, notes often are."""
    if first:
        return 3.0
    if key in _PROSE:
        return 0.5
    if key in ("depends", "institution", ""):
        return 1.0
    return 1.5


@dataclass(frozen=True, slots=True)
class _Profile:
    """What the first pass put in a column: its cells' shapes and mean length."""

    shapes: dict[str, float]
    words: float


def _words(text: str) -> int:
    return len(text.split())


def fit(key: str, text: str) -> float:
    """How well a cell reads as one of column ``key`` (positive: well)."""
    shapes = cell_shapes(text)
    want = _SHAPED.get(key)
    if want is not None:  # a code of another kind may stand under an id's name ('Code')
        loose = key in ("rubin", "jira") and shapes & _CODES
        return 3.0 if want in shapes else 1.5 if loose else -4.0
    if key == "acronym":
        return 1.0 if len(text.split()) == 1 else -4.0
    if shapes & _DATA and key not in ("depends", ""):
        return -2.0
    sentence = "long_text" in shapes or text.rstrip().endswith(".")
    if key in _PEOPLE:
        if "person" in shapes or _NOBODY.match(text.strip()):
            return 1.5
        return -1.5 if sentence else -0.5
    if key in _PROSE:
        return 1.0 if sentence else 0.0
    if key in _NAMES:
        if _NOBODY.match(text.strip()) or _LAST_FIRST.match(text.strip()):
            return -2.0  # nobody, or a person written 'Last, First'
        if sentence and _words(text) > 8:
            return -1.0
        return 0.0 if "person" in shapes else 0.5
    if key == "institution":
        return 1.0 if "acronym" in shapes else 0.0
    return 0.0


def _resemblance(profile: _Profile, text: str) -> float:
    shapes = cell_shapes(text) or {"short_text"}
    share = max(profile.shapes.get(s, 0.0) for s in shapes)
    ratio = abs(math.log((_words(text) + 1) / (profile.words + 1)))
    return 1.5 * share - 0.5 * ratio


def _best(
    keys: Sequence[str], cells: Sequence[str], profiles: list[_Profile] | None
) -> tuple[float, list[tuple[int, int]]]:
    """The best placement: per cell (row, column), and its score."""
    k, m = len(keys), len(cells)
    cost = [_empty_cost(keys[c], c == 0) for c in range(k)]
    score = [[fit(keys[c], cells[i]) for c in range(k)] for i in range(m)]
    if profiles is not None:
        for i in range(m):
            for c in range(k):
                score[i][c] += _resemblance(profiles[c], cells[i])

    def gap(a: int, b: int) -> float:
        """Cost of the empty columns strictly between a and b (same row)."""
        return sum(cost[a + 1 : b])

    neg = float("-inf")
    best = [[neg] * k for _ in range(m)]
    back = [[-1] * k for _ in range(m)]
    for c in range(k):
        best[0][c] = score[0][c] - gap(-1, c)
    for i in range(1, m):
        for c in range(k):
            for p in range(k):
                if best[i - 1][p] == neg:
                    continue
                step = gap(p, c) if c > p else gap(p, k) + gap(-1, c)
                value = best[i - 1][p] - step + score[i][c]
                if value > best[i][c]:
                    best[i][c], back[i][c] = value, p
    last = max(range(k), key=lambda c: best[m - 1][c] - gap(c, k))
    total = best[m - 1][last] - gap(last, k)
    cols = [last]
    for i in range(m - 1, 0, -1):
        cols.append(back[i][cols[-1]])
    cols.reverse()
    placed: list[tuple[int, int]] = []
    row = 0
    for i, c in enumerate(cols):
        if i and c <= cols[i - 1]:
            row += 1
        placed.append((row, c))
    return total, placed


def _profiles(
    keys: Sequence[str], cells: Sequence[str], placed: list[tuple[int, int]]
) -> list[_Profile]:
    out = []
    for c in range(len(keys)):
        mine = [cells[i] for i, (_, col) in enumerate(placed) if col == c]
        shapes: dict[str, float] = {}
        for text in mine:
            for s in cell_shapes(text) or {"short_text"}:
                shapes[s] = shapes.get(s, 0.0) + 1 / len(mine)
        words = sum(_words(t) for t in mine) / len(mine) if mine else 1.0
        out.append(_Profile(shapes, words))
    return out


def _lopsided(rows: list[list[int | None]], heights: Sequence[int]) -> bool:
    """Whether a column holds one cell many lines taller than its others: the cells of
    several rows set as one paragraph (not a cell, so not this form of table)."""
    for c in range(len(rows[0])):
        tall = sorted(heights[i] for r in rows if (i := r[c]) is not None)
        if len(tall) >= 2 and tall[-1] >= 6 and tall[-1] >= 3 * tall[(len(tall) - 2) // 2]:
            return True
    return False


def _lone_blocks(rows: list[list[int | None]], heights: Sequence[int]) -> list[tuple[int, int]]:
    """A column's one cell, of many lines, in a table of several rows: the cells of the
    whole column set as one paragraph, not a row's cell; it is taken out of the rows.
    Returns (column, cell) of each."""
    out = []
    for c in range(len(rows[0])):
        filled = [r for r in rows if r[c] is not None]
        if len(rows) >= 2 and len(filled) == 1:
            i = filled[0][c]
            assert i is not None
            if heights[i] >= 3:
                filled[0][c] = None
                out.append((c, i))
    return out


@dataclass(slots=True)
class Dealt:
    """Cells dealt: rows of cell indices (``None``: an empty cell), and the cells that
    hold a whole column's cells one under another (column, cell index)."""

    rows: list[list[int | None]]
    blocks: list[tuple[int, int]]


def deal(keys: Sequence[str], cells: Sequence[str], heights: Sequence[int]) -> Dealt | None:
    """The rows ``cells`` deal into under columns ``keys`` (``heights``: the cells' line
    counts), or None when no placement reads well: most cells would not fit, or a cell
    is many lines taller than the others of its column."""
    k, m = len(keys), len(cells)
    if k < 2 or m < k - 1:
        return None
    _, placed = _best(keys, cells, None)
    total, placed = _best(keys, cells, _profiles(keys, cells, placed))
    rows: list[list[int | None]] = [[None] * k for _ in range(placed[-1][0] + 1)]
    for i, (r, c) in enumerate(placed):
        rows[r][c] = i
    empty = sum(1 for row in rows for v in row if v is None)
    fits = [fit(keys[c], cells[i]) for i, (_, c) in enumerate(placed)]
    misfit = sum(1 for f in fits if f < 0)
    wrong = sum(1 for f in fits if f <= -4)  # a cell not of its column's shape (a code)
    if empty > 0.25 * len(rows) * k or misfit > 0.15 * m or wrong > 0.05 * m:
        return None
    if total < 0.3 * m:
        return None
    if _lopsided(rows, heights):
        return None
    return Dealt(rows, _lone_blocks(rows, heights))


def split_block(lines: Sequence[str], n: int) -> list[list[str]] | None:
    """The lines of a column's cells set one under another, cut into ``n`` cells where a
    cell ends: a line that ends a sentence before a capital, or one that would have
    held the next line's first word (the text did not wrap there).  None when fewer
    than ``n - 1`` places read as cell ends."""
    if n < 1 or len(lines) < n:
        return None
    if n == 1:
        return [list(lines)]
    width = max(len(t) for t in lines)
    scores = []
    for a, b in pairwise(lines):
        score = 0.0
        if a.rstrip().endswith((".", ";", ":")):
            score += 2.0
        score += 1.0 if b[:1].isupper() or b[:1].isdigit() else -2.0
        first = b.split()[0] if b.split() else ""
        score += 1.5 if len(a) + 1 + len(first) <= width else -1.0
        scores.append(score)
    cuts = sorted(sorted(range(len(scores)), key=lambda i: -scores[i])[: n - 1])
    if any(scores[i] <= 0 for i in cuts):
        return None
    out, start = [], 0
    for i in cuts:
        out.append(list(lines[start : i + 1]))
        start = i + 1
    out.append(list(lines[start:]))
    return out
