"""What-if reassignment: what breaks when people leave their roles (read-only).

The facts come from the ``impact_*`` canned queries; this module only combines
them: who else holds a role, what a team had before, which products are left
without a manager, what depends on those (a breadth-first walk, one query per
step, so no variable-length path is ever enumerated), and how bad each finding is.

Severity, worst first:

- product: critical when its only manager leaves and ``CRITICAL_DEPENDENTS`` or more
  things depend on it; high when it loses its only manager; medium when it loses
  its only owner; low when someone else still manages or owns it;
- role: high when left vacant and it is a lead role (others report to it, or its
  title says lead/manager/...); medium when left vacant; low when others hold it;
- team: critical when every member leaves; high when it loses its lead or half its
  FTE (head count where no FTE is stated); medium from a quarter; low below;
- reporting line: high when someone is left without a line, medium otherwise;
- milestone: its team's severity, one step lower unless the team loses half or more.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from orggraph.cypher import default_registry
from orggraph.graph.analysis.models import (
    RANK,
    BrokenLine,
    Dependent,
    EvidenceItem,
    Finding,
    ImpactReport,
    MilestoneImpact,
    Part,
    ProductImpact,
    Ref,
    RoleLoss,
    Severity,
    TeamLoss,
    evidence,
    worst,
)
from orggraph.graph.service.products import MAX_DEPTH as WALK_MAX_DEPTH
from orggraph.graph.service.resolver import resolve
from orggraph.graph.service.walk import walk_many
from orggraph.graph.stores.base import Row, Store

#: a product with at least this many dependents that loses its only manager is critical
CRITICAL_DEPENDENTS = 3
#: how many DEPENDS_ON steps the walk follows from a product: the dependents route's deepest
MAX_DEPTH = WALK_MAX_DEPTH
_LEAD_WORDS = ("lead", "leader", "manager", "director", "head", "oversight", "coordinator")
_REL_NAMES = {"MANAGES": "manager", "OWNS": "owner"}


def _run(store: Store, name: str, **params: Any) -> list[Row]:
    return default_registry().run(store, name, **params)


def resolve_people(store: Store, refs: Iterable[str]) -> list[Ref]:
    """People by id, name or alias (ids take a fast path); RefNotFound/RefAmbiguous otherwise."""
    refs = [r.strip() for r in refs if r and r.strip()]
    ids = [r for r in refs if r.startswith("person:")]
    found = {row["id"]: row["name"] for row in _run(store, "impact_people", ids=ids)} if ids else {}
    people: dict[str, Ref] = {}
    for ref in refs:
        if ref in found:
            people.setdefault(ref, Ref(id=ref, name=found[ref], label="Person"))
            continue
        entity = resolve(store, ref, "Person")
        people.setdefault(entity.id, Ref(id=entity.id, name=entity.name, label="Person"))
    return list(people.values())


def team_members(store: Store, team: str) -> tuple[Ref, list[str]]:
    """The team ``team`` names and the ids of everyone holding a role in it or leading it."""
    entity = resolve(store, team, "Team")
    ids = sorted(r["id"] for r in _run(store, "impact_team_people", id=entity.id) if r["id"])
    return Ref(id=entity.id, name=entity.name, label="Team"), ids


def _ref(d: dict[str, Any], label: str = "") -> Ref:
    return Ref(id=d["id"], name=d.get("name") or d["id"], label=label)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _plain(items: list[Any] | None) -> list[Any]:
    return [i for i in items or [] if i is not None]


def _team_severity(fraction: float, emptied: bool, loses_lead: bool) -> Severity:
    if emptied:
        return Severity.critical
    if loses_lead or fraction >= 0.5:
        return Severity.high
    return Severity.medium if fraction >= 0.25 else Severity.low


def _milestone_severity(loss: TeamLoss) -> Severity:
    """One step below the team's, unless the team is emptied or loses half or more."""
    if loss.severity == Severity.critical or loss.fraction >= 0.5:
        return loss.severity
    return Severity.medium if loss.severity == Severity.high else Severity.low


def _is_lead(title: str) -> bool:
    words = title.lower().replace("/", " ").split()
    return any(w in _LEAD_WORDS for w in words)


def walk_dependents(
    store: Store, products: list[str], max_depth: int = MAX_DEPTH
) -> dict[str, list[Dependent]]:
    """Per product: everything that transitively DEPENDS_ON it.

    The walk of ``/products/{ref}/dependents`` (the one walk,
    :func:`graph.service.walk.walk_many`, with the same step query), all products at once,
    so impact, health and the dependents route agree on what depends on what.
    """
    walked = walk_many(store, products, "dependents_step", max_depth)
    out: dict[str, list[Dependent]] = {}
    for product, reaches in walked.items():
        deps = [
            Dependent(id=r.row["id"], label=r.row["label"], name=r.row["name"] or r.row["id"],
                      depth=r.level, via=r.row["target"], rel="DEPENDS_ON",
                      evidence=evidence(r.row["sources"]))
            for r in reaches
        ]
        out[product] = sorted(deps, key=lambda x: (x.depth, x.name))
    return out


