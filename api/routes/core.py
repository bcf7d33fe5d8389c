"""Routes: the graph's core questions (owners, dependents, reporting, paths, queries).

Every route reads through the canned-query registry; the one exception is
``POST /cypher``, which runs the user's own read-only Cypher.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response
from orggraph.api import cypher_guard, raw_cypher
from orggraph.api.deps import SettingsDep, StoreDep
from orggraph.api.models import (
    ChainLink,
    CypherRequest,
    DependencyWalk,
    EntityDetail,
    EntityRef,
    Error,
    ExportGraph,
    FacilityDetail,
    HeldRole,
    Hop,
    Linked,
    Milestone,
    MilestoneBrief,
    MilestoneList,
    Neighbour,
    NeighbourGroup,
    PathAnswer,
    PersonDetail,
    ProductOwners,
    QueryInfo,
    QueryResult,
    Reached,
    RoleChain,
    RoleReports,
    Rows,
    SearchHit,
    SearchResult,
    TeamDetail,
    TeamRole,
)
from orggraph.api.resolver import Index, Resolver, resolver_for
from orggraph.api.shaping import as_float, evidence, holder, jsonable, linked, merge_links
from orggraph.cypher import default_registry
from orggraph.graph import export
from orggraph.graph.refs import Entity
from orggraph.graph.stores.base import Row, Store, StoreError
from pydantic import BaseModel

router = APIRouter()

Label = Literal["Person", "Role", "Team", "Product", "Facility", "Milestone", "Institution",
                "Document"]
MAX_DEPTH = 10
_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Reader:
    """One request's view: the store, its resolver, and the name index checked once."""

    db: Store
    resolver: Resolver
    index: Index

    def resolve(self, ref: str, label: str | None = None) -> Entity:
        return self.resolver.resolve(ref, label, self.index)

    def cached(self, key: tuple[str, ...], build: Callable[[], BaseModel]) -> Response:
        """``build()``'s answer as JSON, rendered once per state of the loaded documents."""
        body = self.resolver.answer(key, lambda: build().model_dump_json().encode(), self.index)
        return Response(body, media_type="application/json")


async def get_reader(request: Request) -> Reader:
    """Async, so hot routes skip the thread pool; the tag check is one tiny read."""
    store: Store = request.app.state.store
    resolver = resolver_for(store)
    return Reader(store, resolver, resolver.index())


ReaderDep = Annotated[Reader, Depends(get_reader)]


def _ref(what: str, example: str) -> Any:
    return Path(
        description=f"the {what}'s id, name or any alias (case-insensitive)",
        examples=[example],
        min_length=1,
        max_length=500,
    )


def _depth() -> Any:
    return Query(ge=1, le=MAX_DEPTH, description=f"hops to follow (1-{MAX_DEPTH})")


def _run(store: Store, name: str, **params: Any) -> list[Row]:
    return default_registry().run(store, name, params)


def _entity_ref(entity: Entity) -> EntityRef:
    return EntityRef(id=entity.id, label=entity.label, name=entity.name)


def _node(store: Store, entity: Entity) -> dict[str, Any]:
    rows = _run(store, "entity_by_id", id=entity.id)
    if not rows:
        return export.node_record([entity.label], {"id": entity.id, "name": entity.name})
    row = rows[0]
    return export.node_record([row["label"]], row["props"] or {})


# --- search and entities ---------------------------------------------------------------


@router.get("/search", response_model=SearchResult, tags=["entities"],
            summary="Find entities by name or alias (prefix, substring, fuzzy)")
