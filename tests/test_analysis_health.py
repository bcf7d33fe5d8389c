"""Organisation health rules on the hand-built organisation and on the seeds."""

from __future__ import annotations

import pytest
from orggraph.cypher import default_registry
from orggraph.graph.analysis import RULE_NAMES, org_health
from orggraph.graph.analysis.models import HealthReport, RuleResult, Severity
from orggraph.graph.stores.falkordb_store import FalkorDBStore

from tests.support.analysis_plans import DOC_A


def rule(report: HealthReport, name: str) -> RuleResult:
    (result,) = [r for r in report.rules if r.rule == name]
    return result


def flagged(report: HealthReport, name: str) -> list[str]:
    return sorted(e.id for e in rule(report, name).entities)


@pytest.fixture
def report(org: FalkorDBStore) -> HealthReport:
    return org_health(org)


def test_every_rule_has_a_result_and_a_count_query() -> None:
    registry = default_registry()
    for name in RULE_NAMES:
        assert registry.get(f"health_{name}").description
        assert registry.get(f"health_{name}_total").description


def test_products_without_manager_and_without_owner(report: HealthReport) -> None:
    no_manager = rule(report, "product_no_manager")
    assert flagged(report, "product_no_manager") == ["product:felis"]
    assert no_manager.total == 6  # the products listed with a manager column
    assert no_manager.entities[0].detail == "manager: TBD"
    assert no_manager.entities[0].evidence[0].document == DOC_A
    assert flagged(report, "product_no_owner") == ["product:ingest", "product:qserv"]
    assert rule(report, "product_no_owner").total == 5


def test_vacant_roles_and_roles_without_description(report: HealthReport) -> None:
    vacant = rule(report, "vacant_roles")
    assert flagged(report, "vacant_roles") == ["role:tester"]
    assert vacant.total == 7 and "2 vacant" in vacant.entities[0].detail
    assert flagged(report, "role_no_description") == ["role:mw-lead"]
    assert "To be written!" in rule(report, "role_no_description").entities[0].detail


def test_fte_and_role_count_thresholds(org: FalkorDBStore) -> None:
    report = org_health(org, ["overcommitted", "many_roles"])
    assert [r.rule for r in report.rules] == ["overcommitted", "many_roles"]
    over = rule(report, "overcommitted")
    assert flagged(report, "overcommitted") == ["person:carol"]
    assert over.entities[0].data["fte"] == pytest.approx(1.2) and over.total == 6
    assert {e.quote for e in over.entities[0].evidence} == {"carol"}
    assert flagged(report, "many_roles") == ["person:erin"]
    relaxed = org_health(org, ["overcommitted", "many_roles"], max_fte=1.5, max_roles=3)
    assert relaxed.flagged == 0 and relaxed.parameters["max_fte"] == 1.5


def test_single_points_of_failure(report: HealthReport) -> None:
    spof = {e.id: e for e in rule(report, "single_points").entities}
    assert set(spof) == {"person:fritz", "facility:usdf"}
    fritz = spof["person:fritz"]
    # Replicator counts once although Fritz both manages and owns it
    assert sorted(fritz.data["products"]) == [
        "product:ingest", "product:qserv", "product:replicator"]
    assert fritz.data["dependents"] == ["Portal", "Portal ready", "TAP"]  # DEPENDS_ON only
    assert "3 more depend on them" in fritz.detail
    assert spof["facility:usdf"].detail.startswith("sole host of 3 products")


def test_teams_without_lead_and_reporting_cycles(report: HealthReport) -> None:
    assert flagged(report, "team_no_lead") == ["team:middleware"]
    cycles = rule(report, "reporting_cycles")
    assert cycles.count == 1 and cycles.severity == Severity.high
    (cycle,) = cycles.entities
    assert cycle.data["cycle"] == ["role:coord-a", "role:coord-b"]
    assert cycle.detail == "Coordinator A -> Coordinator B -> Coordinator A"
    assert [e.quote for e in cycle.evidence] == ["A reports to B", "B reports to A"]


def test_rules_are_ordered_worst_first_and_unknown_rules_refused(
    report: HealthReport, org: FalkorDBStore
) -> None:
    firing = [r for r in report.rules if r.count]
    ranks = [list(Severity).index(r.severity) for r in firing]
    assert ranks == sorted(ranks)
    assert report.flagged == sum(r.count for r in report.rules)
    with pytest.raises(ValueError, match="unknown rule 'nope'"):
        org_health(org, ["nope"])


def test_seed_health_finds_the_holes_of_the_operations_plan(seeded: FalkorDBStore) -> None:
    report = org_health(seeded)
    names = {e.name for e in rule(report, "product_no_manager").entities}
    assert {"Felis", "Metadata", "Campaign Management"} <= names
    assert "Qserv" not in names
    assert "Qserv" in {e.name for e in rule(report, "product_no_owner").entities}
    assert all(r.total >= r.count for r in report.rules)
    vacant = {e.id: e for e in rule(report, "vacant_roles").entities}
    assert any(e.data["vacancies"] > 0 for e in vacant.values())


def test_an_empty_graph_is_healthy(embedded: FalkorDBStore) -> None:
    report = org_health(embedded)
    assert report.flagged == 0 and all(r.total == 0 for r in report.rules)