def wholes(store: Store, products: list[str]) -> dict[str, list[Part]]:
    """Per product: the products it is PART_OF, nearest first (up the product tree)."""
    walked = walk_many(store, products, "part_of_step", MAX_DEPTH)
    return {
        product: [Part(id=r.row["id"], label=r.row["label"] or "Product",
                       name=r.row["name"] or r.row["id"], depth=r.level,
                       evidence=evidence(r.row["sources"])) for r in reaches]
        for product, reaches in walked.items()
    }


def person_impact(
    store: Store,
    refs: Sequence[str],
    *,
    to_role: str | None = None,
    to_team: str | None = None,
    team: str | None = None,
    max_depth: int = MAX_DEPTH,
) -> ImpactReport:
    """What breaks if the people ``refs`` (and, with ``team``, everyone in that team) move.

    ``to_role``/``to_team`` name where they go: roles in the destination are kept and
    the destination teams keep their FTE. Nothing is written to the store.
    """
    notes: list[str] = []
    people = resolve_people(store, refs)
    if team:
        team_ref, member_ids = team_members(store, team)
        people += [p for p in resolve_people(store, member_ids) if p not in people]
        notes.append(f"team {team_ref.name}: {len(member_ids)} people leaving")
    if not people:
        raise ValueError("name at least one person (or a team)")
    leaving = {p.id for p in people}
    names = {p.id: p.name for p in people}

    dest_role: Ref | None = None
    dest_team: Ref | None = None
    dest_teams: set[str] = set()
    if to_role:
        entity = resolve(store, to_role, "Role")
        dest_role = Ref(id=entity.id, name=entity.name, label="Role")
        for row in _run(store, "impact_role_teams", id=entity.id):
            dest_teams.update(t for t in row["teams"] if t)
            holders = {h for h in row["holders"] if h}
            if holders & leaving:
                notes.append(f"{entity.name} is already held by someone moving: kept")
            elif not holders:
                notes.append(f"{entity.name} has no holder: the move fills it")
    if to_team:
        entity = resolve(store, to_team, "Team")
        dest_team = Ref(id=entity.id, name=entity.name, label="Team")
        dest_teams.add(entity.id)

    # roles left, grouped per role
    holdings: list[Row] = []
    kept: list[Row] = []
    for h in _run(store, "impact_holdings", people=sorted(leaving)):
        stays = (dest_role and h["role_id"] == dest_role.id) or (
            dest_team and any(t and t["id"] == dest_team.id for t in h["teams"])
        )
        (kept if stays else holdings).append(h)
    # the staff-table lines of the roles kept and left: a team lead read from one of them
    # (same line) stays or goes with that role; otherwise it stays only in a destination team
    kept_lines = {(e.document, e.line) for h in kept for e in evidence(h["sources"])}
    left_lines = {(e.document, e.line) for h in holdings for e in evidence(h["sources"])}
    by_role: dict[str, list[Row]] = defaultdict(list)
    for h in holdings:
        by_role[h["role_id"]].append(h)
    vacated = sorted(r for r, hs in by_role.items() if not _plain(hs[0]["remaining"]))

    lines, subordinates = _broken_lines(store, vacated, leaving)

    roles: list[RoleLoss] = []
    unknown_fte = 0
    for role_id, hs in sorted(by_role.items()):
        first = hs[0]
        missing = sum(1 for h in hs if h["fte"] is None)
        unknown_fte += missing
        is_vacated = role_id in vacated
        title = first["role"] or role_id
        if is_vacated:
            lead = subordinates[role_id] > 0 or _is_lead(title)
            severity = Severity.high if lead else Severity.medium
        else:
            severity = Severity.low
        roles.append(RoleLoss(
            role=Ref(id=role_id, name=title, label="Role"),
            wbs=_as_list(first["wbs"]),
            teams=[_ref(t, "Team") for t in _plain(first["teams"])],
            leaving=[Ref(id=h["person_id"], name=h["person"], label="Person") for h in hs],
            fte_lost=round(sum(h["fte"] or 0.0 for h in hs), 4),
            fte_unknown=missing,
            vacated=is_vacated,
            remaining=[_ref(o, "Person") for o in _plain(first["remaining"])],
            subordinates=subordinates[role_id],
            severity=severity,
            evidence=[e for h in hs for e in evidence(h["sources"])],
        ))

    # teams: FTE and people lost, leads lost
    team_fte: dict[str, float] = defaultdict(float)
    team_people: dict[str, set[str]] = defaultdict(set)
    team_roles: dict[str, list[str]] = defaultdict(list)
    team_ev: dict[str, list[EvidenceItem]] = defaultdict(list)
    for h in holdings:
        for t in _plain(h["teams"]):
            if t["id"] in dest_teams:
                continue
            team_fte[t["id"]] += h["fte"] or 0.0
            team_people[t["id"]].add(h["person_id"])
            team_ev[t["id"]] += evidence(h["sources"])
            if h["role_id"] in vacated and h["role_id"] not in team_roles[t["id"]]:
                team_roles[t["id"]].append(h["role_id"])
    lost_lead: set[str] = set()
    for row in _run(store, "impact_leads", people=sorted(leaving)):
        lead_lines = {(e.document, e.line) for e in evidence(row["sources"])}
        stays = lead_lines & kept_lines or row["team_id"] in dest_teams
        if stays and not lead_lines & left_lines:
            continue
        team_ev[row["team_id"]] += evidence(row["sources"])
        team_people.setdefault(row["team_id"], set())
        if not _plain(row["remaining"]):
            lost_lead.add(row["team_id"])
    teams: list[TeamLoss] = []
    for row in _run(store, "impact_team_staff", teams=sorted(team_people)) if team_people else []:
        tid = row["id"]
        people_lost = len(team_people[tid])
        loss = TeamLoss(
            team=Ref(id=tid, name=row["name"] or tid, label="Team"),
            fte_before=round(row["fte"] or 0.0, 4),
            fte_lost=round(team_fte[tid], 4),
            people_before=row["people"] or 0,
            people_lost=people_lost,
            loses_lead=tid in lost_lead,
            roles_vacated=team_roles[tid],
            severity=Severity.low,
            evidence=team_ev[tid],
        )
        emptied = loss.people_before > 0 and people_lost >= loss.people_before
        loss.severity = _team_severity(loss.fraction, emptied, loss.loses_lead)
        teams.append(loss)
    teams.sort(key=lambda t: (RANK[t.severity], -t.fraction, t.team.name))
    team_by_id = {t.team.id: t for t in teams}

    products = _product_impacts(store, leaving, max_depth)

    # milestones of the teams that lose staff
    milestones: list[MilestoneImpact] = []
    hit = [t.team.id for t in teams if t.fte_lost > 0 or t.people_lost > 0 or t.loses_lead]
    for row in _run(store, "impact_milestones", teams=hit) if hit else []:
        loss = team_by_id[row["team_id"]]
        milestones.append(MilestoneImpact(
            milestone=Ref(id=row["id"], name=row["name"] or row["id"], label="Milestone"),
            due=row["due"], level=row["level"], jira_id=row["jira_id"], rubin_id=row["rubin_id"],
            team=loss.team, fte_lost=loss.fte_lost, people_lost=loss.people_lost,
            team_fraction_lost=round(loss.fraction, 4), severity=_milestone_severity(loss),
            evidence=evidence(row["sources"]) + loss.evidence[:3],
        ))
    milestones.sort(key=lambda m: (m.due is None, m.due or "", m.milestone.name))

    if not (holdings or products or lost_lead or lines):
        notes.append(
            "nothing breaks: " + ", ".join(names.values())
            + " hold no other role, manage or own no product and lead no team in the graph"
        )
    if unknown_fte:
        notes.append(f"{unknown_fte} role holding(s) state no FTE; counted as 0")
    ranking = _rank(roles, teams, products, lines, milestones)
    return ImpactReport(
        people=people, to_role=dest_role, to_team=dest_team,
        severity=worst([f.severity for f in ranking]),
        roles=roles, teams=teams, products=products, reporting_lines=lines,
        milestones=milestones, ranking=ranking, unknown_fte=unknown_fte, notes=notes,
    )


