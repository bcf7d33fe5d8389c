"""A top-down tree layout of fixed-size boxes, with orthogonal connectors, packed to a page.

Each tree is drawn as an org chart is: a box above its reports, the reports side by
side on the row below, joined by a bus line; where a box's reports have no reports of
their own (three or more), they are stacked in a column under it instead, joined by a
trunk on their left, so a manager of thirty people is one column, not a row thirty
boxes wide.  Trees (and loose boxes) are packed left to right in shelves about as wide
as a page is tall times ``ASPECT``.  Boxes never overlap and no connector crosses a
box: :func:`overlaps` and :func:`crossings` check it.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

#: a box, in pixels of the network's coordinates
BOX_W, BOX_H = 180.0, 74.0
#: between sibling blocks, between a box and the row of its reports
GAP_X, GAP_Y = 18.0, 50.0
#: a stacked column: its indent under its box, the gap between stacked boxes
INDENT, STACK_GAP = 30.0, 14.0
#: between packed trees (and shelves)
SHELF_GAP_X, SHELF_GAP_Y = 70.0, 90.0
#: a shelf is about this many times as wide as the packed chart is tall
ASPECT = 1.6
#: at least this many reports without reports are stacked rather than laid in a row
STACK_FROM = 3

Point = tuple[float, float]


@dataclass
class Block:
    """A laid-out subtree: its size, its boxes' centres and its connectors, origin top-left."""

    width: float
    height: float
    centres: dict[str, Point] = field(default_factory=dict)
    #: (report, boss) -> the connector's points, from the boss's bottom to the report
    routes: dict[tuple[str, str], list[Point]] = field(default_factory=dict)
    #: where a connector from above joins this block (x of its top box's centre)
    anchor: float = 0.0

    def shifted(self, dx: float, dy: float) -> Block:
        return Block(
            self.width, self.height,
            {k: (x + dx, y + dy) for k, (x, y) in self.centres.items()},
            {k: [(x + dx, y + dy) for x, y in pts] for k, pts in self.routes.items()},
            self.anchor + dx,
        )


@dataclass
class Layout:
    """Box centres and connectors of a whole chart."""

    centres: dict[str, Point] = field(default_factory=dict)
    routes: dict[tuple[str, str], list[Point]] = field(default_factory=dict)
    width: float = 0.0
    height: float = 0.0


def _leaf(node: str) -> Block:
    return Block(BOX_W, BOX_H, {node: (BOX_W / 2, BOX_H / 2)}, {}, BOX_W / 2)


def _stack(
    boss: str | None, leaves: list[str], top: float, trunk: float
) -> tuple[dict[str, Point], dict[tuple[str, str], list[Point]], float]:
    """Leaves stacked in a column starting at ``top``, joined to a trunk at x ``trunk``.

    The routes start at the trunk's top; the caller prefixes the path from the boss.
    Returns the centres, the routes (keyed by leaf, boss) and the column's bottom.
    """
    centres: dict[str, Point] = {}
    routes: dict[tuple[str, str], list[Point]] = {}
    left = trunk + INDENT / 2
    y = top
    for leaf in leaves:
        cy = y + BOX_H / 2
        centres[leaf] = (left + BOX_W / 2, cy)
        routes[(leaf, boss or "")] = [(trunk, cy), (left, cy)]
        y += BOX_H + STACK_GAP
    return centres, routes, y - STACK_GAP


