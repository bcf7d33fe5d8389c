"""pdftotext's default (reading order) mode rendered in normal form.

Tables: a table of paragraphs (:mod:`.pdftotext_paragraphs`); else a run of short lines
that are column names, then its cells column by column (as many paragraphs as
columns, of equal length) or row by row in the header's paragraph, kept while every
cell fits its column's shape; else the lines stay, with a note.  Headings: numbered
lines, or a lone number and its title.  Items: bulleted lines (the level from each
level's glyph), or lines under a line ending with a colon (Chromium's bullets).
"""

from __future__ import annotations

import re

from ..source import Line, Loc, Style
from .pdftotext_cells import fit
from .pdftotext_lines import (
    CAPTION,
    FIGURE,
    LONE_NUMBER,
    VOCAB,
    TLine,
    alone,
    column_keys,
    heading_line,
    heading_of,
    is_header,
    item_of,
    next_filled,
    squash,
)
from .pdftotext_paragraphs import paragraph_tables

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


def _bare_items_flat(pages: list[list[TLine]]) -> set[int]:
    """In the default mode, list items without a bullet (indentation is lost too): the
    lines under a line that ends with a colon, each short and no sentence, up to a
    blank line or a sentence.  Returns the ``id`` of the item lines."""
    flat = [ln for page in pages for ln in page if not ln.drop]
    out: set[int] = set()
    k = 0
    while k < len(flat):
        lead = flat[k]
        k += 1
        if not lead.stripped.endswith(":") or heading_of(lead.text) or item_of(lead.text):
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
                or heading_of(flat[j].text)
                or item_of(s)
                or CAPTION.match(s)
                or FIGURE.match(s)
            ):
                break
            out.add(id(flat[j]))
            j += 1
        k = max(k, j)
    return out


def _shape_ok(key: str, cell: str) -> bool:
    shape = SHAPES.get(key)
    return shape is None or bool(shape.match(cell.strip()))


def _header_run(lines: list[TLine], i: int) -> tuple[list[TLine], int] | None:
    """Short lines from ``lines[i]`` (blank lines between allowed) that read as a table
    header; returns them and the index after."""
    run: list[TLine] = []
    j = i
    while j < len(lines) and len(run) < 12:
        ln = lines[j]
        if ln.drop or not ln.stripped:
            j += 1
            continue
        words = ln.stripped.split()
        if len(words) > 4 or ln.stripped.lower().strip(" :*") not in VOCAB:
            break
        run.append(ln)
        j += 1
    if len(run) >= 2 and is_header([ln.stripped for ln in run]):
        return run, j
    return None


def _paragraphs(lines: list[TLine], i: int, limit: int) -> list[list[TLine]]:
    paras: list[list[TLine]] = []
    cur: list[TLine] = []
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


def _rebuild(
    lines: list[TLine], head: list[TLine], after: int
) -> tuple[list[list[TLine]], set[int]] | None:
    """Rows of cell lines after a header, column-major or row-major (ids of lines used)."""
    k = len(head)
    keys = column_keys([ln.stripped for ln in head])
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
        if any(fit(keys[c], row[c].stripped) < 0 or heading_of(row[c].text) for c in range(k)):
            break
        rows.append(row)
    if rows:
        return rows, {id(ln) for row in rows for ln in row}
    return None


def render_default(pages: list[list[TLine]], notes: list[tuple[Loc, str]]) -> list[Line]:
    out: list[Line] = []
    glyphs: dict[str, int] = {}
    emit, taken = paragraph_tables(pages)
    width = max((len(ln.stripped) for page in pages for ln in page if not ln.drop), default=80)
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
                        text="- " + squash(ln.stripped),
                        raw=squash(ln.stripped),
                        loc=ln.loc,
                        style="item",
                    )
                )
                i += 1
                continue
            head_line = heading_of(ln.text)
            if head_line is None and LONE_NUMBER.match(ln.stripped) and alone(page, i):
                nxt = next_filled(page, i)
                if nxt is not None:
                    title = page[nxt].stripped
                    single = nxt + 1 >= len(page) or not page[nxt + 1].stripped
                    if (
                        single
                        and title[:1].isupper()
                        and not LONE_NUMBER.match(title.split()[0])
                        and len(title.split()) <= 8
                        and not re.search(r"[.;,:]$", title)
                        and _header_run(page, nxt) is None  # a table's first column name
                    ):
                        out.append(heading_line(ln, ln.stripped, title))
                        used.add(id(page[nxt]))
                        i += 1
                        continue
            if head_line is not None:
                out.append(heading_line(ln, *head_line))
                i += 1
                continue
            it = item_of(ln.text)
            if it:
                level = glyphs.setdefault(
                    it[0][0] if not it[0][0].isalnum() and it[0][0] != "(" else "1", len(glyphs)
                )
                item = Line(
                    text="  " * level + "- " + squash(it[1]),
                    raw=squash(ln.stripped),
                    loc=ln.loc,
                    style="item",
                    level=level,
                )
                out.append(item)
                i += 1
                # the item's wrapped lines: right under a line that filled the width
                while (
                    i < len(page)
                    and page[i].stripped
                    and not page[i].drop
                    and id(page[i]) not in used
                    and id(page[i]) not in emit
                    and len(page[i - 1].stripped) >= 0.75 * width
                    and not (item_of(page[i].text) or heading_of(page[i].text))
                ):
                    item.text += " " + squash(page[i].stripped)
                    item.raw += " " + squash(page[i].stripped)
                    i += 1
                continue
            glyphs.clear()
            style: Style = "caption" if CAPTION.match(ln.stripped) else ""
            out.append(
                Line(text=squash(ln.stripped), raw=squash(ln.stripped), loc=ln.loc, style=style)
            )
            i += 1
    return out