def search(
    r: ReaderDep,
    q: Annotated[str, Query(min_length=1, max_length=200, examples=["qser"])],
    label: Annotated[Label | None, Query(description="only this label")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> SearchResult:
    hits = [
        SearchHit(id=e.id, label=e.label, name=e.name, aliases=r.resolver.aliases(e.id, r.index),
                  matched=form, match=kind, score=round(score, 4))  # type: ignore[arg-type]
        for form, kind, score, e in r.resolver.search(q, label, limit, index=r.index)
    ]
    return SearchResult(query=q, hits=hits)


@router.get("/entities/{ref}", response_model=EntityDetail, tags=["entities"],
            summary="An entity: properties, aliases, evidence, neighbours by type and direction")
def entity(r: ReaderDep, ref: Annotated[str, _ref("entity", "Butler")]) -> Response:
    found = r.resolve(ref)
    return r.cached(("entity", found.id), lambda: _entity(r.db, found))


def _entity(db: Store, found: Entity) -> EntityDetail:
    node = _node(db, found)
    groups: dict[tuple[str, str], list[Neighbour]] = {}
    for row in _run(db, "entity_neighbours", id=found.id):
        record = export.edge_record("", "", row["type"], row["props"] or {})
        direction = "out" if row["outgoing"] else "in"
        groups.setdefault((row["type"], direction), []).append(
            Neighbour(id=row["id"], label=row["label"] or "", name=row["name"],
                      properties=jsonable(record["properties"]),
                      evidence=evidence(record["sources"]))
        )
    return EntityDetail(
        id=found.id, label=found.label, name=found.name, aliases=node["aliases"],
        properties=jsonable(node["properties"]), evidence=evidence(node["sources"]),
        neighbours=[NeighbourGroup(type=t, direction=d, nodes=n)  # type: ignore[arg-type]
                    for (t, d), n in sorted(groups.items())],
    )


# --- products --------------------------------------------------------------------------


@router.get("/products/{ref}/owners", response_model=ProductOwners, tags=["products"],
            summary="Who manages and who owns a product, with evidence")
async def product_owners(
    r: ReaderDep, ref: Annotated[str, _ref("product", "Butler")]
) -> Response:
    found = r.resolve(ref, "Product")
    return r.cached(("owners", found.id), lambda: _owners(r.db, found))


def _owners(db: Store, found: Entity) -> ProductOwners:
    rows = _run(db, "product_owners", id=found.id)
    row = rows[0] if rows else {}
    return ProductOwners(
        product=_entity_ref(found),
        manager_status=row.get("manager_status"),
        managers=merge_links(linked(m, "Person") for m in row.get("managers") or [] if m),
        owners=merge_links(linked(o, "Person") for o in row.get("owners") or [] if o),
        evidence=evidence(row.get("sources")),
    )


def _walk(db: Store, start: Entity, step: str, depth: int) -> list[tuple[Row, int, list[Row]]]:
    """Breadth-first walk by one-hop queries: (node row, depth, rows of the path to it).

    ``step`` is a query taking ``ids`` (the frontier) and returning rows with ``target``
    (the frontier node reached from) and ``id`` (the new node): bounded, and no
    variable-length pattern, so no path enumeration in the engine.
    """
    parent: dict[str, tuple[str, Row] | None] = {start.id: None}
    found: list[tuple[Row, int]] = []
    frontier = [start.id]
    for level in range(1, depth + 1):
        if not frontier:
            break
        rows = sorted(_run(db, step, ids=frontier), key=lambda r: (r["target"], r["id"]))
        frontier = []
        for row in rows:
            if row["id"] in parent:
                continue
            parent[row["id"]] = (row["target"], row)
            found.append((row, level))
            frontier.append(row["id"])
    out: list[tuple[Row, int, list[Row]]] = []
    for row, level in found:
        chain: list[Row] = []
        cursor: str = row["id"]
        while (link := parent[cursor]) is not None:
            chain.append(link[1])
            cursor = link[0]
        out.append((row, level, chain[::-1]))
    return out


def _dependency_walk(db: Store, found: Entity, depth: int, dependents: bool) -> DependencyWalk:
    step = "dependents_step" if dependents else "dependencies_step"
    items: list[Reached] = []
    for row, level, chain in _walk(db, found, step, depth):
        path = [_entity_ref(found)] + [
            EntityRef(id=r["id"], label=r["label"] or "", name=r["name"]) for r in chain
        ]
        hops = [
            Hop(source=r["id"], target=r["target"], type="DEPENDS_ON",
                evidence=evidence(r["sources"])) if dependents else
            Hop(source=r["target"], target=r["id"], type="DEPENDS_ON",
                evidence=evidence(r["sources"]))
            for r in chain
        ]
        items.append(Reached(id=row["id"], label=row["label"] or "", name=row["name"],
                             depth=level, path=path, hops=hops))
    items.sort(key=lambda r: (r.depth, (r.name or "").lower(), r.id))
    return DependencyWalk(product=_entity_ref(found),
                          direction="dependents" if dependents else "dependencies",
                          depth=depth, items=items)


@router.get("/products/{ref}/dependents", response_model=DependencyWalk, tags=["products"],
            summary="What depends on a product, directly and transitively, each with its path")
async def product_dependents(
    r: ReaderDep, ref: Annotated[str, _ref("product", "Qserv")],
    depth: Annotated[int, _depth()] = 6,
) -> Response:
    found = r.resolve(ref, "Product")
    return r.cached(("dependents", found.id, str(depth)),
                    lambda: _dependency_walk(r.db, found, depth, dependents=True))


@router.get("/products/{ref}/dependencies", response_model=DependencyWalk, tags=["products"],
            summary="What a product depends on, directly and transitively, each with its path")
async def product_dependencies(
    r: ReaderDep, ref: Annotated[str, _ref("product", "Butler")],
    depth: Annotated[int, _depth()] = 6,
) -> Response:
    found = r.resolve(ref, "Product")
    return r.cached(("dependencies", found.id, str(depth)),
                    lambda: _dependency_walk(r.db, found, depth, dependents=False))


# --- people, teams, facilities ---------------------------------------------------------


@router.get("/people/{ref}", response_model=PersonDetail, tags=["people"],
            summary="A person: roles with FTE and institution, teams, products, total FTE")
def person(r: ReaderDep, ref: Annotated[str, _ref("person", "Fritz Mueller")]) -> Response:
    found = r.resolve(ref, "Person")
    return r.cached(("person", found.id), lambda: _person(r.db, found))


def _person(db: Store, found: Entity) -> PersonDetail:
    node = _node(db, found)
    roles = [
        HeldRole(
            id=r["role_id"], label="Role", name=r["title"], wbs=jsonable(r.get("wbs")),
            fte=as_float(r.get("fte")), institution=r.get("institution"),
            teams=merge_links(linked(t, "Team") for t in r.get("team_refs") or [] if t),
            evidence=evidence(r.get("sources")),
        )
        for r in _run(db, "person_roles", id=found.id)
    ]
    links: dict[str, list[Linked]] = {}
    for row in _run(db, "person_links", id=found.id):
        links.setdefault(row["type"], []).append(linked(row))
    leads = merge_links(links.get("LEADS", []))
    teams = merge_links([*(t for r in roles for t in r.teams), *leads])
    return PersonDetail(
        person=_entity_ref(found), aliases=node["aliases"], roles=roles, teams=teams,
        leads=leads, manages=merge_links(links.get("MANAGES", [])),
        owns=merge_links(links.get("OWNS", [])),
        affiliations=merge_links(links.get("AFFILIATED_WITH", [])),
        reports_to=merge_links(links.get("REPORTS_TO", [])),
        total_fte=round(sum(r.fte or 0.0 for r in roles), 4),
        evidence=evidence(node["sources"]),
    )


@router.get("/teams/{ref}", response_model=TeamDetail, tags=["teams"],
            summary="A team: roles (and vacancies), people, lead, milestones")
def team(
    r: ReaderDep, ref: Annotated[str, _ref("team", "Science Users Middleware")]
) -> Response:
    found = r.resolve(ref, "Team")
    return r.cached(("team", found.id), lambda: _team(r.db, found))


def _team(db: Store, found: Entity) -> TeamDetail:
    node = _node(db, found)
    roles = [
        TeamRole(id=r["role_id"], label="Role", name=r["title"], wbs=jsonable(r.get("wbs")),
                 holders=[holder(h) for h in r.get("holders") or [] if h],
                 evidence=evidence(r.get("sources")))
        for r in _run(db, "team_roles", id=found.id)
    ]
    people = merge_links(
        Linked(id=h.id, label="Person", name=h.name, evidence=h.evidence)
        for r in roles for h in r.holders
    )
    lead: list[Linked] = []
    milestones: list[MilestoneBrief] = []
    part_of: list[Linked] = []
    parts: list[Linked] = []
    for row in _run(db, "team_links", id=found.id):
        if row["type"] == "LEADS":
            lead.append(linked(row))
        elif row["type"] == "RESPONSIBLE_FOR":
            milestones.append(MilestoneBrief(**linked(row).model_dump(), due=_text(row["due"])))
        elif row["outgoing"]:
            part_of.append(linked(row))
        else:
            parts.append(linked(row))
    return TeamDetail(
        team=_entity_ref(found), roles=roles, people=people, lead=merge_links(lead),
        milestones=milestones, part_of=merge_links(part_of), parts=merge_links(parts),
        evidence=evidence(node["sources"]),
    )


def _text(value: Any) -> str | None:
    return None if value is None else str(jsonable(value))


@router.get("/facilities/{ref}", response_model=FacilityDetail, tags=["facilities"],
            summary="A facility: what it hosts, its parts, the roles sited there")
def facility(r: ReaderDep, ref: Annotated[str, _ref("facility", "USDF")]) -> Response:
    found = r.resolve(ref, "Facility")
    return r.cached(("facility", found.id), lambda: _facility(r.db, found))


def _facility(db: Store, found: Entity) -> FacilityDetail:
    node = _node(db, found)
    groups: dict[str, list[Linked]] = {"hosts": [], "part_of": [], "parts": [], "roles": []}
    for row in _run(db, "facility_links", id=found.id):
        if row["type"] == "HOSTS":
            key = "hosts"
        elif row["type"] == "LOCATED_AT":
            key = "roles"
        else:
            key = "part_of" if row["outgoing"] else "parts"
        groups[key].append(linked(row))
    return FacilityDetail(
        facility=_entity_ref(found), evidence=evidence(node["sources"]),
        **{k: merge_links(v) for k, v in groups.items()},
    )


# --- roles -----------------------------------------------------------------------------


def _chain_links(db: Store, start: Entity, step: str, depth: int) -> list[ChainLink]:
    return [
        ChainLink(id=row["id"], label="Role", name=row["name"], distance=level,
                  via=row["target"], holders=[holder(h) for h in row.get("holders") or [] if h],
                  evidence=evidence(row.get("sources")))
        for row, level, _ in _walk(db, start, step, depth)
    ]


@router.get("/roles/{ref}/chain", response_model=RoleChain, tags=["roles"],
            summary="The reporting chain above a role, up to the top")
def role_chain(
    r: ReaderDep, ref: Annotated[str, _ref("role", "Alert Pipeline Scientist - NOIRLab")]
) -> Response:
    found = r.resolve(ref, "Role")

    def build() -> RoleChain:
        holders = [holder(h) for h in _run(r.db, "role_holders", id=found.id)]
        return RoleChain(role=_entity_ref(found), holders=holders,
                         chain=_chain_links(r.db, found, "role_chain_step", 50))

    return r.cached(("chain", found.id), build)


@router.get("/roles/{ref}/reports", response_model=RoleReports, tags=["roles"],
            summary="Who reports to a role, directly and indirectly")
def role_reports(
    r: ReaderDep, ref: Annotated[str, _ref("role", "Alert Production Pipeline Group Leader")],
    depth: Annotated[int, _depth()] = 3,
) -> Response:
    found = r.resolve(ref, "Role")
    return r.cached(
        ("reports", found.id, str(depth)),
        lambda: RoleReports(role=_entity_ref(found), depth=depth,
                            reports=_chain_links(r.db, found, "role_reports_step", depth)),
    )


# --- milestones and paths --------------------------------------------------------------


@router.get("/milestones", response_model=MilestoneList, tags=["milestones"],
            summary="Milestones by team, due date range and level; soonest first")
def milestones(
    r: ReaderDep,
    team: Annotated[str | None, Query(max_length=500, description="team id, name or alias",
                                      examples=["Science Users Middleware"])] = None,
    before: Annotated[dt.date | None, Query(description="due on or before (ISO date)")] = None,
    after: Annotated[dt.date | None, Query(description="due on or after (ISO date)")] = None,
    level: Annotated[int | None, Query(ge=0, le=100)] = None,
) -> MilestoneList:
    team_id = r.resolve(team, "Team").id if team else None
    rows = _run(r.db, "milestones", team=team_id,
                before=before.isoformat() if before else None,
                after=after.isoformat() if after else None, level=level)
    items = [
        Milestone(
            id=r["id"], name=r.get("name"), jira_id=_text(r.get("jira_id")),
            rubin_id=_text(r.get("rubin_id")), due=_text(r.get("due")),
            level=r.get("level") if isinstance(r.get("level"), int | str) else None,
            teams=merge_links(linked(t, "Team") for t in r.get("team_refs") or [] if t),
            evidence=evidence(r.get("sources")),
        )
        for r in rows
    ]
    return MilestoneList(count=len(items), items=items)


@router.get("/path", response_model=PathAnswer, tags=["paths"],
            summary="The shortest connection between two entities over any relationship")
def path(
    r: ReaderDep,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=500,
                                 examples=["Fritz Mueller"])],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=500,
                                 examples=["Qserv"])],
    max_hops: Annotated[int, Query(alias="max", ge=1, le=MAX_DEPTH)] = 6,
) -> PathAnswer:
    a, b = r.resolve(source), r.resolve(target)
    answer = PathAnswer(source=_entity_ref(a), target=_entity_ref(b), found=False)
    if a.id == b.id:
        return answer.model_copy(update={"found": True, "length": 0, "nodes": [answer.source]})
    rows = _run(r.db, "shortest_path", from_id=a.id, to_id=b.id, max=max_hops)
    if not rows:
        return answer
    nodes = [EntityRef(id=n["id"], label=n["label"] or "", name=n["name"])
             for n in rows[0]["nodes"]]
    hops = [Hop(source=h["source"], target=h["target"], type=h["type"],
                evidence=evidence(h.get("sources"))) for h in rows[0]["hops"]]
    return answer.model_copy(
        update={"found": True, "length": len(hops), "nodes": nodes, "hops": hops}
    )


