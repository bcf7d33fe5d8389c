"""How tall a view's frame is in a notebook cell (its width is the cell's)."""

from __future__ import annotations

from orggraph.graph.viz.page import LEGIBLE_SCALE, ViewGraph
from orggraph.graph.viz.treelayout import BOX_H

#: a cell's frame is never shorter or taller than these (pixels)
CELL_MIN_HEIGHT, CELL_MAX_HEIGHT = 380, 720
#: the page's header (title, search, legend) and the margins around the drawing
_HEADER, _MARGIN = 130, 48
#: the frame of a force-laid or hierarchical view
_DEFAULT = 560


def cell_height(view: ViewGraph) -> int:
    """The frame's height for ``view``: an org chart as tall as it is drawn at a legible
    scale (up to :data:`CELL_MAX_HEIGHT`), any other view :data:`_DEFAULT` pixels."""
    if view.layout != "tree" or not view.positions:
        return _DEFAULT
    ys = [y for _, y in view.positions.values()]
    drawn = (max(ys) - min(ys) + BOX_H) * LEGIBLE_SCALE
    return int(max(CELL_MIN_HEIGHT, min(CELL_MAX_HEIGHT, drawn + _HEADER + _MARGIN)))
