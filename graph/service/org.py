"""Answers about the organisation: people, teams, facilities, institutions, reporting."""

from __future__ import annotations

from orggraph.graph.service.common import node, run, text
from orggraph.graph.service.models import (
    ChainLink,
    EntityRef,
    FacilityDetail,
    HeldRole,
    InstitutionDetail,
    Linked,
    MilestoneBrief,
    OrgChart,
    OrgChartRole,
    PersonDetail,
    RoleChain,
    RoleReports,
    TeamDetail,
    TeamRole,
)
from orggraph.graph.service.resolver import resolve
from orggraph.graph.service.shaping import as_float, evidence, holder, jsonable, linked, merge_links
from orggraph.graph.service.walk import walk
from orggraph.graph.stores.base import Store

#: the longest reporting chain followed upwards
MAX_CHAIN = 50
MAX_DEPTH = 10


def person(store: Store, ref: str | EntityRef) -> PersonDetail:
    """A person: roles with FTE and institution, teams, products, total FTE."""
    found = resolve(store, ref, "Person")
    stored = node(store, found)
    roles = [
        HeldRole(
            id=r["role_id"], label="Role", name=r["title"], wbs=jsonable(r.get("wbs")),
            fte=as_float(r.get("fte")), institution=r.get("institution"),
            teams=merge_links(linked(t, "Team") for t in r.get("team_refs") or [] if t),
            evidence=evidence(r.get("sources")),
        )
        for r in run(store, "person_roles", id=found.id)
    ]
    links: dict[str, list[Linked]] = {}
    for row in run(store, "person_links", id=found.id):
        links.setdefault(row["type"], []).append(linked(row))
    leads = merge_links(links.get("LEADS", []))
    teams = merge_links([*(t for r in roles for t in r.teams), *leads])
    return PersonDetail(
        person=found, aliases=stored["aliases"], roles=roles, teams=teams,
        leads=leads, manages=merge_links(links.get("MANAGES", [])),
        owns=merge_links(links.get("OWNS", [])),
        affiliations=merge_links(links.get("AFFILIATED_WITH", [])),
        reports_to=merge_links(links.get("REPORTS_TO", [])),
        total_fte=round(sum(r.fte or 0.0 for r in roles), 4),
        evidence=evidence(stored["sources"]),
    )


def team(store: Store, ref: str | EntityRef) -> TeamDetail:
    """A team: roles (an empty holder list is a vacancy), people, lead, milestones."""
    found = resolve(store, ref, "Team")
    stored = node(store, found)
    roles = [
        TeamRole(id=r["role_id"], label="Role", name=r["title"], wbs=jsonable(r.get("wbs")),
                 holders=[holder(h) for h in r.get("holders") or [] if h],
                 evidence=evidence(r.get("sources")))
        for r in run(store, "team_roles", id=found.id)
    ]
    people = merge_links(
        Linked(id=h.id, label="Person", name=h.name, evidence=h.evidence)
        for r in roles for h in r.holders
    )
    lead: list[Linked] = []
    milestones: list[MilestoneBrief] = []
    part_of: list[Linked] = []
    parts: list[Linked] = []
    for row in run(store, "team_links", id=found.id):
        if row["type"] == "LEADS":
            lead.append(linked(row))
        elif row["type"] == "RESPONSIBLE_FOR":
            milestones.append(MilestoneBrief(**linked(row).model_dump(), due=text(row["due"])))
        elif row["outgoing"]:
            part_of.append(linked(row))
        else:
            parts.append(linked(row))
    return TeamDetail(
        team=found, roles=roles, people=people, lead=merge_links(lead),
        milestones=milestones, part_of=merge_links(part_of), parts=merge_links(parts),
        evidence=evidence(stored["sources"]),
    )


def org_chart(store: Store, ref: str | EntityRef) -> OrgChart:
    """A team's roles, who holds each, and the roles each reports to; vacancies included."""
    detail = team(store, ref)
    above: dict[str, list[ChainLink]] = {}
    if detail.roles:
        for row in run(store, "role_chain_step", ids=[r.id for r in detail.roles]):
            above.setdefault(row["target"], []).append(_link(row, 1))
    roles = [OrgChartRole(**r.model_dump(), reports_to=above.get(r.id, []))
             for r in detail.roles]
    return OrgChart(team=detail.team, lead=detail.lead, roles=roles)


def facility(store: Store, ref: str | EntityRef) -> FacilityDetail:
    """A facility: what it hosts, its parts, the roles sited there."""
    found = resolve(store, ref, "Facility")
    stored = node(store, found)
    groups: dict[str, list[Linked]] = {"hosts": [], "part_of": [], "parts": [], "roles": []}
    for row in run(store, "facility_links", id=found.id):
        if row["type"] == "HOSTS":
            key = "hosts"
        elif row["type"] == "LOCATED_AT":
            key = "roles"
        else:
            key = "part_of" if row["outgoing"] else "parts"
        groups[key].append(linked(row))
    return FacilityDetail(
        facility=found, evidence=evidence(stored["sources"]),
        **{k: merge_links(v) for k, v in groups.items()},
    )


def institution(store: Store, ref: str | EntityRef) -> InstitutionDetail:
    """An institution: the people affiliated with it and the roles located at it."""
    found = resolve(store, ref, "Institution")
    stored = node(store, found)
    people: list[Linked] = []
    roles: list[Linked] = []
    for row in run(store, "institution_links", id=found.id):
        (people if row["type"] == "AFFILIATED_WITH" else roles).append(linked(row))
    return InstitutionDetail(institution=found, people=merge_links(people),
                             roles=merge_links(roles), evidence=evidence(stored["sources"]))


def _link(row: dict, level: int) -> ChainLink:  # type: ignore[type-arg]
    return ChainLink(id=row["id"], label="Role", name=row["name"], distance=level,
                     via=row["target"], holders=[holder(h) for h in row.get("holders") or [] if h],
                     evidence=evidence(row.get("sources")))


def _chain_links(store: Store, start: EntityRef, step: str, depth: int) -> list[ChainLink]:
    return [_link(reach.row, reach.level) for reach in walk(store, start.id, step, depth)]


def role_chain(store: Store, ref: str | EntityRef) -> RoleChain:
    """The reporting chain above a role, nearest first, up to the top."""
    found = resolve(store, ref, "Role")
    holders = [holder(h) for h in run(store, "role_holders", id=found.id)]
    return RoleChain(role=found, holders=holders,
                     chain=_chain_links(store, found, "role_chain_step", MAX_CHAIN))


def role_reports(store: Store, ref: str | EntityRef, depth: int = 3) -> RoleReports:
    """Who reports to a role, directly and (up to ``depth``) indirectly."""
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be between 1 and {MAX_DEPTH}, got {depth}")
    found = resolve(store, ref, "Role")
    return RoleReports(role=found, depth=depth,
                       reports=_chain_links(store, found, "role_reports_step", depth))
