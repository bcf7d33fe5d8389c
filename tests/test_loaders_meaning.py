"""Tables read by meaning: header synonyms, cell shapes, column order, page breaks,
repeated headers, group rows and continuation rows, in TAB-row and Markdown text."""

from __future__ import annotations

from pathlib import Path

import pytest
from orggraph.graph.model import DocumentGraph
from orggraph.loaders import extract
from orggraph.loaders.columns import cell_shapes, header_key
from orggraph.loaders.tables import classify

from tests.test_loaders_support import edges, nodes


def _load(tmp_path: Path, text: str, name: str = "doc.txt") -> DocumentGraph:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    ex = extract([path])
    assert not ex.failures, ex.failures
    return ex.graphs[0]


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("Role Title", "title"),
        ("Position", "title"),
        ("FY21 FTE", "fte"),
        ("Staff (FTE)", "fte"),
        ("Product Owner", "owner"),
        ("Lead", "manager"),
        ("Due Date", "due"),
        ("Milestone ID", "rubin"),
        ("WBS Element", "wbs"),
        ("Responsibilities", "description"),
        ("Affiliation", "institution"),
        ("Colour", ""),
    ],
)
def test_header_synonyms(cell: str, key: str) -> None:
    assert header_key(cell) == key


def test_cell_shapes() -> None:
    assert "wbs" in cell_shapes("3.1a") and "wbs" in cell_shapes("1.02C.03")
    assert "fte" in cell_shapes("0.25")
    assert "date" in cell_shapes("2021-06-30") and "date" in cell_shapes("Jun 2021")
    assert "milestone_id" in cell_shapes("L3-MW-0010")
    assert "ticket" in cell_shapes("PROJ-151")
    assert "person" in cell_shapes("Doe, Jane") and "person" not in cell_shapes("Qserv")


def test_unnamed_columns_are_known_by_their_cells() -> None:
    kind, keys = classify(
        ["", "Role", "", ""],
        [["2.1a", "Widget Lead", "0.5", "Doe, Jane"], ["2.1b", "Widget Maker", "1.0", "Roe, Rick"]],
    ) or ("", [])
    assert kind == "staff"
    assert keys == ["wbs", "title", "fte", "staff"]


def test_any_column_order_and_synonyms(tmp_path: Path) -> None:
    g = _load(
        tmp_path,
        "Table 1: Widget staff\n\n"
        "Person\tFTE\tAffiliation\tPosition\tWBS\n"
        "Doe, Jane\t0.5\tACME\tWidget Lead\t2.1a\n"
        "Roe, Rick\t1.0\tBETA\tWidget Maker - BETA\t2.1b\n",
    )
    assert {("Jane Doe", "Widget Lead"), ("Rick Roe", "Widget Maker - BETA")} == edges(g, "HOLDS")
    assert {("Jane Doe", "ACME"), ("Rick Roe", "BETA")} <= edges(g, "AFFILIATED_WITH")
    assert nodes(g, "Role")["Widget Lead"].properties["wbs"] == ["2.1a"]


def test_page_break_repeated_header_and_continued_rows(tmp_path: Path) -> None:
    g = _load(
        tmp_path,
        "Table 2: Gadget roles\n\n"
        "WBS\tRole Title\tRole Description\n"
        "4.1a\tGadget Lead\tLeads the gadget work and reports to the\n"
        "\t\tProgramme Director.\n"
        "4.1b\tGadget Engi-\tBuilds gadgets.\n"
        "\tneer\t\n"
        "\n"
        "Draft\n"
        "\n"
        "WBS\tRole Title\tRole Description\n"
        "4.1c\tGadget Tester\tTests gadgets. Reports to the Gadget Lead.\n"
        "\n"
        "12\n"
        "4.1d\tGadget Writer\tWrites about gadgets.\n",
    )
    roles = nodes(g, "Role")
    rows = {"Gadget Lead", "Gadget Engineer", "Gadget Tester", "Gadget Writer"}
    assert set(roles) == rows | {"Programme Director"}  # named by a description
    assert {(r, "Gadget") for r in rows} == edges(g, "MEMBER_OF")
    assert {("Gadget Lead", "Programme Director"), ("Gadget Tester", "Gadget Lead")} <= edges(
        g, "REPORTS_TO"
    )
    assert roles["Gadget Lead"].properties["description"].endswith("Programme Director.")


def test_group_rows_are_hierarchy(tmp_path: Path) -> None:
    g = _load(
        tmp_path,
        "Product\tManager\tOwner\n"
        "<b>Storage Services</b>\t\t\n"
        "Vault\tDoe, Jane\tRoe, Rick\n"
        "Ledger\tTBD\t\n"
        "<b>Query Services</b>\t\t\n"
        "Finder\tRoe, Rick\t\n",
    )
    assert {
        ("Vault", "Storage Services"),
        ("Ledger", "Storage Services"),
        ("Finder", "Query Services"),
    } == edges(g, "PART_OF")
    assert ("Jane Doe", "Vault") in edges(g, "MANAGES") and ("Rick Roe", "Vault") in edges(
        g, "OWNS"
    )


