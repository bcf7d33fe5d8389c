"""How a TikZ picture's drawn lines connect its boxes.

Each path gives a :class:`Wire`: the points it runs through, the boxes among them, and
its arrow.  A wire alone joins its boxes in drawing order.  Wires that meet (at a named
coordinate or an empty node, or where one's loose end lies on another's line, as an org
chart's bus line does) form one connector: its topmost box is the parent of the others.
A connection without an arrow names the upper box first (``FigureEdge.source``); one
with an arrow goes the way the arrow points.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from ..source import FigureEdge, FigureNode

Pt = tuple[float, float] | None


@dataclass(slots=True)
class Entry:
    """A point on a path: where it is and what it names (a box key or a waypoint)."""

    pt: Pt
    ref: str | None = None
    box: bool = False
    #: placed from the box (a shift, a calc offset): on it, but also a loose end of its line
    near: bool = False


@dataclass(slots=True)
class Wire:
    """A drawn line: the points it runs through, in order, and its arrow."""

    entries: list[Entry] = field(default_factory=list)
    arrow: int = 0
    order: int = 0


def connect(
    wires: list[Wire], tree: list[tuple[str, str, int]], nodes: dict[str, FigureNode]
) -> list[FigureEdge]:
    """The connections between ``nodes``: tree edges (parent, child, arrow), chains along
    a wire, stars where wires meet."""
    n = len(wires)
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    junction: dict[str, int] = {}
    for k, w in enumerate(wires):
        for e in w.entries:
            if e.ref and not e.box:
                if e.ref in junction:
                    union(k, junction[e.ref])
                else:
                    junction[e.ref] = k
    segs: list[tuple[int, tuple[float, float], tuple[float, float]]] = []
    for k, w in enumerate(wires):
        for p, q in zip(w.entries, w.entries[1:], strict=False):
            if p.pt is not None and q.pt is not None:
                segs.append((k, p.pt, q.pt))
    stops = [{e.ref for e in w.entries if e.box and e.ref} for w in wires]
    for k, w in enumerate(wires):
        for e in (w.entries[0], w.entries[-1]):
            if e.pt is None or (e.ref and not e.near):
                continue
            for j, p0, p1 in segs:
                if j != k and on_segment(e.pt, p0, p1) and not (e.near and e.ref in stops[j]):
                    union(k, j)
    groups: dict[int, list[int]] = {}
    for k in range(n):
        groups.setdefault(find(k), []).append(k)
    edges: list[FigureEdge] = []
    seen: set[tuple[str, str]] = set()

    def add(a: str, b: str, directed: bool) -> None:
        if a == b or a not in nodes or b not in nodes:
            return
        if not directed:
            ya, yb = nodes[a].y, nodes[b].y
            if ya is not None and yb is not None and yb < ya - 1e-6:
                a, b = b, a
        if (a, b) in seen or (not directed and (b, a) in seen):
            return
        seen.add((a, b))
        edges.append(FigureEdge(a, b, directed))

    for a, b, arrow in tree:
        if arrow == -1:
            add(b, a, True)
        else:
            add(a, b, arrow == 1)
    for members in groups.values():
        if len(members) == 1:
            w = wires[members[0]]
            stops = [e.ref for e in w.entries if e.box and e.ref]
            for a, b in pairwise(stops):
                if w.arrow == -1:
                    add(b, a, True)
                else:
                    add(a, b, w.arrow == 1)
            continue
        boxes: list[str] = []
        for k in sorted(members, key=lambda m: wires[m].order):
            for e in wires[k].entries:
                if e.box and e.ref and e.ref not in boxes:
                    boxes.append(e.ref)
        if len(boxes) < 2:
            continue
        ys = [nodes[b].y for b in boxes]
        top = boxes[0]
        if all(y is not None for y in ys):
            top = min(boxes, key=lambda b: (nodes[b].y or 0.0, boxes.index(b)))
        for b in boxes:
            if b == top:
                continue
            arrow = 0
            for k in members:
                refs = [e.ref for e in wires[k].entries]
                if b in refs and wires[k].arrow:
                    at_end = refs[-1] == b
                    fwd = wires[k].arrow == 1
                    arrow = 1 if at_end == fwd else -1
            if arrow == -1:
                add(b, top, True)
            else:
                add(top, b, arrow == 1)
    return edges


def on_segment(pt: tuple[float, float], p: tuple[float, float], q: tuple[float, float]) -> bool:
    eps = 1e-3
    (x, y), (x1, y1), (x2, y2) = pt, p, q
    if not (
        min(x1, x2) - eps <= x <= max(x1, x2) + eps and min(y1, y2) - eps <= y <= max(y1, y2) + eps
    ):
        return False
    cross = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1)
    length = max(abs(x2 - x1), abs(y2 - y1), eps)
    return abs(cross) / length <= eps
