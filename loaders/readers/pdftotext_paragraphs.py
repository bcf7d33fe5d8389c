"""pdftotext's default mode: tables whose every cell is a paragraph of its own.

Chromium's PDFs come out so: the header's names one paragraph each, then the cells
row after row, nothing saying where a row ends (an empty cell writes nothing).  The
cells are dealt to the columns by their shapes (:mod:`.pdftotext_cells`); a table goes
on over a page under its repeated header (which may lose its last names, or come
again for the right-hand columns that pdftotext wrote after the left-hand ones).  A
paragraph that holds several cells one under another (LaTeX's column blocks) is no
cell: such a table is left to the column-major reader or left as lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..columns import cell_shapes, header_key
from ..source import Line, Loc
from .pdftotext_cells import Dealt, deal, fit, split_block
from .pdftotext_lines import (
    CAPTION,
    FIGURE,
    VOCAB,
    TLine,
    column_keys,
    heading_of,
    is_header,
    squash,
)


def _doc_paragraphs(pages: list[list[TLine]]) -> list[list[TLine]]:
    """The document's paragraphs: runs of lines parted by blank lines or page breaks."""
    paras: list[list[TLine]] = []
    for page in pages:
        cur: list[TLine] = []
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
    if t.lower().strip(" :*") in VOCAB:
        return True
    return not first and len(t.split()) <= 2 and bool(header_key(t))


def _para_header(
    paras: list[list[TLine]], j: int
) -> tuple[list[str], list[list[TLine]], int] | None:
    """A header whose every name is a paragraph of its own, from ``paras[j]`` (whose last
    line may follow a caption): the names, the lines of each and the paragraph after."""
    names: list[str] = []
    lines: list[list[TLine]] = []
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
    if len(names) >= 2 and is_header(names):
        return names, lines, q
    return None


def _ends_table(para: list[TLine], width: int) -> bool:
    """A paragraph no table cell makes: a caption, a heading, a page-wide text."""
    for ln in para:
        s = ln.stripped
        if CAPTION.match(s) or FIGURE.match(s) or heading_of(ln.text):
            return True
    return len(para) >= 2 and any(len(ln.stripped) >= 0.9 * width for ln in para)


@dataclass(slots=True)
class _Seg:
    """A run of a paragraph table: the columns it covers, its header's lines, its cells."""

    lo: int
    hi: int
    head: list[list[TLine]]
    cells: list[list[TLine]]


def _span(names: list[str], again: list[str]) -> tuple[int, int] | None:
    """Where a header met inside a table stands among its names: the same header (or
    its first names: a page's repeated header), or its last names (pdftotext wrote the
    right-hand columns of a page after the left-hand ones)."""
    for lo in range(len(names) - len(again) + 1):
        if names[lo : lo + len(again)] == again and (lo == 0 or lo + len(again) == len(names)):
            return lo, lo + len(again)
    return None


def paragraph_tables(pages: list[list[TLine]]) -> tuple[dict[int, list[Line]], set[int]]:
    """Tables whose every cell is a paragraph, row by row (Chromium's PDFs): the rows to
    write at the header's first line (``id`` of the line -> rows) and the lines used."""
    paras = _doc_paragraphs(pages)
    width = max((len(ln.stripped) for p in paras for ln in p), default=80)
    emit: dict[int, list[Line]] = {}
    used: set[int] = set()
    j = 0
    while j < len(paras):
        columns = _column_blocks(paras, j)
        if columns is not None:
            block, lines, j = columns
            emit[id(lines[0])] = block
            used |= {id(ln) for ln in lines}
            continue
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


