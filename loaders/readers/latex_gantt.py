"""pgfgantt charts (``ganttchart``) as figures: each bar, group and milestone a box, each
``\\ganttlink`` a connection (an arrow from the first element to the second).

A box's ``lines`` are its label and, where the element sets one, its progress label text
(LDM-style charts put a milestone's id on the left and its name beside the diamond);
its ``labels`` are its kind (``group``, ``bar``, ``milestone``) and the dates the chart's
time axis gives it: the slots themselves in the ISO date formats, or, for numbered
slots, the month where the title row names years of 12 slots (``\\gantttitle{2024}{12}``).
Boxes stand where the chart draws them: ``x`` in slots times ``x unit`` from the first
slot, ``y`` one ``y unit chart`` a row, downward; a lane is its group's box and the rows
under it, as drawn (the chart draws no line between them).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..source import FigureEdge, FigureNode, Loc
from .latex_tikz import Picture
from .latex_tikz_opts import Opt, number, parse_opts, split_top, value
from .latex_tikz_scan import RawLine, Render
from .latex_tikz_syntax import expand_ranges

_ELEMENTS = ("ganttbar", "ganttgroup", "ganttmilestone")
_KIND = {"ganttbar": "bar", "ganttgroup": "group", "ganttmilestone": "milestone"}
_CMD = re.compile(r"\\(gantt[A-Za-z]*|\\)(\*?)")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
_YEAR = re.compile(r"^(?:19|20|21)\d\d$")
MAX_ELEMENTS = 5_000


@dataclass(slots=True)
class _Title:
    label: str
    start: float  # first slot, counted from the chart's first slot (0)
    span: float


def _group(s: str, i: int) -> tuple[str, int] | None:
    """The text of the ``{...}`` or ``[...]`` at ``i`` (spaces skipped) and the index after."""
    while i < len(s) and s[i] in " \t\n":
        i += 1
    if i >= len(s) or s[i] not in "{[":
        return None
    close = "}" if s[i] == "{" else "]"
    depth = 0
    braces = 0
    k = i
    while k < len(s):
        ch = s[k]
        if ch == "\\":
            k += 2
            continue
        if close == "]" and ch == "{":
            braces += 1
        elif close == "]" and ch == "}":
            braces -= 1
        elif ch == s[i] and (close == "}" or braces == 0):
            depth += 1
        elif ch == close and (close == "}" or braces == 0):
            depth -= 1
            if depth == 0:
                return s[i + 1 : k], k + 1
        k += 1
    return s[i + 1 :], len(s)


def _args(s: str, i: int, spec: str) -> tuple[list[str | None], int]:
    """Arguments by a spec (``o`` optional, ``m`` mandatory) from ``i``."""
    out: list[str | None] = []
    for kind in spec:
        j = i
        while j < len(s) and s[j] in " \t\n":
            j += 1
        if kind == "o" and (j >= len(s) or s[j] != "["):
            out.append(None)
            continue
        if kind == "m" and (j >= len(s) or s[j] != "{"):
            out.append(None)
            continue
        got = _group(s, j)
        if got is None:
            out.append(None)
            continue
        out.append(got[0])
        i = got[1]
    return out, i


class _Axis:
    """Slots to dates: ISO slots as written, numbered slots by year titles of 12 slots."""

    def __init__(self, fmt: str, first: str, titles: list[_Title]) -> None:
        self.iso = fmt.startswith("isodate")
        self.first = number(first) or 0.0
        self.anchor: tuple[int, float] | None = None  # (year, its first slot from 0)
        years = [t for t in titles if _YEAR.match(t.label) and t.span == 12]
        if years and all(
            (int(t.label) - int(years[0].label)) * 12 == t.start - years[0].start for t in years
        ):
            self.anchor = (int(years[0].label), years[0].start)

    def slot(self, text: str) -> float | None:
        """A slot's index from the chart's first slot (numbered charts only)."""
        v = number(text)
        return None if v is None or self.iso else v - self.first

    def date(self, text: str) -> str:
        """The date a slot argument stands for ('' where the chart does not say)."""
        t = text.strip()
        m = _ISO.match(t)
        if self.iso and m:
            y, mo, d = m.group(1), int(m.group(2)), m.group(3)
            return f"{y}-{mo:02d}" + (f"-{int(d):02d}" if d else "")
        at = self.slot(t)
        if at is None or self.anchor is None:
            return ""
        months = int(self.anchor[0]) * 12 + int(at - self.anchor[1])
        return f"{months // 12}-{months % 12 + 1:02d}"


def read_gantt(
    src: str,
    marks: list[tuple[int, str | None, int]],
    options: str,
    first: str,
    render: Render,
    raw_line: RawLine,
) -> Picture:
    """The elements and links of a ``ganttchart`` body ``src`` (``options`` and ``first``
    are the chart's options and first slot)."""
    offsets = [m[0] for m in marks]

    def where(i: int) -> tuple[str | None, int]:
        k = max(0, bisect.bisect_right(offsets, i) - 1)
        return (marks[k][1], marks[k][2]) if marks else (None, 1)

    chart = parse_opts(options)
    sets: list[Opt] = []
    x_unit = number(value(chart, "x unit") or "") or 0.5
    y_chart = number(value(chart, "y unit chart") or "") or 1.0
    y_title = number(value(chart, "y unit title") or "") or 1.0
    fmt = (value(chart, "time slot format") or "simple").strip()
    pieces: list[tuple[str, list[str | None], int]] = []  # (command, args, offset)
    titles: list[_Title] = []
    title_at = 0.0
    i = 0
    while (m := _CMD.search(src, i)) is not None and len(pieces) < MAX_ELEMENTS:
        name = m.group(1)
        i = m.end()
        if name in _ELEMENTS:
            args, i = _args(src, i, "omm" if name == "ganttmilestone" else "ommm")
            pieces.append((name, args, m.start()))
        elif name in ("gantttitle", "gantttitlelist"):
            args, i = _args(src, i, "omm")
            span = number(args[2] or "") or 1.0
            labels = [args[1] or ""]
            if name == "gantttitlelist":
                labels = expand_ranges(split_top(args[1] or "", ","))
            for label in labels:
                titles.append(_Title(label.strip(), title_at, span))
                title_at += span
            pieces.append((name, args, m.start()))
        elif name in ("\\", "ganttnewline"):
            _, i = _args(src, i, "o")
            pieces.append(("row", [], m.start()))
            title_at = 0.0
        elif name == "ganttlink":
            args, i = _args(src, i, "omm")
            pieces.append((name, args, m.start()))
        elif name == "ganttset":
            args, i = _args(src, i, "m")
            sets.extend(parse_opts(args[0] or ""))
    fmt = (value(sets, "time slot format") or fmt).strip()
    axis = _Axis(fmt, first, titles)
    pic = Picture()
    y = 0.0
    row_height = y_title
    count = 0
    names: dict[str, str] = {}
    filled = False
    for cmd, args, at in pieces:
        if cmd == "row":
            y += row_height if filled else 0.0
            filled = False
            row_height = y_chart
            continue
        if cmd.startswith("gantttitle"):
            filled, row_height = True, y_title
            continue
        if cmd == "ganttlink":
            a, b = names.get((args[1] or "").strip()), names.get((args[2] or "").strip())
            if a and b and a != b:
                pic.edges.append(FigureEdge(a, b, True))
            continue
        opts = parse_opts(args[0] or "")
        file, line = where(at)
        lines = render(args[1] or "", file, line)
        progress = value(opts, "progress label text")  # drawn beside the element
        if progress and value(opts, "progress") is not None:
            shown = progress.replace("\\#1", "").replace("#1", value(opts, "progress") or "")
            lines = [*lines, *render(shown, file, line)]
        slots = [a or "" for a in args[2:]]
        key = (value(opts, "name") or "").strip() or f"elem{count}"
        names[key] = key
        names[f"elem{count}"] = key
        count += 1
        filled, row_height = True, y_chart
        if not lines:
            continue
        start, end = axis.slot(slots[0]), axis.slot(slots[-1])
        x = None if start is None or end is None else round((start + end + 1) / 2 * x_unit, 3)
        tags = [_KIND[cmd], *dict.fromkeys(d for s in slots if (d := axis.date(s)))]
        raw = raw_line(file, line).strip()
        node = FigureNode(
            key, " ".join(lines), Loc(line=line, file=file), raw, x, round(y, 3), tags
        )
        node.lines = lines
        pic.nodes.append(node)
    keys = {n.key for n in pic.nodes}
    pic.edges = [e for e in pic.edges if e.source in keys and e.target in keys]
    if len(pieces) >= MAX_ELEMENTS:
        pic.notes.append("chart elements over the limit not read")
    return pic
