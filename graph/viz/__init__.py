"""Interactive pyvis views: whole graph, neighbourhood, dependencies, org chart, impact.

:mod:`graph.viz.views` reads each view's subgraph from the store;
:mod:`graph.viz.page` turns it into one self-contained HTML page.
"""

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
    org_chart,
    whole_graph,
)

__all__ = [
    "ASSETS",
    "DEFAULT_MAX_NODES",
    "LABEL_STYLE",
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
