"""Read what poppler's ``pdftotext`` writes, in its ``-layout`` or its default mode.

Pages are parted by form feeds; a loc is the page and the line on that page.  Both
modes drop running headers and footers (a line that comes back once on most pages,
page numbers), turn numbered section lines into ``#`` headings and bulleted or
enumerated lines into list items.

* ``-layout``: a table is a run of lines whose blocks (text parted by two or more
  spaces) align on common columns; each line becomes a row of TAB-joined cells, and a
  cell's continuation lines stay rows of their own with the other cells empty.
* default: each table cell is its own paragraph, row by row or column by column.
  A run of short lines that reads as a table header starts a table; the cells after
  it are dealt to its columns by order, row-major or column-major, whichever fits the
  shape of the cells (WBS codes, dates, FTE numbers, milestone ids).  A table that
  cannot be rebuilt stays as lines, with a note.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from ..columns import cell_shapes, header_key
from ..source import Line, LoadError, Loc, Source
from ..tables import COLUMN_NAMES, header_kind
from .pdf_columns import Block, Tok, assign, columns_from, crosses, gutters
from .pdftotext_cells import Dealt, deal, fit, split_block

_PAGE_NO = re.compile(r"^(?:page\s+)?[-–]?\s*(\d{1,4})\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
#: a section number never starts with 0 (an FTE '0.5' before a name is no heading)
_HEADING = re.compile(r"^((?:[1-9]\d*(?:\.\d+)*|[A-Z](?:\.\d+)*))(\.?)(\s+)([A-Z][^\s].*)$")
_LONE_NUMBER = re.compile(r"^(?:[1-9]\d*(?:\.\d+)*|[A-Z])$")
_BULLET = re.compile(
    r"^([•◦▪▫■□●○‣⁃∙·–—\-−∗*➢►▸✓❖\u0080-\u009f\ue000-\uf8ff\ufffd]|\d{1,2}[.)]|[a-z][.)]|\([a-z0-9ivx]{1,4}\))\s+(\S.*)$"
)
_TOC = re.compile(r"(?:\.\s*){3,}\s*\d+\s*$|\S\s{3,}\d{1,4}\s*$")
_CAPTION = re.compile(r"^Table\s*[A-Z]?\d+[.:]", re.I)
_FIGURE = re.compile(r"^(?:Figure|Fig\.)\s*[A-Z]?\d+[.:]", re.I)
_VOCAB = {name for names in COLUMN_NAMES.values() for name in names}

#: what the cells of a column look like, by the column's header key
SHAPES: dict[str, re.Pattern[str]] = {
    "wbs": re.compile(r"^\d+(?:\.\d+)*[a-z]?(?:\.\d+)*$"),
    "due": re.compile(
        r"^(?:\d{4}-\d{2}(?:-\d{2})?|\d{1,2}/\d{1,2}/\d{2,4}|"
        r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{4})$",
        re.I,
    ),
    "fte": re.compile(r"^\d+(?:\.\d+)?%?$"),
    "level": re.compile(r"^\d{1,2}$"),
    "rubin": re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+){1,3}$"),
    "jira": re.compile(r"^[A-Z][A-Z0-9]*-\d+$"),
}


@dataclass(slots=True)
class _L:
    """A line of the text: its page, number on the page and text."""

    page: int
    no: int
    text: str
    drop: bool = False

    @property
    def loc(self) -> Loc:
        return Loc(line=self.no, page=self.page)

    @property
    def stripped(self) -> str:
        return self.text.strip()


def _pages(text: str, name: str) -> list[list[_L]]:
    if not text.strip():
        raise LoadError(f"{name}: the text is empty")
    chunks = text.split("\f")
    if len(chunks) > 1 and not chunks[-1].strip():
        chunks.pop()
    return [
        [_L(p, n, _printable(t)) for n, t in enumerate(chunk.split("\n"), 1)]
        for p, chunk in enumerate(chunks, 1)
    ]


def _printable(text: str) -> str:
    text = text.rstrip("\r")
    return "".join(
        ch if unicodedata.category(ch)[0] != "C" or ch == "\t" else "\ufffd" for ch in text
    )


_ROMAN = re.compile(r"\b[ivxlc]{1,6}\b", re.I)


def _norm(text: str) -> str:
    """A line's text with its numbers (arabic or roman: page numbers) made alike."""
    text = _ROMAN.sub("#", re.sub(r"\d+", "#", text))
    return re.sub(r"\s+", " ", text).strip().lower()


#: a fragment of a watermark that pdftotext sets among the text (DR / AF / T), not a
#: placeholder (TBD)
_WATERMARK = re.compile(r"^(?!TB[DHC]$)[A-Z]{1,3}$")


def _block_texts(text: str) -> list[str]:
    return [b.strip() for b in re.split(r"\s{2,}", text.strip()) if b.strip()]


def _names_columns(text: str) -> bool:
    """A table's header row, or one column name (pdftotext's default mode sets each
    header cell on a line of its own)."""
    return _is_header(_block_texts(text)) or text.lower().strip(" :*") in _VOCAB


