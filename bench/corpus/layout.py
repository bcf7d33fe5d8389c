"""Where the boxes of a tree or org chart go, and how the Gantt chart maps dates.

Shared by the TikZ and SVG renderers, in millimetres, y growing downward. The layout
is the product-tree one: the root on top, its children in a row, deeper boxes stacked
under their top-level ancestor, each joined to its parent by an elbow line.
"""

from __future__ import annotations

from dataclasses import dataclass

from .blocks import Box, Figure

BOX_H = 11.0  # two lines of text
ROW_GAP = 8.0
STACK_GAP = 3.5
INDENT = 5.0
MM_PER_CHAR = 1.75  # small sans text


@dataclass
class Placed:
    box: Box
    x: float  # left
    y: float  # top
    w: float
    h: float
    depth: int

    @property
    def cx(self) -> float:
        return self.x + self.w / 2


@dataclass
class Link:
    parent: str
    child: str
    elbow: bool  # True: down the parent's left edge, then right into the child


def _width(box: Box) -> float:
    return max(22.0, min(48.0, max(len(t) for t in box.lines) * MM_PER_CHAR + 4))


def place(fig: Figure) -> tuple[dict[str, Placed], list[Link], float, float]:
    """Positions of ``fig``'s boxes, the links, and the figure's width and height."""
    by_parent: dict[str, list[Box]] = {}
    roots: list[Box] = []
    for b in fig.boxes:
        (by_parent.setdefault(b.parent, []) if b.parent else roots).append(b)
    placed: dict[str, Placed] = {}
    links: list[Link] = []
    row_y = BOX_H + ROW_GAP
    x = 0.0
    column_w = 0.0
    height = BOX_H
    for root in roots:
        top = by_parent.get(root.key, [])
        col_x = x
        for child in top:
            w = _width(child)
            placed[child.key] = Placed(child, col_x, row_y, w, BOX_H, 1)
            links.append(Link(root.key, child.key, False))
            y = row_y + BOX_H + STACK_GAP

            def stack(parent: Box, depth: int, left: float) -> float:
                nonlocal y
                widest = 0.0
                for sub in by_parent.get(parent.key, []):
                    sw = _width(sub)
                    placed[sub.key] = Placed(sub, left + INDENT, y, sw, BOX_H, depth)
                    links.append(Link(parent.key, sub.key, True))
                    y += BOX_H + STACK_GAP
                    widest = max(widest, INDENT + sw, INDENT + stack(sub, depth + 1, left + INDENT))
                return widest

            extra = stack(child, 2, col_x)
            height = max(height, y)
            col_x += max(w, extra) + 4.0
        column_w = max(col_x - x, _width(root))
        rw = _width(root)
        placed[root.key] = Placed(root, x + max(0.0, (column_w - rw) / 2), 0.0, rw, BOX_H, 0)
        x += column_w + 6.0
    return placed, links, max(x - 6.0, 10.0), height


def month_index(iso: str, start_year: int) -> float:
    """Months since January of ``start_year`` (fractional by the day)."""
    year, month, day = (int(p) for p in iso.split("-"))
    return (year - start_year) * 12 + (month - 1) + (day - 1) / 30.0


def gantt_years(fig: Figure) -> tuple[int, int]:
    years = [int(b.due[:4]) for b in fig.bars]
    return min(years), max(years)


def lanes(fig: Figure) -> list[str]:
    out: list[str] = []
    for b in fig.bars:
        if b.lane not in out:
            out.append(b.lane)
    return out
