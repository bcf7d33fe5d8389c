"""Routes: the interactive graph views under ``/viz`` (HTML pages built with pyvis).

Every answer under ``/viz`` is an HTML page, errors included: an unknown name is a 404
page whose suggestions link to the view they would open, a bad parameter a 422 page
with the reason (:class:`HtmlErrors`).  ``/viz/expand/{id}`` is the one JSON route: a
group node's members, drawn in place by the overview.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Coroutine
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.routing import APIRoute
from orggraph.api.deps import StoreDep
from orggraph.api.models import NAMED
from orggraph.graph import viz
from orggraph.graph.refs import RefAmbiguous, RefNotFound
from orggraph.graph.stores.base import (
    QueryTimeout,
    QueryTooBig,
    StoreBusy,
    StoreError,
    StoreUnavailable,
)
from orggraph.graph.viz.expand import expand_group
from pydantic import StringConstraints

_STYLE = """<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 980px; color: #222; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin: 1.2em 0 0.3em; }
form { margin: 0.3em 0 0.8em; } input[type=search] { width: 26em; }
.og-hint { color: #666; font-size: 13px; }
.og-error { background: #fff0f0; border: 1px solid #e0a0a0; padding: 8px 12px; }
code { background: #f4f4f4; padding: 0 3px; }
</style>"""


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<link rel="icon" href="data:,"><title>{html.escape(title)} · orggraph</title>'
            f"{_STYLE}</head><body>{body}</body></html>\n")


#: each view of the index: (heading, what it draws, form action, the entity field,
#: labels its search offers, extra fields)
_FORMS: list[tuple[str, str, str, str, list[str], str]] = [
    ("The org chart", "the reporting lines top-down; pick a role, a person or a team to draw "
     "only what hangs under it (or leave it empty for the whole organisation)",
     "org-chart", "root", ["Role", "Person", "Team"], ""),
    ("A neighbourhood", "an entity and what is within a few relationships of it",
     "neighbourhood", "ref", [], '<label>depth <input type="number" name="depth" value="2" '
     'min="0" max="10"></label>'),
    ("A dependency tree", "what a product or milestone needs (below) and what needs it (above)",
     "dependencies", "ref", ["Product", "Milestone"],
     '<select name="direction"><option value="both">both ways</option><option value="up">'
     "what depends on it</option><option value=\"down\">what it depends on</option></select>"),
    ("The impact of moving people", "what breaks if they move, highlighted by severity "
     "(several people: separate them with commas)", "impact", "people", ["Person"],
     '<label>to the team <input type="search" name="to_team" list="og-list-Team" '
     'data-labels="Team" class="og-pick" placeholder="optional"></label>'),
]

_INDEX_SCRIPT = """<script>
(function () {
  "use strict";
  var timers = {};
  document.querySelectorAll("input.og-pick").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var labels = (input.dataset.labels || "").split(",").filter(Boolean);
    input.addEventListener("input", function () {
      var q = input.value.split(",").pop().trim();
      clearTimeout(timers[input.name]);
      if (q.length < 2) { return; }
      timers[input.name] = setTimeout(function () {
        fetch(ROOT + "/search?limit=20&q=" + encodeURIComponent(q))
          .then(function (r) { return r.ok ? r.json() : { hits: [] }; })
          .then(function (data) {
            list.innerHTML = "";
            var head = input.value.split(",").slice(0, -1).map(function (s) { return s.trim(); });
            data.hits.filter(function (h) {
              return !labels.length || labels.indexOf(h.label) >= 0;
            })
              .forEach(function (h) {
                var option = document.createElement("option");
                option.value = head.concat([h.name]).join(", ");
                option.label = h.label + " · " + h.id;
                list.appendChild(option);
              });
            input.dataset.ready = "1";
          });
      }, 150);
    });
  });
  document.querySelectorAll("form[data-path]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var field = form.querySelector("input[name=ref]");
      if (!field) { return; }
      event.preventDefault();
      var rest = Array.from(new FormData(form)).filter(function (kv) { return kv[0] !== "ref"; });
      var query = new URLSearchParams(rest).toString();
      window.location.href = form.dataset.path + "/" + encodeURIComponent(field.value.trim())
        + (query ? "?" + query : "");
    });
  });
})();
</script>"""


def _index(root: str) -> str:
    parts = [
        "<h1>orggraph views</h1>",
        f'<p><a id="og-whole" href="{root}/viz/graph">The whole graph</a>: every node when the '
        "graph is small; above a few hundred nodes an overview (each team and product group "
        "one node with counts, expanded on click).</p>",
    ]
    lists: set[str] = set()
    for title, what, view, field, labels, extra in _FORMS:
        key = ",".join(labels)
        list_id = f"og-list-{key or 'any'}"
        lists.add(list_id)
        if "og-list-Team" in extra:
            lists.add("og-list-Team")
        required = "" if view == "org-chart" else " required"
        action = f"{root}/viz/{view}"
        data_path = f' data-path="{action}"' if field == "ref" else ""
        parts.append(
            f"<h2>{html.escape(title)}</h2><div class='og-hint'>{html.escape(what)}</div>"
            f'<form id="og-form-{view}" method="get" action="{action}"{data_path}>'
            f'<input type="search" name="{field}" list="{list_id}" data-labels="{key}" '
            f'class="og-pick" autocomplete="off" placeholder="type a name, an alias or an id"'
            f"{required}> {extra} <button type=\"submit\">Draw</button></form>"
        )
    parts += [f'<datalist id="{lst}"></datalist>' for lst in sorted(lists)]
    parts.append("<p class='og-hint'>Names, aliases and ids all work, in any case; a name "
                 "that matches nothing answers with the closest names.</p>")
    script = _INDEX_SCRIPT.replace("ROOT", repr(root))
    return _page("orggraph views", "".join(parts) + script)


def _status(exc: Exception) -> tuple[int, str]:
    """The HTTP status and the reason of an error a view can meet (as the JSON routes)."""
    if isinstance(exc, RefNotFound):
        return 404, str(exc)
    if isinstance(exc, RefAmbiguous):
        return 409, str(exc)
    if isinstance(exc, RequestValidationError):
        reasons = [
            f"{'.'.join(str(p) for p in err.get('loc', ())[1:]) or 'request'}: {err.get('msg')}"
            for err in exc.errors()
        ]
        return 422, "; ".join(reasons)
    if isinstance(exc, HTTPException):
        return exc.status_code, str(exc.detail)
    if isinstance(exc, QueryTimeout):
        return 408, exc.reason
    if isinstance(exc, QueryTooBig):
        return 422, exc.reason
    if isinstance(exc, StoreBusy):
        return 429, exc.reason
    if isinstance(exc, StoreUnavailable):
        return 503, f"the store is unavailable: {exc.reason}"
    if isinstance(exc, StoreError):
        return 400, f"the store refused the request: {exc.reason}"
    return 422, str(exc)


def _replace_ref(request: Request, old: str, new: str) -> str:
    """The request's URL with the reference ``old`` (in the path or a parameter) as ``new``."""
    path = request.url.path  # decoded, as the path parameter is
    ref = request.path_params.get("ref")
    if ref is not None and ref == old and path.endswith(ref):
        query = str(request.url.query)
        return quote(path[: len(path) - len(ref)]) + quote(new, safe=":") + (
            f"?{query}" if query else "")
    params = []
    for key, value in request.query_params.multi_items():
        parts = [p.strip() for p in value.split(",")]
        parts = [new if p.lower() == old.lower() else p for p in parts]
        params.append(f"{quote(key)}={quote(', '.join(parts), safe=':,')}")
    return path + ("?" + "&".join(params) if params else "")


