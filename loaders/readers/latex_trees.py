"""Bracket trees as figures: ``forest`` (``[root [a [b]] [c]]``) and qtree
(``\\Tree [.root a b ]``).  Each node is a box, each parent-child pair a connection;
positions come from a plain layered layout (leaves side by side, a parent centred
over its children, one level per 1.5 cm)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..source import FigureEdge, FigureNode, Loc
from .latex_tikz import Picture
from .latex_tikz_opts import arrows, parse_opts, value
from .latex_tikz_scan import RawLine, Render

_LEVEL = 1.5
MAX_DEPTH = 150  # deeper trees are cut there (no document draws one)
_SLOT = 2.5


@dataclass(slots=True)
class _T:
    text: str
    offset: int
    name: str | None = None
    arrow: int = 0
    kids: list[_T] = field(default_factory=list)


def _close(s: str, i: int) -> int:
    """The index of the ``]`` closing the ``[`` at ``i`` (braces respected)."""
    depth = 0
    braces = 0
    k = i
    while k < len(s):
        ch = s[k]
        if ch == "\\":
            k += 2
            continue
        if ch == "{":
            braces += 1
        elif ch == "}":
            braces -= 1
        elif braces == 0 and ch == "[":
            depth += 1
        elif braces == 0 and ch == "]":
            depth -= 1
            if depth == 0:
                return k
        k += 1
    return len(s)


def _forest_node(s: str, a: int, b: int, inherited: int, depth: int = 0) -> _T:
    """The forest node whose brackets enclose ``s[a:b]``."""
    k = a
    while k < b and s[k] in " \t\n":
        k += 1
    head_end = k
    braces = 0
    while head_end < b:
        ch = s[head_end]
        if ch == "\\":
            head_end += 2
            continue
        if ch == "{":
            braces += 1
        elif ch == "}":
            braces -= 1
        elif braces == 0 and ch == "[":
            break
        head_end += 1
    head = s[k:head_end]
    comma = _top_comma(head)
    text = (head if comma < 0 else head[:comma]).strip()
    opts = parse_opts(head[comma + 1 :]) if comma >= 0 else []
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    edge = value(opts, "edge")
    arrow = arrows(parse_opts(edge)) if edge else inherited
    node = _T(text, k, value(opts, "name"), arrow)
    i = head_end
    while i < b:
        if s[i] == "[":
            end = _close(s, i)
            if depth < MAX_DEPTH:
                node.kids.append(_forest_node(s, i + 1, min(end, b), inherited, depth + 1))
            i = end + 1
        else:
            i += 1
    return node


def _top_comma(text: str) -> int:
    depth = 0
    for k, ch in enumerate(text):
        if ch in "{[(":
            depth += 1
        elif ch in "}])":
            depth -= 1
        elif ch == "," and depth == 0:
            return k
    return -1


def _qtree_node(s: str, a: int, b: int, depth: int = 0) -> _T:
    """The qtree node ``[.label child child ]`` whose brackets enclose ``s[a:b]``."""
    k = a
    while k < b and s[k] in " \t\n":
        k += 1
    label, k2 = _qtree_word(s, k + 1, b) if k < b and s[k] == "." else ("", k)
    node = _T(label, k)
    i = k2
    while i < b:
        ch = s[i]
        if ch in " \t\n":
            i += 1
        elif ch == "[":
            end = _close(s, i)
            if depth < MAX_DEPTH:
                node.kids.append(_qtree_node(s, i + 1, min(end, b), depth + 1))
            i = end + 1
            if i < b and s[i] == ".":  # an old closing label: ].label
                _, i = _qtree_word(s, i + 1, b)
        elif s.startswith("\\edge", i):
            m = re.match(
                r"\\edge(?:\[[^\]]*\])?\s*(?:node\s*(?:\[[^\]]*\])?\s*\{[^}]*\})?\s*;?", s[i:b]
            )
            i += m.end() if m else 5
        else:
            word, j = _qtree_word(s, i, b)
            if word.strip():
                node.kids.append(_T(word, i))
            i = max(j, i + 1)
    return node


def _qtree_word(s: str, i: int, b: int) -> tuple[str, int]:
    if i < b and s[i] == "{":
        depth = 0
        for k in range(i, b):
            if s[k] == "{":
                depth += 1
            elif s[k] == "}":
                depth -= 1
                if depth == 0:
                    return s[i + 1 : k], k + 1
        return s[i + 1 : b], b
    k = i
    while k < b and s[k] not in " \t\n[]":
        if s[k] == "\\" and k + 1 < b:
            k += 2
            continue
        if s[k] == "{":
            depth = 0
            while k < b:
                if s[k] == "{":
                    depth += 1
                elif s[k] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                k += 1
        k += 1
    return s[i:k], k


def _build(
    roots: list[_T],
    s: str,
    marks: list[tuple[int, str | None, int]],
    render: Render,
    raw_line: RawLine,
) -> Picture:
    offsets = [m[0] for m in marks]

    def where(i: int) -> tuple[str | None, int]:
        k = bisect.bisect_right(offsets, i) - 1
        k = max(k, 0)
        return (marks[k][1], marks[k][2]) if marks else (None, 1)

    xs: dict[int, float] = {}
    slot = 0.0

    def place(t: _T) -> float:  # leaves side by side, parents centred over children
        nonlocal slot
        if t.kids:
            x = sum(place(k) for k in t.kids) / len(t.kids)
        else:
            x, slot = slot, slot + _SLOT
        xs[id(t)] = x
        return x

    pic = Picture()
    keys: set[str] = set()
    count = 0

    def emit(t: _T, depth: int, parent: str | None) -> None:
        nonlocal count
        file, line = where(t.offset)
        lines = render(t.text, file, line) if t.text.strip() else []
        text = " ".join(lines)
        key: str | None = None
        if text:
            key = t.name if t.name and t.name not in keys else None
            if key is None:
                count += 1
                while f"_{count}" in keys:
                    count += 1
                key = f"_{count}"
            keys.add(key)
            raw = raw_line(file, line).strip()
            loc = Loc(line=line, file=file)
            x, y = round(xs[id(t)], 3), round(depth * _LEVEL, 3)
            pic.nodes.append(FigureNode(key, text, loc, raw, x, y, lines=lines))
            if parent is not None:
                if t.arrow == -1:
                    pic.edges.append(FigureEdge(key, parent, True))
                else:
                    pic.edges.append(FigureEdge(parent, key, t.arrow == 1))
        for kid in t.kids:
            emit(kid, depth + 1, key if key is not None else parent)

    for root in roots:
        place(root)
        emit(root, 0, None)
    return pic


def read_forest(
    src: str, marks: list[tuple[int, str | None, int]], render: Render, raw_line: RawLine
) -> Picture:
    """A ``forest`` environment's body as boxes and connections."""
    first = src.find("[")
    preamble = src[:first] if first >= 0 else src
    m = re.search(r"for tree\s*=\s*\{", preamble)
    inherited = 0
    if m:
        depth = 0
        for k in range(m.end() - 1, len(preamble)):
            if preamble[k] == "{":
                depth += 1
            elif preamble[k] == "}":
                depth -= 1
                if depth == 0:
                    edge = value(parse_opts(preamble[m.end() : k]), "edge")
                    inherited = arrows(parse_opts(edge)) if edge else 0
                    break
    roots: list[_T] = []
    i = first
    while 0 <= i < len(src):
        if src[i] == "[":
            end = _close(src, i)
            roots.append(_forest_node(src, i + 1, end, inherited))
            i = end + 1
        else:
            i += 1
    return _build(roots, src, marks, render, raw_line)


def read_qtree(
    src: str, marks: list[tuple[int, str | None, int]], render: Render, raw_line: RawLine
) -> Picture:
    """A qtree ``\\Tree [...]`` bracket structure as boxes and connections."""
    i = src.find("[")
    if i < 0:
        return Picture()
    end = _close(src, i)
    return _build([_qtree_node(src, i + 1, end)], src, marks, render, raw_line)
