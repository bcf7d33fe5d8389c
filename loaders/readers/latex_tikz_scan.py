"""Reading TikZ source: the picture's shared state (boxes, named points, lines), its
scopes (shifts, scales, styles), and coordinates in all the forms TikZ writes them
(``(x,y)``, ``(a:r)``, ``(name.anchor)``, ``(a -| b)``, calc's ``($(a)!0.5!(b)$)``)."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..source import FigureNode, Loc
from .latex_tikz_opts import (
    Opt,
    Styles,
    define_styles,
    number,
    parse_opts,
    resolve,
    split_top,
    unitless,
)
from .latex_tikz_syntax import match_paren, split_op
from .latex_tikz_wires import Entry, Pt, Wire

Render = Callable[[str, str | None, int], list[str]]  # source -> the lines it is set on
RawLine = Callable[[str | None, int], str]
Size = tuple[float | None, float | None]  # a box's width and height, where known
# fmt: off
ANCHORS = frozenset({
    "north", "south", "east", "west", "north east", "north west", "south east", "south west",
    "center", "centre", "base", "mid", "text", "base west", "base east", "mid west", "mid east",
    "north-east", "top", "bottom", "left", "right",
})
# fmt: on
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(slots=True)
class Scope:
    """A scope's transformation (a point ``(x, y)`` of it is ``(sx*x + dx, sy*y + dy)`` in
    the picture), the lengths of its x and y vectors (what a bare number in a coordinate
    is: ``y=-1mm`` makes y grow downward), its options and styles."""

    dx: float = 0.0
    dy: float = 0.0
    sx: float = 1.0
    sy: float = 1.0
    opts: list[Opt] = field(default_factory=list)
    styles: Styles = field(default_factory=dict)
    ux: float = 1.0
    uy: float = 1.0


class PictureState:
    """The picture being built, shared by the parsers of its pieces of source."""

    def __init__(self, render: Render, raw_line: RawLine, styles: Styles) -> None:
        self.render = render
        self.raw_line = raw_line
        self.styles = styles
        self.nodes: dict[str, FigureNode] = {}
        self.points: dict[str, Entry] = {}
        self.sizes: dict[str, Size] = {}
        self.boxes: dict[str, tuple[Size, bool]] = {}  # box key -> (size, drawn with a frame)
        self.wires: list[Wire] = []
        self.tree: list[tuple[str, str, int]] = []
        self.unnamed = 0
        self.labels = 0
        self.loops = 0
        self.skipped: set[str] = set()

    def text(self, src: str, file: str | None, line: int) -> str:
        """A piece of source as one line of text."""
        return " ".join(self.render(src, file, line))

    def add_node(
        self,
        key: str | None,
        lines: list[str],
        pt: Pt,
        file: str | None,
        line: int,
        last: int = 0,
        first: int = 0,
    ) -> str:
        """A box read at ``line``; its ``raw`` is its source from ``first`` (its statement)
        to ``last`` (its text's end)."""
        if key is None or key in self.nodes:
            base = key
            while True:
                self.unnamed += 1
                key = f"{base}~{self.unnamed}" if base else f"_{self.unnamed}"
                if key not in self.nodes:
                    break
        x, y = (round(pt[0], 3), round(-pt[1], 3) + 0.0) if pt else (None, None)
        top = first if 0 < first <= line and line - first <= 20 else line
        span = range(top, max(line, min(last, line + 20)) + 1)
        raw = "\n".join(self.raw_line(file, k).strip() for k in span).strip()
        node = FigureNode(key, " ".join(lines), Loc(line=line, file=file), raw, x, y)
        node.lines = list(lines)
        self.nodes[key] = node
        return key


class Scanner:
    """Reads a piece of TikZ source: brackets, words, coordinates in the current scope."""

    def __init__(
        self, st: PictureState, s: str, marks: list[tuple[int, str | None, int]], scope: Scope
    ) -> None:
        self.st = st
        self.s = s
        self.marks = marks
        self.offsets = [m[0] for m in marks]
        self.scopes = [scope]

    def where(self, i: int) -> tuple[str | None, int]:
        k = bisect.bisect_right(self.offsets, i) - 1
        if k < 0:
            return (self.marks[0][1], self.marks[0][2]) if self.marks else (None, 1)
        return self.marks[k][1], self.marks[k][2]

    def ws(self, i: int, end: int) -> int:
        s = self.s
        while i < end and s[i] in " \t\n\r":
            i += 1
        return i

    def word(self, i: int, end: int) -> str:
        m = _WORD.match(self.s, i, end)
        return m.group() if m else ""

    def balanced(self, i: int, end: int) -> tuple[int, int]:
        """The content range of the bracket at ``i`` ( ``{`` ``[`` or ``(`` ), and the index
        after its closing one."""
        s = self.s
        open_ = s[i]
        close = {"{": "}", "[": "]", "(": ")"}[open_]
        depth = 0
        braces = 0
        j = i
        while j < end:
            ch = s[j]
            if ch == "\\":
                j += 2
                continue
            if open_ != "{" and ch == "{":
                braces += 1
            elif open_ != "{" and ch == "}":
                braces -= 1
            elif braces == 0 and ch == open_:
                depth += 1
            elif braces == 0 and ch == close:
                depth -= 1
                if depth == 0:
                    return i + 1, j
            j += 1
        return i + 1, end

    def group(self, i: int, end: int) -> tuple[str, int]:
        a, b = self.balanced(i, end)
        return self.s[a:b], min(b + 1, end)

    def cs(self, i: int) -> tuple[str, int]:
        m = re.match(r"\\([A-Za-z@]+|.)", self.s[i:])
        if not m:
            return "", i + 1
        return m.group(1), i + m.end()

    @property
    def scope(self) -> Scope:
        return self.scopes[-1]

    def styles(self) -> Styles:
        merged = dict(self.st.styles)
        for sc in self.scopes:
            merged.update(sc.styles)
        return merged

    def resolved(self, opts: list[Opt]) -> list[Opt]:
        return resolve(opts, self.styles())

    def inherited(self) -> list[Opt]:
        out: list[Opt] = []
        for sc in self.scopes:
            out.extend(sc.opts)
        return out

    def child_scope(self, opts: list[Opt]) -> Scope:
        """The scope ``opts`` open inside the current one: its transformations composed
        in the order given, its axis vectors, its styles."""
        cur = self.scope
        sc = Scope(cur.dx, cur.dy, cur.sx, cur.sy, opts, {}, cur.ux, cur.uy)
        define_styles(opts, sc.styles)
        self.scopes.append(sc)  # a coordinate in the options is read in the new scope
        try:
            for key, val in self.resolved(opts):
                if val is not None:
                    self.transform(sc, key, val)
        finally:
            self.scopes.pop()
        return sc

    def transform(self, sc: Scope, key: str, val: str) -> None:
        if key in ("xshift", "yshift"):
            d = number(val) or 0.0
            if key == "xshift":
                sc.dx += sc.sx * d
            else:
                sc.dy += sc.sy * d
        elif key == "shift":
            p = self.coord(val.strip().strip("{}").strip().strip("()"), None).pt
            if p is not None:
                sc.dx, sc.dy = p[0], p[1]
        elif key in ("scale", "xscale", "yscale"):
            f = number(val)
            if f is not None:
                if key != "yscale":
                    sc.sx *= f
                if key != "xscale":
                    sc.sy *= f
        elif key in ("x", "y"):
            u = _axis(val, 0 if key == "x" else 1)
            if u:
                if key == "x":
                    sc.ux = u
                else:
                    sc.uy = u

    def coord(self, text: str, cur: Pt, relative: bool = False) -> Entry:
        t = text.strip()
        if t.startswith("["):  # ([xshift=2mm]a.south west): a point placed from another
            close = _close_bracket(t)
            return self.shifted(self.coord(t[close + 1 :], cur, relative), parse_opts(t[1:close]))
        if t.startswith("$") and t.endswith("$"):
            return self.calc(t[1:-1], cur)
        for op in ("-|", "|-"):
            halves = split_op(t, op)
            if halves:
                p = self.coord(halves[0], cur).pt
                q = self.coord(halves[1], cur).pt
                if p is None or q is None:
                    return Entry(None)
                return Entry((q[0], p[1]) if op == "-|" else (p[0], q[1]))
        parts = split_top(t, ",")
        sc = self.scope
        if len(parts) in (2, 3) and "=" not in t:
            x, y = number(parts[0]), number(parts[1])
            if x is None or y is None:
                return Entry(None)
            x *= sc.ux if unitless(parts[0]) else 1.0
            y *= sc.uy if unitless(parts[1]) else 1.0
            return Entry(self.place(x, y, relative))
        if ":" in t and not t.startswith("current") and "cs:" not in t:
            ang, _, rad = t.partition(":")
            r_text = rad.split(" and ")[0]
            a, r = number(ang), number(r_text)
            if a is not None and r is not None:
                x, y = r * math.cos(math.radians(a)), r * math.sin(math.radians(a))
                if unitless(r_text):
                    x, y = x * sc.ux, y * sc.uy
                return Entry(self.place(x, y, relative))
            return Entry(None)
        return self.named(t)

    def place(self, x: float, y: float, relative: bool = False) -> tuple[float, float]:
        """A point of the current scope (a step, if ``relative``) in the picture."""
        sc = self.scope
        if relative:
            return (x * sc.sx, y * sc.sy)
        return (x * sc.sx + sc.dx, y * sc.sy + sc.dy)

    def shifted(self, e: Entry, opts: list[Opt]) -> Entry:
        """``e`` moved by the shifts of a coordinate's options; a point so placed from a
        box is a point on it (``near``)."""
        if e.pt is None:
            return e
        sc = self.scope
        x, y = e.pt
        for key, val in self.resolved(opts):
            if val is None:
                continue
            if key == "xshift":
                x += sc.sx * (number(val) or 0.0)
            elif key == "yshift":
                y += sc.sy * (number(val) or 0.0)
            elif key == "shift":
                d = self.coord(val.strip().strip("{}").strip().strip("()"), None, True).pt
                if d is not None:
                    x, y = x + d[0], y + d[1]
        return Entry((x, y), e.ref, e.box, near=(e.box and (x, y) != e.pt) or e.near)

    def named(self, t: str) -> Entry:
        """A named point or box (``a``, ``a.south west``, ``a.30``): an anchor is on the
        box's border where its size is known, else at its centre."""
        pts = self.st.points
        name = t
        anchor = ""
        if name not in pts and "." in name:
            base, _, anchor = name.rpartition(".")
            if base in pts and (anchor in ANCHORS or number(anchor) is not None):
                name = base
        e = pts.get(name)
        if e is None:
            return Entry(None)
        pt = e.pt
        if anchor and pt is not None and name in self.st.sizes:
            dx, dy = anchor_offset(anchor, self.st.sizes[name])
            pt = (pt[0] + dx, pt[1] + dy)
        return Entry(pt, e.ref if e.box else name, e.box)

    def calc(self, text: str, cur: Pt) -> Entry:
        """A calc expression: sums of (scaled) coordinates and ``!t!`` partway points.  One
        that names one box and otherwise only numbers (``$(a.south)+(0,-1)$``) is a point
        on that box."""
        s = text.strip()
        total = (0.0, 0.0)
        sign = 1.0
        i = 0
        terms: list[Entry] = []
        while i < len(s):
            ch = s[i]
            if ch in " \t\n":
                i += 1
                continue
            if ch in "+-" and ((i + 1 < len(s) and s[i + 1] != "(") or ch in "+-"):
                sign = -1.0 if ch == "-" else 1.0
                i += 1
                continue
            factor = 1.0
            m = re.match(r"([-+]?\d*\.?\d+)\s*\*\s*", s[i:])
            if m:
                factor = float(m.group(1))
                i += m.end()
            if i >= len(s) or s[i] != "(":
                return Entry(None)
            close = match_paren(s, i)
            e = self.coord(s[i + 1 : close], cur)
            terms.append(e)
            p = e.pt
            i = close + 1
            while i < len(s) and s[i] == "!":
                m2 = re.match(r"!([^!]*)!\s*\(", s[i:])
                if not m2:
                    return Entry(None)
                t_text = m2.group(1).strip()
                j = i + m2.end() - 1
                close = match_paren(s, j)
                e2 = self.coord(s[j + 1 : close], cur)
                terms.append(e2)
                q = e2.pt
                i = close + 1
                frac = number(t_text)
                if p is None or q is None or frac is None:
                    return Entry(None)
                p = (p[0] + frac * (q[0] - p[0]), p[1] + frac * (q[1] - p[1]))
            if p is None:
                return Entry(None)
            total = (total[0] + sign * factor * p[0], total[1] + sign * factor * p[1])
            sign = 1.0
        if not terms:
            return Entry(None)
        named = {e.ref for e in terms if e.ref}
        if len(named) == 1 and all(e.box or not e.ref for e in terms):
            ref = named.pop()
            return Entry(total, ref, True, near=len(terms) > 1 or terms[0].near)
        return Entry(total)


_COMPASS = {"north": (0, 1), "south": (0, -1), "east": (1, 0), "west": (-1, 0)}


def anchor_offset(anchor: str, size: Size) -> tuple[float, float]:
    """Where an anchor is from a box's centre; 0 along a side whose length is not known."""
    w, h = size
    a = anchor.replace("-", " ").replace("top", "north").replace("bottom", "south")
    a = a.replace("left", "west").replace("right", "east")
    angle = number(a)
    if angle is not None:
        dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        hw, hh = (w or 0.0) / 2, (h or 0.0) / 2
        t = min(
            hw / abs(dx) if abs(dx) > 1e-9 else math.inf,
            hh / abs(dy) if abs(dy) > 1e-9 else math.inf,
        )
        return (0.0, 0.0) if math.isinf(t) else (dx * t, dy * t)
    x = y = 0.0
    for word in a.split():
        ux, uy = _COMPASS.get(word, (0, 0))
        x += ux * (w or 0.0) / 2
        y += uy * (h or 0.0) / 2
    return (x, y)


def _close_bracket(t: str) -> int:
    """The index of the ``]`` that closes the ``[`` at the start of ``t``."""
    depth = 0
    for k, ch in enumerate(t):
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return k
    return len(t) - 1


def _axis(val: str, axis: int) -> float | None:
    """The length of an axis vector given as ``x=1mm`` or ``y={(0,-1cm)}``."""
    v = val.strip().strip("{}").strip()
    if v.startswith("(") and v.endswith(")"):
        parts = split_top(v[1:-1], ",")
        return number(parts[axis]) if len(parts) == 2 else None
    return number(v)
