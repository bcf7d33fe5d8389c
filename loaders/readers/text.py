"""The text formats that already read as lines: the seeds' TAB-separated form and Markdown.

The seeds' form (a layout-aware PDF-to-Markdown converter's output) is the normal form
itself: each line is kept, cleaned of HTML remnants and emphasis.  Markdown differs in
its tables: pipe rows become TAB rows, and the rule under a header row marks it.
"""

from __future__ import annotations

import re

from ..source import Format, Line, Loc, Source
from ..text import clean_line

_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_BOLD_CELL = re.compile(r"^(?:\*\*|__|<b>).+(?:\*\*|__|</b>)$")


def split_lines(text: str) -> list[str]:
    """The file's lines, without line ends; a final newline adds no empty line."""
    raw = text.split("\n")
    if raw and raw[-1] == "":
        raw.pop()
    return [r.rstrip("\r") for r in raw]


def read_text(text: str, name: str, fmt: Format = "tabbed") -> Source:
    """A Source whose lines are the file's lines (Markdown pipe tables become TAB rows)."""
    raw = split_lines(text)
    lines: list[Line] = []
    for idx, line in enumerate(raw, start=1):
        cleaned = clean_line(line)
        style = ""
        if fmt == "markdown" and _PIPE_ROW.match(line):
            if _PIPE_RULE.match(line):
                if lines and "\t" in lines[-1].text:
                    lines[-1].style = "header"
                cleaned = ""
            else:
                cells = _PIPE_SPLIT.split(cleaned.strip().strip("|"))
                cleaned = "\t".join(c.strip().replace("\\|", "|") for c in cells)
                first = _PIPE_SPLIT.split(line.strip().strip("|"))[0].strip()
                style = "bold" if _BOLD_CELL.match(first) else "row"
        lines.append(Line(cleaned, line, Loc(idx), style))  # type: ignore[arg-type]
    return Source(name, fmt, lines)
