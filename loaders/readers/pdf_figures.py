"""Diagrams drawn as vector graphics: boxes with text, joined by lines (org charts,
product trees), read as :class:`~..source.Figure` nodes and edges.

* A box is a closed shape (a rectangle, a rounded box) with text inside it.  A box that
  holds other boxes is a frame, not a node.
* Connectors are the open paths (lines, polylines, rules).  Pieces that touch (an end on
  another piece: corners, T-junctions, a bus line with its drops) form one network, so
  an orthogonal ``-|`` path drawn in several pieces, or a parent's bus fanning out to
  many children, is followed to every box it reaches.
* A network that reaches two boxes is an edge from the upper (or left) one; one that
  reaches more is a fan-out from its hub: the box it leaves from a side no other box
  uses (a parent's bottom against its children's tops), else the uppermost box.  A
  small filled shape at a line's end is an arrow head: the edge is directed into the
  box it points at.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..source import Figure, FigureEdge, FigureNode, Loc
from .pdf_graphics import Seg, Shape
from .pdf_text import UNKNOWN, TextLine, Word

TOUCH = 1.6  # points: pieces of one connector meet this closely
REACH = 3.5  # points: a connector end this close to a box border joins it
ARROW = 14.0  # points: a closed filled shape no larger than this, without text, is an arrow head
CAPTION = re.compile(r"^(?:Figure|Fig\.)\s*[A-Z]?\d+[.:]", re.I)


@dataclass(slots=True)
class Box:
    """A node candidate: a closed shape and the words inside it."""

    shape: Shape
    words: list[Word] = field(default_factory=list)


@dataclass(slots=True)
class Found:
    """The figures of a page and the words they take from the running text."""

    figures: list[Figure] = field(default_factory=list)
    words: set[int] = field(default_factory=set)  # id() of the words used
    shapes: set[int] = field(default_factory=set)  # id() of the shapes drawn in figures
    bullets: list[Shape] = field(default_factory=list)


def _shading(shape: Shape, rules: list[Seg]) -> bool:
    """Whether ``shape`` is a table cell's background: filled, not stroked, and lying
    between two horizontal rules that run along its top and bottom edges."""
    if shape.stroked or not shape.filled:
        return False

    def ruled(y: float) -> bool:
        return any(
            abs(r.y0 - y) <= 1.5
            and min(r.x0, r.x1) <= shape.x0 + 2
            and max(r.x0, r.x1) >= shape.x1 - 2
            for r in rules
        )

    return ruled(shape.top) and ruled(shape.bottom)


def _boxes(shapes: list[Shape], words: list[Word], page_w: float, page_h: float) -> list[Box]:
    found: dict[tuple[int, int, int, int], Box] = {}
    rules = [seg for sh in shapes if not sh.closed for seg in sh.segs if seg.horizontal]
    rules = _joined(rules)
    for shape in shapes:
        if not shape.closed or shape.width < 12 or shape.height < 8:
            continue
        if _shading(shape, rules):
            continue
        if shape.width > 0.9 * page_w and shape.height > 0.9 * page_h:
            continue  # a page background
        key = (round(shape.x0), round(shape.top), round(shape.x1), round(shape.bottom))
        if key not in found:  # a filled and a stroked copy of one box
            found[key] = Box(shape)
    boxes = list(found.values())
    loose: list[Word] = []
    for word in words:
        inside = [b for b in boxes if b.shape.contains(word.cx, word.cy)]
        if inside:  # the innermost box holds the word
            min(inside, key=lambda b: b.shape.width * b.shape.height).words.append(word)
        else:
            loose.append(word)
    _overrun(boxes, loose)
    frames = {
        id(outer)
        for outer in boxes
        for inner in boxes
        if inner is not outer
        and inner.words
        and outer.shape.contains(inner.shape.cx, inner.shape.cy)
        and outer.shape.width * outer.shape.height > inner.shape.width * inner.shape.height
    }
    return [b for b in boxes if b.words and id(b) not in frames]


def _joined(segs: list[Seg]) -> list[Seg]:
    """Horizontal segments laid end to end at one height merged into one (a table's
    border drawn cell by cell)."""
    out: list[Seg] = []
    for seg in sorted(segs, key=lambda g: (round(g.y0), min(g.x0, g.x1))):
        a, b = min(seg.x0, seg.x1), max(seg.x0, seg.x1)
        last = out[-1] if out else None
        if last is not None and abs(last.y0 - seg.y0) <= 1.0 and a <= last.x1 + 1.5:
            last.x1 = max(last.x1, b)
        else:
            out.append(Seg(a, seg.y0, b, seg.y0))
    return out


def _overrun(boxes: list[Box], loose: list[Word]) -> None:
    """A box's line of text that runs past its border (a long title in a narrow box):
    a word outside every box, within a box's height, next to one of its words on the
    same line, is the box's too."""
    grew = True
    while grew and loose:
        grew = False
        for word in list(loose):
            for box in boxes:
                s = box.shape
                if not s.top <= word.cy <= s.bottom:
                    continue
                if any(
                    abs(w.cy - word.cy) < 0.3 * (w.bottom - w.top)
                    and min(abs(word.x0 - w.x1), abs(w.x0 - word.x1)) <= 0.5 * (w.bottom - w.top)
                    for w in box.words
                ):
                    box.words.append(word)
                    loose.remove(word)
                    grew = True
                    break


