"""Routes: the graph's core questions (owners, dependents, reporting, paths, queries).

Each route resolves its ``{ref}`` through the one resolver, asks the service layer
(:mod:`orggraph.graph.service`) for the answer and returns it; nothing is assembled
here.  Routes are plain ``def``: they call the store synchronously, so FastAPI runs
them in its thread pool and the event loop is never blocked.  The one route that
does not read through the registry is ``POST /cypher`` (the user's own read-only
Cypher).
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Callable
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response
from orggraph.api import cypher_guard, raw_cypher
from orggraph.api.deps import Reader, ReaderDep, SettingsDep, StoreDep
from orggraph.api.models import (
    NAMED,
    CypherRequest,
    DependencyWalk,
    EntityDetail,
    Error,
    ExportGraph,
    FacilityDetail,
    InstitutionDetail,
    MergeList,
    Milestone,
    MilestoneList,
    OrgChart,
    PathAnswer,
    PersonDetail,
    ProductOwners,
    QueryInfo,
    QueryResult,
    RoleChain,
    RoleReports,
    Rows,
    SearchResult,
    TeamDetail,
)
from orggraph.api.routes.canned import add_canned_routes, query_result, rows
from orggraph.graph import service
from orggraph.graph.service import export
from orggraph.graph.service.shaping import jsonable
from orggraph.graph.service.views import label_counts
from orggraph.graph.stores.base import Row, Store, StoreError

router = APIRouter()

Label = Literal["Person", "Role", "Team", "Product", "Facility", "Milestone", "Institution",
                "Document"]
MAX_DEPTH = 10
_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _ref(what: str, example: str) -> Any:
    return Path(
        description=f"the {what}'s id, name or any alias (case-insensitive)",
        examples=[example],
        min_length=1,
        max_length=500,
        pattern=NAMED,
    )


ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


def _date(value: str | None, name: str) -> dt.date | None:
    """An ISO date (YYYY-MM-DD) from the query string; 422 for any other text."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name} must be a date (YYYY-MM-DD), got {value!r}") from None


def _depth() -> Any:
    return Query(ge=1, le=MAX_DEPTH, description=f"hops to follow (1-{MAX_DEPTH})",
                 examples=[3])


# --- search and entities ---------------------------------------------------------------


@router.get("/search", response_model=SearchResult, tags=["entities"],
            summary="Find entities by name or alias (prefix, substring, fuzzy)")
def search(
    r: ReaderDep,
    q: Annotated[str, Query(min_length=1, max_length=200, examples=["qser"])],
    label: Annotated[Label | None, Query(description="only this label",
                                         examples=["Product"])] = None,
    limit: Annotated[int, Query(ge=1, le=200, examples=[20])] = 20,
) -> SearchResult:
    return service.search(r.db, q, label, limit)


MergeLabel = Literal["Person", "Role", "Team", "Product", "Facility", "Milestone", "Institution"]


@router.get("/merges", response_model=MergeList, tags=["entities"],
            summary="The names the loaders merged: each merge with its rule, reason and evidence")
def merges(
    r: ReaderDep,
    label: Annotated[MergeLabel | None, Query(description="only nodes of this label",
                                              examples=["Person"])] = None,
    ref: Annotated[str | None, Query(max_length=500, examples=["GPDF"],
                                     description="only this node: its id or any merged name")]
    = None,
    rule: Annotated[str | None, Query(max_length=100, examples=["initials"],
                                      description="only merges by this rule")] = None,
) -> Response:
    return r.cached(("merges", label or "", ref or "", rule or ""),
                    lambda: service.merges(r.db, label, ref, rule))


@router.get("/entities/{ref}", response_model=EntityDetail, tags=["entities"],
            summary="An entity: properties, aliases, evidence, neighbours by type and direction")
def entity(r: ReaderDep, ref: Annotated[str, _ref("entity", "Butler")]) -> Response:
    found = r.resolve(ref)
    return r.cached(("entity", found.id), lambda: service.entity(r.db, found))


# --- products and milestones -----------------------------------------------------------


@router.get("/products/{ref}/owners", response_model=ProductOwners, tags=["products"],
            summary="Who manages and who owns a product, with evidence")
def product_owners(r: ReaderDep, ref: Annotated[str, _ref("product", "Butler")]) -> Response:
    found = r.resolve(ref, "Product")
    return r.cached(("owners", found.id), lambda: service.owners(r.db, found))


def _walk(r: Reader, ref: str, label: str, depth: int, direction: str) -> Response:
    found = r.resolve(ref, label)
    return r.cached(
        (direction, found.id, str(depth)),
        lambda: service.dependency_walk(r.db, found, depth, direction),  # type: ignore[arg-type]
    )


@router.get("/products/{ref}/dependents", response_model=DependencyWalk, tags=["products"],
            summary="What depends on a product, directly and transitively, each with its path")
