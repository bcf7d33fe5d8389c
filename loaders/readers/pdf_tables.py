"""Tables of a PDF page, rendered as normal-form rows (cells joined by TAB).

* Ruled tables: horizontal rules of one width stacked down the page (LaTeX ``\\hline``,
  booktabs' top/mid/bottom rules, HTML cell borders).  Vertical rules, where drawn,
  give the columns (and a band a rule does not cross is a merged cell: a group row);
  without them the columns come from the text's alignment.  When rules part every
  row, each band between two rules is one row and a cell's lines are joined; with
  booktabs rules only, each line is a row and the band above the first inner rule is
  the header.
* Unruled tables: runs of lines whose text blocks align on common columns.
* The header row is a bold first row or the band above the first inner rule; the
  caption (``Table N: ...``) above or just below the table is emitted before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from ..source import Line, Loc
from .pdf_columns import Tok, assign, columns_from, crosses, gutters, join_broken_codes
from .pdf_graphics import Rule
from .pdf_text import UNKNOWN, TextLine, Word

CAPTION = re.compile(r"^Table\s*[A-Z]?\d+[.:]", re.I)
_TOC_END = re.compile(r"^(?:\d{1,4}|[ivxlc]{1,6})$", re.I)


@dataclass(slots=True)
class Table:
    """A table found on a page: its rows in normal form and the lines it took."""

    top: float
    bottom: float = 0.0
    rows: list[Line] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # TextLine.no of the lines it took


def is_toc(line: TextLine) -> bool:
    """A table-of-contents line: a title, dot leaders or a wide gap, a page number."""
    words = line.words
    if len(words) < 2 or not _TOC_END.match(words[-1].text):
        return False
    dots = sum(1 for w in words if set(w.text) <= {"."})
    gap = words[-1].x0 - words[-2].x1
    return dots >= 3 or words[-2].text.endswith("...") or gap > 4 * line.size


def _cell_text(words: Sequence[Word | Tok]) -> str:
    """The words joined by a space; a code broken after its own hyphen (``L3-KD-`` /
    ``0010``) is joined whole (a word is never hyphenated before a digit)."""
    out = ""
    for w in words:
        text = w.text.replace(UNKNOWN, "•")
        glued = len(out) > 1 and out.endswith("-") and out[-2] != " " and text[:1].isdigit()
        out += text if glued or not out else " " + text
    return out.strip()


def _within(line: TextLine, x0: float, x1: float) -> bool:
    """Whether ``line`` lies across the table from ``x0`` to ``x1``: it starts inside and
    most of it is inside (a long word may run past a column's edge, past the rule)."""
    if line.x0 < x0 - 4 or line.x0 >= x1:
        return False
    inner = min(line.x1, x1 + 4) - line.x0
    return line.x1 <= x1 + 4 or inner >= 0.75 * (line.x1 - line.x0)


def _row(
    cells: list[str],
    loc: Loc,
    header: bool,
    words: list[Word] | None = None,
    cols: list[tuple[float, float]] | None = None,
) -> Line:
    """A row in normal form; ``style="bold"`` where its first cell is set in bold."""
    text = "\t".join(cells)
    style = "header" if header else "row"
    if not header and words and cols and cells and cells[0].strip():
        first = [w for w in words if w.x0 < cols[0][1] - 1]
        if _bold_row(first):
            style = "bold"
    return Line(text=text, raw=text, loc=loc, style=style)  # type: ignore[arg-type]


def _bold_row(words: list[Word]) -> bool:
    letters = [w for w in words if any(c.isalpha() for c in w.text)]
    return bool(letters) and all(w.bold for w in letters)


def _caption_above(lines: list[TextLine], top: float, taken: set[int]) -> list[TextLine]:
    """The caption's lines: a 'Table N:' line just above the table (and any lines of
    it between that line and the table)."""
    free = [ln for ln in lines if ln.no not in taken]
    above = sorted(
        (ln for ln in free if ln.bottom <= top + 1 and top - ln.bottom < 45), key=lambda ln: -ln.top
    )
    for i, line in enumerate(above[:4]):
        if CAPTION.match(line.text):
            return sorted(above[: i + 1], key=lambda ln: ln.top)
    return []


def _caption_below(lines: list[TextLine], bottom: float, taken: set[int]) -> list[TextLine]:
    """The caption's lines: a 'Table N:' line just below the table, and the lines it
    wraps onto."""
    free = [ln for ln in lines if ln.no not in taken]
    below = sorted(
        (ln for ln in free if ln.top >= bottom - 1 and ln.top - bottom < 30), key=lambda ln: ln.top
    )
    if below and CAPTION.match(below[0].text):
        out = [below[0]]
        for ln in below[1:3]:
            if ln.top - out[-1].bottom > 0.6 * ln.size or ln.size != out[0].size:
                break
            out.append(ln)
        return out
    return []


def _caption_row(caption: list[TextLine], page: int) -> Line:
    text = " ".join(ln.text for ln in caption)
    return Line(text=text, raw=text, loc=Loc(line=caption[0].no, page=page), style="caption")


def _band_ok(band: list[TextLine], x0: float, x1: float, body: float, crossed: bool) -> bool:
    """Whether the lines between two rules read as table rows (not a page's text)."""
    if crossed:
        return True
    for line in band:
        if CAPTION.match(line.text) or line.size > 1.12 * body:
            return False
        if (
            len(line.blocks()) == 1
            and line.x0 - x0 < 5
            and line.x1 - line.x0 > 0.7 * (x1 - x0)
            and not line.bold
        ):
            return False
    return True


def _vertical_at(vs: list[Rule], x: float, y0: float, y1: float) -> bool:
    """Whether a vertical rule at ``x`` crosses most of the band from y0 to y1."""
    need = 0.6 * (y1 - y0)
    return any(abs(v.pos - x) <= 2.0 and min(v.b, y1) - max(v.a, y0) >= need for v in vs)


def ruled_tables(
    lines: list[TextLine], hs: list[Rule], vs: list[Rule], page: int, body: float
) -> list[Table]:
    """The tables on a page that rules delimit."""
    tables: list[Table] = []
    taken: set[int] = set()
    groups: list[list[Rule]] = []
    ordered = sorted(hs, key=lambda r: r.pos)
    for k, rule in enumerate(ordered):
        if not _join(rule, groups, lines, vs, body, ordered[k + 1 :]):
            groups.append([rule])
    for group in groups:
        ys = _open_ends(lines, group, sorted({round(r.pos, 1) for r in group}), hs)
        if len(ys) < 2:
            continue
        table = _ruled(lines, group, ys, vs, page)
        if table is not None and table.rows:
            table.bottom = ys[-1]
            taken |= table.used
            tables.append(table)
    return tables


def _open_ends(
    lines: list[TextLine], group: list[Rule], ys: list[float], hs: list[Rule]
) -> list[float]:
    """The rules' heights, and where a table runs on past its last rule to the page's
    end (a longtable broken over pages: its rows below the rule) or, over a lone last
    rule, from the page's top (two lines at least): the rows next to the rule that
    align in cells."""
    x0 = min(r.a for r in group)
    x1 = max(r.b for r in group)
    tail = _run_from(lines, x0, x1, ys[-1], hs, down=True)
    if tail:
        ys = [*ys, max(ln.bottom for ln in tail) + 0.5]
    elif len(ys) == 1:
        head = _run_from(lines, x0, x1, ys[0], hs, down=False)
        above = [ln for ln in lines if ln.bottom < min((h.top for h in head), default=0.0)]
        if len(head) >= 2 and not above:  # (one line over a rule: a running header's)
            ys = [min(ln.top for ln in head) - 0.5, *ys]
    return ys


def _run_from(
    lines: list[TextLine], x0: float, x1: float, y: float, hs: list[Rule], down: bool
) -> list[TextLine]:
    """The lines next to the rule at ``y`` (below it, or above) that go on as a table's
    rows: close together, inside the rule's width, no rule between, the first in cells."""
    near = [ln for ln in lines if (ln.top >= y - 1 if down else ln.bottom <= y + 1)]
    near.sort(key=lambda ln: ln.top if down else -ln.bottom)
    run: list[TextLine] = []
    edge = y
    for ln in near:
        gap = ln.top - edge if down else edge - ln.bottom
        if gap > 1.2 * ln.size or not _within(ln, x0, x1) or CAPTION.match(ln.text):
            break
        lo, hi = sorted((edge, ln.top if down else ln.bottom))
        if any(lo + 1 < h.pos < hi - 1 for h in hs):
            break
        blocks = len(ln.blocks())
        if blocks < 2 and (not run or ln.x1 - ln.x0 > 0.7 * (x1 - x0)):
            break  # running text, not a row
        run.append(ln)
        edge = ln.bottom if down else ln.top
    return run if any(len(ln.blocks()) >= 2 for ln in run) else []


def _join(
    rule: Rule,
    groups: list[list[Rule]],
    lines: list[TextLine],
    vs: list[Rule],
    body: float,
    later: list[Rule],
) -> bool:
    """Add ``rule`` to the latest table whose rules it continues: one of the same width
    (any band between), or a shorter rule inside it (``\\cmidrule``) below some text,
    with a rule of the table's width further down (the table goes on below it)."""
    for exact in (True, False):
        for group in reversed(groups):
            first, last = group[0], group[-1]
            same = abs(rule.a - first.a) <= 4 and abs(rule.b - first.b) <= 4
            inner = (
                rule.a >= first.a - 4
                and rule.b <= first.b + 4
                and any(abs(r.a - first.a) <= 4 and abs(r.b - first.b) <= 4 for r in later)
            )
            if not (same if exact else inner):
                continue
            band = [ln for ln in lines if last.pos < (ln.top + ln.bottom) / 2 < rule.pos]
            if not exact and not band:
                continue
            if any(last.pos < r.pos < rule.pos for g in groups if g is not group for r in g):
                continue  # another table lies between
            crossed = any(
                v.a <= last.pos + 2 and v.b >= rule.pos - 2 and first.a - 2 <= v.pos <= first.b + 2
                for v in vs
            )
            if _band_ok(band, first.a, first.b, body, crossed):
                group.append(rule)
                return True
            break  # a band of running text ends the latest table of that width
    return False


def attach_captions(tables: list[Table], lines: list[TextLine], page: int, taken: set[int]) -> None:
    """Put each table's caption line first among its rows and take its lines.

    A caption above a table is that table's; one below is taken only where no table
    follows it (a caption above the next table, below the end of a table continued
    from the page before, is the next table's).
    """
    ordered = sorted(tables, key=lambda t: t.top)
    found: dict[int, list[TextLine]] = {}
    for table in ordered:
        caption = _caption_above(lines, table.top, taken | table.used)
        if caption:
            found[id(table)] = caption
            taken = taken | {ln.no for ln in caption}
    for table in ordered:
        if id(table) in found:
            continue
        caption = _caption_below(lines, table.bottom, taken | table.used)
        if caption and not any(
            t is not table and 0 <= t.top - caption[-1].bottom < 45 for t in ordered
        ):
            found[id(table)] = caption
            taken = taken | {ln.no for ln in caption}
    for table in ordered:
        caption = found.get(id(table), [])
        if caption:
            table.rows.insert(0, _caption_row(caption, page))
            table.used.update(ln.no for ln in caption)


def _ruled(
    lines: list[TextLine], group: list[Rule], ys: list[float], vs: list[Rule], page: int
) -> Table | None:
    x0 = min(r.a for r in group)
    x1 = max(r.b for r in group)
    top, bottom = ys[0], ys[-1]
    inside = [ln for ln in lines if top < (ln.top + ln.bottom) / 2 < bottom and _within(ln, x0, x1)]
    if not inside:
        return None
    bands: list[tuple[float, float, list[TextLine]]] = []
    for a, b in pairwise(ys):
        band = [ln for ln in inside if a < (ln.top + ln.bottom) / 2 < b]
        if band:
            bands.append((a, b, band))
    inner = [v for v in vs if x0 - 2 <= v.pos <= x1 + 2 and v.b > top and v.a < bottom]
    bounds = sorted({round(v.pos, 0) for v in inner if x0 + 3 < v.pos < x1 - 3})
    merged_bounds: list[float] = []
    for b in bounds:
        if not merged_bounds or b - merged_bounds[-1] > 3:
            merged_bounds.append(b)
    if merged_bounds:
        cols = [(x0, merged_bounds[0]), *pairwise(merged_bounds)]
        cols = [*cols, (merged_bounds[-1], x1)]
    else:
        rows_blocks = [ln.blocks() for ln in inside if len(ln.blocks()) >= 2]
        gaps = gutters(rows_blocks, min_width=4.0)
        if not gaps:
            return None
        cols = columns_from(gaps, x0, x1)
    if len(cols) < 2:
        return None
    table = Table(top=top)
    table.used = {ln.no for ln in inside}
    per_band = bool(merged_bounds) or (
        len(bands) >= 3 and not any(_rows_in_band(band, cols) for _, _, band in bands[1:])
    )
    if per_band:
        for i, (a, b, band) in enumerate(bands):
            words = [w for ln in band for w in ln.words]
            if merged_bounds:
                cells = _cells_by_rules(words, cols, vs, a, b)
            else:
                cells = _cells_by_blocks(band, cols)
            header = i == 0 and (_bold_row(words) or _plain_header(cells, bands))
            table.rows.append(_row(cells, Loc(line=band[0].no, page=page), header, words, cols))
        return table
    # booktabs-like: the band above the first inner rule is the header, then a row a line
    for i, (_a, _b, band) in enumerate(bands):
        if i == 0 and len(bands) >= 2:
            cells = _cells_by_blocks(band, cols)
            table.rows.append(_row(cells, Loc(line=band[0].no, page=page), True))
            continue
        for j, line in enumerate(band):
            cells = _cells_by_blocks([line], cols)
            head = i == 0 and j == 0 and _bold_row(line.words)
            table.rows.append(_row(cells, Loc(line=line.no, page=page), head, line.words, cols))
    join_broken_codes(table.rows)
    return table


def _rows_in_band(band: list[TextLine], cols: list[tuple[float, float]]) -> bool:
    """Whether a band between two rules holds several rows (two lines filling most
    cells), not one row whose cells wrap."""
    need = max(2, len(cols) - 1)
    full = sum(1 for ln in band if sum(1 for c in _cells_by_blocks([ln], cols) if c) >= need)
    return full >= 2


def _plain_header(cells: list[str], bands: list[tuple[float, float, list[TextLine]]]) -> bool:
    """A first row not set in bold is the header when every cell is filled and holds no
    figures (the rows under it hold codes, dates, numbers)."""
    return len(bands) >= 2 and all(cells) and not any(ch.isdigit() for c in cells for ch in c)


def _cells_by_rules(
    words: list[Word], cols: list[tuple[float, float]], vs: list[Rule], a: float, b: float
) -> list[str]:
    """Cells of one band whose columns are ruled; a boundary no rule crosses merges."""
    spans: list[list[int]] = [[0]]
    for k in range(1, len(cols)):
        if _vertical_at(vs, cols[k][0], a, b):
            spans.append([k])
        else:
            spans[-1].append(k)
    cells = ["" for _ in cols]
    for span in spans:
        lo, hi = cols[span[0]][0], cols[span[-1]][1]
        mine = [w for w in words if lo <= w.cx < hi]
        mine.sort(key=lambda w: (round(w.cy / 2), w.x0))
        cells[span[0]] = _cell_text(_in_reading_order(mine))
    return cells


def _in_reading_order(words: list[Word]) -> list[Word]:
    """Words of one cell, line by line (lines are told apart by their vertical centre)."""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.cy):
        if rows and abs(rows[-1][0].cy - w.cy) < 0.5 * (w.bottom - w.top):
            rows[-1].append(w)
        else:
            rows.append([w])
    return [w for row in rows for w in sorted(row, key=lambda w: w.x0)]


