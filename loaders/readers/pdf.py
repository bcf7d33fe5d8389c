"""Read a PDF file into a :class:`~..source.Source` (pdfplumber on pdfminer.six).

Per page: the words and their fonts, the drawn shapes; diagrams first (their boxes'
text leaves the running text), then ruled and unruled tables, then the running text.
Across pages: running headers and footers go, headings get their depths.  A loc is
the page and the line on the page (lines counted top to bottom, every line counted).

Refused, with one line naming the file: an encrypted PDF, a file that is no readable
PDF, a PDF without any text layer (scanned pages).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..source import Figure, LoadError, Loc, Source
from .pdf_figures import find_figures
from .pdf_graphics import Shape, page_shapes, rules
from .pdf_lines import Entry, drop_running, render, title_block
from .pdf_tables import Table, attach_captions, is_toc, ruled_tables, unruled_tables
from .pdf_text import TextLine, body_size, group_lines, page_words

MIN_IMAGE = 24.0  # points: a smaller image is an ornament, not a figure


@dataclass(slots=True)
class _Page:
    no: int
    width: float
    height: float
    lines: list[TextLine]
    shapes: list[Shape]
    images: list[dict[str, Any]]
    figures: list[Figure] = field(default_factory=list)
    bullets: list[Shape] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    text: list[TextLine] = field(default_factory=list)


def _unwrap(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's errors; the first argument is the cause."""
    while exc.args and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]
    return exc


def _refusal(path: Path, exc: BaseException) -> LoadError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psexceptions import PSEOF

    cause = _unwrap(exc)
    if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
        return LoadError(
            f"{path.name}: the PDF is encrypted (password protected); it cannot be read"
        )
    if isinstance(cause, PSEOF):
        return LoadError(
            f"{path.name}: not a readable PDF (the file ends early: truncated or damaged)"
        )
    reason = str(cause).strip() or type(cause).__name__
    return LoadError(f"{path.name}: not a readable PDF ({reason})")


def _open(path: Path) -> Any:
    import pdfplumber

    try:
        return pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many kinds for broken files
        raise _refusal(path, exc) from None


def _page(page: Any, no: int) -> _Page:
    lines = group_lines(page_words(page))
    images = [
        im
        for im in page.images
        if float(im["x1"]) - float(im["x0"]) >= MIN_IMAGE
        and float(im["bottom"]) - float(im["top"]) >= MIN_IMAGE
    ]
    return _Page(no, float(page.width), float(page.height), lines, page_shapes(page), images)


def _lay_out(pg: _Page, body: float) -> None:
    """Figures, then tables, then the text lines left, on one page."""
    found = find_figures(pg.shapes, pg.lines, pg.no, pg.width, pg.height)
    pg.figures, pg.bullets = found.figures, found.bullets
    lines: list[TextLine] = []
    for line in pg.lines:
        words = [w for w in line.words if id(w) not in found.words]
        if words:
            lines.append(TextLine(words, no=line.no))
    shapes = [s for s in pg.shapes if id(s) not in found.shapes]
    hs, vs = rules(shapes)
    taken: set[int] = set()
    tables = ruled_tables(lines, hs, vs, pg.no, body)
    for t in tables:
        taken |= t.used
    unruled = unruled_tables(lines, pg.no, body, taken)
    for t in unruled:
        taken |= t.used
    pg.tables = [*tables, *unruled]
    attach_captions(pg.tables, lines, pg.no, taken)
    for t in pg.tables:
        taken |= t.used
    pg.text = _side_by_side([ln for ln in lines if ln.no not in taken], pg.width)


def _halves(line: TextLine, width: float) -> tuple[TextLine, TextLine] | None:
    blocks = line.blocks()
    if len(blocks) != 2 or blocks[1].x0 - blocks[0].x1 < 0.2 * width or is_toc(line):
        return None
    cut = blocks[1].x0 - 0.5
    left = [w for w in line.words if w.x0 < cut]
    right = [w for w in line.words if w.x0 >= cut]
    return TextLine(left, no=line.no), TextLine(right, no=line.no)


