"""Impact analysis on a small hand-built organisation and on the seeds (real embedded store)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from orggraph.graph.analysis import person_impact
from orggraph.graph.analysis.models import Severity
from orggraph.graph.model import DocumentGraph, Edge, Evidence, Node
from orggraph.graph.refs import RefAmbiguous, RefNotFound
from orggraph.graph.stores.falkordb_store import FalkorDBStore
from orggraph.graph.writer import setup_schema, write_document

DOC_A = "plan-2021.txt"
DOC_B = "plan-2023.txt"


class Doc:
    """A DocumentGraph written line by line: every fact gets its own line as evidence."""

    def __init__(self, name: str, handle: str, row_quotes: bool = False) -> None:
        self.graph = DocumentGraph(document=name, handle=handle, title=name, date="2021-01-01")
        self.line = 10
        self.row_quotes = row_quotes  # quote a role's row as its key cells, tab-separated

    def _ev(self, quote: str) -> list[Evidence]:
        self.line += 1
        return [Evidence(self.graph.document, self.line, quote)]

    def node(self, label: str, key: str, name: str, quote: str = "", aliases: tuple = (),
             **props: object) -> Doc:
        self.graph.nodes.append(Node(label, f"{label.lower()}:{key}", name, list(aliases),
                                     dict(props), self._ev(quote or name)))  # type: ignore[arg-type]
        return self

    def edge(self, type_: str, source: str, target: str, quote: str = "", **props: object) -> Doc:
        self.graph.edges.append(Edge(type_, source, target, dict(props),  # type: ignore[arg-type]
                                     self._ev(quote or f"{source} {type_} {target}")))
        return self

    def role(self, key: str, title: str, wbs: str, team: str | None, desc: str = "A role.",
             **props: object) -> Doc:
        quote = f"{wbs}\t{title}" if self.row_quotes else wbs
        self.node("Role", key, title, quote=quote, wbs=[wbs], description=desc, **props)
        if team:
            self.edge("MEMBER_OF", f"role:{key}", f"team:{team}", quote=quote)
        return self

    def holds(self, person: str, role: str, fte: float) -> Doc:
        return self.edge("HOLDS", f"person:{person}", f"role:{role}", quote=person, fte=fte)


def plan_2021() -> DocumentGraph:
    """Two teams, a reporting cycle, an over-committed person, products with dependents."""
    d = Doc(DOC_A, "PLAN-21")
    d.node("Team", "data-services", "Data Services").node("Team", "middleware", "Middleware")
    d.role("ds-lead", "Data Services Lead", "1.1a", "data-services")
    d.role("db-engineer", "Database Engineer", "1.1b", "data-services")
    d.role("tester", "Tester", "1.1c", "data-services", vacancies=2)
    d.role("mw-lead", "Middleware Lead", "1.2a", "middleware", desc="To be written!")
    d.role("mw-engineer", "Middleware Engineer", "1.2b", "middleware")
    d.role("coord-a", "Coordinator A", "1.3a", None).role("coord-b", "Coordinator B", "1.3b", None)
    d.edge("REPORTS_TO", "role:db-engineer", "role:ds-lead", quote="reports to the DS Lead")
    d.edge("REPORTS_TO", "role:mw-engineer", "role:mw-lead", quote="reports to the MW Lead")
    d.edge("REPORTS_TO", "role:coord-a", "role:coord-b", quote="A reports to B")
    d.edge("REPORTS_TO", "role:coord-b", "role:coord-a", quote="B reports to A")
    for key, name in [("alice", "Alice Archer"), ("fritz", "Fritz Mueller"), ("bob", "Bob Baker"),
                      ("carol", "Carol Cole"), ("dan", "Dan Dunn"), ("erin", "Erin Earl"),
                      ("gina", "Gina Gold")]:
        d.node("Person", key, name)
    d.node("Person", "jo-smith", "Jo Smith", aliases=("J. Smith",))
    d.node("Person", "jon-smith", "Jon Smith", aliases=("J. Smith",))
    d.holds("alice", "ds-lead", 1.0).holds("fritz", "db-engineer", 0.75)
    d.holds("bob", "db-engineer", 0.5).holds("carol", "mw-lead", 0.6)
    d.holds("carol", "mw-engineer", 0.6).holds("dan", "mw-engineer", 0.4)
    d.holds("erin", "coord-a", 0.3).holds("erin", "coord-b", 0.3).holds("erin", "mw-engineer", 0.2)
    d.edge("LEADS", "person:alice", "team:data-services", quote="Alice leads Data Services")
    d.edge("REPORTS_TO", "person:gina", "person:fritz", quote="Gina reports to Fritz")
    for key, name, status in [("qserv", "Qserv", "named"), ("big-db", "Big Databases", "named"),
                              ("ingest", "Ingest", "named"), ("replicator", "Replicator", "named"),
                              ("butler", "Butler", "named"), ("felis", "Felis", "TBD")]:
        d.node("Product", key, name, manager_status=status, in_product_table=True)
    d.node("Product", "tap", "TAP").node("Product", "portal", "Portal")
    for product in ("qserv", "big-db", "ingest", "replicator"):
        d.edge("MANAGES", "person:fritz", f"product:{product}", quote="Fritz Mueller")
    d.edge("OWNS", "person:alice", "product:big-db", quote="Y (Alice)")
    d.edge("OWNS", "person:fritz", "product:replicator", quote="Y (Fritz)")
    d.edge("MANAGES", "person:carol", "product:butler", quote="Carol Cole")
    d.edge("OWNS", "person:dan", "product:butler", quote="Y (Dan)")
    d.edge("DEPENDS_ON", "product:tap", "product:qserv", quote="TAP needs Qserv")
    d.edge("DEPENDS_ON", "product:portal", "product:tap", quote="the Portal uses TAP")
    d.edge("PART_OF", "product:qserv", "product:big-db", quote="Qserv under Big Databases")
    d.node("Facility", "usdf", "USDF")
    for product in ("qserv", "tap", "portal"):
        d.edge("HOSTS", "facility:usdf", f"product:{product}", quote=f"USDF runs {product}")
    d.node("Milestone", "portal-ready", "Portal ready", due="2021-06-30", level=3)
    d.node("Milestone", "qserv-installed", "Qserv installed", due="2021-03-31", level=3)
    d.node("Milestone", "early-access", "Early access", due="2021-01-31", level=2)
    d.edge("DEPENDS_ON", "milestone:portal-ready", "product:portal", quote="Portal")
    d.edge("RESPONSIBLE_FOR", "team:data-services", "milestone:qserv-installed", quote="DS")
    d.edge("RESPONSIBLE_FOR", "team:data-services", "milestone:early-access", quote="DS")
    d.edge("RESPONSIBLE_FOR", "team:middleware", "milestone:portal-ready", quote="MW")
    return d.graph


def plan_2023() -> DocumentGraph:
    """Two years on: Fritz leads Qserv, WBS renumbered, Middleware renamed, Butler's manager new."""
    d = Doc(DOC_B, "PLAN-23", row_quotes=True)
    d.node("Team", "data-services", "Data Services")
    d.node("Team", "pipeline-middleware", "Pipeline Middleware")
    d.role("ds-lead", "Data Services Lead", "2.1a", "data-services")
    d.role("db-engineer", "Database Engineer", "2.1b", "data-services")
    d.role("qserv-lead", "Qserv Lead", "2.1c", "data-services")
    d.role("mw-engineer", "Middleware Engineer", "1.2b", "pipeline-middleware")
    for key, name in [("alice", "Alice Archer"), ("fritz", "Fritz Mueller"), ("bob", "Bob Baker"),
                      ("dan", "Dan Dunn"), ("hank", "Hank Hill")]:
        d.node("Person", key, name)
    d.holds("alice", "ds-lead", 1.0).holds("fritz", "qserv-lead", 1.0)
    d.holds("bob", "db-engineer", 1.0).holds("dan", "mw-engineer", 1.0)
    d.node("Product", "qserv", "Qserv", manager_status="named", in_product_table=True)
    d.node("Product", "butler", "Butler", manager_status="named", in_product_table=True)
    d.edge("MANAGES", "person:fritz", "product:qserv", quote="Fritz Mueller")
    d.edge("MANAGES", "person:hank", "product:butler", quote="Hank Hill")
    d.edge("OWNS", "person:dan", "product:butler", quote="Y (Dan)")
    return d.graph


