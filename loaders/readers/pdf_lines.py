"""Running text of a PDF rendered in normal form: headings, list items, plain lines.

* Running headers and footers: lines near the top or bottom of the page whose text
  (digits aside) comes back at the same height on many pages, page numbers, and large
  lettering repeated on most pages (an upright DRAFT mark); they are dropped.
* Headings: lines set bold or larger than the running text.  A numbered heading's depth
  is its number's (``3.1`` is 2); an unnumbered one takes the depth of numbered
  headings in its font, else ranks below the numbered headings set larger than it (a
  title larger than every section is depth 1).
* List items: a bullet glyph (or a drawn dot) or an enumerator before the text; the
  level is the rank of the item text's indentation among all items of the document;
  lines that continue an item (same indentation, no gap) are joined to it.
* Table of contents lines (dot leaders or a far page number) stay plain lines.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import pairwise

from ..source import Line, Loc
from .pdf_graphics import Shape
from .pdf_tables import is_toc
from .pdf_text import UNKNOWN, TextLine

_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*|[A-Z](?:\.\d+)*)\.?$")
_BULLET = re.compile(r"^[•◦▪▫■□●○‣⁃∙·–—\-−∗*➢►▸✓❖\ufffd]$")
_ENUM = re.compile(r"^(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)]|\(\w{1,3}\))$")
_PAGE_NO = re.compile(
    r"^(?:page\s+)?[-–]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I
)
_SENTENCE_END = re.compile(r"[.;,]$")


_ROMAN = re.compile(r"\b[ivxlc]{1,6}\b", re.I)


def _norm(text: str) -> str:
    """A line's text with its numbers (arabic or roman: page numbers) made alike."""
    text = _ROMAN.sub("#", re.sub(r"\d+", "#", text))
    return re.sub(r"\s+", " ", text).strip().lower()


