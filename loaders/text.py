"""Read a document file, decode it strictly and clean each line of extraction noise.

Raw lines are kept for verbatim evidence quotes; cleaned lines (HTML remnants and
entities removed, markdown emphasis dropped) are what the parsers read.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .source import Figure, LoadError, Loc, Source

QUOTE_MAX = 300


@dataclass(slots=True)
class Document:
    """A document as the parsers read it: cleaned lines, raw lines (for quotes) and where
    each line was read (``locs``), indexed 1..n like a text file's lines."""

    name: str
    raw: list[str]
    lines: list[str] = field(default_factory=list)
    locs: list[Loc] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    levels: list[int] = field(default_factory=list)
    fmt: str = "tabbed"
    figures: list[Figure] = field(default_factory=list)
    memo: dict[str, object] = field(default_factory=dict)

    @classmethod
    def of(cls, source: Source) -> Document:
        """The line-indexed view of a reader's :class:`Source`."""
        return cls(
            name=source.name,
            raw=[ln.raw for ln in source.lines],
            lines=[ln.text for ln in source.lines],
            locs=[ln.loc for ln in source.lines],
            styles=[ln.style for ln in source.lines],
            levels=[ln.level for ln in source.lines],
            fmt=source.format,
            figures=list(source.figures),
        )

    def loc(self, line: int) -> Loc:
        """Where line ``line`` (1-based index) was read."""
        if 0 < line <= len(self.locs):
            return self.locs[line - 1]
        return Loc(line)

    def quote(self, line: int, fragment: str = "") -> str:
        """Verbatim text from ``line`` (1-based) that reads on its own: the table row, or the
        sentence, that holds ``fragment`` (clipped around it), else the line."""
        raw = self.raw[line - 1].strip() if 0 < line <= len(self.raw) else ""
        frag = fragment.strip()
        idx = raw.find(frag) if frag else -1
        if idx < 0:
            return clip(raw)
        if "\t" in raw or len(raw) <= QUOTE_MAX:
            start = (
                raw.rfind("\t", 0, max(0, idx - QUOTE_MAX // 3)) + 1 if idx > QUOTE_MAX // 2 else 0
            )
            return clip(raw[start:])
        start = max((m.end() for m in _SENTENCE_END.finditer(raw, 0, idx)), default=0)
        end = next((m.start() + 1 for m in _SENTENCE_END.finditer(raw, idx + len(frag))), len(raw))
        return clip(raw[start:end])


_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z(\"“])")


def clip(text: str, limit: int = QUOTE_MAX) -> str:
    """Trim a quote to ``limit`` characters at a word boundary (still a verbatim prefix)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > limit // 2 else cut


_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_SUP = re.compile(r"<sup>.*?</sup>", re.IGNORECASE)
_EMPH = re.compile(r"\*\*|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_HYPHEN_BREAK = re.compile(r"(\w)- (?=(\w))")
_SLASH_BREAK = re.compile(r"(\w)/ (?=\w)")
_SPACES = re.compile(r"[ \u00a0]+")


def clean_line(raw: str) -> str:
    """Remove HTML remnants, entities, markdown emphasis and escapes; keep tabs."""
    text = raw
    if "<" in text:
        text = _SUP.sub("", text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    if "\\" in text:
        text = text.replace("\\_", "_")
    if "*" in text:
        text = _EMPH.sub("", text)
    return text.rstrip("\r\n")


@lru_cache(maxsize=8192)
def dehyphenate(text: str) -> str:
    """Join line-end hyphen breaks: 'Engi- neer' -> 'Engineer', 'ACME- Lab' -> 'ACME-Lab'."""

    def join(m: re.Match[str]) -> str:
        nxt = m.group(2)
        return m.group(1) if nxt.islower() else m.group(1) + "-"

    text = _HYPHEN_BREAK.sub(join, text)
    text = _SLASH_BREAK.sub(r"\1/", text)
    return squash(text)


def squash(text: str) -> str:
    """Collapse runs of spaces and trim."""
    return _SPACES.sub(" ", text).strip()


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 50)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 strictly; raise :class:`LoadError` with a plain message otherwise."""
    if not data.strip():
        raise LoadError(f"{name}: the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(f"{name}: the file is UTF-16 encoded; expected UTF-8 text", 1)
    if _looks_binary(data):
        raise LoadError(f"{name}: the file is binary, not a text extraction")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LoadError(
            f"{name}, line {line}: the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
            "re-save it as UTF-8",
            line,
        ) from None
    return text


def read_document(path: Path) -> Document:
    """Read ``path`` in whatever format it is into a :class:`Document` (raises LoadError)."""
    from .readers import read_source

    return Document.of(read_source(path))