def write_store(path: Path, *graphs: DocumentGraph) -> Path:
    with FalkorDBStore(path) as db:
        setup_schema(db)
        for g in graphs:
            write_document(db, g)
    return path


@pytest.fixture(scope="session")
def org_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Data directory of an embedded store holding plan-2021 only."""
    return write_store(tmp_path_factory.mktemp("org") / "data", plan_2021())


@pytest.fixture
def org(org_dir: Path) -> Iterator[FalkorDBStore]:
    db = FalkorDBStore(org_dir)
    try:
        yield db
    finally:
        db.close()


def by_id(items: list, attr: str) -> dict:
    return {getattr(i, attr).id: i for i in items}


def test_the_manager_of_qserv_breaks_qserv_and_what_depends_on_it(org: FalkorDBStore) -> None:
    report = person_impact(org, ["Fritz Mueller"])
    products = by_id(report.products, "product")
    qserv = products["product:qserv"]
    assert qserv.orphaned == ["manager"] and qserv.severity == Severity.critical
    assert [(d.name, d.depth, d.rel) for d in qserv.dependents] == [
        ("Big Databases", 1, "PART_OF"), ("TAP", 1, "DEPENDS_ON"), ("Portal", 2, "DEPENDS_ON"),
        ("Portal ready", 3, "DEPENDS_ON")]
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
