"""Routes: impact of moving people, organisation health, and the diff of two documents."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from orggraph.api.deps import StoreDep
from orggraph.graph.analysis import (
    DocumentDiff,
    HealthReport,
    ImpactReport,
    document_diff,
    org_health,
    person_impact,
)

router = APIRouter(tags=["analysis"])

ToRole = Annotated[str | None, Query(description="role they move to (id, title or alias)",
                                     examples=["Alert Production Pipeline Group Leader"])]
ToTeam = Annotated[str | None, Query(description="team they move to (id, name or alias)",
                                     examples=["Data Engineering"])]


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


@router.get("/people/{ref}/impact", response_model=ImpactReport)
def person_impact_route(
    ref: Annotated[str, Path(description="the person (id, name or alias)", min_length=1,
                             max_length=500, examples=["Fritz Mueller"])],
    db: StoreDep, to_role: ToRole = None, to_team: ToTeam = None,
) -> ImpactReport:
    """What breaks if this person is reassigned (computed without writing to the store)."""
    return person_impact(db, [ref], to_role=to_role, to_team=to_team)


@router.get("/impact", response_model=ImpactReport)
def group_impact_route(
    db: StoreDep,
    people: Annotated[
        list[str] | None, Query(description="people (repeat, or comma-separated)",
                                examples=[["Fritz Mueller", "Tim Jenness"]])
    ] = None,
    team: Annotated[str | None, Query(description="a whole team leaving",
                                      examples=["Science Users Middleware"])] = None,
    to_role: ToRole = None,
    to_team: ToTeam = None,
) -> ImpactReport:
    """What breaks if several people (or a whole team) move at once."""
    return person_impact(db, _split(people), team=team, to_role=to_role, to_team=to_team)


@router.get("/health/org", response_model=HealthReport)
def org_health_route(
    db: StoreDep,
    rule: Annotated[list[str] | None, Query(description="only these rules",
                                            examples=[["vacant_roles", "product_no_manager"]])
    ] = None,
    max_fte: Annotated[float | None, Query(gt=0, description="FTE one person can give")] = None,
    max_roles: Annotated[int | None, Query(ge=0, description="roles one person may hold")] = None,
    min_products: Annotated[
        int | None, Query(ge=1, description="sole products that make a single point of failure")
    ] = None,
) -> HealthReport:
    """The organisation's holes: each rule's flagged entities, out of how many, with evidence."""
    return org_health(
        db, _split(rule) or None, max_fte=max_fte, max_roles=max_roles, min_products=min_products
    )


@router.get("/diff", response_model=DocumentDiff)
def diff_route(
    db: StoreDep,
    from_doc: Annotated[str, Query(alias="from", description="earlier document (name or handle)",
                                   examples=["dp0-definition-and-planning.txt"])],
    to_doc: Annotated[str, Query(alias="to", description="later document (name or handle)",
                                 examples=["RTN-046"])],
) -> DocumentDiff:
    """What changed between two loaded documents, with evidence from both sides."""
    return document_diff(db, from_doc, to_doc)
