"""The lines of what pdftotext writes: pages, running lines, headings, list items.

Pages are parted by form feeds; a line's loc is its page and its line on the page
(blank lines counted).  Shared by both modes: running headers, footers, watermark
fragments and page numbers are dropped; numbered section lines are headings; bulleted
or enumerated lines are items; a run of column names is a table's header.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..source import Line, LoadError, Loc
from ..tables import COLUMN_NAMES, header_kind
from .ligatures import spell_control_ligatures

_PAGE_NO = re.compile(r"^(?:page\s+)?[-–]?\s*(\d{1,4})\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)


#: a section number never starts with 0 (an FTE '0.5' before a name is no heading)
_HEADING = re.compile(r"^((?:[1-9]\d*(?:\.\d+)*|[A-Z](?:\.\d+)*))(\.?)(\s+)([A-Z][^\s].*)$")


LONE_NUMBER = re.compile(r"^(?:[1-9]\d*(?:\.\d+)*|[A-Z])$")


_BULLET = re.compile(
    r"^([•◦▪▫■□●○‣⁃∙·–—\-−∗*➢►▸✓❖\u0080-\u009f\ue000-\uf8ff\ufffd]|\d{1,2}[.)]|[a-z][.)]|\([a-z0-9ivx]{1,4}\))\s+(\S.*)$"
)


TOC = re.compile(r"(?:\.\s*){3,}\s*\d+\s*$|\S\s{3,}\d{1,4}\s*$")


CAPTION = re.compile(r"^Table\s*[A-Z]?\d+[.:]", re.I)


FIGURE = re.compile(r"^(?:Figure|Fig\.)\s*[A-Z]?\d+[.:]", re.I)


VOCAB = {name for names in COLUMN_NAMES.values() for name in names}


@dataclass(slots=True)
class TLine:
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


def pages_of(text: str, name: str) -> list[list[TLine]]:
    if not text.strip():
        raise LoadError(f"{name}: the text is empty")
    chunks = text.split("\f")
    if len(chunks) > 1 and not chunks[-1].strip():
        chunks.pop()
    return [
        [TLine(p, n, _printable(t)) for n, t in enumerate(chunk.split("\n"), 1)]
        for p, chunk in enumerate(chunks, 1)
    ]


def _printable(text: str) -> str:
    text = spell_control_ligatures(text.rstrip("\r"))
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
    return is_header(_block_texts(text)) or text.lower().strip(" :*") in VOCAB


def drop_running(pages: list[list[TLine]], layout: bool) -> None:
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
        edged: Counter[str] = Counter()  # pages where the text ends or starts the page
        for page in pages:
            filled = [ln for ln in page if ln.stripped]
            for ln in filled[:3] + filled[-3:]:
                key = _norm(ln.text)
                if key in repeated and _set_apart(page, page.index(ln), repeated):
                    placed.setdefault(key, Counter())[ln.no if layout else 0] += 1
                    edged[key] += _at_edge(page, page.index(ln), repeated)

        def steady(key: str) -> set[int] | None:
            """The line numbers a running text stands at (None: anywhere it is alone)."""
            at = placed.get(key, Counter())
            for no, _ in at.most_common():
                near = sum(c for k, c in at.items() if abs(k - no) <= 1)
                if 2 * near >= spread[key].total() and near >= need:
                    return {no - 1, no, no + 1} if layout else None
            return set()

        # a footer whose line on the page varies (-layout) still closes most pages
        running = {key: None if edged[key] >= need else steady(key) for key in repeated}
        for page in pages:
            for i, ln in enumerate(page):
                key = _norm(ln.text) if ln.stripped else ""
                if key not in running or _names_columns(ln.stripped):
                    continue  # a table's header repeated on each page stays
                where = running[key]
                if _WATERMARK.match(key.upper()):
                    ln.drop = True
                elif where is None or ln.no in where:
                    ln.drop = _set_apart(page, i, repeated)
    # page numbers: a number near the top or bottom that follows the page count
    votes: Counter[int] = Counter()
    found: list[list[tuple[TLine, int]]] = []
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


def item_of(text: str) -> tuple[str, str] | None:
    m = _BULLET.match(text.strip())
    return (m.group(1), m.group(2)) if m else None


def heading_of(text: str) -> tuple[str, str] | None:
    """(number, title) of a numbered section line."""
    s = text.strip()
    if TOC.search(s):
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


def heading_line(ln: TLine, number: str, title: str) -> Line:
    depth = min(6, number.count(".") + 1)
    return Line(
        text=f"{'#' * depth} {number} {title}",
        raw=squash(ln.stripped),
        loc=ln.loc,
        style="heading",
        level=depth,
    )


def is_header(cells: list[str]) -> bool:
    filled = [c for c in cells if c.strip()]
    if len(filled) < 2:
        return False
    if header_kind("\t".join(cells)) is not None:
        return True
    known = sum(1 for c in filled if c.strip().lower().strip(" :*") in VOCAB)
    return known >= max(2, (len(filled) + 1) // 2)


def gapped(text: str) -> str:
    """Spaces made single, but a wide gap (authors side by side) kept as three."""
    text = text.replace("\ufffd", "•").strip()
    return re.sub(r"\s+", lambda m: "   " if len(m.group()) >= 3 else " ", text)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\ufffd", "•")).strip()


def column_keys(cells: list[str]) -> list[str]:
    kind = header_kind("\t".join(cells))
    if kind is not None:
        keys = list(kind[1])
        return keys + [""] * (len(cells) - len(keys))
    return [
        next((k for k, names in COLUMN_NAMES.items() if c.lower().strip() in names), "")
        for c in cells
    ]


def _running_like(ln: TLine, repeated: set[str]) -> bool:
    return (
        not ln.stripped
        or ln.drop
        or bool(_PAGE_NO.match(ln.stripped) or _ROMAN.fullmatch(ln.stripped))
        or (_norm(ln.text) in repeated)
    )


def _set_apart(page: list[TLine], i: int, repeated: set[str]) -> bool:
    """Line ``i`` stands apart from the text: a paragraph of its own, a paragraph of
    repeated lines only (a footer of two lines), or among repeated lines and page
    numbers only from it to the page's top or bottom (a footer right under the text)."""
    if alone(page, i):
        return True
    lo = i
    while lo > 0 and page[lo - 1].stripped:
        lo -= 1
    hi = i
    while hi + 1 < len(page) and page[hi + 1].stripped:
        hi += 1
    if hi - lo < 4 and all(_running_like(page[j], repeated) for j in range(lo, hi + 1)):
        return True
    return _at_edge(page, i, repeated)


def _at_edge(page: list[TLine], i: int, repeated: set[str]) -> bool:
    """Only repeated lines and page numbers from line ``i`` to the page's top or bottom."""
    return all(_running_like(ln, repeated) for ln in page[i:]) or all(
        _running_like(ln, repeated) for ln in page[: i + 1]
    )


def alone(page: list[TLine], i: int) -> bool:
    """Whether line ``i`` is a paragraph of its own (blank or nothing around it)."""
    around = [page[j] for j in (i - 1, i + 1) if 0 <= j < len(page)]
    return all(not ln.stripped or ln.drop for ln in around)


def next_filled(page: list[TLine], i: int) -> int | None:
    for j in range(i + 1, min(len(page), i + 8)):
        if page[j].drop:
            continue
        if page[j].stripped:
            return j
    return None
