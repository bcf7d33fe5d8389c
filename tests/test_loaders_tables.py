"""Set-of-tuples tests for every table the loaders read in the two seed documents."""

from __future__ import annotations

from tests.test_loaders_support import dp0, edge, edges, names, nodes, rtn

EARLY_ACCESS = (
    "DP0.2 Early Access: Provide access to reprocessed images and visit level catalogs from the IDF"
)
SERVICE_DESK = (
    "Deploy early instantiation of service desk providing second-tier technical support for "
    "community"
)

# --------------------------------------------------------------------------- RTN-046 role tables


def test_role_rows_become_roles_with_wbs_codes() -> None:
    roles = nodes(rtn(), "Role")
    expected = {
        ("Associate Director for Data Management Operations", "3.1a"),
        ("Data Management Operations Advisor - UK DF", "3.1c.4"),
        ("Technical Lead/Manager", "3.10a"),
        ("Qserv Lead", "3.11a"),
        ("Database Engineer (Qserv) - SLAC", "3.11b"),
        ("Calibration Group Leader", "3.8k"),
        ("Calibration Scientist - SLAC", "3.8l"),
        ("Processing Scientist - IN2P3", "3.9b.3"),
        ("Data Engineer - NOIR-Lab", "3.7b.1"),
        ("US Data Facility Lead", "3.2a"),
        ("Image Handler - IN2P3", "3.2l.3"),
        ("AVS Engineer", "3.2q"),
    }
    got = {(name, code) for name, n in roles.items() for code in n.properties.get("wbs", [])}
    assert expected <= got
    # every row of Tables 2-11 (73 distinct titles; Table 9 repeats three rows of Table 5)
    assert len([n for n in roles.values() if n.properties.get("wbs")]) == 73


def test_stray_cells_do_not_leak_into_titles() -> None:
    roles = names(rtn(), "Role")
    assert "Calibration Consultant" in roles
    assert not any(r in roles for r in ("Group", "Consultant", "Scientist -"))


def test_role_tables_member_of_caption_team() -> None:
    expected = {
        ("Qserv Lead", "Qserv"),
        ("Technical Lead/Manager", "SQuARE"),
        ("Pipeline Middleware Lead", "Data Production"),
        ("Pipeline Middleware Lead", "Pipeline Middleware"),
        ("Calibration Consultant", "Algorithms and Pipelines"),
        ("Data Scientist", "Data Engineering"),
        ("Chilean DevOps Engineer", "Chile Summit and Base Facility"),
        ("AVS Engineer", "USDF"),
        ("Associate Director for Data Management Operations", "Management"),
        ("Campaign Management Developer - SLAC", "Campaign Management"),
    }
    assert expected <= edges(rtn(), "MEMBER_OF")


def test_empty_role_tables_are_reported_not_loaded() -> None:
    from tests.test_loaders_support import seeds

    reasons = [
        s.reason for s in seeds().report.skipped if s.document == "rtn-046-dm-operations-plan.txt"
    ]
    assert sum("has no rows" in r for r in reasons) == 2
    assert "FRDF" not in names(rtn(), "Team")


def test_title_suffix_gives_located_at() -> None:
    g = rtn()
    expected = {
        ("Database Engineer (Qserv) - SLAC", "SLAC"),
        ("Data Engineer - NOIR-Lab", "NOIRLab"),
        ("Dev/Ops Software Engineer - IN2P3", "IN2P3"),
        ("Front End Engineer / Senior Front End Engineer - IPAC", "IPAC"),
        ("Data Management Operations Advisor - US DF", "USDF"),
        ("Data Management Operations Advisor - Fr DF", "FrDF"),
        ("Data Management Operations Advisor - UK DF", "UKDF"),
        ("Catalog Manager - UK", "UK"),
    }
    assert expected <= edges(g, "LOCATED_AT")
    assert "SLAC" in names(g, "Institution") and "USDF" in names(g, "Facility")
    assert "NOIR-Lab" in nodes(g, "Institution")["NOIRLab"].aliases


# --------------------------------------------------------------------------- RTN-046 products table


def test_every_product_row_is_a_product() -> None:
    products = nodes(rtn(), "Product")
    in_table = [n for n in products.values() if n.properties.get("in_product_table")]
    assert len(in_table) == 69
    assert {
        "DM Ops",
        "Felis",
        "OCPS",
        "Butler",
        "Qserv",
        "Telemetry Gateway",
        "data.lsst.cloud",
    } <= set(products)