def _drop_running(pages: list[list[_L]], layout: bool) -> None:
    """Mark running headers and footers, repeated marks and page numbers as dropped.

    A running line is the same text, the same number of times, on most pages, standing
    alone at the same place (or a watermark's capital letters); a table's header row
    repeated on each page is no running line."""
    n = len(pages)
    if n >= 2:
        need = max(2, int(0.6 * n + 0.999))
        per_page = [Counter(_norm(ln.text) for ln in page if ln.stripped) for page in pages]
        spread: dict[str, Counter[int]] = {}
        for counts in per_page:
            for key, c in counts.items():
                spread.setdefault(key, Counter())[c] += 1
        # the same text, the same number of times (at most 3) on most pages
        repeated = {
            key
            for key, times in spread.items()
            if max(times) <= 3
            and times.most_common(1)[0][1] >= need
            and len(key) <= 90
            and any(ch.isalpha() for ch in key)
        }
        # ... standing alone (a paragraph of its own) among a page's first or last lines
        # on most of those pages, and in -layout (which keeps a page's lines in place) at
        # one line of the page: a table's cells repeated down the pages do not.  A
        # watermark's capitals may stand anywhere.
        placed: dict[str, Counter[int]] = {}
        for page in pages:
            filled = [ln for ln in page if ln.stripped]
            for ln in filled[:3] + filled[-3:]:
                key = _norm(ln.text)
                if key in repeated and _alone(page, page.index(ln)):
                    placed.setdefault(key, Counter())[ln.no if layout else 0] += 1

        def steady(key: str) -> set[int] | None:
            """The line numbers a running text stands at (None: anywhere it is alone)."""
            at = placed.get(key, Counter())
            for no, _ in at.most_common():
                near = sum(c for k, c in at.items() if abs(k - no) <= 1)
                if 2 * near >= spread[key].total() and near >= need:
                    return {no - 1, no, no + 1} if layout else None
            return set()

        running = {key: steady(key) for key in repeated}
        for page in pages:
            for i, ln in enumerate(page):
                key = _norm(ln.text) if ln.stripped else ""
                if key not in running or _names_columns(ln.stripped):
                    continue  # a table's header repeated on each page stays
                where = running[key]
                if _WATERMARK.match(key.upper()):
                    ln.drop = True
                elif where is None or ln.no in where:
                    ln.drop = _alone(page, i)
    # page numbers: a number near the top or bottom that follows the page count
    votes: Counter[int] = Counter()
    found: list[list[tuple[_L, int]]] = []
    for p, page in enumerate(pages, 1):
        filled = [ln for ln in page if ln.stripped and not ln.drop]
        ends = filled[:5] + filled[-5:]
        cands = []
        for ln in ends:
            m = _PAGE_NO.match(ln.stripped)
            if m:
                cands.append((ln, int(m.group(1)) - p))
        for d in {d for _, d in cands}:
            votes[d] += 1
        found.append(cands)
    if votes:
        offset, count = votes.most_common(1)[0]
        if count >= max(1, n // 2) or n == 1:
            for cands in found:  # the lowest on the page: footers carry page numbers more
                matching = [ln for ln, d in cands if d == offset]
                if matching:
                    max(matching, key=lambda ln: ln.no).drop = True


def _item(text: str) -> tuple[str, str] | None:
    m = _BULLET.match(text.strip())
    return (m.group(1), m.group(2)) if m else None


def _heading(text: str) -> tuple[str, str] | None:
    """(number, title) of a numbered section line."""
    s = text.strip()
    if _TOC.search(s):
        return None
    m = _HEADING.match(s)
    if not m:
        return None
    number, dot, space, title = m.groups()
    if dot and len(space) < 2:
        return None  # '1. Do this': an enumerated item
    if not number[0].isdigit() and len(space) < 2:
        return None  # 'A plan...': a sentence, not appendix A
    if len(title.split()) > 12 or re.search(r"[.;,:]$", title) or "  " in title.strip():
        return None
    return number, title


def _heading_line(ln: _L, number: str, title: str) -> Line:
    depth = min(6, number.count(".") + 1)
    return Line(
        text=f"{'#' * depth} {number} {title}",
        raw=_squash(ln.stripped),
        loc=ln.loc,
        style="heading",
        level=depth,
    )


def _is_header(cells: list[str]) -> bool:
    filled = [c for c in cells if c.strip()]
    if len(filled) < 2:
        return False
    if header_kind("\t".join(cells)) is not None:
        return True
    known = sum(1 for c in filled if c.strip().lower().strip(" :*") in _VOCAB)
    return known >= max(2, (len(filled) + 1) // 2)


# ---------------------------------------------------------------- -layout


def _blocks(text: str) -> list[Block]:
    words = [Tok(float(m.start()), float(m.end()), m.group()) for m in re.finditer(r"\S+", text)]
    out: list[Block] = []
    for w in words:
        if out and w.x0 - out[-1].x1 < 2:
            out[-1].words.append(w)
        else:
            out.append(Block([w]))
    return out


def _own_gaps(row: list[Block]) -> list[tuple[float, float]]:
    return [(a.x1, b.x0) for a, b in pairwise(row)]


def _spans_all(block: Block, cols: list[tuple[float, float]]) -> bool:
    """A one-block line that runs from the first column into the last (a row whose
    cells pdftotext set one space apart), not a group title in the first columns."""
    return len(cols) >= 3 and block.x0 < cols[0][1] and block.x1 > cols[-2][1]


def _aligned(row: list[Block], rows: list[tuple[_L, list[Block]]]) -> bool:
    """Whether every block of ``row`` starts where a block of the rows above starts (a
    row's last cell holding a number, not a contents line's page number)."""
    starts = {b.x0 for _, r in rows for b in r}
    return all(any(abs(b.x0 - x) <= 1 for x in starts) for b in row)


def _layout_table(lines: list[_L], start: int) -> tuple[list[Line], int] | None:
    """A table whose first row is ``lines[start]``: its rows and the index after it."""
    rows: list[tuple[_L, list[Block]]] = []
    blank = 0
    near_drop = False
    i = start
    gaps: list[tuple[float, float]] = []
    while i < len(lines):
        ln = lines[i]
        if ln.drop:
            near_drop = True
            i += 1
            continue
        if not ln.stripped:
            blank += 1
            if blank > 4:
                break
            i += 1
            continue
        bl = _blocks(ln.text)
        toc = _TOC.search(ln.stripped) and not (rows and _aligned(bl, rows))
        if toc or _heading(ln.text) or _CAPTION.match(ln.stripped):
            break
        if rows and len(bl) == 1:
            lo = min(b.x0 for _, r in rows for b in r)
            hi = max(b.x1 for _, r in rows for b in r)
            inner = {b.x0 for _, r in rows for b in r[1:]}
            under = bl[0].x0 > lo + 1 and any(abs(bl[0].x0 - x) <= 1 for x in inner)
            if bl[0].x0 < lo - 1 or (bl[0].x1 > hi + 3 and not under) or (blank and not near_drop):
                break  # running text after the table (not a cell's next line under its column)
        elif (
            rows
            and blank
            and not near_drop
            and len(_own_gaps(bl))
            and not gutters([*[r for _, r in rows if len(r) >= 2], bl], 1.0)
        ):
            break  # after a gap, a row on other columns: another table
        rows.append((ln, bl))
        blank = 0
        near_drop = False
        multi = [r for _, r in rows if len(r) >= 2]
        gaps = gutters(multi, 1.0) if len(multi) >= 2 else _own_gaps(multi[0]) if multi else []
        i += 1
    multi = [r for _, r in rows if len(r) >= 2]
    headed = len(rows[0][1]) >= 2 and _is_header([b.text for b in rows[0][1]]) if rows else False
    if len(multi) < 2 or (len(rows) < 3 and not headed):
        return None  # two lines side by side without a header: a title page's columns
    gaps = gutters(multi, 1.0)
    body = [r for _, r in rows[1:] if len(r) >= 2]
    if headed and len(body) >= 2 and len(found := gutters(body, 1.0)) > len(gaps):
        gaps = found  # the header set two names one space apart: the body's columns rule
    if not gaps:
        return None
    lo = min(b.x0 for _, r in rows for b in r)
    hi = max(b.x1 for _, r in rows for b in r)
    cols = columns_from(gaps, lo, hi)
    out: list[Line] = []
    for k, (ln, bl) in enumerate(rows):
        if len(bl) == 1 and crosses(bl[0], gaps) and not _spans_all(bl[0], cols):
            cells = ["" for _ in cols]
            cells[0] = bl[0].text  # a group row: one title across the table
        else:
            if len(bl) == 1:
                bl = [Block([w]) for w in bl[0].words]
            cells = [" ".join(t.text for t in toks) for toks in assign(bl, cols)]
        text = "\t".join(cells)
        header = k == 0 and _is_header(cells)
        out.append(
            Line(
                text=text, raw=_squash(ln.stripped), loc=ln.loc, style="header" if header else "row"
            )
        )
    _join_header(out)
    _join_codes(out)
    end = lines.index(rows[-1][0]) + 1
    return out, end


def _join_codes(rows: list[Line]) -> None:
    """A code broken after its own hyphen (``L3-KD-`` over ``0010``) is joined whole in
    the row above: the fragment leaves the sparser continuation line under it."""
    for upper, lower in pairwise(rows):
        top, low = upper.text.split("\t"), lower.text.split("\t")
        if sum(1 for c in low if c) >= sum(1 for c in top if c):
            continue
        for k, (a, b) in enumerate(zip(top, low, strict=False)):
            if len(a) > 1 and a.endswith("-") and a[-2] != " " and b[:1].isdigit() and " " not in b:
                top[k], low[k] = a + b, ""
        upper.text, lower.text = "\t".join(top), "\t".join(low)
    rows[:] = [r for r in rows if r.text.strip()]


def _join_header(rows: list[Line]) -> None:
    """A header whose names wrap (``FY24`` over ``FTE``): the lines right under the header
    row with its first cell empty, no figures, and names only under named columns, are
    joined to it."""
    if not rows or rows[0].style != "header":
        return
    head = rows[0]
    last = head.loc.line
    while len(rows) > 1:
        nxt = rows[1]
        cells, under = head.text.split("\t"), nxt.text.split("\t")
        if (
            nxt.loc.line != last + 1
            or not cells[0].strip()
            or under[0].strip()
            or any(ch.isdigit() for ch in nxt.text)
            or any(
                c.strip() and not (k < len(cells) and cells[k].strip()) for k, c in enumerate(under)
            )
        ):
            return
        head.text = "\t".join(
            f"{a} {b}".strip() for a, b in zip(cells, under + [""] * len(cells), strict=False)
        )
        head.raw += " " + nxt.raw
        last = nxt.loc.line
        del rows[1]


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _bare_items(pages: list[list[_L]]) -> dict[int, int]:
    """List items drawn without a bullet pdftotext could write (Chromium draws bullets
    as shapes): the lines indented under a line that ends with a colon, one block each,
    up to a blank line; their level is the rank of their indentation in the run.
    Returns ``id(line) -> level``."""
    flat = [ln for page in pages for ln in page if not ln.drop]
    out: dict[int, int] = {}
    k = 0
    while k < len(flat):
        lead = flat[k]
        k += 1
        if not lead.stripped.endswith(":") or _heading(lead.text) or _item(lead.text):
            continue
        j, blanks = k, 0
        while j < len(flat) and not flat[j].stripped and blanks < 2:
            j, blanks = j + 1, blanks + 1
        run: list[_L] = []
        while j < len(flat):
            ln = flat[j]
            if not ln.stripped:
                nxt = flat[j + 1] if j + 1 < len(flat) else None
                if run and nxt is not None and nxt.page != run[-1].page and nxt.stripped:
                    j += 1
                    continue  # the list goes on over the page break
                break
            if (
                _indent(ln.text) < _indent(lead.text) + 3
                or len(_blocks(ln.text)) != 1
                or _item(ln.text)
                or _heading(ln.text)
                or _CAPTION.match(ln.stripped)
            ):
                break
            run.append(ln)
            j += 1
        levels: list[int] = []
        for x in sorted({_indent(ln.text) for ln in run}):
            if not levels or x - levels[-1] > 2:
                levels.append(x)
        for ln in run:
            out[id(ln)] = min(range(len(levels)), key=lambda i: abs(levels[i] - _indent(ln.text)))
        k = max(k, j)
    return out


def _bare_items_flat(pages: list[list[_L]]) -> set[int]:
    """In the default mode, list items without a bullet (indentation is lost too): the
    lines under a line that ends with a colon, each short and no sentence, up to a
    blank line or a sentence.  Returns the ``id`` of the item lines."""
    flat = [ln for page in pages for ln in page if not ln.drop]
    out: set[int] = set()
    k = 0
    while k < len(flat):
        lead = flat[k]
        k += 1
        if not lead.stripped.endswith(":") or _heading(lead.text) or _item(lead.text):
            continue
        j = k
        while j < len(flat) and not flat[j].stripped:
            j += 1
        if j < len(flat) and j - k > 1 and flat[j].page == lead.page:
            continue  # the list may stand a blank line (or a page) below its lead
        while j < len(flat):
            s = flat[j].stripped
            if (
                not s
                or s.endswith((".", ":", ";"))
                or len(s.split()) > 12
                or not (s[:1].isupper() or s[:1].isdigit())
                or _heading(flat[j].text)
                or _item(s)
                or _CAPTION.match(s)
                or _FIGURE.match(s)
            ):
                break
            out.add(id(flat[j]))
            j += 1
        k = max(k, j)
    return out


def _render_layout(pages: list[list[_L]]) -> list[Line]:
    bare = _bare_items(pages)
    indents: list[int] = []
    for page in pages:
        for ln in page:
            it = _item(ln.text)
            if it and not ln.drop:
                indents.append(len(ln.text) - len(ln.text.lstrip()) + len(it[0]) + 1)
    levels = sorted({*indents})
    merged: list[int] = []
    for x in levels:
        if not merged or x - merged[-1] > 2:
            merged.append(x)
    out: list[Line] = []
    for page in pages:
        i = 0
        open_item: tuple[Line, int] | None = None
        while i < len(page):
            ln = page[i]
            if ln.drop or not ln.stripped:
                i += 1
                if not ln.drop:
                    open_item = None
                continue
            head = _heading(ln.text)
            if head:
                out.append(_heading_line(ln, *head))
                open_item = None
                i += 1
                continue
            if len(_blocks(ln.text)) >= 2 and not _TOC.search(ln.stripped):
                table = _layout_table(page, i)
                if table is not None:
                    rows, end = table
                    _caption_first(out, page, end, rows)
                    out.extend(rows)
                    open_item = None
                    i = end
                    continue
            if id(ln) in bare:
                level = bare[id(ln)]
                out.append(
                    Line(
                        text="  " * level + "- " + _squash(ln.stripped),
                        raw=_squash(ln.stripped),
                        loc=ln.loc,
                        style="item",
                        level=level,
                    )
                )
                open_item = None
                i += 1
                continue
            it = _item(ln.text)
            if it:
                indent = len(ln.text) - len(ln.text.lstrip()) + len(it[0]) + 1
                level = (
                    min(range(len(merged)), key=lambda k: abs(merged[k] - indent)) if merged else 0
                )
                line = Line(
                    text="  " * level + "- " + _squash(it[1]),
                    raw=_squash(ln.stripped),
                    loc=ln.loc,
                    style="item",
                    level=level,
                )
                out.append(line)
                open_item = (line, indent)
                i += 1
                continue
            indent = len(ln.text) - len(ln.text.lstrip())
            if open_item and abs(indent - open_item[1]) <= 1:
                open_item[0].text += " " + _squash(ln.stripped)
                open_item[0].raw += " " + _squash(ln.stripped)
                i += 1
                continue
            open_item = None
            style = "caption" if _CAPTION.match(ln.stripped) else ""
            out.append(
                Line(text=_gapped(ln.stripped), raw=_squash(ln.stripped), loc=ln.loc, style=style)
            )
            i += 1
    return out


def _caption_first(out: list[Line], page: list[_L], end: int, rows: list[Line]) -> None:
    """A 'Table N:' caption just below a table moves before it, unless a table follows
    the caption (it is then that table's)."""
    if out and out[-1].style == "caption":
        return
    for k, ln in enumerate(page[end : end + 3], end):
        if ln.drop or not ln.stripped:
            continue
        if _CAPTION.match(ln.stripped) and not _table_follows(page, k + 1):
            rows.insert(
                0,
                Line(
                    text=_squash(ln.stripped), raw=_squash(ln.stripped), loc=ln.loc, style="caption"
                ),
            )
            ln.drop = True
        return


def _table_follows(page: list[_L], i: int) -> bool:
    """Whether a table starts within a few lines from ``page[i]``."""
    for k in range(i, min(len(page), i + 4)):
        ln = page[k]
        if ln.drop or not ln.stripped:
            continue
        return len(_blocks(ln.text)) >= 2 and _layout_table(page, k) is not None
    return False


def _gapped(text: str) -> str:
    """Spaces made single, but a wide gap (authors side by side) kept as three."""
    text = text.replace("\ufffd", "•").strip()
    return re.sub(r"\s+", lambda m: "   " if len(m.group()) >= 3 else " ", text)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\ufffd", "•")).strip()


# ---------------------------------------------------------------- default mode


def _shape_ok(key: str, cell: str) -> bool:
    shape = SHAPES.get(key)
    return shape is None or bool(shape.match(cell.strip()))


def _keys(cells: list[str]) -> list[str]:
    kind = header_kind("\t".join(cells))
    if kind is not None:
        keys = list(kind[1])
        return keys + [""] * (len(cells) - len(keys))
    return [
        next((k for k, names in COLUMN_NAMES.items() if c.lower().strip() in names), "")
        for c in cells
    ]


def _header_run(lines: list[_L], i: int) -> tuple[list[_L], int] | None:
    """Short lines from ``lines[i]`` (blank lines between allowed) that read as a table
    header; returns them and the index after."""
    run: list[_L] = []
    j = i
    while j < len(lines) and len(run) < 12:
        ln = lines[j]
        if ln.drop or not ln.stripped:
            j += 1
            continue
        words = ln.stripped.split()
        if len(words) > 4 or ln.stripped.lower().strip(" :*") not in _VOCAB:
            break
        run.append(ln)
        j += 1
    if len(run) >= 2 and _is_header([ln.stripped for ln in run]):
        return run, j
    return None


def _paragraphs(lines: list[_L], i: int, limit: int) -> list[list[_L]]:
    paras: list[list[_L]] = []
    cur: list[_L] = []
    for ln in lines[i:]:
        if ln.drop:
            continue
        if not ln.stripped:
            if cur:
                paras.append(cur)
                cur = []
                if len(paras) >= limit:
                    break
            continue
        cur.append(ln)
    if cur and len(paras) < limit:
        paras.append(cur)
    return paras


def _rebuild(lines: list[_L], head: list[_L], after: int) -> tuple[list[list[_L]], set[int]] | None:
    """Rows of cell lines after a header, column-major or row-major (ids of lines used)."""
    k = len(head)
    keys = _keys([ln.stripped for ln in head])
    shaped = [c for c in range(k) if keys[c] in SHAPES]
    # column-major: k paragraphs of equal length, each a column
    paras = _paragraphs(lines, after, k)
    if len(paras) == k and len({len(p) for p in paras}) == 1:
        rows = [[paras[c][r] for c in range(k)] for r in range(len(paras[0]))]
        if shaped and all(_shape_ok(keys[c], row[c].stripped) for row in rows for c in shaped):
            return rows, {id(ln) for p in paras for ln in p}
    # row-major: the header's lines and k lines per row in one paragraph, while every
    # cell fits its column (a header whose names stand apart is a table of paragraphs)
    if not shaped or any(not ln.stripped for ln in lines[lines.index(head[0]) : after]):
        return None
    cells = []
    for ln in lines[after:]:
        if ln.drop:
            continue
        if not ln.stripped:
            break
        cells.append(ln)
    rows = []
    for r in range(0, len(cells) - k + 1, k):
        row = cells[r : r + k]
        if not all(_shape_ok(keys[c], row[c].stripped) for c in range(k)):
            break
        if any(fit(keys[c], row[c].stripped) < 0 or _heading(row[c].text) for c in range(k)):
            break
        rows.append(row)
    if rows:
        return rows, {id(ln) for row in rows for ln in row}
    return None


def _doc_paragraphs(pages: list[list[_L]]) -> list[list[_L]]:
    """The document's paragraphs: runs of lines parted by blank lines or page breaks."""
    paras: list[list[_L]] = []
    for page in pages:
        cur: list[_L] = []
        for ln in page:
            if ln.drop:
                continue
            if not ln.stripped:
                if cur:
                    paras.append(cur)
                cur = []
                continue
            cur.append(ln)
        if cur:
            paras.append(cur)
    return paras


def _is_name(text: str, first: bool = False) -> bool:
    """A column name: a known one, or (not first in a header) two words one of which
    names a column ('FY24 FTE'; not 'Science Support Lead', nor 'Infrastructure Lead'
    before a header: cells)."""
    t = text.strip()
    if not t or len(t.split()) > 5 or t.endswith((".", ";", ",")):
        return False
    if t.lower().strip(" :*") in _VOCAB:
        return True
    return not first and len(t.split()) <= 2 and bool(header_key(t))


def _para_header(paras: list[list[_L]], j: int) -> tuple[list[str], list[list[_L]], int] | None:
    """A header whose every name is a paragraph of its own, from ``paras[j]`` (whose last
    line may follow a caption): the names, the lines of each and the paragraph after."""
    names: list[str] = []
    lines: list[list[_L]] = []
    q = j
    while q < len(paras) and len(names) < 12:
        para = paras[q]
        text = " ".join(ln.stripped for ln in para)
        if text in names:
            break  # a name again: the header repeated
        if len(para) <= 2 and _is_name(text, first=not names):
            names.append(text)
            lines.append(para)
        elif q == j and len(para) >= 2 and _is_name(para[-1].stripped):
            # names set one a line at the end of a paragraph (after a caption)
            tail = len(para)
            while (
                tail > 0
                and _is_name(para[tail - 1].stripped)
                and para[tail - 1].stripped not in names
            ):
                tail -= 1
            if not _is_name(para[tail].stripped, first=True):
                break
            names.extend(ln.stripped for ln in para[tail:])
            lines.extend([ln] for ln in para[tail:])
        else:
            break
        q += 1
    if len(names) >= 2 and _is_header(names):
        return names, lines, q
    return None


def _ends_table(para: list[_L], width: int) -> bool:
    """A paragraph no table cell makes: a caption, a heading, a page-wide text."""
    for ln in para:
        s = ln.stripped
        if _CAPTION.match(s) or _FIGURE.match(s) or _heading(ln.text):
            return True
    return len(para) >= 2 and any(len(ln.stripped) >= 0.9 * width for ln in para)


@dataclass(slots=True)
class _Seg:
    """A run of a paragraph table: the columns it covers, its header's lines, its cells."""

    lo: int
    hi: int
    head: list[list[_L]]
    cells: list[list[_L]]


def _span(names: list[str], again: list[str]) -> tuple[int, int] | None:
    """Where a header met inside a table stands among its names: the same header (or
    its first names: a page's repeated header), or its last names (pdftotext wrote the
    right-hand columns of a page after the left-hand ones)."""
    for lo in range(len(names) - len(again) + 1):
        if names[lo : lo + len(again)] == again and (lo == 0 or lo + len(again) == len(names)):
            return lo, lo + len(again)
    return None


def _paragraph_tables(pages: list[list[_L]]) -> tuple[dict[int, list[Line]], set[int]]:
    """Tables whose every cell is a paragraph, row by row (Chromium's PDFs): the rows to
    write at the header's first line (``id`` of the line -> rows) and the lines used."""
    paras = _doc_paragraphs(pages)
    width = max((len(ln.stripped) for p in paras for ln in p), default=80)
    emit: dict[int, list[Line]] = {}
    used: set[int] = set()
    j = 0
    while j < len(paras):
        found = _para_header(paras, j)
        if found is None:
            j += 1
            continue
        names, head_lines, q = found
        segs = [_Seg(0, len(names), head_lines, [])]
        while q < len(paras) and not _ends_table(paras[q], width) and not _listing(paras[q]):
            turned = paras[q][0].page != paras[q - 1][-1].page
            again = _para_header(paras, q)
            if turned and again is None:
                break  # a table goes on over a page under its repeated header only
            if again is not None:
                span = _span(names, again[0])
                if span is None:
                    break  # another table
                segs.append(_Seg(*span, again[1], []))
                q = again[2]
                continue
            segs[-1].cells.append(paras[q])
            q += 1
        dealt = _deal_header(names, head_lines, segs[0].cells)
        if dealt is None:
            j = found[2]  # (not again from its second name: a header's tail is none)
            continue
        names, segs[0].head, segs[0].cells, first = dealt
        segs[0].hi = len(names)
        block, lines = _assemble(names, segs, first)
        emit[id(segs[0].head[0][0])] = block
        used |= lines
        j = q
    return emit, used


def _assemble(names: list[str], segs: list[_Seg], first: Dealt) -> tuple[list[Line], set[int]]:
    """The rows of a paragraph table's runs, a run of the right-hand columns joined to
    the run before it row by row; returns the rows and the lines they took."""
    k = len(names)
    out: list[Line] = []
    used: set[int] = set()
    rows: list[list[str]] = []
    locs: list[Loc] = []

    def flush() -> None:
        for cells, loc in zip(rows, locs, strict=True):
            out.append(Line("\t".join(cells), " ".join(c for c in cells if c), loc, "row"))
        rows.clear()
        locs.clear()

    for n, seg in enumerate(segs):
        if seg.hi > k:
            continue
        dealt = first if n == 0 else _deal_cells(_keys(names)[seg.lo : seg.hi], seg.cells)
        if dealt is None:
            continue
        texts = [_cell(c) for c in seg.cells]
        mine = [r for r in dealt.rows if any(i is not None for i in r)]
        if seg.lo == 0:
            flush()
            out.append(_header_of(names if n == 0 else names[: seg.hi], seg.head))
            for r in mine:
                rows.append([""] * k)
                locs.append(seg.cells[min(i for i in r if i is not None)][0].loc)
        elif len(mine) != len(rows) or any(row[c] for row in rows for c in range(seg.lo, seg.hi)):
            continue  # right-hand cells that do not fit the rows before: left as lines
        base = len(rows) - len(mine)
        for r, row in enumerate(mine):
            for c, i in enumerate(row, seg.lo):
                if i is not None:
                    rows[base + r][c] = texts[i]
        for c, i in dealt.blocks:  # a column's cells set as one paragraph, cut into cells
            pieces = split_block([ln.stripped for ln in seg.cells[i]], len(mine))
            if pieces is None or any(rows[base + r][seg.lo + c] for r in range(len(mine))):
                continue
            for r, piece in enumerate(pieces):
                rows[base + r][seg.lo + c] = mend(_squash(" ".join(piece)))
            used |= {id(ln) for ln in seg.cells[i]}
        used |= {id(ln) for name in seg.head for ln in name}
        used |= {id(ln) for r in mine for i in r if i is not None for ln in seg.cells[i]}
    flush()
    return out, used


def _deal_cells(keys: list[str], cells: list[list[_L]]) -> Dealt | None:
    """Rows of a run of cells under ``keys``; a sparse last column whose name pdftotext
    set elsewhere is absorbed (its cells cannot be named: they are left out)."""
    if not cells:
        return None
    texts = [_cell(c) for c in cells]
    heights = [len(c) for c in cells]
    for extra in ([], [""]):
        found = deal(keys + extra, texts, heights)
        if found is not None:
            found.rows = [r[: len(keys)] for r in found.rows]
            found.blocks = [(c, i) for c, i in found.blocks if c < len(keys)]
            return found
    return None


#: codes whose hyphen pdftotext's default mode took for a hyphenation at a line's end
#: and dropped: a date (2024-0601, 202406-01) and a milestone id (L2-AR0010)
_BROKEN = (
    (re.compile(r"\b((?:19|20)\d\d)-?([01]\d)-?([0-3]\d)\b"), r"\1-\2-\3"),
    (re.compile(r"\b([A-Z]\d-[A-Z]{2,4})(\d{3,4})\b"), r"\1-\2"),
)


def mend(text: str) -> str:
    """``text`` with codes broken at their hyphen by pdftotext's default mode mended."""
    for pattern, whole in _BROKEN:
        text = pattern.sub(
            lambda m, whole=whole: m.expand(whole) if "-" in m.group() else m.group(), text
        )
    return text


def _cell(para: list[_L]) -> str:
    """A cell's text: its lines joined (codes broken at their hyphen mended)."""
    return mend(_squash(" ".join(ln.stripped for ln in para)))


def _deal_header(
    names: list[str], head_lines: list[list[_L]], cells: list[list[_L]]
) -> tuple[list[str], list[list[_L]], list[list[_L]], Dealt] | None:
    """The header and the rows its cells deal into; a header name may be the first
    cell ('FTE' in an acronym table), so fewer names are tried too."""
    for n in range(len(names), max(1, len(names) - 2), -1):
        if not _is_header(names[:n]):
            continue
        body = head_lines[n:] + cells
        rows = _deal_cells(_keys(names[:n]), body)
        if rows is not None:
            return names[:n], head_lines[:n], body, rows
    return None


def _listing(para: list[_L]) -> bool:
    """A paragraph that holds several cells set one under another (LaTeX's tables, a
    table's group rows written after it), not one wrapped cell: a line that is a code
    or a date, or three lines or more that are each a whole short item (a name, an
    acronym, capitalised words)."""
    strict = {"wbs", "date", "milestone_id", "ticket"}
    if len(para) >= 2 and any(cell_shapes(ln.stripped) & strict for ln in para):
        return True  # a code or a date on a line of its own: several cells, not one
    if len(para) < 3:
        return False
    return all(
        cell_shapes(ln.stripped) - {"short_text", "long_text"} and len(ln.stripped.split()) <= 4
        for ln in para
    ) or all(_title_words(ln.stripped) for ln in para)


def _title_words(text: str) -> bool:
    """Two to four words, each capitalised: a name standing whole on its line."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() or w == "&" for w in words)


def _header_of(names: list[str], lines: list[list[_L]]) -> Line:
    return Line(
        text="\t".join(names),
        raw=" ".join(ln.stripped for name in lines for ln in name),
        loc=lines[0][0].loc,
        style="header",
    )


def _render_default(pages: list[list[_L]], notes: list[tuple[Loc, str]]) -> list[Line]:
    out: list[Line] = []
    glyphs: dict[str, int] = {}
    emit, taken = _paragraph_tables(pages)
    bare = _bare_items_flat(pages)
    for page in pages:
        used: set[int] = set(taken)
        i = 0
        while i < len(page):
            ln = page[i]
            if id(ln) in emit:
                out.extend(emit[id(ln)])
            if ln.drop or not ln.stripped or id(ln) in used:
                i += 1
                continue
            found = _header_run(page, i)
            if found is not None:
                head, after = found
                rebuilt = _rebuild(page, head, after)
                if rebuilt is not None:
                    rows, ids = rebuilt
                    text = "\t".join(h.stripped for h in head)
                    out.append(
                        Line(
                            text=text,
                            raw=" ".join(h.stripped for h in head),
                            loc=head[0].loc,
                            style="header",
                        )
                    )
                    for row in rows:
                        text = "\t".join(c.stripped for c in row)
                        out.append(
                            Line(
                                text=text,
                                raw=" ".join(c.stripped for c in row),
                                loc=min((c.loc for c in row), key=lambda c: c.line),
                                style="row",
                            )
                        )
                    used |= ids
                    i = after
                    continue
                notes.append(
                    (
                        head[0].loc,
                        "a table here could not be rebuilt from pdftotext's reading order;"
                        " its cells are left as lines",
                    )
                )
            if id(ln) in bare:
                out.append(
                    Line(
                        text="- " + _squash(ln.stripped),
                        raw=_squash(ln.stripped),
                        loc=ln.loc,
                        style="item",
                    )
                )
                i += 1
                continue
            head_line = _heading(ln.text)
            if head_line is None and _LONE_NUMBER.match(ln.stripped) and _alone(page, i):
                nxt = _next_filled(page, i)
                if nxt is not None:
                    title = page[nxt].stripped
                    single = nxt + 1 >= len(page) or not page[nxt + 1].stripped
                    if (
                        single
                        and title[:1].isupper()
                        and not _LONE_NUMBER.match(title.split()[0])
                        and len(title.split()) <= 8
                        and not re.search(r"[.;,:]$", title)
                        and _header_run(page, nxt) is None  # a table's first column name
                    ):
                        out.append(_heading_line(ln, ln.stripped, title))
                        used.add(id(page[nxt]))
                        i += 1
                        continue
            if head_line is not None:
                out.append(_heading_line(ln, *head_line))
                i += 1
                continue
            it = _item(ln.text)
            if it:
                level = glyphs.setdefault(
                    it[0][0] if not it[0][0].isalnum() and it[0][0] != "(" else "1", len(glyphs)
                )
                out.append(
                    Line(
                        text="  " * level + "- " + _squash(it[1]),
                        raw=_squash(ln.stripped),
                        loc=ln.loc,
                        style="item",
                        level=level,
                    )
                )
                i += 1
                continue
            glyphs.clear()
            style = "caption" if _CAPTION.match(ln.stripped) else ""
            out.append(
                Line(text=_squash(ln.stripped), raw=_squash(ln.stripped), loc=ln.loc, style=style)
            )
            i += 1
    return out


def _alone(page: list[_L], i: int) -> bool:
    """Whether line ``i`` is a paragraph of its own (blank or nothing around it)."""
    around = [page[j] for j in (i - 1, i + 1) if 0 <= j < len(page)]
    return all(not ln.stripped or ln.drop for ln in around)


def _next_filled(page: list[_L], i: int) -> int | None:
    for j in range(i + 1, min(len(page), i + 8)):
        if page[j].drop:
            continue
        if page[j].stripped:
            return j
    return None


def read_pdftotext(text: str, name: str, layout: bool) -> Source:
    """Read the text poppler's ``pdftotext`` wrote (``layout``: its ``-layout`` mode)."""
    pages = _pages(text, name)
    _drop_running(pages, layout)
    source = Source(
        name=name, format="pdftotext-layout" if layout else "pdftotext", pages=len(pages)
    )
    if layout:
        source.lines = _render_layout(pages)
    else:
        source.lines = _render_default(pages, source.notes)
        for line in source.lines:
            line.text = mend(line.text)
    return source
