"""Interactive pyvis views: whole graph, neighbourhood, dependencies, org chart, impact.

:mod:`graph.viz.views` reads each view's subgraph from the store;
:mod:`graph.viz.page` turns it into one self-contained HTML page.
"""

from orggraph.graph.viz.cell import CELL_MAX_HEIGHT, CELL_MIN_HEIGHT, cell_height
from orggraph.graph.viz.orgchart import ORG_BUDGET, org_chart
from orggraph.graph.viz.overview import GRAPH_BUDGET, whole_graph
from orggraph.graph.viz.page import (
    ASSETS,
    LABEL_STYLE,
    TYPE_COLOUR,
    ViewGraph,
    build_network,
    render,
)
from orggraph.graph.viz.views import (
    DEFAULT_MAX_NODES,
    DEPENDENCIES_MAX_NODES,
    HARD_MAX_NODES,
    NEIGHBOURHOOD_MAX_NODES,
    dependencies,
    impact,
    neighbourhood,
)

__all__ = [
    "ASSETS",
    "CELL_MAX_HEIGHT",
    "CELL_MIN_HEIGHT",
    "DEFAULT_MAX_NODES",
    "DEPENDENCIES_MAX_NODES",
    "GRAPH_BUDGET",
    "HARD_MAX_NODES",
    "LABEL_STYLE",
    "NEIGHBOURHOOD_MAX_NODES",
    "ORG_BUDGET",
    "TYPE_COLOUR",
    "ViewGraph",
    "build_network",
    "cell_height",
    "dependencies",
    "impact",
    "neighbourhood",
    "org_chart",
    "render",
    "whole_graph",
]