def _on_border(seg: Seg, boxes: list[Box]) -> bool:
    """Whether ``seg`` is drawn along a box's edge (part of the box, not a connector)."""
    for box in boxes:
        s = box.shape
        mx, my = (seg.x0 + seg.x1) / 2, (seg.y0 + seg.y1) / 2
        if all(abs(s.border_distance(x, y)) <= 1.0 for x, y in (*seg.ends(), (mx, my))):
            return True
    return False


class _Grid:
    """Segments indexed by 24-point cells, to find the ones near a point quickly."""

    def __init__(self, segs: list[Seg]) -> None:
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, s in enumerate(segs):
            for cell in self._cells(
                min(s.x0, s.x1), min(s.y0, s.y1), max(s.x0, s.x1), max(s.y0, s.y1)
            ):
                self.cells[cell].append(i)

    @staticmethod
    def _cells(x0: float, y0: float, x1: float, y1: float) -> list[tuple[int, int]]:
        pad = TOUCH
        return [
            (cx, cy)
            for cx in range(int((x0 - pad) // 24), int((x1 + pad) // 24) + 1)
            for cy in range(int((y0 - pad) // 24), int((y1 + pad) // 24) + 1)
        ]

    def near(self, x: float, y: float) -> set[int]:
        return set(self.cells.get((int(x // 24), int(y // 24)), []))


def _networks(segs: list[Seg]) -> list[list[int]]:
    """Indices of ``segs`` grouped into connected networks (an end on another piece)."""
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    grid = _Grid(segs)
    for i, s in enumerate(segs):
        for x, y in s.ends():
            for j in grid.near(x, y):
                if j != i and segs[j].distance(x, y) <= TOUCH:
                    parent[find(i)] = find(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(segs)):
        groups[find(i)].append(i)
    return list(groups.values())


def _attachments(
    net: list[Seg], boxes: list[Box], arrows: list[Shape]
) -> dict[int, tuple[str, bool]]:
    """The boxes a network reaches: box index -> (side reached, arrow head into it)."""
    out: dict[int, tuple[str, bool]] = {}
    for seg in net:
        for x, y in seg.ends():
            head = next((a for a in arrows if a.contains(x, y, pad=TOUCH)), None)
            probes = [(x, y)]
            if head is not None:
                probes += [(px, py) for s in head.segs for px, py in s.ends()]
            best: tuple[float, int, float, float] | None = None
            for i, box in enumerate(boxes):
                for px, py in probes:
                    d = box.shape.border_distance(px, py)
                    if d <= REACH and (best is None or d < best[0]):
                        best = (d, i, px, py)
            if best is None:
                continue
            _, i, px, py = best
            side = boxes[i].shape.side(px, py)
            arrowed = head is not None or out.get(i, ("", False))[1]
            out[i] = (side, arrowed)
    return out


def _edges(reached: dict[int, tuple[str, bool]], boxes: list[Box]) -> list[tuple[int, int, bool]]:
    ids = list(reached)
    if len(ids) < 2:
        return []

    def upper(i: int) -> tuple[float, float]:
        return (round(boxes[i].shape.cy / 5), boxes[i].shape.cx)

    arrowed = [i for i in ids if reached[i][1]]
    plain = [i for i in ids if not reached[i][1]]
    if arrowed and len(plain) == 1:
        hub = plain[0]
    else:
        sides: dict[str, list[int]] = defaultdict(list)
        for i in ids:
            sides[reached[i][0]].append(i)
        lonely = [members[0] for members in sides.values() if len(members) == 1]
        hub = lonely[0] if len(lonely) == 1 and len(sides) == 2 else min(ids, key=upper)
    return [(hub, i, reached[i][1]) for i in sorted(ids, key=upper) if i != hub]


def _line_no(word: Word, lines: list[TextLine]) -> int:
    for line in lines:
        if any(w is word for w in line.words):
            return line.no
    return 1


def _caption(lines: list[TextLine], top: float, bottom: float, used: set[int]) -> TextLine | None:
    below = [ln for ln in lines if ln.top >= bottom - 2 and ln.top - bottom <= 60]
    above = [ln for ln in lines if ln.bottom <= top + 2 and top - ln.bottom <= 40]
    for line in sorted(below, key=lambda ln: ln.top) + sorted(above, key=lambda ln: -ln.top):
        if CAPTION.match(line.text) and not any(id(w) in used for w in line.words):
            return line
    return None


def find_figures(
    shapes: list[Shape], lines: list[TextLine], page_no: int, page_w: float, page_h: float
) -> Found:
    """The diagrams on one page: boxes joined by connectors, with their caption."""
    words = [w for ln in lines for w in ln.words]
    found = Found()
    closed_small = [s for s in shapes if s.closed and max(s.width, s.height) <= ARROW]
    wordless = [s for s in closed_small if not any(s.contains(w.cx, w.cy) for w in words)]
    found.bullets = [s for s in wordless if max(s.width, s.height) <= 8]
    boxes = _boxes(shapes, words, page_w, page_h)
    if len(boxes) < 2:
        return found
    segs = [
        seg
        for shape in shapes
        if not shape.closed
        for seg in shape.segs
        if not _on_border(seg, boxes)
    ]
    arrows = [s for s in wordless if s.filled]
    links: dict[tuple[int, int], bool] = {}
    for net in _networks(segs):
        for a, b, directed in _edges(_attachments([segs[i] for i in net], boxes, arrows), boxes):
            links[(a, b)] = links.get((a, b), False) or directed
    if not links:
        return found
    # figures: boxes joined by links, with the boxes that sit among them
    group = list(range(len(boxes)))

    def find(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for a, b in links:
        group[find(a)] = find(b)
    members: dict[int, list[int]] = defaultdict(list)
    for a, b in links:
        for i in (a, b):
            if i not in members[find(i)]:
                members[find(i)].append(i)
    numbered = 0  # node keys run on over the page's figures
    for idxs in sorted(members.values(), key=lambda m: min(boxes[i].shape.top for i in m)):
        x0 = min(boxes[i].shape.x0 for i in idxs)
        x1 = max(boxes[i].shape.x1 for i in idxs)
        top = min(boxes[i].shape.top for i in idxs)
        bottom = max(boxes[i].shape.bottom for i in idxs)
        for i, box in enumerate(boxes):  # unlinked boxes inside the figure's frame
            s = box.shape
            if i not in idxs and x0 <= s.cx <= x1 and top <= s.cy <= bottom:
                idxs.append(i)
        idxs.sort(key=lambda i: (round(boxes[i].shape.cy / 5), boxes[i].shape.cx))
        keys = {i: f"p{page_no}n{n}" for n, i in enumerate(idxs, numbered + 1)}
        numbered += len(idxs)
        nodes = []
        for i in idxs:
            box = boxes[i]
            ordered = sorted(box.words, key=lambda w: (round(w.cy / 3), w.x0))
            rows: dict[int, list[str]] = {}
            for w in ordered:
                rows.setdefault(round(w.cy / 3), []).append(w.text.replace(UNKNOWN, ""))
            box_lines = [" ".join(r).strip() for r in rows.values() if " ".join(r).strip()]
            raw = "\n".join(box_lines)
            text = " ".join(raw.split())
            nodes.append(
                FigureNode(
                    key=keys[i],
                    text=text,
                    raw=raw,
                    lines=box_lines,
                    loc=Loc(line=_line_no(ordered[0], lines), page=page_no),
                    x=round(box.shape.cx, 1),
                    y=round(box.shape.cy, 1),
                )
            )
            found.words.update(id(w) for w in box.words)
        edges = [
            FigureEdge(keys[a], keys[b], directed)
            for (a, b), directed in links.items()
            if a in keys and b in keys
        ]
        for shape in shapes:  # the figure's boxes, connectors and arrow heads
            if (
                x0 - 3 <= shape.x0
                and shape.x1 <= x1 + 3
                and top - 3 <= shape.top
                and shape.bottom <= bottom + 3
            ):
                found.shapes.add(id(shape))
        for w in words:  # labels drawn in the figure but outside its boxes
            if x0 - 2 <= w.cx <= x1 + 2 and top - 2 <= w.cy <= bottom + 2:
                found.words.add(id(w))
        caption = _caption(lines, top, bottom, found.words)
        loc = Loc(line=caption.no, page=page_no) if caption else nodes[0].loc
        found.figures.append(
            Figure(loc=loc, caption=caption.text if caption else "", nodes=nodes, edges=edges)
        )
    found.figures.sort(key=lambda f: f.loc.line)
    return found
