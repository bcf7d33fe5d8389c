"""A document the loaders were not written against (tests/fixtures/loaders/harbor-ops-plan.txt):
other names, other teams, a hyphen-broken title, a multi-line milestone, HTML remnants."""

from __future__ import annotations

from functools import lru_cache

from orggraph.graph.model import DocumentGraph
from orggraph.loaders import extract

from tests.test_loaders_support import FIXTURES, edge, edges, names, nodes

HARBOR = FIXTURES / "harbor-ops-plan.txt"


@lru_cache(maxsize=1)
def harbor() -> DocumentGraph:
    ex = extract([HARBOR])
    assert not ex.failures, ex.failures
    return ex.graphs[0]


def test_metadata() -> None:
    g = harbor()
    assert (g.handle, g.date) == ("HSS-112", "2024-03-05")
    assert g.title == "Operations staffing plan for the Harbor archive"
    assert g.validate() == []


def test_roles_teams_sites() -> None:
    g = harbor()
    roles = nodes(g, "Role")
    assert {
        "Archive Lead",
        "Archive Engineer - NCAR",
        "Archive Engineer - UofX",
        "Pipeline Lead",
    } <= set(roles)
    assert roles["Archive Engineer - NCAR"].properties["wbs"] == ["2.1b"]
    assert {("Archive Lead", "Archive"), ("Pipeline Developer", "Pipeline")} <= edges(
        g, "MEMBER_OF"
    )
    assert {("Archive Engineer - NCAR", "NCAR"), ("Archive Engineer - UofX", "UofX")} <= edges(
        g, "LOCATED_AT"
    )
    assert roles["Pipeline Developer"].properties["vacancies"] == 1


def test_reporting_lines() -> None:
    assert {
        ("Archive Engineer - NCAR", "Archive Lead"),
        ("Archive Engineer - UofX", "Archive Lead"),
        ("Archive Lead", "Operations Director"),
        ("Pipeline Lead", "Operations Director"),
        ("Pipeline Developer", "Pipeline Lead"),
    } <= edges(harbor(), "REPORTS_TO")


def test_staff_and_people() -> None:
    g = harbor()
    assert {
        ("Maria Lopez", "Archive Lead"),
        ("Robert Taylor", "Archive Engineer - NCAR"),
        ("Samuel Okafor", "Pipeline Lead"),
    } <= edges(g, "HOLDS")
    assert edge(g, "HOLDS", "Samuel Okafor", "Pipeline Lead").properties == {
        "fte": 0.8,
        "institution": "UofX",
    }
    assert {("Maria Lopez", "NCAR"), ("Samuel Okafor", "UofX")} <= edges(g, "AFFILIATED_WITH")
    assert {("Maria Lopez", "Archive"), ("Samuel Okafor", "Pipeline")} <= edges(g, "LEADS")
    people = nodes(g, "Person")
    assert {"Lopez, Maria", "Maria Lopez"} <= set(people["Maria Lopez"].aliases)
    assert "RKT" in people["Robert Taylor"].aliases  # initials with a middle initial
    assert "Sam" in people["Samuel Okafor"].aliases  # a common short form


def test_products() -> None:
    g = harbor()
    products = nodes(g, "Product")
    assert products["Nightly Pipeline"].properties["manager_status"] == "TBD"
    assert products["Coadd Service"].properties["manager_status"] == "unknown"
    assert {("Maria Lopez", "Archive"), ("Maria Lopez", "Portal")} <= edges(g, "MANAGES")
    assert {("Robert Taylor", "Archive"), ("Samuel Okafor", "Coadd Service")} <= edges(g, "OWNS")
    assert ("Nightly Pipeline", "Coadd Service") in edges(g, "PART_OF")


def test_facilities_and_hosting() -> None:
    g = harbor()
    assert {"NDF", "SDF"} <= names(g, "Facility")
    assert {("NDF", "Archive"), ("NDF", "Nightly Pipeline"), ("SDF", "Coadd Service")} <= edges(
        g, "HOSTS"
    )
    assert not {"Processing", "Nightly", "Kestrel"} & names(g, "Product")