def test_manager_status() -> None:
    products = nodes(rtn(), "Product")
    status = {
        name: n.properties["manager_status"]
        for name, n in products.items()
        if "manager_status" in n.properties
    }
    expected = {
        ("Felis", "TBD"),
        ("Campaign Management", "unknown"),
        ("APIs", "unknown"),
        ("Authentication", "unknown"),
        ("Butler", "named"),
        ("OCPS", "named"),
    }
    assert expected <= set(status.items())


def test_managers() -> None:
    expected = {
        ("Tim Jenness", "Butler"),
        ("Tim Jenness", "Data Abstraction"),
        ("William O'Mullane", "DM Ops"),
        ("William O'Mullane", "Planned Obs."),
        ("K-T Lim", "UWS"),
        ("K-T Lim", "OCPS"),
        ("Fritz Mueller", "Qserv"),
        ("Cristián Silva", "SDF"),
        ("Cristián Silva", "Chile DevOps"),
        ("Gregory Dubois-Felsmann", "Data Eng"),
        ("Richard Dubois", "Data Facilities"),
        ("George Beckett", "UKDF"),
        ("Yusra AlSayyad", "Algorithms & Pipelines"),
        ("Frossie Economou", "CDAC"),
    }
    got = edges(rtn(), "MANAGES")
    assert expected <= got
    assert len(got) == 21
    assert edge(rtn(), "MANAGES", "K-T Lim", "OCPS").properties.get("uncertain") is True


def test_owners() -> None:
    expected = {
        ("Jim Bosch", "Butler"),
        ("Gregory Dubois-Felsmann", "APIs"),
        ("Gregory Dubois-Felsmann", "Portal"),
        ("Simon Krughoff", "Notebook"),
        ("Colin", "Complex. DB"),
        ("Jim Bosch", "Algorithms & Pipelines"),
    }
    assert expected <= edges(rtn(), "OWNS")
    assert (
        edge(rtn(), "OWNS", "Jim Bosch", "Algorithms & Pipelines").properties.get("uncertain")
        is True
    )
    assert not any(t == "Campaign Management" for _, t in edges(rtn(), "OWNS"))


def test_product_notes_give_aliases_and_part_of() -> None:
    products = nodes(rtn(), "Product")
    assert "Observatory Controlled Processing System" in products["OCPS"].aliases
    assert "Rubin Science Platform" in products["RSP"].aliases
    assert ("Qserv", "Complex. DB") in edges(rtn(), "PART_OF")


def test_product_rows_naming_facilities_give_facilities() -> None:
    facilities = nodes(rtn(), "Facility")
    assert "CDAC" in facilities["Chile DAC"].aliases
    assert "French Data Facility" in facilities["FrDF"].aliases
    assert "SDF" in facilities


# --------------------------------------------------------------------------- DP0 milestones table


def test_milestones_table() -> None:
    ms = nodes(dp0(), "Milestone")
    assert len(ms) == 21
    joined = EARLY_ACCESS
    m = ms[joined]
    assert m.properties == {
        "jira_id": "PREOPS-159",
        "rubin_id": "L2-DP-0040",
        "due": "2021-09-30",
        "level": 2,
    }
    assert {"PREOPS-159", "L2-DP-0040"} <= set(m.aliases)
    three_lines = SERVICE_DESK
    assert ms[three_lines].properties["rubin_id"] == "L3-PR-0020"


def test_milestone_teams() -> None:
    expected = {
        ("Science Users Middleware", "Qserv installation on IDF"),
        ("Execution", "Plan for how to use IN2P3 in DP0.2"),
        ("Community Engagement", "Develop a first model for community engagement for DP0.1"),
        (
            "Science Platform and Reliability Engineering",
            EARLY_ACCESS,
        ),
        (
            "Science Platform and Reliability Engineering",
            SERVICE_DESK,
        ),
        (
            "Verification and Validation",
            "DP0.1 Data Release: science-ready catalogs released from the IDF",
        ),
    }
    got = edges(dp0(), "RESPONSIBLE_FOR")
    assert expected <= got
    assert len(got) == 21


# ------------------------------------------------------------------ DP0 Appendix E staff table


