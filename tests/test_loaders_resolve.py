"""Entity resolution: aliases, merges, unresolved names, stored nodes and load order."""

from __future__ import annotations

import json
from pathlib import Path

from orggraph.graph.model import Node
from orggraph.loaders import extract

from tests.test_loaders_support import DP0, RTN, dp0, nodes, person_id, rtn, seeds


def test_one_person_per_human_across_forms() -> None:
    ex = seeds()
    same = [
        ("Economou, Frossie", "Frossie Economou"),
        ("GPDF", "Gregory Dubois-Felsmann"),
        ("Gregory Dubois Felsmann", "Gregory Dubois-Felsmann"),
        ("Jlm B", "Jim Bosch"),
        ("JimB", "Jim Bosch"),
        ("Wil O'Mullane", "O'Mullane, William"),
        ("Willam O'Mullane", "William O'Mullane"),
        ("KT Iim", "Lim, K-T"),
        ("KT Lim", "Lim, K-T"),  # the cell reads 'KT Lim ?'
        ("KSK", "Krughoff, Simon"),
        ("EricB", "Bellm, Eric"),
        ("Andy S", "Salnikov, Andy"),
        ("NateP", "Pease, Nate"),
        ("NateL", "Lust, Nate"),
        ("MichelleG", "Gower, Michelle"),
        ("Matthias", "Wittgen, Matthias"),
        ("Alsayyad, Yusra", "Yusra AlSayyad"),
        ("Cristian Silva", "Cristián Silva"),
    ]
    for a, b in same:
        assert person_id(ex, a) == person_id(ex, b), (a, b)
    assert person_id(ex, "Andy S") != person_id(ex, "Hanushevsky, Andy")
    assert person_id(ex, "EricB") != person_id(ex, "Neilsen, Eric")
    assert person_id(ex, "Sullivan, lan") == "person:ian-sullivan"
    assert person_id(ex, "Economou, Frossie") == "person:frossie-economou"


def test_canonical_names_are_first_last_and_fullest() -> None:
    people = {n.id: n.name for g in seeds().graphs for n in g.nodes if n.label == "Person"}
    assert people["person:william-o-mullane"] == "William O'Mullane"
    assert people["person:gregory-dubois-felsmann"] == "Gregory Dubois-Felsmann"
    assert people["person:cristian-silva"] == "Cristián Silva"
    assert people["person:yusra-alsayyad"] == "Yusra AlSayyad"


def test_aliases_are_verbatim_per_document() -> None:
    wom_rtn = nodes(rtn(), "Person")["William O'Mullane"]
    wom_dp0 = nodes(dp0(), "Person")["William O'Mullane"]
    assert {"Wil O'Mullane", "Willam O'Mullane", "William O'Mullane"} <= set(wom_rtn.aliases)
    assert "O'Mullane, William" in wom_dp0.aliases
    assert "O'Mullane, William" not in wom_rtn.aliases
    assert all(s.document == RTN.name for s in wom_rtn.sources)


def test_merge_log_has_reasons() -> None:
    merges = {m.into: m for m in seeds().report.merges}
    gpdf = merges["person:gregory-dubois-felsmann"]
    assert "GPDF" in gpdf.names and "initials" in gpdf.reason
    assert "OCR" in merges["person:kt-lim"].reason
    assert "short form" in merges["person:william-o-mullane"].reason
    assert "'lan' read as 'Ian'" in merges["person:ian-sullivan"].reason
    assert all(m.reason for m in seeds().report.merges)


def test_unknown_and_near_names_are_listed_not_merged() -> None:
    unresolved = {u.name: u for u in seeds().report.unresolved}
    assert "Kowalik" in unresolved and unresolved["Kowalik"].candidates == ["Nic Kowlik"]
    assert "Colin" in unresolved  # an owner: kept as its own node
    assert nodes(rtn(), "Person")["Colin"].aliases == ["Colin"]
    assert "Kowalik" not in nodes(dp0(), "Person")["Nic Kowlik"].aliases


def test_ambiguous_name_is_listed_and_not_guessed(tmp_path: Path) -> None:
    doc = tmp_path / "ambiguous.txt"
    doc.write_text(
        "WBS\tTeam\tRole Title\tRole Description\tInstitution\tFTE\tStaff\n"
        "1.1a\tAlpha\tAlpha Engineer\tBuilds things.\tACME\t0.5\tMorrison, Chris\n"
        "1.1b\tAlpha\tAlpha Scientist\tStudies things.\tACME\t0.5\tWaters, Chris\n"
        "\n"
        "Product\tManager\tOwner\tNotes\n"
        "Widget\tChris\t\tWidget\n",
        encoding="utf-8",
    )
    ex = extract([doc])
    g = ex.graphs[0]
    assert not any(e.type == "MANAGES" for e in g.edges)
    amb = [u for u in ex.report.unresolved if u.name == "Chris"]
    assert amb and "ambiguous" in amb[0].reason
    assert sorted(amb[0].candidates) == ["Chris Morrison", "Chris Waters"]
    assert any("MANAGES dropped" in s.reason for s in ex.report.skipped)