# --- the registry and raw Cypher -------------------------------------------------------


def _rows(run: Callable[[], list[Row]], cap: int) -> Rows:
    started = time.perf_counter()
    rows = run()
    elapsed = (time.perf_counter() - started) * 1000
    columns = list(rows[0]) if rows else []
    return Rows(columns=columns, rows=[jsonable(r) for r in rows[:cap]], count=min(len(rows), cap),
                truncated=len(rows) > cap, elapsed_ms=round(elapsed, 3))


@router.get("/queries", response_model=list[QueryInfo], tags=["queries"],
            summary="The canned queries of the registry, with their parameters")
def queries() -> list[QueryInfo]:
    return [QueryInfo.model_validate(q.describe()) for q in default_registry()]


@router.get("/queries/{name}", response_model=QueryResult, tags=["queries"],
            summary="Run a canned query; its parameters are the query string")
def run_query(
    request: Request, db: StoreDep, settings: SettingsDep,
    name: Annotated[str, Path(max_length=200, examples=["product_owners"],
                              description="the query's name (see /queries)")],
) -> QueryResult:
    query = default_registry().get(name)
    params = query.bind(dict(request.query_params))
    result = _rows(
        lambda: db.read(query.cypher(db.kind), params, timeout_ms=settings.query_timeout_ms,
                        row_cap=settings.row_cap),
        settings.row_cap,
    )
    return QueryResult(name=name, params=jsonable(params), **result.model_dump())


_READ_ONLY_MARKERS = ("read-only", "read only", "read access mode", "accessmode")


@router.post("/cypher", response_model=Rows, tags=["queries"],
             summary="Run your own read-only Cypher (writes are refused with 403)",
             responses={403: {"model": Error, "description": "Refused: not a read"},
                        408: {"model": Error, "description": "Ran past the time limit"}})
def cypher(body: CypherRequest, db: StoreDep, settings: SettingsDep) -> Rows:
    try:
        statement = cypher_guard.check(body.query, body.params,
                                       max_range=settings.cypher_max_range)
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

    return _rows(run, settings.row_cap)


@router.get("/export", tags=["export"], summary="The whole graph as JSON or GraphML",
            response_model=ExportGraph,
            responses={200: {"content": {"application/graphml+xml": {
                "schema": {"type": "string"}}}}})
def export_graph(
    db: StoreDep,
    format: Annotated[Literal["json", "graphml"], Query()] = "json",
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
