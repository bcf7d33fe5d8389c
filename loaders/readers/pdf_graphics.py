"""The vector graphics of a PDF page as shapes and straight segments (points, y downward).

pdfplumber reports rectangles, lines and curves (a curve's points are its path's end
points, Bézier control points left out).  Every one becomes a :class:`Shape`: closed
ones (rectangles, rounded boxes, arrow heads, bullets) and open ones (rules, connector
lines).  A rectangle no thicker than a rule (pdfTeX draws ``\\hline`` and ``|`` as
filled rectangles, Chromium draws table borders so) is an open shape: one segment along
its length.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

RULE = 2.5  # a filled rectangle this thin is a rule (a line), not an area


@dataclass(slots=True)
class Seg:
    """A straight piece of a drawn path from (x0, y0) to (x1, y1)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return abs(self.y1 - self.y0) <= 1.0 and abs(self.x1 - self.x0) > 1.0

    @property
    def vertical(self) -> bool:
        return abs(self.x1 - self.x0) <= 1.0 and abs(self.y1 - self.y0) > 1.0

    @property
    def length(self) -> float:
        return float(((self.x1 - self.x0) ** 2 + (self.y1 - self.y0) ** 2) ** 0.5)

    def ends(self) -> tuple[tuple[float, float], tuple[float, float]]:
        return (self.x0, self.y0), (self.x1, self.y1)

    def distance(self, x: float, y: float) -> float:
        """Distance from the point (x, y) to this segment."""
        dx, dy = self.x1 - self.x0, self.y1 - self.y0
        span = dx * dx + dy * dy
        t = (
            0.0
            if span == 0
            else max(0.0, min(1.0, ((x - self.x0) * dx + (y - self.y0) * dy) / span))
        )
        px, py = self.x0 + t * dx, self.y0 + t * dy
        return float(((x - px) ** 2 + (y - py) ** 2) ** 0.5)


@dataclass(slots=True)
class Shape:
    """One drawn path: its bounding box, whether it is closed, filled, stroked."""

    x0: float
    top: float
    x1: float
    bottom: float
    closed: bool
    filled: bool
    stroked: bool
    segs: list[Seg] = field(default_factory=list)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    def contains(self, x: float, y: float, pad: float = 0.0) -> bool:
        return self.x0 - pad <= x <= self.x1 + pad and self.top - pad <= y <= self.bottom + pad

    def border_distance(self, x: float, y: float) -> float:
        """How far (x, y) is from this box's border (0 on it; inside counts as near)."""
        dx = max(self.x0 - x, 0.0, x - self.x1)
        dy = max(self.top - y, 0.0, y - self.bottom)
        if dx == 0 and dy == 0:
            return min(x - self.x0, self.x1 - x, y - self.top, self.bottom - y)
        return float((dx * dx + dy * dy) ** 0.5)

    def side(self, x: float, y: float) -> str:
        """The side of the box nearest to (x, y): top, bottom, left or right."""
        gaps = {
            "top": abs(y - self.top),
            "bottom": abs(y - self.bottom),
            "left": abs(x - self.x0),
            "right": abs(x - self.x1),
        }
        return min(gaps, key=lambda k: gaps[k])


def _polyline(points: list[tuple[float, float]], closed: bool) -> list[Seg]:
    segs = [Seg(*points[i], *points[i + 1]) for i in range(len(points) - 1)]
    if closed and len(points) > 2 and points[0] != points[-1]:
        segs.append(Seg(*points[-1], *points[0]))
    return [s for s in segs if s.length > 0.05]


def _points(obj: dict[str, Any]) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in obj.get("pts") or []]


def _closed(obj: dict[str, Any], pts: list[tuple[float, float]]) -> bool:
    if any(op[0] == "h" for op in obj.get("path") or []):
        return True
    if len(pts) > 2:
        (ax, ay), (bx, by) = pts[0], pts[-1]
        return abs(ax - bx) < 0.5 and abs(ay - by) < 0.5
    return False


def page_shapes(page: Any) -> list[Shape]:
    """Every rectangle, line and curve on ``page`` as a :class:`Shape`."""
    shapes: list[Shape] = []
    for obj in page.rects:
        x0, top, x1, bottom = (float(obj[k]) for k in ("x0", "top", "x1", "bottom"))
        stroked, filled = bool(obj.get("stroke")), bool(obj.get("fill"))
        if x1 - x0 <= RULE or bottom - top <= RULE:
            if x1 - x0 > bottom - top:
                seg = Seg(x0, (top + bottom) / 2, x1, (top + bottom) / 2)
            else:
                seg = Seg((x0 + x1) / 2, top, (x0 + x1) / 2, bottom)
            shapes.append(Shape(x0, top, x1, bottom, False, filled, stroked, [seg]))
            continue
        corners = [(x0, top), (x1, top), (x1, bottom), (x0, bottom)]
        shapes.append(Shape(x0, top, x1, bottom, True, filled, stroked, _polyline(corners, True)))
    for obj in [*page.lines, *page.curves]:
        pts = _points(obj)
        if len(pts) < 2:
            continue
        closed = _closed(obj, pts)
        x0, top, x1, bottom = (float(obj[k]) for k in ("x0", "top", "x1", "bottom"))
        shapes.append(
            Shape(
                x0,
                top,
                x1,
                bottom,
                closed,
                bool(obj.get("fill")),
                bool(obj.get("stroke", True)),
                _polyline(pts, closed),
            )
        )
    return shapes


@dataclass(slots=True)
class Rule:
    """A horizontal or vertical rule: ``pos`` is its y (horizontal) or x, over [a, b]."""

    pos: float
    a: float
    b: float


def rules(shapes: list[Shape], min_length: float = 8.0) -> tuple[list[Rule], list[Rule]]:
    """The straight horizontal and vertical segments of the open shapes, merged where
    they lie on one another: (horizontal rules by y, vertical rules by x)."""
    hs: list[Rule] = []
    vs: list[Rule] = []
    for shape in shapes:
        if shape.closed:
            continue
        for s in shape.segs:
            if s.horizontal:
                hs.append(Rule((s.y0 + s.y1) / 2, min(s.x0, s.x1), max(s.x0, s.x1)))
            elif s.vertical:
                vs.append(Rule((s.x0 + s.x1) / 2, min(s.y0, s.y1), max(s.y0, s.y1)))
    return _merge(hs, min_length), _merge(vs, 2.0)


def _merge(found: list[Rule], min_length: float) -> list[Rule]:
    found.sort(key=lambda r: (r.pos, r.a))
    out: list[Rule] = []
    for r in found:
        last = out[-1] if out else None
        if last and abs(r.pos - last.pos) <= 1.0 and r.a <= last.b + 1.0:
            last.b = max(last.b, r.b)
        else:
            out.append(Rule(r.pos, r.a, r.b))
    return [r for r in out if r.b - r.a >= min_length]