def _broken_lines(
    store: Store, vacated: list[str], leaving: set[str]
) -> tuple[list[BrokenLine], dict[str, int]]:
    """Lines into the vacated roles and to the people leaving; subordinate roles per role."""
    lines: list[BrokenLine] = []
    subordinates: dict[str, int] = defaultdict(int)
    for row in _run(store, "impact_reporting", roles=vacated) if vacated else []:
        subordinates[row["to_role_id"]] += 1
        stranded = [_ref(h, "Person") for h in _plain(row["holders"]) if h["id"] not in leaving]
        lines.append(BrokenLine(
            role=Ref(id=row["role_id"], name=row["role"] or row["role_id"], label="Role"),
            reports_to=Ref(id=row["to_role_id"], name=row["to_role"] or "", label="Role"),
            left_without_line=stranded,
            severity=Severity.high if stranded else Severity.medium,
            evidence=evidence(row["sources"]),
        ))
    for row in _run(store, "impact_person_reports", people=sorted(leaving)):
        if row["id"] in leaving:
            continue
        who = Ref(id=row["id"], name=row["name"], label="Person")
        lines.append(BrokenLine(
            role=who, reports_to=Ref(id=row["to_id"], name=row["to_name"], label="Person"),
            left_without_line=[who], severity=Severity.high, evidence=evidence(row["sources"]),
        ))
    return lines, subordinates