def _side_by_side(lines: list[TextLine], width: float) -> list[TextLine]:
    """Two columns of short lines far apart (a title page's authors and affiliations)
    read column by column: the left lines, then the right ones."""
    out: list[TextLine] = []
    i = 0
    while i < len(lines):
        run: list[tuple[TextLine, TextLine]] = []
        j = i
        while j < len(lines) and (split := _halves(lines[j], width)) is not None:
            if run and (
                abs(split[0].x0 - run[0][0].x0) > 4
                or lines[j].top - lines[j - 1].bottom > 1.5 * lines[j].size
            ):
                break
            run.append(split)
            j += 1
        if len(run) < 2:
            out.append(lines[i])
            i += 1
            continue
        last = run[-1][0].top
        out.extend(left for left, _ in run)
        for k, (_, right) in enumerate(run, 1):
            right.extra["order"] = last + 0.001 * k
            out.append(right)
        i = j
    return out


def _image_key(im: dict[str, Any]) -> tuple[int, ...]:
    return tuple(round(float(im[k]) / 2) for k in ("x0", "top", "x1", "bottom"))


def _covers(im: dict[str, Any], pg: _Page) -> bool:
    """An image over most of the page: a background or a scanned page."""
    w = float(im["x1"]) - float(im["x0"])
    h = float(im["bottom"]) - float(im["top"])
    return w * h > 0.6 * pg.width * pg.height


def _ornaments(pages: list[_Page]) -> set[tuple[int, ...]]:
    """Images drawn at the same place on many pages: logos, watermarks, not figures."""
    seen: dict[tuple[int, ...], set[int]] = {}
    for pg in pages:
        for im in pg.images:
            seen.setdefault(_image_key(im), set()).add(pg.no)
    need = max(2, int(0.4 * len(pages) + 0.999))
    return {key for key, on in seen.items() if len(on) >= need}


def _running_size(lines: list[TextLine], first: float) -> float:
    """The running text's size: that of most characters in the lines that run across
    most of the text's width in one block (a paragraph's lines; not a table's rows,
    often set smaller, whose cells stand apart, nor a chart's shorter labels), else
    ``first``."""
    if not lines:
        return first
    left = min(ln.x0 for ln in lines)
    width = max(ln.x1 for ln in lines) - left
    long = [ln for ln in lines if ln.x1 - ln.x0 >= 0.6 * width and len(ln.blocks()) == 1]
    return body_size(long) if long else first


def read_pdf(path: Path) -> Source:
    """Read the PDF at ``path`` (raises :class:`LoadError` for what cannot be read)."""
    path = Path(path)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pdf = _open(path)
    try:
        try:
            pages = [_page(page, no) for no, page in enumerate(pdf.pages, 1)]
        except LoadError:
            raise
        except Exception as exc:
            raise _refusal(path, exc) from None
    finally:
        pdf.close()
    if not pages:
        raise LoadError(f"{path.name}: the PDF has no pages")
    if not any(pg.lines for pg in pages):
        raise LoadError(
            f"{path.name}: the PDF has no text layer (scanned or image-only pages); "
            "run it through OCR first"
        )
    every = [ln for pg in pages for ln in pg.lines]
    body = _running_size(every, body_size(every))
    for pg in pages:
        _lay_out(pg, body)
    body = _running_size([ln for pg in pages for ln in pg.text], body)
    drop_running([pg.text for pg in pages], [pg.height for pg in pages], body)
    title_block(pages[0].text, pages[0].width, body)
    ornaments = _ornaments(pages)
    source = Source(name=path.name, format="pdf", pages=len(pages))
    entries: list[list[Entry]] = []
    for pg in pages:
        page_entries: list[Entry] = [
            (ln.extra.get("order", ln.top), ln) for ln in pg.text if ln.marker != "running"
        ]
        page_entries += [(t.top, t.rows) for t in pg.tables]
        page_entries.sort(key=lambda e: e[0])
        entries.append(page_entries)
        source.figures.extend(pg.figures)
        for im in pg.images:
            if _image_key(im) in ornaments or _covers(im, pg):
                continue
            below = [ln.no for ln in pg.lines if ln.top >= float(im["top"])]
            loc = Loc(
                line=below[0] if below else max((ln.no for ln in pg.lines), default=1), page=pg.no
            )
            source.notes.append((loc, f"figure on page {pg.no} is an image; not read"))
    source.lines = render(entries, [pg.bullets for pg in pages], body)
    return source