def drop_running(pages: list[list[TextLine]], heights: list[float], body: float) -> None:
    """Mark running headers, footers, page numbers and repeated marks (``marker``)."""
    n = len(pages)
    seen: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for p, lines in enumerate(pages):
        if not lines:
            continue
        edge = lines[:3] + lines[-3:]
        big = [ln for ln in lines if ln.size >= 1.8 * body and len(ln.text) <= 12]
        for line in {id(ln): ln for ln in edge + big}.values():
            y = line.top if line.top < heights[p] / 2 else line.bottom - heights[p]
            seen[_norm(line.text)].append((p, y))
        for line in (lines[0], lines[-1]):
            if _PAGE_NO.match(line.text.strip()) and (
                line.top < 0.15 * heights[p] or line.bottom > 0.85 * heights[p]
            ):
                line.marker = "running"
    need = max(2, int(0.4 * n + 0.999))
    if n < 2:
        return
    for key, places in seen.items():
        ys = sorted(y for _, y in places)
        mid = ys[len(ys) // 2]
        pages_at = {p for p, y in places if abs(y - mid) <= 3}
        if len(pages_at) < need:
            continue
        for p in pages_at:
            for line in pages[p]:
                y = line.top if line.top < heights[p] / 2 else line.bottom - heights[p]
                if _norm(line.text) == key and abs(y - mid) <= 3:
                    line.marker = "running"


@dataclass(slots=True)
class _Head:
    line: TextLine
    page: int
    number: str
    title: str
    style: tuple[float, bool]
    depth: int = 0
    extra_raw: str = ""  # the quoted text of a wrapped second line


def title_block(lines: list[TextLine], width: float, body: float) -> None:
    """Mark the lines of a title block that are no headings (``extra["plain"]``).

    On the first page, before the first numbered or bold line: the largest line is the
    title; the centred lines set a little larger than the text and not in bold around
    it (LaTeX's ``\\maketitle``: institution, authors, date) are plain lines.
    """
    front: list[TextLine] = []
    for line in lines:
        if line.marker == "running":
            continue
        if line.bold or (len(line.words) >= 2 and _NUMBER.match(line.words[0].text)):
            break
        front.append(line)
    if not front:
        return
    title = max(ln.size for ln in front)
    for line in front:
        centred = abs((line.x0 + line.x1) / 2 - width / 2) < 0.05 * width
        if centred and line.size < title and line.size < 1.5 * body and line.x0 > 0.15 * width:
            line.extra["plain"] = True


def _heading(line: TextLine, body: float) -> tuple[str, str] | None:
    """(number, title) if ``line`` reads as a heading, else None."""
    words = line.words
    if not (line.bold or line.size >= 1.08 * body) or len(words) > 20 or line.extra.get("plain"):
        return None
    text = line.text
    if _BULLET.match(words[0].text) or is_toc(line):
        return None
    number = ""
    if len(words) >= 2 and _NUMBER.match(words[0].text):
        gap = words[1].x0 - words[0].x1
        if any(ch.isdigit() for ch in words[0].text) or gap >= 0.6 * line.size:
            number = words[0].text.rstrip(".")
    if len(line.blocks()) > (2 if number else 1):
        return None  # cells set apart: a table's bold header row, not a title
    title = " ".join(w.text for w in (words[1:] if number else words))
    if not any(ch.isalpha() for ch in title):
        return None
    if not number and len(words) >= 8 and _SENTENCE_END.search(text):
        return None  # a bold sentence, not a title
    return number, title


def _item(line: TextLine, bullets: list[Shape]) -> float | None:
    """The x where an item's text starts, if ``line`` is a list item."""
    words = line.words
    first = words[0]
    marked = len(words) >= 2 and (_BULLET.match(first.text) or _ENUM.match(first.text))
    if marked and words[1].x0 - first.x1 >= 1.5:
        return words[1].x0
    for dot in bullets:
        if line.top - 1 <= dot.cy <= line.bottom + 1 and 0 < first.x0 - dot.x1 < 18:
            return first.x0
    return None


def _levels(xs: list[float]) -> list[float]:
    """Distinct indentations (within 4 points) of the items, left to right."""
    out: list[float] = []
    for x in sorted(xs):
        if not out or x - out[-1] > 4:
            out.append(x)
    return out


Entry = tuple[float, TextLine | list[Line]]  # (top, a text line or a table's rows)


def render(pages: list[list[Entry]], bullets: list[list[Shape]], body: float) -> list[Line]:
    """The pages' entries (text lines and tables, each page top to bottom) in normal form."""
    heads: dict[int, _Head] = {}
    items: dict[int, float] = {}
    for p, entries in enumerate(pages, 1):
        for _, entry in entries:
            if not isinstance(entry, TextLine):
                continue
            found = _heading(entry, body)
            if found is not None:
                style = (round(entry.size * 2) / 2, entry.bold)
                heads[id(entry)] = _Head(entry, p, found[0], found[1], style)
                continue
            x = _item(entry, bullets[p - 1])
            if x is not None:
                items[id(entry)] = x
    merged = _merge_wrapped(pages, heads)
    _depths(list(heads.values()))
    levels = _levels(list(items.values()))
    out: list[Line] = []
    for p, entries in enumerate(pages, 1):
        open_item: tuple[Line, float, TextLine] | None = None
        for _, entry in entries:
            if not isinstance(entry, TextLine):
                out.extend(entry)
                open_item = None
                continue
            if id(entry) in merged:
                continue
            loc = Loc(line=entry.no, page=p)
            raw = _raw(entry)
            head = heads.get(id(entry))
            if head is not None:
                marks = "#" * head.depth
                text = " ".join(x for x in (marks, head.number, head.title) if x)
                raw = f"{raw} {head.extra_raw}" if head.extra_raw else raw
                out.append(
                    Line(text=_clean(text), raw=raw, loc=loc, style="heading", level=head.depth)
                )
                open_item = None
                continue
            x = items.get(id(entry))
            if x is not None:
                at = x
                level = min(range(len(levels)), key=lambda k: abs(levels[k] - at))
                words = [w for w in entry.words if w.x0 >= x - 0.5]
                body_text = _clean(" ".join(w.text for w in words))
                line = Line(
                    text="  " * level + "- " + body_text,
                    raw=raw,
                    loc=loc,
                    style="item",
                    level=level,
                )
                out.append(line)
                open_item = (line, x, entry)
                continue
            if open_item is not None:
                line, x, last = open_item
                if abs(entry.x0 - x) <= 3 and entry.top - last.bottom <= 0.8 * entry.size:
                    line.text += " " + _clean(entry.text)
                    line.raw += " " + raw
                    open_item = (line, x, entry)
                    continue
                open_item = None
            out.append(Line(text=_clean(entry.text), raw=raw, loc=loc))
    return [ln for ln in out if ln.text.strip()]


def _merge_wrapped(pages: list[list[Entry]], heads: dict[int, _Head]) -> set[int]:
    """Join a heading's wrapped second line to it (same font, no gap, no number);
    returns the ids of the lines joined away."""
    gone: set[int] = set()
    for entries in pages:
        lines = [e for _, e in entries if isinstance(e, TextLine)]
        for first, second in pairwise(lines):
            a, b = heads.get(id(first)), heads.get(id(second))
            if a is None or b is None or b.number or a.style != b.style:
                continue
            if second.top - first.bottom > 0.5 * first.size or second.no != first.no + 1:
                continue
            a.title += " " + b.title
            a.extra_raw = (a.extra_raw + " " if a.extra_raw else "") + _raw(second)
            heads[id(second)] = a
            gone.add(id(second))
    for line_id in gone:
        heads.pop(line_id, None)
    return gone


def _clean(text: str) -> str:
    """Spaces made single, but a wide gap (three spaces: authors side by side) kept."""
    text = text.replace(UNKNOWN, "")
    return re.sub(r"\s+", lambda m: "   " if len(m.group()) >= 3 else " ", text).strip()


def _raw(line: TextLine) -> str:
    return re.sub(r"\s+", " ", line.text.replace(UNKNOWN, "•")).strip()


def _depths(heads: list[_Head]) -> None:
    numbered = [h for h in heads if h.number]
    by_style: dict[tuple[float, bool], Counter[int]] = defaultdict(Counter)
    for h in numbered:
        h.depth = min(6, h.number.count(".") + 1)
        by_style[h.style][h.depth] += 1
    style_depth = {s: c.most_common(1)[0][0] for s, c in by_style.items()}
    unnumbered_styles = sorted(
        {h.style for h in heads if not h.number}, key=lambda s: (-s[0], not s[1])
    )
    for h in heads:
        if h.number:
            continue
        if h.style in style_depth:
            h.depth = style_depth[h.style]
        elif not style_depth:
            h.depth = min(6, unnumbered_styles.index(h.style) + 1)
        else:
            size, bold = h.style
            larger = [
                d for (s, b), d in style_depth.items() if s > size or (s == size and b and not bold)
            ]
            h.depth = min(6, max(larger, default=0) + 1)