def product_dependents(
    r: ReaderDep, ref: Annotated[str, _ref("product", "Qserv")],
    depth: Annotated[int, _depth()] = 6,
) -> Response:
    return _walk(r, ref, "Product", depth, "dependents")


@router.get("/products/{ref}/dependencies", response_model=DependencyWalk, tags=["products"],
            summary="What a product depends on, directly and transitively, each with its path")
def product_dependencies(
    r: ReaderDep, ref: Annotated[str, _ref("product", "Butler")],
    depth: Annotated[int, _depth()] = 6,
) -> Response:
    return _walk(r, ref, "Product", depth, "dependencies")


@router.get("/milestones/{ref}", response_model=Milestone, tags=["milestones"],
            summary="A milestone: due date, level, identifiers, the teams responsible")
def milestone(
    r: ReaderDep, ref: Annotated[str, _ref("milestone", "Qserv installation on IDF")]
) -> Response:
    found = r.resolve(ref, "Milestone")
    return r.cached(("milestone", found.id), lambda: service.milestone(r.db, found))


@router.get("/milestones/{ref}/dependents", response_model=DependencyWalk, tags=["milestones"],
            summary="What depends on a milestone, directly and transitively, each with its path")
def milestone_dependents(
    r: ReaderDep, ref: Annotated[str, _ref("milestone", "milestone:l3-mw-0010")],
    depth: Annotated[int, _depth()] = 6,
) -> Response:
    return _walk(r, ref, "Milestone", depth, "dependents")


@router.get("/milestones/{ref}/dependencies", response_model=DependencyWalk,
            tags=["milestones"],
            summary="What a milestone depends on, directly and transitively, each with its path")
def milestone_dependencies(
    r: ReaderDep, ref: Annotated[str, _ref("milestone", "milestone:l3-mw-0010")],
    depth: Annotated[int, _depth()] = 6,
) -> Response:
    return _walk(r, ref, "Milestone", depth, "dependencies")


# --- people, teams, facilities, institutions -------------------------------------------


@router.get("/people/{ref}", response_model=PersonDetail, tags=["people"],
            summary="A person: roles with FTE and institution, teams, products, total FTE")
def person(r: ReaderDep, ref: Annotated[str, _ref("person", "Fritz Mueller")]) -> Response:
    found = r.resolve(ref, "Person")
    return r.cached(("person", found.id), lambda: service.person(r.db, found))


@router.get("/teams/{ref}", response_model=TeamDetail, tags=["teams"],
            summary="A team: roles (and vacancies), people, lead, milestones")
def team(
    r: ReaderDep, ref: Annotated[str, _ref("team", "Science Users Middleware")]
) -> Response:
    found = r.resolve(ref, "Team")
    return r.cached(("team", found.id), lambda: service.team(r.db, found))


@router.get("/teams/{ref}/org-chart", response_model=OrgChart, tags=["teams"],
            summary="A team's org chart: roles, holders, vacancies and whom each reports to")
def team_org_chart(
    r: ReaderDep, ref: Annotated[str, _ref("team", "Science Users Middleware")]
) -> Response:
    found = r.resolve(ref, "Team")
    return r.cached(("org-chart", found.id), lambda: service.org_chart(r.db, found))


@router.get("/facilities/{ref}", response_model=FacilityDetail, tags=["facilities"],
            summary="A facility: what it hosts, its parts, the roles sited there")
def facility(r: ReaderDep, ref: Annotated[str, _ref("facility", "USDF")]) -> Response:
    found = r.resolve(ref, "Facility")
    return r.cached(("facility", found.id), lambda: service.facility(r.db, found))


@router.get("/institutions/{ref}", response_model=InstitutionDetail, tags=["institutions"],
            summary="An institution: the people affiliated with it, the roles sited there")
def institution(r: ReaderDep, ref: Annotated[str, _ref("institution", "SLAC")]) -> Response:
    found = r.resolve(ref, "Institution")
    return r.cached(("institution", found.id), lambda: service.institution(r.db, found))


# --- roles -----------------------------------------------------------------------------


@router.get("/roles/{ref}/chain", response_model=RoleChain, tags=["roles"],
            summary="The reporting chain above a role, up to the top")
def role_chain(
    r: ReaderDep, ref: Annotated[str, _ref("role", "Alert Pipeline Scientist - NOIRLab")]
) -> Response:
    found = r.resolve(ref, "Role")
    return r.cached(("chain", found.id), lambda: service.role_chain(r.db, found))


@router.get("/roles/{ref}/reports", response_model=RoleReports, tags=["roles"],
            summary="Who reports to a role, directly and indirectly")
def role_reports(
    r: ReaderDep, ref: Annotated[str, _ref("role", "Alert Production Pipeline Group Leader")],
    depth: Annotated[int, _depth()] = 3,
) -> Response:
    found = r.resolve(ref, "Role")
    return r.cached(("reports", found.id, str(depth)),
                    lambda: service.role_reports(r.db, found, depth))


# --- milestones and paths --------------------------------------------------------------


