"""Text lines of a PDF page: words with their font, grouped into lines in reading order.

Characters drawn rotated (a diagonal DRAFT watermark, a sideways label) are left out;
ligatures are spelled out; a glyph without a Unicode mapping (pdfTeX's bullet in the
Computer Modern symbol font comes out as ``(cid:N)``) is kept as U+FFFD so that a list
bullet is still seen as one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from .ligatures import spell_cid_ligatures
from .pdf_columns import Block, Tok, blocks

UNKNOWN = "\ufffd"
_CID = re.compile(r"\(cid:\d+\)")
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
#: font names of bold faces: "-Bold", "Semibold", URW's "-Medi", Computer Modern's
#: cmbx/cmb/cmssbx and cm-super's sfbx/sfsx
_BOLD = re.compile(r"bold|black|heavy|demi|-medi$|^cmbx|^cmb\d|^cmssbx|^sfbx|^sfsx|^sfbi", re.I)


def is_bold(fontname: str) -> bool:
    """Whether ``fontname`` (with or without its subset prefix) names a bold face."""
    return bool(_BOLD.search(fontname.split("+", 1)[-1]))


@dataclass(slots=True)
class Word:
    """A word on the page, in points (y grows downward), with its font."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    size: float
    bold: bool

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    def tok(self) -> Tok:
        return Tok(self.x0, self.x1, self.text, self.bold)


@dataclass(slots=True)
class TextLine:
    """One line of text on a page; ``no`` is its 1-based number on the page."""

    words: list[Word]
    no: int = 0
    marker: str = ""  # set by the layout pass: "running", "figure", "table", "toc"...
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return median(w.size for w in self.words)

    @property
    def bold(self) -> bool:
        letters = [w for w in self.words if any(c.isalnum() for c in w.text)]
        return bool(letters) and all(w.bold for w in letters)

    @property
    def text(self) -> str:
        """The words joined by a space; a gap wider than 1.5 em (LaTeX's ``\\and`` between
        authors, a quad) is kept as three spaces, as pdftotext -layout keeps it."""
        out = ""
        for prev, word in zip([None, *self.words], self.words, strict=False):
            if prev is not None:
                out += "   " if word.x0 - prev.x1 > 1.5 * self.size else " "
            out += word.text
        return out

    def blocks(self, gap: float | None = None) -> list[Block]:
        """The line cut at wide spaces (more than 0.8 em by default)."""
        return blocks([w.tok() for w in self.words], gap if gap is not None else 0.8 * self.size)


def _upright(char: dict[str, Any]) -> bool:
    a, b, c, d = char["matrix"][:4]
    return abs(b) < 1e-3 and abs(c) < 1e-3 and a > 0 and d > 0


def page_words(page: Any) -> list[Word]:
    """The page's upright words, each in one font (a change of font or size splits)."""
    kept = page.filter(lambda obj: obj.get("object_type") != "char" or _upright(obj))
    raw = kept.extract_words(
        x_tolerance=1.5,
        y_tolerance=2,
        keep_blank_chars=False,
        use_text_flow=False,
        extra_attrs=["fontname", "size"],
    )
    words: list[Word] = []
    for w in raw:
        text = _CID.sub(UNKNOWN, spell_cid_ligatures(w["text"])).translate(_LIGATURES)
        if not text.strip():
            continue
        words.append(
            Word(
                float(w["x0"]),
                float(w["x1"]),
                float(w["top"]),
                float(w["bottom"]),
                text,
                round(float(w["size"]), 1),
                is_bold(w["fontname"]),
            )
        )
    return words


def group_lines(words: list[Word]) -> list[TextLine]:
    """Words grouped into lines (they overlap vertically by half the smaller height),
    top to bottom, each line left to right, numbered from 1."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        placed = False
        for line in reversed(lines[-4:]):
            top = min(w.top for w in line)
            bottom = max(w.bottom for w in line)
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap >= 0.5 * min(bottom - top, word.bottom - word.top):
                line.append(word)
                placed = True
                break
        if not placed:
            lines.append([word])
    out = [TextLine(sorted(line, key=lambda w: w.x0)) for line in lines]
    out.sort(key=lambda ln: (ln.top, ln.x0))
    for no, text_line in enumerate(out, 1):
        text_line.no = no
    return out


def body_size(lines: list[TextLine]) -> float:
    """The font size most characters are set in (the running text's)."""
    weight: dict[float, int] = {}
    for line in lines:
        for w in line.words:
            weight[w.size] = weight.get(w.size, 0) + len(w.text)
    return max(weight, key=lambda s: weight[s]) if weight else 10.0