def test_roles_with_the_same_title_merge_across_documents() -> None:
    r, d = nodes(rtn(), "Role"), nodes(dp0(), "Role")
    for title in (
        "Database Engineer (Qserv) - SLAC",
        "Wide Area Network Architect",
        "Lead Calibration Scientist",
        "Dev/Ops Software Engineer - IN2P3",
        "Data Release Pipeline Group Leader",
    ):
        assert r[title].id == d[title].id
    assert r["Wide Area Network Architect"].properties["wbs"] == ["3.2p"]
    assert d["Wide Area Network Architect"].properties["wbs"] == ["3.2l"]


def test_teams_merge_on_singular_plural() -> None:
    team_ids = {n.name: n.id for g in seeds().graphs for n in g.nodes if n.label == "Team"}
    rtn_team = nodes(rtn(), "Team")["Algorithms and Pipelines"]
    assert "Algorithm and Pipeline" in rtn_team.aliases
    assert rtn_team.id == team_ids["Algorithms and Pipelines"]


def _known(graphs) -> list[Node]:  # type: ignore[no-untyped-def]
    out: dict[str, Node] = {}
    for g in graphs:
        for n in g.nodes:
            k = out.setdefault(n.id, Node(n.label, n.id, n.name))
            k.aliases.extend(a for a in n.aliases if a not in k.aliases)
    return list(out.values())


def test_loading_one_at_a_time_in_any_order_gives_the_same_ids() -> None:
    joint = {(n.label, n.id) for g in seeds().graphs for n in g.nodes}
    for first, second in ((RTN, DP0), (DP0, RTN)):
        a = extract([first])
        b = extract([second], known=_known(a.graphs))
        ids = {(n.label, n.id) for g in a.graphs + b.graphs for n in g.nodes}
        # partial names ('NateP', 'KSK') that nothing fits yet are listed, not loaded, so
        # every id is the one the joint load gives
        assert ids == joint


def test_known_nodes_keep_their_ids() -> None:
    known = [Node("Person", "person:wom", "William O'Mullane", ["Wil O'Mullane"])]
    ex = extract([RTN], known=known)
    assert person_id(ex, "Willam O'Mullane") == "person:wom"
    assert any("store" in m.reason for m in ex.report.merges if m.into == "person:wom")


def test_every_node_and_edge_has_verbatim_evidence() -> None:
    for path, g in ((RTN, rtn()), (DP0, dp0())):
        assert g.validate() == []
        lines = path.read_text(encoding="utf-8").split("\n")
        for item in [*g.nodes, *g.edges]:
            assert item.sources, item
            for ev in item.sources:
                assert ev.document == path.name
                assert 0 < len(ev.quote) <= 300
                assert ev.quote in lines[ev.line - 1], (item, ev)
            for value in item.properties.values():
                assert isinstance(value, str | int | float | bool | list)
                if isinstance(value, list):
                    assert all(isinstance(v, str | int | float | bool) for v in value)


def test_inferred_facts_carry_a_reason() -> None:
    for g in seeds().graphs:
        for e in g.edges:
            if e.properties.get("confidence") == "inferred":
                assert e.properties.get("reason")


def test_report_is_json_and_readable() -> None:
    report = seeds().report
    data = json.loads(json.dumps(report.to_dict()))
    assert data["totals"]["labels"]["Person"] >= 55
    assert {d["document"] for d in data["documents"]} == {RTN.name, DP0.name}
    assert data["corrections"] and data["skipped"] and data["merges"] and data["unresolved"]
    text = report.render()
    for word in ("Merges", "Unresolved", "Skipped", "HOLDS", "RTN-046"):
        assert word in text


def test_reloading_onto_the_store_changes_nothing() -> None:
    joint = seeds()
    again = extract([RTN, DP0], known=_known(joint.graphs))
    for a, b in zip(joint.graphs, again.graphs, strict=True):
        assert {(n.label, n.id, n.name) for n in a.nodes} == {
            (n.label, n.id, n.name) for n in b.nodes
        }
        assert {e.key for e in a.edges} == {e.key for e in b.edges}


def test_reloading_one_document_onto_the_store_resolves_as_together() -> None:
    joint = seeds()
    for path in (RTN, DP0):
        alone = extract([path], known=_known(joint.graphs))
        expected = next(g for g in joint.graphs if g.document == path.name)
        assert {(n.label, n.id) for n in alone.graphs[0].nodes} == {
            (n.label, n.id) for n in expected.nodes
        }
        assert {e.key for e in alone.graphs[0].edges} == {e.key for e in expected.edges}