def error_page(request: Request, exc: Exception) -> HTMLResponse:
    """An HTML page for an error under ``/viz``: the reason, what to try instead."""
    status, reason = _status(exc)
    root = request.scope.get("root_path", "")
    items = ""
    if isinstance(exc, RefNotFound) and exc.suggestions:
        links = "".join(
            f"<li><a href='{html.escape(_replace_ref(request, exc.ref, s))}'>{html.escape(s)}</a>"
            "</li>"
            for s in exc.suggestions
        )
        items = f"<h2>Did you mean</h2><ul id='og-suggestions'>{links}</ul>"
    elif isinstance(exc, RefAmbiguous):
        links = "".join(
            f"<li><a href='{html.escape(_replace_ref(request, exc.ref, c.id))}'>"
            f"{html.escape(c.name or c.id)}</a> ({html.escape(c.label or '')}, "
            f"<code>{html.escape(c.id)}</code>)</li>"
            for c in exc.candidates
        )
        items = f"<h2>Which one?</h2><ul id='og-candidates'>{links}</ul>"
    body = (
        f"<h1>{status}: {html.escape(_TITLES.get(status, 'the view cannot be drawn'))}</h1>"
        f"<p class='og-error' id='og-reason'>{html.escape(reason)}</p>{items}"
        f"<p><a href='{root}/viz'>All views, with a search for each</a></p>"
    )
    return HTMLResponse(_page(f"{status}", body), status_code=status)