@router.get("/milestones", response_model=MilestoneList, tags=["milestones"],
            summary="Milestones by team, due date range and level; soonest first")
def milestones(
    r: ReaderDep,
    team: Annotated[str | None, Query(max_length=500, pattern=NAMED,
                                      description="team id, name or alias",
                                      examples=["Science Users Middleware"])] = None,
    before: Annotated[str | None, Query(pattern=ISO_DATE, json_schema_extra={"format": "date"},
                                        description="due on or before (YYYY-MM-DD)",
                                        examples=["2021-06-30"])] = None,
    after: Annotated[str | None, Query(pattern=ISO_DATE, json_schema_extra={"format": "date"},
                                       description="due on or after (YYYY-MM-DD)",
                                       examples=["2021-03-31"])] = None,
    level: Annotated[int | None, Query(ge=0, le=100, examples=[3])] = None,
) -> MilestoneList:
    found = r.resolve(team, "Team") if team else None
    return service.milestones(r.db, found, _date(before, "before"), _date(after, "after"), level)


@router.get("/path", response_model=PathAnswer, tags=["paths"],
            summary="The shortest connection between two entities over any relationship")
def path(
    r: ReaderDep,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=500, pattern=NAMED,
                                 examples=["Fritz Mueller"])],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=500, pattern=NAMED,
                                 examples=["Qserv"])],
    max_hops: Annotated[int, Query(alias="max", ge=1, le=MAX_DEPTH, examples=[6])] = 6,
) -> PathAnswer:
    return service.path(r.db, source, target, max_hops)


# --- the registry and raw Cypher -------------------------------------------------------


@router.get("/queries", response_model=list[QueryInfo], tags=["queries"],
            summary="The canned queries of the registry, with their parameters")
def queries() -> list[QueryInfo]:
    return [QueryInfo.model_validate(q.describe()) for q in service.public_queries()]


add_canned_routes(router)  # GET /queries/<name>, typed, for each public query


@router.get("/queries/{name}", response_model=QueryResult, tags=["queries"],
            include_in_schema=False,  # each query has its own, typed, operation above
            summary="Run a canned query; its parameters are the query string")
def run_query(
    request: Request, db: StoreDep, settings: SettingsDep,
    name: Annotated[str, Path(max_length=200, examples=["product_owners"],
                              description="the query's name (see /queries)")],
) -> QueryResult:
    return query_result(db, settings, name, dict(request.query_params))


_READ_ONLY_MARKERS = ("read-only", "read only", "read access mode", "accessmode")


def _label_sizes(db: Store) -> Callable[[str | None], int]:
    """Nodes of a label (None: all), read from the store at the first ask."""
    counts: dict[str, int] = {}

    def size(label: str | None) -> int:
        if not counts:
            counts.update(label_counts(db))
            counts[""] = sum(counts.values())
        return counts.get(label or "", 0)

    return size


@router.post("/cypher", response_model=Rows, tags=["queries"],
             summary="Run your own read-only Cypher (writes are refused with 403)",
             responses={403: {"model": Error, "description": "Refused: not a read"},
                        408: {"model": Error, "description": "Ran past the time limit"}})
def cypher(body: CypherRequest, db: StoreDep, settings: SettingsDep) -> Rows:
    try:
        statement = cypher_guard.check(body.query, body.params,
                                       max_range=settings.cypher_max_range,
                                       sizes=_label_sizes(db),
                                       max_cartesian=settings.cypher_max_cartesian)
    except cypher_guard.CypherRefused as exc:
        raise HTTPException(403, f"refused: {exc.reason}") from None
    bad = [k for k in body.params if not _PARAM_NAME.match(k)]
    if bad:
        raise HTTPException(422, f"parameter name {bad[0]!r} is not an identifier")

    def run() -> list[Row]:
        try:
            return raw_cypher.read(db, settings, statement, body.params)
        except StoreError as exc:
            text = str(exc).lower().replace(" ", "")
            if any(m.replace(" ", "") in text for m in _READ_ONLY_MARKERS):
                raise HTTPException(403, f"refused by the store's read-only mode: {exc.reason}"
                                    ) from None
            raise

    return rows(run, settings.row_cap)


@router.get("/export", tags=["export"], summary="The whole graph as JSON or GraphML",
            response_model=ExportGraph,
            responses={200: {"content": {"application/graphml+xml": {
                "schema": {"type": "string"}}}}})
def export_graph(
    db: StoreDep,
    format: Annotated[Literal["json", "graphml"], Query(examples=["json"])] = "json",
) -> Any:
    data = export.export_graph(db)
    if format == "json":
        return ExportGraph.model_validate(jsonable(data))
    with tempfile.TemporaryDirectory() as tmp:
        target = FilePath(tmp) / "graph.graphml"
        export.write_graphml(data, target)
        content = target.read_bytes()
    return Response(content, media_type="application/graphml+xml",
                    headers={"Content-Disposition": 'attachment; filename="orggraph.graphml"'})
