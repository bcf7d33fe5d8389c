"""Every health rule and every diff category on three small plans in the seeds' form,
loaded by the real loaders; each expected entity and count was counted by hand from
``tests/fixtures/analysis/`` (the comments say how).

- ``harbour-2021.txt``: a milestones table and a staff table (WBS, team, role, description,
  institution, FTE, staff), like the DP0 plan;
- ``harbour-2022.txt``: a staff table only;
- ``harbour-2023.txt``: role tables without a staff column, a products table (manager,
  owner), facility prose, like the operations plan.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from orggraph.api.app import create_app
from orggraph.graph.analysis import document_diff, org_health, person_impact
from orggraph.graph.analysis.models import DiffItem, DocumentDiff, HealthReport, RuleResult
from orggraph.graph.service import dependents
from orggraph.graph.service.load import load_paths
from orggraph.graph.settings import Settings
from orggraph.graph.stores.falkordb_store import FalkorDBStore

FIXTURES = Path(__file__).parent / "fixtures" / "analysis"
A, B, C = "harbour-2021.txt", "harbour-2023.txt", "harbour-2022.txt"


@pytest.fixture(scope="module")
def harbour_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("harbour") / "data"
    with FalkorDBStore(data) as db:
        run = load_paths(db, sorted(FIXTURES.glob("*.txt")))
    assert run.ok, run.failures
    return data


@pytest.fixture
def harbour(harbour_dir: Path) -> Iterator[FalkorDBStore]:
    db = FalkorDBStore(harbour_dir)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def report(harbour: FalkorDBStore) -> HealthReport:
    return org_health(harbour)


def rule(report: HealthReport, name: str) -> RuleResult:
    (found,) = [r for r in report.rules if r.rule == name]
    return found


def flagged(report: HealthReport, name: str) -> tuple[list[str], int, int]:
    """(names flagged, out of how many checked, how many not checked)."""
    r = rule(report, name)
    assert r.count == len(r.entities)
    return sorted(e.name for e in r.entities), r.total, r.unchecked


# --- health: one test per rule -----------------------------------------------------------


def test_products_with_no_manager(report: HealthReport) -> None:
    # five rows in the 2023 products table; Ingest Service's manager is TBD
    assert flagged(report, "product_no_manager") == (["Ingest Service"], 5, 0)
    (e,) = rule(report, "product_no_manager").entities
    assert e.detail == "manager: TBD" and e.evidence[0].document == B


def test_products_with_a_manager_and_no_owner(report: HealthReport) -> None:
    # four products have a manager; only the Query Portal has an owner (Y (Cara Reed))
    assert flagged(report, "product_no_owner") == (
        ["Archive Store", "Catalogue DB", "Outreach Site"], 4, 0)


def test_vacant_roles_only_where_holders_are_named(report: HealthReport) -> None:
    # the staff tables (2021, 2022) list 8 roles; Query Tester's staff cell is TBD.
    # Data Steward is listed only in the 2023 role table, which names no holders: it is
    # not called vacant, it is counted as not checked
    assert flagged(report, "vacant_roles") == (["Query Tester"], 8, 1)
    r = rule(report, "vacant_roles")
    assert r.entities[0].data["vacancies"] == 1 and "1 not checked" in r.note


def test_roles_with_no_description(report: HealthReport) -> None:
    # 9 roles listed; Data Steward says 'To be written!'; Query Tester's placeholder of
    # 2021 is answered by the 2023 table's description
    assert flagged(report, "role_no_description") == (["Data Steward"], 9, 0)


def test_fte_is_added_up_per_document(report: HealthReport, harbour: FalkorDBStore) -> None:
    # 2021: Cara 0.50 + 0.80 + 0.30, Ben 0.75 + 0.40; six people hold roles.  Gil holds
    # 0.50 in 2021 and 0.75 in 2022: two plans, not one workload of 1.25
    assert flagged(report, "overcommitted") == (["Ben Marsh", "Cara Reed"], 6, 0)
    by_name = {e.name: e for e in rule(report, "overcommitted").entities}
    assert by_name["Cara Reed"].detail == f"1.6 FTE over 3 role(s) in {A}"
    assert by_name["Ben Marsh"].data["fte"] == pytest.approx(1.15)
    assert {e.document for e in by_name["Cara Reed"].evidence} == {A}
    assert rerun(harbour, "overcommitted", max_fte=1.6) == []
    assert rerun(harbour, "overcommitted", max_fte=1.5) == ["Cara Reed"]


def rerun(store: FalkorDBStore, name: str, **params: float) -> list[str]:
    """The names one rule flags with other parameters."""
    return sorted(e.name for e in rule(org_health(store, [name], **params), name).entities)  # type: ignore[arg-type]


def test_many_roles_per_document(report: HealthReport, harbour: FalkorDBStore) -> None:
    # Cara holds three roles in 2021; nobody else more than two in one document
    assert flagged(report, "many_roles") == (["Cara Reed"], 6, 0)
    # two each: Ben in 2021 (and Gil across 2021 and 2022, one per document: not flagged)
    assert rerun(harbour, "many_roles", max_roles=1) == ["Ben Marsh", "Cara Reed"]


def test_single_points_of_failure(report: HealthReport) -> None:
    # the facility alone hosts three products; Ben manages three, but the Query Portal
    # also has an owner, so he is sole for two.  Checked: Ben, Ada, Cara, the facility
    assert flagged(report, "single_points") == (["Harbour Data Facility"], 4, 0)
    (e,) = rule(report, "single_points").entities
    # the Query Portal depends on the Catalogue DB: both hosted there, counted once
    assert sorted(e.data["names"]) == ["Archive Store", "Catalogue DB", "Query Portal"]
    assert e.data["dependents"] == []


def test_teams_with_no_lead(report: HealthReport) -> None:
    # teams of the staffed plans: Catalogue Services (led by its Catalogue Lead, Ada),
    # Archive Operations, Survey Tools, Pipelines, and Outreach (a milestone's team)
    assert flagged(report, "team_no_lead") == (
        ["Archive Operations", "Outreach", "Pipelines", "Survey Tools"], 5, 0)


def test_reporting_cycles(report: HealthReport) -> None:
    # Archive Scientist reports to Archive Engineer and back; three roles report to someone
    assert flagged(report, "reporting_cycles") == (["Archive Engineer"], 3, 0)
    (cycle,) = rule(report, "reporting_cycles").entities
    assert cycle.detail == "Archive Engineer -> Archive Scientist -> Archive Engineer"
    assert all("Reports to the Archive" in ev.quote for ev in cycle.evidence)


def test_the_report_adds_up(report: HealthReport) -> None:
    assert report.flagged == 1 + 3 + 1 + 1 + 2 + 1 + 1 + 4 + 1


# --- diff: every category, with and without a staff table on both sides ------------------


def items(diff: DocumentDiff, section: str) -> list[tuple[str, str, list[str], list[str]]]:
    found: list[DiffItem] = getattr(diff, section)
    assert diff.summary[section] == len(found)
    return sorted((i.name, i.change, i.before.values, i.after.values) for i in found)


@pytest.fixture
def staffed(harbour: FalkorDBStore) -> DocumentDiff:
    """2021 -> 2022: both are staff tables."""
    return document_diff(harbour, A, C)


@pytest.fixture
def unstaffed(harbour: FalkorDBStore) -> DocumentDiff:
    """2021 -> 2023: the later plan has role tables without staff, and products."""
    return document_diff(harbour, A, "HSO-012")


def test_roles_people_hold_compared_between_staff_tables(staffed: DocumentDiff) -> None:
    assert items(staffed, "people_roles") == [
        ("Ben Marsh", "changed", ["Archive Engineer", "Catalogue Engineer"],
         ["Catalogue Engineer"]),
        ("Cara Reed", "changed", ["Archive Scientist", "Catalogue Engineer", "Storage Planner"],
         ["Archive Scientist"]),
        ("Gil Fox", "changed", ["Tools Developer"], ["Archive Engineer"]),
    ]
    gil = next(i for i in staffed.people_roles if i.name == "Gil Fox")
    assert {e.document for e in gil.before.evidence} == {A}
    assert {e.document for e in gil.after.evidence} == {C}


def test_people_roles_teams_and_wbs_between_staff_tables(staffed: DocumentDiff) -> None:
    assert items(staffed, "people") == [
        ("Eli Dunn", "removed", ["Eli Dunn"], []), ("Hal Moss", "added", [], ["Hal Moss"])]
    assert items(staffed, "roles") == [
        ("Pipeline Scientist", "added", [], ["Pipeline Scientist"]),
        ("Query Tester", "removed", ["Query Tester"], []),
        ("Storage Planner", "removed", ["Storage Planner"], []),
        ("Tools Developer", "removed", ["Tools Developer"], []),
    ]
    assert items(staffed, "teams") == [
        ("Pipelines", "added", [], ["Pipelines"]),
        ("Survey Tools", "removed", ["Survey Tools"], []),
    ]
    assert items(staffed, "wbs") == [("Archive Engineer", "changed", ["2.2b"], ["2.4b"])]
    # Outreach is only a milestone's team, and the 2022 plan has no milestones table
    assert items(staffed, "not_compared") == [("Outreach", "not compared", ["Outreach"], [])]
    assert items(staffed, "product_managers") == []
    assert len(staffed.notes) == 3 and "manager not compared" in staffed.notes[0]


def test_a_plan_without_staff_compares_no_holdings(unstaffed: DocumentDiff) -> None:
    # the 2023 plan names nobody in its role tables: nobody's roles "changed to nothing"
    assert items(unstaffed, "people_roles") == []
    assert f"{B} state(s) no role holdings (HOLDS) of their own: roles not compared" \
        in unstaffed.notes
    # the people only the 2021 staff table names are not "removed"
    assert items(unstaffed, "people") == []
    assert items(unstaffed, "not_compared") == [
        ("Eli Dunn", "not compared", ["Eli Dunn"], []),
        ("Gil Fox", "not compared", ["Gil Fox"], []),
        ("Outreach", "not compared", ["Outreach"], []),
    ]
    eli = next(i for i in unstaffed.not_compared if i.name == "Eli Dunn")
    assert eli.field == f"only in {A}; {B} states no AFFILIATED_WITH, HOLDS facts of its own"


def test_roles_teams_and_wbs_against_a_plan_without_staff(unstaffed: DocumentDiff) -> None:
    assert items(unstaffed, "roles") == [
        ("Data Steward", "added", [], ["Data Steward"]),
        ("Storage Planner", "removed", ["Storage Planner"], []),
        ("Tools Developer", "removed", ["Tools Developer"], []),
    ]
    assert items(unstaffed, "teams") == [("Survey Tools", "removed", ["Survey Tools"], [])]
    # the same field each side: each document's own WBS codes, renumbered 2.x -> 3.x
    assert items(unstaffed, "wbs") == [
        ("Archive Engineer", "changed", ["2.2b"], ["3.2b"]),
        ("Archive Scientist", "changed", ["2.2a"], ["3.2a"]),
        ("Catalogue Engineer", "changed", ["2.1b"], ["3.1b"]),
        ("Catalogue Lead", "changed", ["2.1a"], ["3.1a"]),
        ("Query Tester", "changed", ["2.1c"], ["3.1c"]),
    ]
    lead = next(i for i in unstaffed.wbs if i.name == "Catalogue Lead")
    assert [e.quote.split("\t")[0] for e in lead.after.evidence] == ["3.1a"]
    # the 2021 plan names no product managers: not compared, and said so
    assert items(unstaffed, "product_managers") == []
    assert f"{A} state(s) no product managers (MANAGES) of their own: manager not compared" \
        in unstaffed.notes


def test_product_managers_compared_where_both_name_them(tmp_path: Path) -> None:
    """A 2024 products table: the Catalogue DB gets a new manager, the Outreach Site an owner."""
    later = (FIXTURES / "harbour-2023.txt").read_text().replace(
        "<b>Catalogue DB</b>\tBen Marsh", "<b>Catalogue DB</b>\tAda Quill").replace(
        "<b>Outreach Site</b>\tAda Quill\t", "<b>Outreach Site</b>\tAda Quill\tY (Ben Marsh)")
    (tmp_path / "harbour-2024.txt").write_text(later.replace("HSO-012", "HSO-013"))
    with FalkorDBStore(tmp_path / "data") as db:
        assert load_paths(db, [FIXTURES / B, tmp_path / "harbour-2024.txt"]).ok
        diff = document_diff(db, "HSO-012", "HSO-013")
    assert items(diff, "product_managers") == [
        ("Catalogue DB", "changed", ["Ben Marsh"], ["Ada Quill"]),
        ("Outreach Site", "added", [], ["Ben Marsh"]),
    ]
    assert [i.field for i in sorted(diff.product_managers, key=lambda i: i.name)] == [
        "manager", "owner"]
    assert diff.notes == [f"{B} and harbour-2024.txt state(s) no role holdings (HOLDS) of "
                          "their own: roles not compared"]
    assert sum(diff.summary.values()) == 2


# --- impact and dependents: one answer ----------------------------------------------------


def test_impact_and_dependents_agree(harbour: FalkorDBStore) -> None:
    # the Query Portal depends on the Catalogue DB, which Ben manages alone
    walk = dependents(harbour, "Catalogue DB", depth=10)
    report = person_impact(harbour, ["Ben Marsh"])
    catalogue = next(p for p in report.products if p.product.name == "Catalogue DB")
    assert [d.id for d in catalogue.dependents] == [i.id for i in walk.items]
    assert [d.name for d in catalogue.dependents] == ["Query Portal"]
    client = TestClient(create_app(Settings(), harbour))
    client.app.state.store = harbour  # type: ignore[attr-defined]
    route = client.get("/products/Catalogue DB/dependents", params={"depth": 10}).json()
    assert [i["id"] for i in route["items"]] == [d.id for d in catalogue.dependents]