_TITLES = {
    404: "nothing by that name", 409: "that name is ambiguous", 422: "the view cannot be drawn",
    408: "the view took too long", 429: "the store is busy", 503: "the store is unavailable",
    400: "the store refused the request",
}


class HtmlErrors(APIRoute):
    """A route whose errors (a missing name, a bad parameter, a store that does not
    answer) are HTML pages, as the rest of ``/viz``; a JSON route's stay JSON."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if self.response_class is JSONResponse:
            return handler

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except (RefNotFound, RefAmbiguous, RequestValidationError, ValueError,
                    StoreError) as exc:
                return error_page(request, exc)
            except HTTPException as exc:
                if exc.status_code >= 500:
                    raise
                return error_page(request, exc)

        return route


router = APIRouter(prefix="/viz", tags=["views"], route_class=HtmlErrors)

MaxNodes = Annotated[
    int | None,
    Query(ge=10, le=viz.HARD_MAX_NODES, examples=[200],
          description="the page's node budget: above it the view aggregates"),
]


def _ref(example: str) -> Any:
    """An entity's id, name or alias in the path (a blank one names nothing: 422)."""
    return Path(min_length=1, max_length=500, pattern=NAMED, examples=[example],
                description="the entity's id, name or any alias")


Depth = Annotated[int, Query(ge=0, le=10, examples=[2], description="hops to follow")]


