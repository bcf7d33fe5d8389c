"""Impact analysis on a small hand-built organisation and on the seeds (real embedded store)."""

from __future__ import annotations

import time

import pytest
from orggraph.graph.analysis import person_impact
from orggraph.graph.analysis.models import Severity
from orggraph.graph.refs import RefAmbiguous, RefNotFound
from orggraph.graph.stores.falkordb_store import FalkorDBStore

from tests.support.analysis_plans import DOC_A


def by_id(items: list, attr: str) -> dict:
    return {getattr(i, attr).id: i for i in items}


def test_the_manager_of_qserv_breaks_qserv_and_what_depends_on_it(org: FalkorDBStore) -> None:
    report = person_impact(org, ["Fritz Mueller"])
    products = by_id(report.products, "product")
    qserv = products["product:qserv"]
    assert qserv.orphaned == ["manager"] and qserv.severity == Severity.critical
    # what depends on it: the walk of /products/{ref}/dependents; the whole it is part of
    # is listed apart
    assert [(d.name, d.depth) for d in qserv.dependents] == [
        ("TAP", 1), ("Portal", 2), ("Portal ready", 3)]
    assert [(w.name, w.depth) for w in qserv.part_of] == [("Big Databases", 1)]
    assert qserv.part_of[0].evidence[0].quote == "Qserv under Big Databases"
    assert [h.name for h in qserv.hosts] == ["USDF"]
    assert {(e.document, e.quote) for e in qserv.evidence} >= {
        (DOC_A, "Fritz Mueller"), (DOC_A, "USDF runs qserv")}
    assert all(d.evidence and d.evidence[0].document == DOC_A for d in qserv.dependents)
    # Big Databases keeps its owner, so it loses only its manager: high, not critical
    big = products["product:big-db"]
    assert big.loses == ["manager"] and [r.name for r in big.remaining] == ["Alice Archer"]
    assert big.severity == Severity.high
    assert report.ranking[0].subject.id == "product:qserv"
    assert report.severity == Severity.critical


def test_fte_lost_per_role_and_team_when_others_still_hold_the_role(org: FalkorDBStore) -> None:
    report = person_impact(org, ["person:fritz"])
    (role,) = report.roles
    assert role.role.id == "role:db-engineer" and not role.vacated
    assert role.fte_lost == 0.75 and [p.name for p in role.remaining] == ["Bob Baker"]
    assert role.severity == Severity.low and role.evidence[0].quote == "fritz"
    (team,) = report.teams
    assert (team.team.id, team.fte_before, team.fte_lost) == ("team:data-services", 2.25, 0.75)
    assert (team.people_before, team.people_lost, team.loses_lead) == (3, 1, False)
    assert team.severity == Severity.medium  # a third of the team's FTE


def test_milestones_of_the_team_soonest_first(org: FalkorDBStore) -> None:
    report = person_impact(org, ["Fritz Mueller"])
    assert [(m.milestone.name, m.due) for m in report.milestones] == [
        ("Early access", "2021-01-31"), ("Qserv installed", "2021-03-31")]
    assert all(m.team.id == "team:data-services" and m.fte_lost == 0.75 for m in report.milestones)
    assert report.milestones[0].evidence[0].quote == "DS"


def test_a_person_reporting_to_the_person_loses_the_line(org: FalkorDBStore) -> None:
    lines = person_impact(org, ["Fritz Mueller"]).reporting_lines
    assert [(x.role.name, x.reports_to.name, x.severity) for x in lines] == [
        ("Gina Gold", "Fritz Mueller", Severity.high)]
    assert lines[0].evidence[0].quote == "Gina reports to Fritz"


def test_vacating_a_lead_role_cuts_reporting_lines_and_the_team_lead(org: FalkorDBStore) -> None:
    report = person_impact(org, ["Alice Archer"])
    (role,) = report.roles
    assert role.vacated and role.subordinates == 1 and role.severity == Severity.high
    (line,) = report.reporting_lines
    assert (line.role.id, line.reports_to.id) == ("role:db-engineer", "role:ds-lead")
    assert sorted(p.name for p in line.left_without_line) == ["Bob Baker", "Fritz Mueller"]
    (team,) = report.teams
    assert team.loses_lead and team.severity == Severity.high
    assert any(e.quote == "Alice leads Data Services" for e in team.evidence)
    big = by_id(report.products, "product")["product:big-db"]
    assert big.orphaned == ["owner"] and big.severity == Severity.medium


def test_several_people_together_vacate_a_shared_role(org: FalkorDBStore) -> None:
    report = person_impact(org, ["Fritz Mueller", "Bob Baker"])
    role = by_id(report.roles, "role")["role:db-engineer"]
    assert role.vacated and role.fte_lost == 1.25 and role.remaining == []
    assert sorted(p.name for p in role.leaving) == ["Bob Baker", "Fritz Mueller"]


