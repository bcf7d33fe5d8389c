"""Interactive pyvis views: whole graph, neighbourhood, dependencies, org chart, impact.

:mod:`graph.viz.views` reads each view's subgraph from the store;
:mod:`graph.viz.page` turns it into one self-contained HTML page.
"""

from orggraph.graph.viz.orgchart import ORG_BUDGET, org_chart
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
    dependencies,
    impact,
    neighbourhood,
    whole_graph,
)

__all__ = [
    "ASSETS",
    "DEFAULT_MAX_NODES",
    "LABEL_STYLE",
    "ORG_BUDGET",
    "TYPE_COLOUR",
    "ViewGraph",
    "build_network",
    "dependencies",
    "impact",
    "neighbourhood",
    "org_chart",
    "render",
    "whole_graph",
]
