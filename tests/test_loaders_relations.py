"""Relationship sentences in their common forms, on names the document's tables define."""

from __future__ import annotations

from pathlib import Path

from orggraph.graph.model import DocumentGraph
from orggraph.loaders import extract

from tests.test_loaders_support import edges

TABLES = (
    "Product\tManager\tOwner\n"
    "Vault\tDoe, Jane\t\n"
    "Ledger\tRoe, Rick\t\n"
    "Finder\tRoe, Rick\t\n"
    "Storage Services\tDoe, Jane\t\n\n"
    "Acronym\tDescription\n"
    "NDF\tNorthern Data Facility\n\n"
    "WBS\tTeam\tRole Title\tRole Description\tInstitution\tFTE\tStaff\n"
    "1.1a\tArchive\tArchive Lead\tLeads.\tACME\t1.0\tDoe, Jane\n"
)


def _load(tmp_path: Path, prose: str) -> DocumentGraph:
    path = tmp_path / "plan.txt"
    path.write_text("# Plan\n\n" + prose + "\n\n" + TABLES, encoding="utf-8")
    ex = extract([path])
    assert not ex.failures, ex.failures
    return ex.graphs[0]


def test_part_of_forms(tmp_path: Path) -> None:
    g = _load(
        tmp_path,
        "The Vault is a component of Storage Services.\n"
        "Ledger belongs to the Storage Services.\n"
        "Storage Services consists of Finder.\n",
    )
    assert {
        ("Vault", "Storage Services"),
        ("Ledger", "Storage Services"),
        ("Finder", "Storage Services"),
    } <= edges(g, "PART_OF")


def test_hosting_dependency_and_people_forms(tmp_path: Path) -> None:
    g = _load(
        tmp_path,
        "The Vault is hosted at the NDF.\n"
        "NDF runs Ledger and Finder.\n"
        "Finder depends on the Vault and Ledger.\n"
        "Ledger requires Vault.\n"
        "Finder is owned by Jane Doe.\n"
        "Rick Roe leads the Archive team.\n",
    )
    assert {("NDF", "Vault"), ("NDF", "Ledger"), ("NDF", "Finder")} <= edges(g, "HOSTS")
    assert {("Finder", "Vault"), ("Finder", "Ledger"), ("Ledger", "Vault")} <= edges(
        g, "DEPENDS_ON"
    )
    assert ("Jane Doe", "Finder") in edges(g, "OWNS")
    assert ("Rick Roe", "Archive") in edges(g, "LEADS")


def test_what_is_not_a_name_is_not_invented(tmp_path: Path) -> None:
    g = _load(
        tmp_path,
        "Finder depends on Gadget.\nThe Vault relies on good planning.\n"
        "This is part of the Routine work.\n",
    )
    named = {n.name for n in g.nodes}
    assert ("Finder", "Gadget") in edges(g, "DEPENDS_ON")  # a proper name beside a product
    assert not {"good planning", "Routine work", "Routine"} & named
