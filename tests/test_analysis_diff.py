"""The diff of two documents about the same organisation, with evidence from both sides."""

from __future__ import annotations

import pytest
from orggraph.graph.analysis import document_diff
from orggraph.graph.analysis.models import DiffItem, DocumentDiff
from orggraph.graph.refs import RefNotFound
from orggraph.graph.stores.falkordb_store import FalkorDBStore

from tests.support.analysis_plans import DOC_A, DOC_B

DP0 = "dp0-definition-and-planning.txt"
RTN = "rtn-046-dm-operations-plan.txt"


@pytest.fixture
def diff(both: FalkorDBStore) -> DocumentDiff:
    return document_diff(both, "PLAN-21", DOC_B)


def items(diff: DocumentDiff, section: str) -> dict[str, DiffItem]:
    return {i.id: i for i in getattr(diff, section)}


def test_documents_are_named_by_file_or_handle(diff: DocumentDiff) -> None:
    assert (diff.from_document, diff.to_document) == (DOC_A, DOC_B)


def test_people_whose_roles_changed_with_evidence_from_both(diff: DocumentDiff) -> None:
    people = items(diff, "people_roles")
    fritz = people["person:fritz"]
    assert (fritz.change, fritz.field) == ("changed", "roles")
    assert (fritz.before.values, fritz.after.values) == (["Database Engineer"], ["Qserv Lead"])
    assert {e.document for e in fritz.before.evidence} == {DOC_A}
    assert {e.document for e in fritz.after.evidence} == {DOC_B}
    assert "person:alice" not in people  # the same role in both
    assert "person:bob" not in people  # same role, only the FTE differs
    # Dan held one role in 2021 and the same one in 2023; Erin is gone altogether
    assert "person:dan" not in people and "person:erin" not in people
    gone = items(diff, "people")
    assert gone["person:erin"].change == "removed" and gone["person:hank"].change == "added"
    assert gone["person:hank"].after.evidence[0].document == DOC_B


def test_roles_and_teams_in_one_document_only(diff: DocumentDiff) -> None:
    roles = items(diff, "roles")
    assert roles["role:qserv-lead"].change == "added"
    assert roles["role:mw-lead"].change == "removed"
    assert roles["role:mw-lead"].before.evidence[0].quote == "1.2a"
    moved = roles["role:mw-engineer"]
    assert (moved.change, moved.field) == ("changed", "teams")
    assert (moved.before.values, moved.after.values) == (["Middleware"], ["Pipeline Middleware"])
    teams = items(diff, "teams")
    assert teams["team:middleware"].change == "removed"
    assert teams["team:pipeline-middleware"].change == "added"
    assert "team:data-services" not in teams


def test_wbs_codes_that_moved(diff: DocumentDiff) -> None:
    wbs = items(diff, "wbs")
    assert set(wbs) == {"role:ds-lead", "role:db-engineer"}
    db = wbs["role:db-engineer"]
    assert (db.before.values, db.after.values) == (["1.1b"], ["2.1b"])
    assert [(e.document, e.quote) for e in db.before.evidence] == [(DOC_A, "1.1b")]
    assert [(e.document, e.quote) for e in db.after.evidence] == [
        (DOC_B, "2.1b\tDatabase Engineer")]


def test_products_whose_manager_changed(diff: DocumentDiff) -> None:
    products = items(diff, "product_managers")
    assert set(products) == {"product:butler"}
    butler = products["product:butler"]
    assert (butler.field, butler.before.values, butler.after.values) == (
        "manager", ["Carol Cole"], ["Hank Hill"])
    assert butler.before.evidence[0].quote == "Carol Cole"
    assert butler.after.evidence[0].quote == "Hank Hill"
    assert diff.summary["product_managers"] == 1
    # Gina appears only as reporting to Fritz, and 2023 states no person-to-person lines
    assert diff.notes == [f"1 person named only in {DOC_A} not compared: {DOC_B} states none "
                          "of the kinds of fact it appears in (REPORTS_TO)"]
    assert [(i.id, i.change) for i in diff.not_compared] == [("person:gina", "not compared")]


def test_bad_documents(both: FalkorDBStore) -> None:
    with pytest.raises(RefNotFound):
        document_diff(both, "PLAN-22", DOC_B)
    with pytest.raises(ValueError, match="same document"):
        document_diff(both, DOC_A, "PLAN-21")


def test_seed_diff_of_the_dp0_plan_and_the_operations_plan(seeded: FalkorDBStore) -> None:
    diff = document_diff(seeded, DP0, "RTN-046")
    assert (diff.from_document, diff.to_document) == (DP0, RTN)
    db = items(diff, "wbs")["role:database-engineer-qserv-slac"]
    assert (db.before.values, db.after.values) == (["3.3b"], ["3.11b"])
    assert {e.document for e in db.before.evidence} == {DP0}
    assert {e.document for e in db.after.evidence} == {RTN}
    assert items(diff, "roles")["role:qserv-lead"].change == "added"
    # the DP0 plan names no product managers: that comparison is left out, and said so
    assert diff.product_managers == []
    assert any("MANAGES" in n for n in diff.notes)
