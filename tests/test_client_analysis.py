"""The notebook client's impact, health and diff helpers on the seeded store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from orggraph.graph.analysis import RULE_NAMES, ImpactReport
from orggraph.graph.analysis.models import RANK, Severity
from orggraph.graph.refs import RefNotFound

from orggraph.client import OrgGraph

DP0 = "dp0-definition-and-planning.txt"
RTN = "rtn-046-dm-operations-plan.txt"


@pytest.fixture(scope="module")
def og(seeded_data_dir: Path) -> Iterator[OrgGraph]:
    with OrgGraph(data=seeded_data_dir) as client:
        yield client


def test_impact_of_moving_a_person(og: OrgGraph) -> None:
    findings = og.impact("Tim Jenness")
    report = findings.attrs["report"]
    assert isinstance(report, ImpactReport)
    assert [p.id for p in report.people] == ["person:tim-jenness"]
    assert len(findings) == len(report.ranking) > 0
    butler = findings[findings.subject_id == "product:butler"]
    assert butler.kind.tolist() == ["product"]
    assert "manager" in butler.summary.iloc[0]
    ranks = [RANK[Severity(s)] for s in findings.severity]
    assert ranks == sorted(ranks)  # worst first
    roles = og.table(report.roles)
    assert "role:middleware-lead" in roles["role.id"].tolist()
    assert bool(roles.set_index("role.id").loc["role:middleware-lead", "vacated"])


def test_impact_keeps_the_destination_role(og: OrgGraph) -> None:
    moved = og.impact("person:tim-jenness", to_role="role:middleware-lead")
    report = moved.attrs["report"]
    assert report.to_role is not None and report.to_role.id == "role:middleware-lead"
    assert "role:middleware-lead" not in [r.role.id for r in report.roles]
    with pytest.raises(RefNotFound):
        og.impact("Nobody At All")


def test_impact_views_and_graphs_hold_the_findings(og: OrgGraph) -> None:
    findings = og.impact("Tim Jenness")
    graph = og.to_networkx(findings)
    assert {"person:tim-jenness", "product:butler", "role:middleware-lead"} <= set(graph.nodes)
    page = og.show(findings).data
    assert "Impact of moving Tim Jenness" in page
    assert "loses its manager" in page  # the highlight reason is in the tooltip


def test_health_report(og: OrgGraph) -> None:
    health = og.health()
    assert sorted(health.rule) == sorted(RULE_NAMES)
    assert all(row.count == len(row.flagged) == len(row.ids) for row in health.itertuples())
    assert all(row.count <= row.total for row in health.itertuples())
    no_manager = health.set_index("rule").loc["product_no_manager"]
    assert no_manager["count"] > 0
    product = no_manager["ids"][0]
    owners = og.owners(product)
    assert owners[owners.role == "manager"].empty
    assert og.health(["vacant_roles"]).rule.tolist() == ["vacant_roles"]
    with pytest.raises(ValueError, match="unknown rule"):
        og.health(["no_such_rule"])


def test_diff_of_the_two_seeds(og: OrgGraph) -> None:
    changes = og.diff(DP0, RTN)
    report = changes.attrs["report"]
    assert not changes.empty
    assert set(changes.change) <= {"added", "removed", "changed", "not compared"}
    counts = changes.section.value_counts().to_dict()
    assert counts == {k: v for k, v in report.summary.items() if v}
    added = changes[changes.change == "added"]
    assert all(not row.before for row in added.itertuples())


def test_impact_of_several_people_as_a_list(og: OrgGraph) -> None:
    both = og.impact(["Tim Jenness", og.entity("Jim Bosch")])
    assert {p.id for p in both.attrs["report"].people} == {"person:tim-jenness", "person:jim-bosch"}
    alone = og.impact("Tim Jenness")
    assert len(both) >= len(alone)