def test_milestones() -> None:
    g = harbor()
    ms = nodes(g, "Milestone")
    m = ms["Archive ready for the first survey data"]
    assert m.properties == {
        "jira_id": "HSS-10",
        "rubin_id": "M1-AR-0010",
        "due": "2024-06-30",
        "level": 2,
    }
    assert ("Archive", "Archive ready for the first survey data") in edges(g, "RESPONSIBLE_FOR")
    assert ("Nightly Pipeline running at NDF", "Nightly Pipeline") in edges(g, "DEPENDS_ON")


def test_header_variants(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "variants.txt"
    doc.write_text(
        "Table 1: Tools roles for the project\n\n"
        "Role Title\tRole Description\n"
        "Tools Lead\tLeads the tools group. Reports to the Project Manager.\n"
        "Tools Engineer - ACME\tBuilds tools.\n\n"
        "Name\tManager\tOwner\tNotes\n"
        "Hammer\tDoe, Jane\tY (JD)\tHammer\n\n"
        "Description\tDue Date\tLevel\tTeam\n"
        "First hammer shipped\t2025-01-31\t2\tTools\n",
        encoding="utf-8",
    )
    ex = extract([doc])
    assert not ex.failures, ex.failures
    g = ex.graphs[0]
    assert {("Tools Lead", "Tools"), ("Tools Engineer - ACME", "Tools")} <= edges(g, "MEMBER_OF")
    assert ("Tools Lead", "Project Manager") in edges(g, "REPORTS_TO")
    assert ("Tools Engineer - ACME", "ACME") in edges(g, "LOCATED_AT")
    assert ("Jane Doe", "Hammer") in edges(g, "MANAGES") and ("Jane Doe", "Hammer") in edges(
        g, "OWNS"
    )
    assert ("Tools", "First hammer shipped") in edges(g, "RESPONSIBLE_FOR")
    assert nodes(g, "Milestone")["First hammer shipped"].properties["due"] == "2025-01-31"


def test_several_people_in_one_cell(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "shared.txt"
    doc.write_text(
        "WBS\tTeam\tRole Title\tRole Description\tInstitution\tFTE\tStaff\n"
        "1.1a\tCore\tCore Engineer\tBuilds.\tACME\t0.5\tDoe, Jane; Roe, Rick\n\n"
        "Product\tManager\tOwner\tNotes\n"
        "Anvil\tJane Doe / Rick Roe\tY (JaneD+RickR)\tAnvil\n",
        encoding="utf-8",
    )
    g = extract([doc]).graphs[0]
    assert {("Jane Doe", "Core Engineer"), ("Rick Roe", "Core Engineer")} <= edges(g, "HOLDS")
    assert {("Jane Doe", "Anvil"), ("Rick Roe", "Anvil")} <= edges(g, "MANAGES")
    assert {("Jane Doe", "Anvil"), ("Rick Roe", "Anvil")} <= edges(g, "OWNS")


def test_heading_names_the_team_when_there_is_no_caption(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "nocaption.txt"
    doc.write_text(
        "## 2 Widget Roles\n\n"
        "WBS\tRole Title\tRole Description\n"
        "2.1a\tWidget Lead\tLeads widgets.\n\n"
        "WBS\tTeam\tRole Title\tRole Description\tInstitution\tFTE\tStaff\n"
        "2.1a\tWidget\tWidget Lead\tLeads widgets.\tACME\t0.5\tDr. Jane Doe\n",
        encoding="utf-8",
    )
    g = extract([doc]).graphs[0]
    assert ("Widget Lead", "Widget") in edges(g, "MEMBER_OF")
    assert ("Jane Doe", "Widget Lead") in edges(g, "HOLDS")


def test_caption_forms_name_teams() -> None:
    from orggraph.loaders.roles import caption_team

    assert caption_team("Archive roles for the Harbor Sky Survey") == "Archive"
    assert caption_team("Roles in Data Handling FY24") == "Data Handling"
    assert caption_team("Roles of the Archive Team for the survey") == "Archive"
    assert caption_team("Team members for the archive") == ""
