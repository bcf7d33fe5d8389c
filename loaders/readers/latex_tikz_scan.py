"""Reading TikZ source: the picture's shared state (boxes, named points, lines), its
scopes (shifts, scales, styles), and coordinates in all the forms TikZ writes them
(``(x,y)``, ``(a:r)``, ``(name.anchor)``, ``(a -| b)``, calc's ``($(a)!0.5!(b)$)``)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..source import FigureNode, Loc
from .latex_tikz_opts import Opt, Styles, define_styles, number, resolve, split_top
from .latex_tikz_syntax import match_paren, split_op
from .latex_tikz_wires import Entry, Pt, Wire

Render = Callable[[str, str | None, int], str]
RawLine = Callable[[str | None, int], str]
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
    dx: float = 0.0
    dy: float = 0.0
    sx: float = 1.0
    sy: float = 1.0
    opts: list[Opt] = field(default_factory=list)
    styles: Styles = field(default_factory=dict)


class PictureState:
    """The picture being built, shared by the parsers of its pieces of source."""

    def __init__(self, render: Render, raw_line: RawLine, styles: Styles) -> None:
        self.render = render
        self.raw_line = raw_line
        self.styles = styles
        self.nodes: dict[str, FigureNode] = {}
        self.points: dict[str, Entry] = {}
        self.wires: list[Wire] = []
        self.tree: list[tuple[str, str, int]] = []
        self.unnamed = 0
        self.labels = 0
        self.loops = 0
        self.skipped: set[str] = set()

    def add_node(self, key: str | None, text: str, pt: Pt, file: str | None, line: int) -> str:
        if key is None or key in self.nodes:
            base = key
            while True:
                self.unnamed += 1
                key = f"{base}~{self.unnamed}" if base else f"_{self.unnamed}"
                if key not in self.nodes:
                    break
        x, y = (round(pt[0], 3), round(-pt[1], 3) + 0.0) if pt else (None, None)
        raw = self.raw_line(file, line).strip()
        self.nodes[key] = FigureNode(key, text, Loc(line=line, file=file), raw, x, y)
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
        cur = self.scope
        sc = Scope(cur.dx, cur.dy, cur.sx, cur.sy, opts, {})
        define_styles(opts, sc.styles)
        r = resolve(opts, self.styles())
        for key, val in r:
            if val is None:
                continue
            if key == "xshift":
                sc.dx += number(val) or 0.0
            elif key == "yshift":
                sc.dy += number(val) or 0.0
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
        return sc

    def coord(self, text: str, cur: Pt, relative: bool = False) -> Entry:
        t = text.strip()
        if t.startswith("$") and t.endswith("$"):
            return Entry(self.calc(t[1:-1], cur))
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
            if relative:
                return Entry((x * sc.sx, y * sc.sy))
            return Entry((x * sc.sx + sc.dx, y * sc.sy + sc.dy))
        if ":" in t and not t.startswith("current") and "cs:" not in t:
            ang, _, rad = t.partition(":")
            a, r = number(ang), number(rad.split(" and ")[0])
            if a is not None and r is not None:
                import math

                x, y = r * math.cos(math.radians(a)), r * math.sin(math.radians(a))
                if relative:
                    return Entry((x * sc.sx, y * sc.sy))
                return Entry((x * sc.sx + sc.dx, y * sc.sy + sc.dy))
            return Entry(None)
        return self.named(t)

    def named(self, t: str) -> Entry:
        pts = self.st.points
        name = t
        if name not in pts and "." in name:
            base, _, anchor = name.rpartition(".")
            if base in pts and (anchor in ANCHORS or number(anchor) is not None):
                name = base
        e = pts.get(name)
        if e is None:
            return Entry(None)
        return Entry(e.pt, e.ref if e.box else name, e.box)

    def calc(self, text: str, cur: Pt) -> Pt:
        """A calc expression: sums of (scaled) coordinates and ``!t!`` partway points."""
        s = text.strip()
        total = (0.0, 0.0)
        sign = 1.0
        i = 0
        any_term = False
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
                return None
            close = match_paren(s, i)
            p = self.coord(s[i + 1 : close], cur).pt
            i = close + 1
            while i < len(s) and s[i] == "!":
                m2 = re.match(r"!([^!]*)!\s*\(", s[i:])
                if not m2:
                    return None
                t_text = m2.group(1).strip()
                j = i + m2.end() - 1
                close = match_paren(s, j)
                q = self.coord(s[j + 1 : close], cur).pt
                i = close + 1
                frac = number(t_text)
                if p is None or q is None or frac is None:
                    return None
                p = (p[0] + frac * (q[0] - p[0]), p[1] + frac * (q[1] - p[1]))
            if p is None:
                return None
            total = (total[0] + sign * factor * p[0], total[1] + sign * factor * p[1])
            sign = 1.0
            any_term = True
        return total if any_term else None
