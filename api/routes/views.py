"""Routes: the interactive graph views under ``/viz`` (HTML pages built with pyvis)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse
from orggraph.api.deps import StoreDep
from orggraph.graph import viz
from orggraph.graph.viz.views import NEIGHBOURHOOD_MAX_NODES

router = APIRouter(prefix="/viz", tags=["views"])

_INDEX = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>orggraph views</title></head>
<body style="font: 15px system-ui, sans-serif; margin: 2em">
<h1>orggraph views</h1>
<ul>
<li><a href="/viz/graph">the whole graph</a>
  (<code>?labels=Product&amp;types=DEPENDS_ON</code>)</li>
<li><code>/viz/neighbourhood/{entity}?depth=2</code>: an entity and what is within
  <i>depth</i> relationships of it</li>
<li><code>/viz/dependencies/{product}?direction=both|up|down</code>: what a product needs and
  what needs it</li>
<li><a href="/viz/org-chart">the org chart</a> (<code>?root={role or person}</code>)</li>
<li><code>/viz/impact?people={person},{person}&amp;to_role=&amp;to_team=&amp;team=</code>:
  what breaks if they move, highlighted by severity</li>
</ul>
<p>Entities are named by id, name or alias.</p>
</body></html>
"""


def _split(values: list[str] | None) -> list[str]:
    """Repeated (``?labels=A&labels=B``) or comma-separated (``?labels=A,B``) values."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def _page(request: Request, view: viz.ViewGraph, filters: bool = False) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    html = viz.render(
        view,
        api_base=root,
        assets=f"{root}/viz/static",
        filter_action=f"{root}/viz/graph" if filters else None,
    )
    return HTMLResponse(html)


@router.get("", response_class=HTMLResponse, summary="The list of views")
def index() -> HTMLResponse:
    return HTMLResponse(_INDEX)


@router.get("/static/{name}", include_in_schema=False)
def static(name: str) -> FileResponse:
    """The vis-network script and stylesheet the pages load (no CDN)."""
    path = viz.ASSETS.get(name)
    if path is None:
        raise HTTPException(404, f"no asset {name!r}")
    media = "text/javascript" if name.endswith(".js") else "text/css"
    return FileResponse(path, media_type=media, headers={"Cache-Control": "max-age=86400"})


@router.get("/graph", response_class=HTMLResponse, summary="The whole graph, bounded")
def graph_view(
    request: Request,
    db: StoreDep,
    labels: Annotated[list[str] | None, Query(description="node labels to draw")] = None,
    types: Annotated[list[str] | None, Query(description="relationship types to draw")] = None,
    max_nodes: Annotated[int, Query(ge=1, description="above this, offer filters")] = (
        viz.DEFAULT_MAX_NODES
    ),
) -> HTMLResponse:
    view = viz.whole_graph(db, _split(labels), _split(types), max_nodes)
    return _page(request, view, filters=True)


@router.get(
    "/neighbourhood/{ref:path}", response_class=HTMLResponse, summary="An entity's neighbourhood"
)
def neighbourhood_view(
    request: Request,
    db: StoreDep,
    ref: str,
    depth: Annotated[int, Query(ge=0, le=10)] = 2,
    max_nodes: Annotated[int, Query(ge=1)] = NEIGHBOURHOOD_MAX_NODES,
) -> HTMLResponse:
    return _page(request, viz.neighbourhood(db, ref, depth, max_nodes))


@router.get(
    "/dependencies/{ref:path}", response_class=HTMLResponse, summary="A product's dependency tree"
)
def dependencies_view(
    request: Request,
    db: StoreDep,
    ref: str,
    depth: Annotated[int, Query(ge=0, le=10)] = 6,
    direction: Literal["both", "up", "down"] = "both",
) -> HTMLResponse:
    return _page(request, viz.dependencies(db, ref, depth, direction))


@router.get("/org-chart", response_class=HTMLResponse, summary="The org chart")
def org_chart_view(
    request: Request,
    db: StoreDep,
    root: Annotated[
        str | None, Query(description="only what reports to this role or person")
    ] = None,
) -> HTMLResponse:
    return _page(request, viz.org_chart(db, root))


@router.get("/impact", response_class=HTMLResponse, summary="An impact analysis, highlighted")
def impact_view(
    request: Request,
    db: StoreDep,
    people: Annotated[
        list[str] | None, Query(description="people who would move (repeat, or comma-separated)")
    ] = None,
    team: Annotated[str | None, Query(description="a whole team leaving")] = None,
    to_role: Annotated[str | None, Query(description="role they move to")] = None,
    to_team: Annotated[str | None, Query(description="team they move to")] = None,
) -> HTMLResponse:
    view = viz.impact(db, _split(people), team=team, to_role=to_role, to_team=to_team)
    return _page(request, view)