def test_a_whole_team_leaving_empties_it(org: FalkorDBStore) -> None:
    report = person_impact(org, [], team="Data Services")
    assert sorted(p.name for p in report.people) == ["Alice Archer", "Bob Baker", "Fritz Mueller"]
    (team,) = report.teams
    assert team.people_lost == 3 and team.severity == Severity.critical
    assert report.severity == Severity.critical
    assert {r.role.id for r in report.roles if r.vacated} == {"role:ds-lead", "role:db-engineer"}


def test_moving_within_the_destination_team_keeps_its_roles_and_fte(org: FalkorDBStore) -> None:
    report = person_impact(org, ["Fritz Mueller"], to_team="Data Services")
    assert report.to_team is not None and report.to_team.id == "team:data-services"
    assert report.roles == [] and report.teams == [] and report.milestones == []
    assert {p.product.id for p in report.products} == {
        "product:qserv", "product:big-db", "product:ingest", "product:replicator"}
    moved = person_impact(org, ["Carol Cole"], to_role="Middleware Engineer")
    assert [r.role.id for r in moved.roles] == ["role:mw-lead"]
    assert moved.teams == []  # the destination role is in the same team
    assert not any("fills it" in n for n in moved.notes)  # Dan and Erin hold it too
    filled = person_impact(org, ["Bob Baker"], to_role="Tester")
    assert "Tester has no holder: the move fills it" in filled.notes
    assert [(t.team.id, t.fte_lost) for t in filled.teams] == []  # Tester is in Bob's team


def test_moving_into_a_role_already_held_keeps_the_lead_read_from_it(
    org: FalkorDBStore,
) -> None:
    report = person_impact(org, ["Alice Archer"], to_role="Data Services Lead")
    assert "Data Services Lead is already held by someone moving: kept" in report.notes
    assert report.roles == [] and report.teams == [] and report.reporting_lines == []


def test_impact_writes_nothing(org: FalkorDBStore) -> None:
    before = org.read("MATCH (n) RETURN count(n) AS n")[0]["n"], org.read(
        "MATCH ()-[e]->() RETURN count(e) AS n")[0]["n"]
    person_impact(org, ["Alice Archer", "Fritz Mueller"], to_role="Tester")
    after = org.read("MATCH (n) RETURN count(n) AS n")[0]["n"], org.read(
        "MATCH ()-[e]->() RETURN count(e) AS n")[0]["n"]
    assert before == after


def test_a_person_with_nothing_to_lose_gets_a_note(org: FalkorDBStore) -> None:
    report = person_impact(org, ["Gina Gold"])
    assert report.severity is None and report.ranking == []
    assert report.notes and "nothing breaks" in report.notes[0]


def test_bad_references_raise_the_shared_errors(org: FalkorDBStore) -> None:
    with pytest.raises(RefNotFound) as info:
        person_impact(org, ["Fritz Muller"])
    assert "Fritz Mueller" in info.value.suggestions
    with pytest.raises(RefAmbiguous):
        person_impact(org, ["J. Smith"])
    with pytest.raises(RefNotFound):
        person_impact(org, ["Fritz Mueller"], to_role="No Such Role")
    with pytest.raises(ValueError, match="at least one person"):
        person_impact(org, [])


# --- the seeds ----------------------------------------------------------------------------


def test_seed_impact_of_the_qserv_manager_lists_qserv_and_its_dependents(
    seeded: FalkorDBStore,
) -> None:
    report = person_impact(seeded, ["Fritz Mueller"])
    qserv = by_id(report.products, "product")["product:qserv"]
    assert "manager" in qserv.orphaned
    names = {d.name for d in qserv.dependents}
    assert "TAP" in names and "Qserv installation on IDF" in names
    assert {h.name for h in qserv.hosts} >= {"IDF"}
    assert all(e.document == "rtn-046-dm-operations-plan.txt" for e in qserv.evidence[:1])
    assert report.ranking[0].subject.id == "product:qserv"


def test_seed_a_lead_read_from_a_staff_row_goes_or_stays_with_that_role(
    seeded: FalkorDBStore,
) -> None:
    # Yusra leads Algorithms and Pipelines (read from her 'Lead of Algorithms and Pipelines'
    # row) and Data Release Pipeline (read from her 'Data Release Pipeline Group Leader' row)
    report = person_impact(seeded, ["Yusra AlSayyad"], to_role="Data Release Pipeline Group Leader")
    assert [r.role.name for r in report.roles] == ["Lead of Algorithms and Pipelines"]
    assert [t.team.name for t in report.teams if t.loses_lead] == ["Algorithms and Pipelines"]


def test_seed_impact_of_any_one_person_is_fast(seeded: FalkorDBStore) -> None:
    ids = [r["id"] for r in seeded.read("MATCH (p:Person) RETURN p.id AS id ORDER BY id")]
    assert len(ids) > 20
    slowest = 0.0
    for pid in ids:
        best = min(_timed(seeded, pid) for _ in range(3))  # best of three: a shared machine
        slowest = max(slowest, best)
    assert slowest < 0.050, f"slowest impact took {slowest * 1000:.1f} ms"


def _timed(store: FalkorDBStore, pid: str) -> float:
    started = time.perf_counter()
    person_impact(store, [pid])
    return time.perf_counter() - started