def test_staff_rows_give_holds_with_fte() -> None:
    g = dp0()
    expected = {
        ("William O'Mullane", "Associate Director for Data Production"),
        ("Fritz Mueller", "Database Engineer (Qserv) - SLAC"),
        ("Igor Gaponenko", "Database Engineer (Qserv) - SLAC"),
        ("Nate Pease", "Database Engineer (Qserv) - SLAC"),
        ("Phil Demar", "Wide Area Network Technical Manager"),
        ("Andrey Bobyshev", "Wide Area Network Architect"),
        ("Ian Sullivan", "Alert Production Pipeline Scientist - NOIRLab"),
        ("Josh Meyers", "Data Release Pipeline Scientist - SLAC"),
        ("Robert Lupton", "Science Software Consultant"),
        ("Jim Bosch", "Lead Science Software Engineer"),
        ("Ralf Kaehler", "Data Visualization Engineer"),
        ("Jonathan Sick", "DevOps Infrastructure Engineer - NOIR-Lab"),
        ("Fabio Hernandez", "Data Production Advisor - IN2P3"),
    }
    assert expected <= edges(g, "HOLDS")
    staffed = [e for e in g.edges if e.type == "HOLDS" and "fte" in e.properties]
    assert len(staffed) == 54  # 61 staff rows, 7 of them vacant
    holds = edge(g, "HOLDS", "Fritz Mueller", "Database Engineer (Qserv) - SLAC")
    assert holds.properties == {"fte": 0.75, "institution": "SLAC"}
    assert edge(g, "HOLDS", "Ralf Kaehler", "Data Visualization Engineer").properties["fte"] == 0.25


def test_staff_table_roles_wbs_corrections_and_vacancies() -> None:
    roles = nodes(dp0(), "Role")
    assert roles["Wide Area Network Architect"].properties["wbs"] == ["3.2l"]
    assert roles["Science Software Consultant"].properties["wbs"] == ["3.5l"]
    assert roles["Associate Director for Data Production"].properties["wbs"] == ["3.1a"]
    assert roles["Workload Manager - US DF"].properties["vacancies"] == 1
    assert roles["DevOps Infrastructure Engineer - US DF"].properties["vacancies"] == 2
    assert roles["Service Software Engineer - SLAC"].properties["vacancies"] == 1
    assert roles["Data Release Pipeline Scientist - SLAC"].properties["vacancies"] == 1
    assert "vacancies" not in roles["Lead Calibration Scientist"].properties
    from tests.test_loaders_support import seeds

    vacant = [s.line for s in seeds().report.skipped if "vacancy" in s.reason]
    assert sorted(vacant) == [506, 525, 526, 549, 561, 562, 563]
    unread = [s for s in seeds().report.skipped if "not read" in s.reason]
    assert {(s.document[:3], s.line) for s in unread} >= {("dp0", 217), ("dp0", 320)}
    # the change record is read: its owner is a person, its date the document's
    assert ("rtn", 29) not in {(s.document[:3], s.line) for s in unread}


def test_staff_table_teams_sites_and_affiliations() -> None:
    g = dp0()
    assert {
        ("Middleware Lead", "Science Users Middleware"),
        ("Data Release Pipeline Scientist - SLAC", "Algorithms and Pipelines"),
        ("Associate Director for Data Production", "Data Production Management"),
        ("IT Network Engineer - US DF", "Infrastructure and Support"),
    } <= edges(g, "MEMBER_OF")
    assert {
        ("Workload Manager - US DF", "USDF"),
        ("Database Engineer (Qserv) - SLAC", "SLAC"),
        ("Computation Facility Scientist - IN2P3", "IN2P3"),
    } <= edges(g, "LOCATED_AT")
    assert {
        ("Fritz Mueller", "SLAC"),
        ("Merlin Fisher-Levine", "D4D Ltd"),
        ("Jim Bosch", "Universities"),
        ("Hsin-Fang Chiang", "AURA"),
    } <= edges(g, "AFFILIATED_WITH")
    assert "US DF" not in names(g, "Institution")


def test_hyphen_broken_titles_are_joined() -> None:
    roles = names(dp0(), "Role")
    assert {
        "Database Engineer (Qserv) - SLAC",
        "Lead of Algorithms and Pipelines",
        "Computation Facility Scientist - SLAC",
        "Dev/Ops Software Engineer - US DF",
        "Data Management Software Engineer - SLAC",
    } <= roles
    assert not any("- " in r.replace(" - ", "") for r in roles)