def _product_impacts(store: Store, leaving: set[str], max_depth: int) -> list[ProductImpact]:
    """Products the people manage or own: what they lose, what depends on them, the hosts."""
    prod_rows = _run(store, "impact_products", people=sorted(leaving))
    ids = [r["id"] for r in prod_rows]
    deps = walk_dependents(store, ids, max_depth) if ids else {}
    parts = wholes(store, ids) if ids else {}
    products: list[ProductImpact] = []
    for row in prod_rows:
        lost = row["lost"] or []
        remaining = _plain(row["remaining"])
        loses = sorted({_REL_NAMES[x["rel"]] for x in lost})
        still = {_REL_NAMES[x["rel"]] for x in remaining}
        orphaned = [x for x in loses if x not in still]
        dependents = deps.get(row["id"], [])
        if "manager" in orphaned:
            severity = (
                Severity.critical if len(dependents) >= CRITICAL_DEPENDENTS else Severity.high
            )
        else:
            severity = Severity.medium if orphaned else Severity.low
        products.append(ProductImpact(
            product=Ref(id=row["id"], name=row["name"] or row["id"], label="Product"),
            manager_status=row["manager_status"],
            loses=loses,
            orphaned=orphaned,
            leaving=list({x["person_id"]: Ref(id=x["person_id"], name=x["person"], label="Person")
                          for x in lost}.values()),
            remaining=[_ref(x, "Person") for x in remaining],
            dependents=dependents,
            part_of=parts.get(row["id"], []),
            hosts=[_ref(f, "Facility") for f in _plain(row["hosts"])],
            severity=severity,
            evidence=[e for x in lost for e in evidence(x["sources"])]
            + [e for f in _plain(row["hosts"]) for e in evidence(f["sources"])],
        ))
    return sorted(products, key=lambda p: (RANK[p.severity], -len(p.dependents), p.product.name))


def _rank(
    roles: list[RoleLoss],
    teams: list[TeamLoss],
    products: list[ProductImpact],
    lines: list[BrokenLine],
    milestones: list[MilestoneImpact],
) -> list[Finding]:
    """Every finding in one list, worst first (severity, then a per-kind score)."""
    out: list[Finding] = []
    for p in products:
        what = " and ".join(p.orphaned or p.loses)
        tail = f"; {len(p.dependents)} depend on it" if p.dependents else ""
        tail += f"; part of {', '.join(w.name for w in p.part_of)}" if p.part_of else ""
        verb = "loses its" if p.orphaned else "keeps someone as"
        out.append(Finding(kind="product", severity=p.severity, score=100 + len(p.dependents),
                           subject=p.product, summary=f"{p.product.name} {verb} {what}{tail}"))
    for r in roles:
        state = "left vacant" if r.vacated else "loses a holder"
        out.append(Finding(kind="role", severity=r.severity, score=10 * r.fte_lost + r.subordinates,
                           subject=r.role, summary=f"{r.role.name} {state} ({r.fte_lost:g} FTE)"))
    for t in teams:
        parts = [f"{t.fte_lost:g} of {t.fte_before:g} FTE ({t.people_lost} of {t.people_before}"
                 " people)"] if t.fte_lost or t.people_lost else []
        parts += ["its lead"] if t.loses_lead else []
        out.append(Finding(
            kind="team", severity=t.severity, score=100 * t.fraction, subject=t.team,
            summary=f"{t.team.name} loses {' and '.join(parts)}",
        ))
    for line in lines:
        who = ", ".join(p.name for p in line.left_without_line) or "nobody holds it"
        out.append(Finding(kind="reporting_line", severity=line.severity,
                           score=len(line.left_without_line), subject=line.role,
                           summary=f"{line.role.name} no longer reports to {line.reports_to.name}"
                           f" ({who})"))
    for m in milestones:
        out.append(Finding(kind="milestone", severity=m.severity,
                           score=100 * m.team_fraction_lost, subject=m.milestone,
                           summary=f"{m.milestone.name} (due {m.due or '?'}): {m.team.name} loses "
                           f"{m.fte_lost:g} FTE"))
    out.sort(key=lambda f: (RANK[f.severity], -f.score))  # stable: milestones stay soonest first
    return out