def test_wbs_lineage_is_hierarchy(tmp_path: Path) -> None:
    g = _load(
        tmp_path,
        "WBS\tProduct\tLead\n"
        "1.2\tData Services\tDoe, Jane\n"
        "1.2.1\tVault\tRoe, Rick\n"
        "1.2.2\tLedger\tRoe, Rick\n"
        "1.3\tQuery Services\tDoe, Jane\n"
        "1.3.1\tFinder\tDoe, Jane\n",
    )
    assert {
        ("Vault", "Data Services"),
        ("Ledger", "Data Services"),
        ("Finder", "Query Services"),
    } == edges(g, "PART_OF")
    assert ("Rick Roe", "Ledger") in edges(g, "MANAGES")


def test_markdown_tables(tmp_path: Path) -> None:
    g = _load(
        tmp_path,
        "# Plan\n\n## 2 Sprocket roles\n\n"
        "| WBS | Role Title | Role Description |\n"
        "|-----|------------|------------------|\n"
        "| 5.1a | Sprocket Lead | Leads sprockets. |\n"
        "| 5.1b | Sprocket Fitter - ACME | Fits them. Reports to the Sprocket Lead. |\n\n"
        "| Milestone | ID | Due | Team |\n"
        "|---|---|---|---|\n"
        "| First sprocket | M1-SP-0010 | 2026-03-31 | Sprocket |\n",
        name="plan.md",
    )
    assert {("Sprocket Lead", "Sprocket"), ("Sprocket Fitter - ACME", "Sprocket")} == edges(
        g, "MEMBER_OF"
    )
    assert ("Sprocket Fitter - ACME", "Sprocket Lead") in edges(g, "REPORTS_TO")
    ms = nodes(g, "Milestone")["First sprocket"]
    assert (ms.properties["rubin_id"], ms.properties["due"]) == ("M1-SP-0010", "2026-03-31")


def test_change_record_and_lead_table(tmp_path: Path) -> None:
    g = _load(
        tmp_path,
        "Version\tDate\tDescription\tOwner name\n"
        "0.1\t2024-01-10\tFirst draft.\tJane Doe\n"
        "0.2\t2024-02-11\tRevised.\tRick Roe\n\n"
        "Team\tLead\n"
        "Widget Team\tDoe, Jane\n",
    )
    assert {"Jane Doe", "Rick Roe"} <= set(nodes(g, "Person"))
    assert g.date == "2024-02-11"
    assert edges(g, "LEADS") == {("Jane Doe", "Widget")}


def test_wbs_element_tables_give_teams_their_lineage_and_members(tmp_path: Path) -> None:
    g = _load(
        tmp_path,
        "Table 1: WBS elements\n\n"
        "L2 WBS\tL3 WBS\tDescription\tLead\n"
        "3\t\tData Operations\tDoe, Jane\n"
        "\t3.1\tOperations Management\t\n"
        "\t3.10\tQuality Engineering\tRoe, Rick\n\n"
        "## 4 Roles\n\n"
        "WBS\tRole Title\tRole Description\n"
        "3.10a\tQuality Lead\tLeads quality.\n"
        "3.10b.1\tQuality Engineer - ACME\tTests.\n"
        "3.1a\tOperations Director\tDirects.\n",
    )
    assert {"Data Operations", "Operations Management", "Quality Engineering"} <= set(
        nodes(g, "Team")
    )
    assert {
        ("Operations Management", "Data Operations"),
        ("Quality Engineering", "Data Operations"),
    } == edges(g, "PART_OF")
    assert {("Jane Doe", "Data Operations"), ("Rick Roe", "Quality Engineering")} <= edges(
        g, "LEADS"
    )
    assert {
        ("Quality Lead", "Quality Engineering"),
        ("Quality Engineer - ACME", "Quality Engineering"),
        ("Operations Director", "Operations Management"),
    } <= edges(g, "MEMBER_OF")


def test_a_wbs_table_of_role_titles_stays_a_role_table() -> None:
    kind, keys = classify(["WBS", "Title"], [["3.1a", "Quality Lead"], ["3.1b", "Data Engineer"]])
    assert (kind, keys) == ("roles", ["wbs", "title"])
    kind, keys = classify(["WBS", "Title"], [["3.1", "Data Operations"], ["3.2", "Networks"]])
    assert (kind, keys) == ("wbs", ["wbs", "team"])