def _split(values: list[str] | None) -> list[str]:
    """Repeated (``?labels=A&labels=B``) or comma-separated (``?labels=A,B``) values."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def _render(request: Request, view: viz.ViewGraph, filters: bool = False) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    page = viz.render(
        view,
        api_base=root,
        assets=f"{root}/viz/static",
        filter_action=f"{root}/viz/graph" if filters else None,
        expand_base=f"{root}/viz/expand",
    )
    return HTMLResponse(page)


@router.get("", response_class=HTMLResponse, summary="The views, each with an entity search")
def index(request: Request) -> HTMLResponse:
    return HTMLResponse(_index(request.scope.get("root_path", "")))


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
    labels: Annotated[list[str] | None, Query(description="node labels to draw",
                                              examples=[["Product", "Team"]])] = None,
    types: Annotated[list[str] | None, Query(description="relationship types to draw",
                                             examples=[["DEPENDS_ON", "PART_OF"]])] = None,
    max_nodes: MaxNodes = None,
) -> HTMLResponse:
    view = viz.whole_graph(db, _split(labels), _split(types), max_nodes or viz.GRAPH_BUDGET)
    return _render(request, view, filters=True)


@router.get("/expand/{ref:path}", summary="A group node's members, to draw in place",
            response_class=JSONResponse)
def expand_view(
    request: Request, db: StoreDep,
    ref: Annotated[str, Path(min_length=1, max_length=500, pattern=NAMED,
                             description="the group node: a team's or product's id, or "
                                         "isolated:<Label>", examples=["isolated:Product"])],
) -> JSONResponse:
    """The members of a group node of the overview (a team, a product group, the nodes
    gathered for having no relationship) as vis-network records, at most the budget."""
    root = request.scope.get("root_path", "")
    try:
        return JSONResponse(expand_group(db, ref, api_base=root))
    except (RefNotFound, StoreError) as exc:  # a script reads this one: JSON, not a page
        status, reason = _status(exc)
        return JSONResponse({"detail": reason}, status_code=status)


@router.get(
    "/neighbourhood/{ref:path}", response_class=HTMLResponse, summary="An entity's neighbourhood"
)
def neighbourhood_view(
    request: Request,
    db: StoreDep,
    ref: Annotated[str, _ref("Fritz Mueller")],
    depth: Depth = 2,
    max_nodes: MaxNodes = None,
) -> HTMLResponse:
    view = viz.neighbourhood(db, ref, depth, max_nodes or viz.NEIGHBOURHOOD_MAX_NODES)
    return _render(request, view)


@router.get(
    "/dependencies/{ref:path}", response_class=HTMLResponse, summary="A product's dependency tree"
)
def dependencies_view(
    request: Request,
    db: StoreDep,
    ref: Annotated[str, _ref("product:qserv")],
    depth: Depth = 6,
    direction: Annotated[Literal["both", "up", "down"], Query(
        examples=["both"], description="up: what depends on it; down: what it needs")] = "both",
    max_nodes: MaxNodes = None,
) -> HTMLResponse:
    view = viz.dependencies(db, ref, depth, direction, max_nodes or viz.DEPENDENCIES_MAX_NODES)
    return _render(request, view)


@router.get("/org-chart", response_class=HTMLResponse, summary="The org chart")
def org_chart_view(
    request: Request,
    db: StoreDep,
    root: Annotated[
        str | None, Query(description="only what reports to this role, person or team",
                          max_length=500, examples=["Alert Production Pipeline Group Leader"])
    ] = None,
    max_nodes: MaxNodes = None,
) -> HTMLResponse:
    return _render(request, viz.org_chart(db, root or None, max_nodes or viz.ORG_BUDGET))


@router.get("/impact", response_class=HTMLResponse, summary="An impact analysis, highlighted")
def impact_view(
    request: Request,
    db: StoreDep,
    people: Annotated[
        list[Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=NAMED)]],
        Query(min_length=1, description="people who would move (repeat, or comma-separated)",
              examples=[["Fritz Mueller"]]),
    ],
    team: Annotated[str | None, Query(description="a whole team leaving with them",
                                      max_length=500,
                                      examples=["Science Users Middleware"])] = None,
    to_role: Annotated[str | None, Query(description="role they move to", max_length=500,
                                         examples=["Alert Production Pipeline Group Leader"])
                       ] = None,
    to_team: Annotated[str | None, Query(description="team they move to", max_length=500,
                                         examples=["Data Engineering"])] = None,
) -> HTMLResponse:
    view = viz.impact(db, _split(people), team=team or None, to_role=to_role or None,
                      to_team=to_team or None)
    return _render(request, view)


@router.get("/{rest:path}", include_in_schema=False)
def unknown_view(request: Request, rest: str) -> HTMLResponse:
    """Any other path under /viz: an HTML 404 pointing at the views."""
    return error_page(request, HTTPException(404, f"there is no view {rest!r}: the views are "
                                                  "graph, org-chart, neighbourhood, "
                                                  "dependencies and impact"))
