"""pdftotext ``-layout``: tables from aligned columns, lists from indentation.

A table is a run of lines whose blocks (text parted by two spaces or more) align on
common columns; each line is a row of TAB-joined cells, a cell's continuation lines
stay rows of their own with the other cells empty (as in the seeds).  A header's
names that wrap are joined to it, a code broken after its own hyphen is joined whole,
the columns come from the body where the header sets two names one space apart.
List items: a bullet glyph, or (Chromium draws bullets as shapes) lines indented
under a line that ends with a colon; the level is the rank of the indentation.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..source import Line, Style
from .pdf_columns import Block, Tok, assign, columns_from, crosses, gutters, join_broken_codes
from .pdftotext_lines import (
    CAPTION,
    TOC,
    TLine,
    gapped,
    heading_line,
    heading_of,
    is_header,
    item_of,
    squash,
)


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


def _aligned(row: list[Block], rows: list[tuple[TLine, list[Block]]]) -> bool:
    """Whether every block of ``row`` starts where a block of the rows above starts (a
    row's last cell holding a number, not a contents line's page number)."""
    starts = {b.x0 for _, r in rows for b in r}
    return all(any(abs(b.x0 - x) <= 1 for x in starts) for b in row)


def _layout_table(lines: list[TLine], start: int) -> tuple[list[Line], int] | None:
    """A table whose first row is ``lines[start]``: its rows and the index after it."""
    rows: list[tuple[TLine, list[Block]]] = []
    blank = 0
    near_drop = False
    spaced = 0  # rows of several cells that followed one blank line
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
        toc = TOC.search(ln.stripped) and not (rows and _aligned(bl, rows))
        if toc or heading_of(ln.text) or CAPTION.match(ln.stripped):
            break
        if rows and len(bl) == 1:
            lo = min(b.x0 for _, r in rows for b in r)
            hi = max(b.x1 for _, r in rows for b in r)
            inner = {b.x0 for _, r in rows for b in r[1:]}
            under = bl[0].x0 > lo + 1 and any(abs(bl[0].x0 - x) <= 1 for x in inner)
            # in a table whose rows stand a blank line apart, a cell's next line under
            # its column does too
            parted = blank and not near_drop and not (under and spaced and blank == 1)
            if bl[0].x0 < lo - 1 or (bl[0].x1 > hi + 3 and not under) or parted:
                break  # running text after the table (not a cell's next line under its column)
        elif (
            rows
            and blank
            and not near_drop
            and len(_own_gaps(bl))
            and not gutters([*[r for _, r in rows if len(r) >= 2], bl], 1.0)
        ):
            break  # after a gap, a row on other columns: another table
        if rows and blank == 1 and len(bl) >= 2:
            spaced += 1
        rows.append((ln, bl))
        blank = 0
        near_drop = False
        multi = [r for _, r in rows if len(r) >= 2]
        gaps = gutters(multi, 1.0) if len(multi) >= 2 else _own_gaps(multi[0]) if multi else []
        i += 1
    multi = [r for _, r in rows if len(r) >= 2]
    headed = len(rows[0][1]) >= 2 and is_header([b.text for b in rows[0][1]]) if rows else False
    if len(multi) < 2 or (len(rows) < 3 and not headed):
        return None  # two lines side by side without a header: a title page's columns
    gaps = gutters(multi, 1.0)
    body = [r for _, r in rows[1:] if len(r) >= 2]
    if headed and len(body) >= 2 and len(found := gutters(body, 1.0)) >= len(gaps):
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
        header = k == 0 and is_header(cells)
        out.append(
            Line(
                text=text, raw=squash(ln.stripped), loc=ln.loc, style="header" if header else "row"
            )
        )
    _join_header(out)
    join_broken_codes(out)
    end = lines.index(rows[-1][0]) + 1
    return out, end


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


def _bare_items(pages: list[list[TLine]]) -> dict[int, int]:
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
        if not lead.stripped.endswith(":") or heading_of(lead.text) or item_of(lead.text):
            continue
        j, blanks = k, 0
        while j < len(flat) and not flat[j].stripped and blanks < 2:
            j, blanks = j + 1, blanks + 1
        run: list[TLine] = []
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
                or item_of(ln.text)
                or heading_of(ln.text)
                or CAPTION.match(ln.stripped)
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


def render_layout(pages: list[list[TLine]]) -> list[Line]:
    bare = _bare_items(pages)
    indents: list[int] = []
    for page in pages:
        for ln in page:
            it = item_of(ln.text)
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
            head = heading_of(ln.text)
            if head:
                out.append(heading_line(ln, *head))
                open_item = None
                i += 1
                continue
            if len(_blocks(ln.text)) >= 2 and not TOC.search(ln.stripped):
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
                        text="  " * level + "- " + squash(ln.stripped),
                        raw=squash(ln.stripped),
                        loc=ln.loc,
                        style="item",
                        level=level,
                    )
                )
                open_item = None
                i += 1
                continue
            it = item_of(ln.text)
            if it:
                indent = len(ln.text) - len(ln.text.lstrip()) + len(it[0]) + 1
                level = (
                    min(range(len(merged)), key=lambda k: abs(merged[k] - indent)) if merged else 0
                )
                line = Line(
                    text="  " * level + "- " + squash(it[1]),
                    raw=squash(ln.stripped),
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
                open_item[0].text += " " + squash(ln.stripped)
                open_item[0].raw += " " + squash(ln.stripped)
                i += 1
                continue
            open_item = None
            style: Style = "caption" if CAPTION.match(ln.stripped) else ""
            out.append(
                Line(text=gapped(ln.stripped), raw=squash(ln.stripped), loc=ln.loc, style=style)
            )
            i += 1
    return out


def _caption_first(out: list[Line], page: list[TLine], end: int, rows: list[Line]) -> None:
    """A 'Table N:' caption just below a table moves before it, unless a table follows
    the caption (it is then that table's)."""
    if out and out[-1].style == "caption":
        return
    for k, ln in enumerate(page[end : end + 3], end):
        if ln.drop or not ln.stripped:
            continue
        if CAPTION.match(ln.stripped) and not _table_follows(page, k + 1):
            rows.insert(
                0,
                Line(
                    text=squash(ln.stripped), raw=squash(ln.stripped), loc=ln.loc, style="caption"
                ),
            )
            ln.drop = True
        return


def _table_follows(page: list[TLine], i: int) -> bool:
    """Whether a table starts within a few lines from ``page[i]``."""
    for k in range(i, min(len(page), i + 4)):
        ln = page[k]
        if ln.drop or not ln.stripped:
            continue
        return len(_blocks(ln.text)) >= 2 and _layout_table(page, k) is not None
    return False