def _cells_by_blocks(band: list[TextLine], cols: list[tuple[float, float]]) -> list[str]:
    """Cells of the lines of one row, the columns found from the text's alignment."""
    parts: list[list[Tok]] = [[] for _ in cols]
    gaps = [(cols[i][1], cols[i + 1][0]) for i in range(len(cols) - 1)]
    for line in band:
        row = line.blocks()
        if len(row) == 1 and crosses(row[0], gaps):
            k = next((i for i, (c0, c1) in enumerate(cols) if row[0].x0 < c1), 0)
            parts[k].extend(row[0].words)  # one span across the row: a group row
            continue
        for k, toks in enumerate(assign(row, cols)):
            parts[k].extend(toks)
    return [_cell_text(p) for p in parts]


def unruled_tables(lines: list[TextLine], page: int, body: float, taken: set[int]) -> list[Table]:
    """Tables without rules: runs of lines whose blocks align on two or more columns."""
    free = [ln for ln in lines if ln.no not in taken and not is_toc(ln) and ln.size <= 1.12 * body]
    tables: list[Table] = []
    i = 0
    while i < len(free):
        if len(free[i].blocks()) < 2:
            i += 1
            continue
        run = [free[i]]
        j = i + 1
        while j < len(free):
            prev, line = run[-1], free[j]
            if line.top - prev.bottom > 1.0 * line.size or line.no != prev.no + 1:
                break
            run.append(line)
            j += 1
        table = _unruled(run, page)
        if table is None:
            i += 1
            continue
        tables.append(table)
        i = i + max(1, len(table.used))
    return tables