def _column_blocks(paras: list[list[TLine]], j: int) -> tuple[list[Line], list[TLine], int] | None:
    """A table written column by column, one line a cell (LaTeX's short-celled tables):
    each column a paragraph that starts with its name, or the names' paragraphs then
    as many column paragraphs; every column as long, every cell fit for its column.
    Returns the header and rows, the lines they took and the paragraph after."""
    names: list[str] = []
    cols: list[list[TLine]] = []
    heads: list[TLine] = []
    q = j
    while q < len(paras) and len(names) < 12:  # each column's paragraph under its name
        para = paras[q]
        if len(para) < 2 or not _is_name(para[0].stripped, first=not names):
            break
        names.append(para[0].stripped)
        heads.append(para[0])
        cols.append(para[1:])
        q += 1
    if len(names) < 2:
        found = _para_header(paras, j)
        if found is None or any(len(h) != 1 for h in found[1]):
            return None
        names, heads = found[0], [h[0] for h in found[1]]
        q = found[2]
        cols = paras[q : q + len(names)]
        q += len(names)
        if any(len(c) < 2 or any(ln.stripped[:1].islower() for ln in c) for c in cols):
            return None  # one cell a paragraph (Chromium's), or a cell's wrapped lines
    keys = column_keys(names)
    if (
        len(names) < 2
        or len(cols) != len(names)
        or len({len(c) for c in cols}) != 1
        or not is_header(names)
        or any(fit(keys[c], mend(ln.stripped)) < 0 for c, col in enumerate(cols) for ln in col)
    ):
        return None
    out = [Line("\t".join(names), " ".join(names), heads[0].loc, "header")]
    for r in range(len(cols[0])):
        cells = [mend(squash(col[r].stripped)) for col in cols]
        loc = min((col[r].loc for col in cols), key=lambda at: (at.page or 0, at.line))
        out.append(Line("\t".join(cells), " ".join(cells), loc, "row"))
    return out, [*heads, *(ln for col in cols for ln in col)], q


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
        dealt = first if n == 0 else _deal_cells(column_keys(names)[seg.lo : seg.hi], seg.cells)
        if dealt is None:
            continue
        texts = [_cell(c) for c in seg.cells]
        mine = [r for r in dealt.rows if any(i is not None for i in r)]
        if seg.lo == 0:
            flush()
            out.append(_header_of(names if n == 0 else names[: seg.hi], seg.head))
            for placed in mine:
                rows.append([""] * k)
                locs.append(seg.cells[min(i for i in placed if i is not None)][0].loc)
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
                rows[base + r][seg.lo + c] = mend(squash(" ".join(piece)))
            used |= {id(ln) for ln in seg.cells[i]}
        used |= {id(ln) for name in seg.head for ln in name}
        used |= {id(ln) for r in mine for i in r if i is not None for ln in seg.cells[i]}
    flush()
    return out, used


def _deal_cells(keys: list[str], cells: list[list[TLine]]) -> Dealt | None:
    """Rows of a run of cells under ``keys``; a sparse last column whose name pdftotext
    set elsewhere is absorbed (its cells cannot be named: they are left out).  Where the
    run does not deal whole, its end (a figure's labels after the table) is cut off, a
    row's worth of cells at a time (a quarter of the run at most), and stays as lines."""
    if not cells:
        return None
    texts = [_cell(c) for c in cells]
    heights = [len(c) for c in cells]
    least = max(len(keys), (3 * len(cells) + 3) // 4)  # a quarter cut off at most
    for end in range(len(cells), least - 1, -len(keys)):
        for extra in ([], [""]):
            found = deal(keys + extra, texts[:end], heights[:end])
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

        def mended(m: re.Match[str], whole: str = whole) -> str:
            return m.expand(whole) if "-" in m.group() else m.group()

        text = pattern.sub(mended, text)
    return text


def _cell(para: list[TLine]) -> str:
    """A cell's text: its lines joined (codes broken at their hyphen mended)."""
    return mend(squash(" ".join(ln.stripped for ln in para)))


def _deal_header(
    names: list[str], head_lines: list[list[TLine]], cells: list[list[TLine]]
) -> tuple[list[str], list[list[TLine]], list[list[TLine]], Dealt] | None:
    """The header and the rows its cells deal into; a header name may be the first
    cell ('FTE' in an acronym table), so fewer names are tried too."""
    for n in range(len(names), max(1, len(names) - 2), -1):
        if not is_header(names[:n]):
            continue
        body = head_lines[n:] + cells
        rows = _deal_cells(column_keys(names[:n]), body)
        if rows is not None and (n == len(names) or rows.rows[0][0] == 0):
            return names[:n], head_lines[:n], body, rows  # (a name dealt: the first cell)
    return None


def _listing(para: list[TLine]) -> bool:
    """A paragraph that holds several cells set one under another (LaTeX's tables, a
    table's group rows written after it), not one wrapped cell: a line that is a code
    or a date, or three lines or more that are each a whole short item (a name, an
    acronym, capitalised words)."""
    strict = {"wbs", "date", "milestone_id", "ticket"}
    if len(para) >= 2 and any(cell_shapes(mend(ln.stripped)) & strict for ln in para):
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


def _header_of(names: list[str], lines: list[list[TLine]]) -> Line:
    return Line(
        text="\t".join(names),
        raw=" ".join(ln.stripped for name in lines for ln in name),
        loc=lines[0][0].loc,
        style="header",
    )