def _tree(node: str, kids: dict[str, list[str]]) -> Block:
    children = kids.get(node, [])
    if not children:
        return _leaf(node)
    leaves = [c for c in children if not kids.get(c)]
    inner = [c for c in children if kids.get(c)]
    if not inner and len(leaves) >= STACK_FROM:
        # the boss on top, its reports in a column under its left part
        trunk = INDENT / 2
        top = BOX_H + STACK_GAP * 1.5
        centres, routes, bottom = _stack(node, leaves, top, trunk)
        block = Block(INDENT + BOX_W, bottom, {node: (BOX_W / 2, BOX_H / 2), **centres}, {},
                      BOX_W / 2)
        for key, pts in routes.items():
            block.routes[(key[0], node)] = [(trunk, BOX_H), *pts]
        return block

    # a row of blocks: every inner report's subtree, then the leaves (a column when many)
    parts: list[Block] = [_tree(c, kids) for c in inner]
    stacked: list[str] = []
    if len(leaves) >= STACK_FROM:
        stacked = leaves
    else:
        parts += [_leaf(c) for c in leaves]
    row_top = BOX_H + GAP_Y
    x = 0.0
    placed: list[Block] = []
    for part in parts:
        placed.append(part.shifted(x, row_top))
        x += part.width + GAP_X
    stack_centres: dict[str, Point] = {}
    stack_routes: dict[tuple[str, str], list[Point]] = {}
    stack_bottom = row_top
    trunk_x = None
    if stacked:
        trunk_x = x + INDENT / 2
        stack_centres, stack_routes, stack_bottom = _stack(node, stacked, row_top, trunk_x)
        x += INDENT + BOX_W + GAP_X
    row_width = x - GAP_X
    joints = [p.anchor for p in placed] + ([trunk_x] if trunk_x is not None else [])
    boss_x = (min(joints) + max(joints)) / 2
    width = max(row_width, BOX_W)
    if row_width < BOX_W:  # a narrow row under a wider box: centre the row
        shift = (BOX_W - row_width) / 2
        placed = [p.shifted(shift, 0) for p in placed]
        stack_centres = {k: (cx + shift, cy) for k, (cx, cy) in stack_centres.items()}
        stack_routes = {k: [(px + shift, py) for px, py in pts] for k, pts in stack_routes.items()}
        joints = [j + shift for j in joints]
        trunk_x = trunk_x + shift if trunk_x is not None else None
        boss_x = BOX_W / 2
    boss_x = min(max(boss_x, BOX_W / 2), width - BOX_W / 2)
    bus = BOX_H + GAP_Y / 2
    block = Block(width, max([stack_bottom, *(p.height + row_top for p in parts)]),
                  {node: (boss_x, BOX_H / 2)}, {}, boss_x)
    for part, child in zip(placed, [*inner, *([] if stacked else leaves)], strict=True):
        block.centres.update(part.centres)
        block.routes.update(part.routes)
        block.routes[(child, node)] = [(boss_x, BOX_H), (boss_x, bus), (part.anchor, bus),
                                       (part.anchor, row_top)]
    block.centres.update(stack_centres)
    for (leaf, _), pts in stack_routes.items():
        assert trunk_x is not None
        block.routes[(leaf, node)] = [(boss_x, BOX_H), (boss_x, bus), (trunk_x, bus), *pts]
    block.height = max(block.height, max(y + BOX_H / 2 for _, y in block.centres.values()))
    return block


def layout(roots: list[str], kids: dict[str, list[str]], loose: list[str] | None = None) -> Layout:
    """Each root's tree (``kids``: a box's reports, in order), then the ``loose`` boxes,
    packed in shelves; the chart's top-left corner is at (0, 0)."""
    blocks = [_tree(r, kids) for r in roots] + [_leaf(n) for n in loose or []]
    if not blocks:
        return Layout()
    area = sum((b.width + SHELF_GAP_X) * (b.height + SHELF_GAP_Y) for b in blocks)
    shelf = max(max(b.width for b in blocks), math.sqrt(area * ASPECT))
    out = Layout()
    x = y = shelf_height = 0.0
    for block in blocks:
        if x and x + block.width > shelf:
            x, y = 0.0, y + shelf_height + SHELF_GAP_Y
            shelf_height = 0.0
        placed = block.shifted(x, y)
        out.centres.update(placed.centres)
        out.routes.update(placed.routes)
        x += block.width + SHELF_GAP_X
        shelf_height = max(shelf_height, block.height)
        out.width = max(out.width, x - SHELF_GAP_X)
    out.height = y + shelf_height
    return out


def _box(centre: Point) -> tuple[float, float, float, float]:
    x, y = centre
    return (x - BOX_W / 2, y - BOX_H / 2, x + BOX_W / 2, y + BOX_H / 2)


def overlaps(centres: dict[str, Point], margin: float = 0.0) -> list[tuple[str, str]]:
    """Pairs of boxes that overlap (closer than ``margin``)."""
    items = sorted(centres.items(), key=lambda kv: kv[1][0])
    out = []
    for i, (a, ca) in enumerate(items):
        ax0, ay0, ax1, ay1 = _box(ca)
        for b, cb in items[i + 1:]:
            bx0, by0, bx1, by1 = _box(cb)
            if bx0 >= ax1 + margin:
                break
            apart = bx0 >= ax1 + margin or ax0 >= bx1 + margin
            if not apart and by0 < ay1 + margin and ay0 < by1 + margin:
                out.append((a, b))
    return out


def crossings(lay: Layout) -> list[tuple[tuple[str, str], str]]:
    """Connectors that pass through a box other than their two ends."""
    out = []
    boxes = {k: _box(c) for k, c in lay.centres.items()}
    for (child, boss), pts in lay.routes.items():
        for (x0, y0), (x1, y1) in itertools.pairwise(pts):
            lo_x, hi_x, lo_y, hi_y = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
            for node, (bx0, by0, bx1, by1) in boxes.items():
                if node in (child, boss):
                    continue
                if lo_x < bx1 - 0.5 and hi_x > bx0 + 0.5 and lo_y < by1 - 0.5 and hi_y > by0 + 0.5:
                    out.append(((child, boss), node))
    return out


def extent(centres: dict[str, Point], ids: list[str]) -> tuple[float, float, float, float]:
    """The bounding box (left, top, right, bottom) of the boxes of ``ids``."""
    boxes = [_box(centres[i]) for i in ids if i in centres]
    if not boxes:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))
