"""Routes: impact of moving people, organisation health, and the diff of two documents."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from orggraph.api.deps import StoreDep
from orggraph.api.models import NAMED
from orggraph.graph.analysis import (
    RULE_NAMES,
    DocumentDiff,
    HealthReport,
    ImpactReport,
    document_diff,
    org_health,
    person_impact,
)
from pydantic import StringConstraints

router = APIRouter(tags=["analysis"])

#: a health rule's name
Rule = Literal[RULE_NAMES]  # type: ignore[valid-type]

ToRole = Annotated[str | None, Query(description="role they move to (id, title or alias)",
                                     max_length=500, pattern=NAMED,
                                     examples=["Alert Production Pipeline Group Leader"])]
ToTeam = Annotated[str | None, Query(description="team they move to (id, name or alias)",
                                     max_length=500, pattern=NAMED,
                                     examples=["Data Engineering"])]
#: a person, or several comma-separated: something other than commas and spaces
People = Annotated[str, StringConstraints(min_length=1, max_length=2000,
                                          pattern=r"[^,\s\x1c-\x1f]")]


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


@router.get("/people/{ref}/impact", response_model=ImpactReport)
def person_impact_route(
    ref: Annotated[str, Path(description="the person (id, name or alias)", min_length=1,
                             max_length=500, pattern=NAMED, examples=["Fritz Mueller"])],
    db: StoreDep, to_role: ToRole = None, to_team: ToTeam = None,
) -> ImpactReport:
    """What breaks if this person is reassigned (computed without writing to the store)."""
    return person_impact(db, [ref], to_role=to_role, to_team=to_team)


@router.get("/impact", response_model=ImpactReport)
def group_impact_route(
    db: StoreDep,
    people: Annotated[
        list[People], Query(min_length=1, description="people (repeat, or comma-separated)",
                            examples=[["Fritz Mueller", "Tim Jenness"]])
    ],
    team: Annotated[str | None, Query(description="a whole team leaving with them",
                                      max_length=500, pattern=NAMED,
                                      examples=["Science Users Middleware"])] = None,
    to_role: ToRole = None,
    to_team: ToTeam = None,
) -> ImpactReport:
    """What breaks if several people (and, with ``team``, a whole team) move at once."""
    return person_impact(db, _split(people), team=team, to_role=to_role, to_team=to_team)


@router.get("/teams/{ref}/impact", response_model=ImpactReport)
def team_impact_route(
    ref: Annotated[str, Path(description="the team (id, name or alias)", min_length=1,
                             max_length=500, pattern=NAMED,
                             examples=["Science Users Middleware"])],
    db: StoreDep, to_role: ToRole = None, to_team: ToTeam = None,
) -> ImpactReport:
    """What breaks if everyone in a team (its role holders and its lead) moves at once."""
    return person_impact(db, [], team=ref, to_role=to_role, to_team=to_team)


@router.get("/health/org", response_model=HealthReport)
def org_health_route(
    db: StoreDep,
    rule: Annotated[list[Rule] | None, Query(description="only these rules",
                                             examples=[["vacant_roles", "product_no_manager"]])
    ] = None,
    max_fte: Annotated[float | None, Query(gt=0, le=1000, allow_inf_nan=False, examples=[1.0],
                                           description="FTE one person can give")] = None,
    max_roles: Annotated[int | None, Query(ge=0, le=10_000, examples=[2],
                                           description="roles one person may hold")] = None,
    min_products: Annotated[
        int | None, Query(ge=1, le=10_000, examples=[3],
                          description="sole products that make a single point of failure")
    ] = None,
) -> HealthReport:
    """The organisation's holes: each rule's flagged entities, out of how many, with evidence."""
    return org_health(
        db, list(rule or []) or None, max_fte=max_fte, max_roles=max_roles,
        min_products=min_products,
    )


@router.get("/diff", response_model=DocumentDiff)
def diff_route(
    db: StoreDep,
    from_doc: Annotated[str, Query(alias="from", description="earlier document (name or handle)",
                                   min_length=1, max_length=500, pattern=NAMED,
                                   examples=["dp0-definition-and-planning.txt"])],
    to_doc: Annotated[str, Query(alias="to", description="later document (name or handle)",
                                 min_length=1, max_length=500, pattern=NAMED,
                                 examples=["RTN-046"])],
) -> DocumentDiff:
    """What changed between two loaded documents, with evidence from both sides."""
    return document_diff(db, from_doc, to_doc)