def _unruled(run: list[TextLine], page: int) -> Table | None:
    rows = [ln.blocks() for ln in run]
    multi = [r for r in rows if len(r) >= 2]
    if len(multi) < 2:
        return None
    gaps = gutters(rows, min_width=4.0)
    if not gaps:
        return None
    # the table ends at the first line that runs across a gutter
    end = len(run)
    for k, row in enumerate(rows):
        if k > 0 and len(row) == 1 and crosses(row[0], gaps):
            end = k
            break
    run, rows = run[:end], rows[:end]
    multi = [r for r in rows if len(r) >= 2]
    if len(multi) < 2 or not (len(run) >= 3 or run[0].bold):
        return None
    gaps = gutters(rows, min_width=4.0)
    if not gaps:
        return None
    lo = min(b.x0 for r in rows for b in r)
    hi = max(b.x1 for r in rows for b in r)
    cols = columns_from(gaps, lo, hi)
    filled = sum(1 for r in rows if len(r) >= 2)
    if filled < 0.5 * len(rows):
        return None
    table = Table(top=run[0].top, bottom=run[-1].bottom)
    for k, line in enumerate(run):
        cells = _cells_by_blocks([line], cols)
        table.rows.append(
            _row(
                cells,
                Loc(line=line.no, page=page),
                k == 0 and _bold_row(line.words),
                line.words,
                cols,
            )
        )
        table.used.add(line.no)
    return table
