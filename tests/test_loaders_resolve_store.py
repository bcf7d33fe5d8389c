"""Merges in the real embedded store: listed with rule and evidence after the load, stable
on reload, and a person's split/confirm decisions obeyed by every later load."""

from __future__ import annotations

from pathlib import Path

from orggraph.cypher import default_registry
from orggraph.graph.model import Node
from orggraph.graph.service.merges import MergeStep
from orggraph.graph.service.merges import merges as merge_log
from orggraph.graph.stores import Store
from orggraph.graph.writer import setup_schema, write_document
from orggraph.loaders import Extraction, extract
from orggraph.loaders.decisions import active, add_decision, load_decisions, remove_decision

from tests.test_loaders_support import DP0, RTN


def merges(store: Store, **filters: str) -> list[MergeStep]:
    """The stored merge steps, as ``orggraph merges`` and ``GET /merges`` list them."""
    return merge_log(store, **filters).items


STAFF = "WBS\tTeam\tRole Title\tRole Description\tInstitution\tFTE\tStaff\n"


def known(store: Store) -> list[Node]:
    return [
        Node(r["label"], r["id"], r["name"] or r["id"], list(r["aliases"] or []))
        for r in default_registry().run(store, "known_entities")
    ]


def load_into(store: Store, paths: list[Path], decisions: Path | None = None) -> Extraction:
    """What `orggraph load` does: resolve against the store, write each document."""
    setup_schema(store)
    with active(load_decisions(decisions)):
        ex = extract(paths, known(store))
    assert not ex.failures, ex.failures
    for g in ex.graphs:
        write_document(store, g)
    return ex


def people(store: Store) -> dict[str, list[str]]:
    rows = store.read("MATCH (n:Person) RETURN n.id AS id, n.aliases AS aliases")
    return {r["id"]: sorted(r["aliases"] or []) for r in rows}


def docs(tmp: Path, second: str) -> list[Path]:
    a = tmp / "a.txt"
    b = tmp / "b.txt"
    a.write_text(STAFF + "4.3b\tSurvey\tSurvey Engineer\tBuilds.\tACME\t0.5\tKowalsky, Nina\n")
    b.write_text(STAFF + second + "\n")
    return [a, b]


AGREEING = "5.1a\tSurvey\tSurvey Engineer\tBuilds.\tACME\t0.5\tNina Kowalski"
DIFFERENT = "6.1a\tArchive\tArchive Clerk\tFiles.\tUofX\t0.5\tNina Kowalski"


def test_merges_are_listed_from_the_store_with_rule_and_evidence(seeded: Store) -> None:
    listed = merges(seeded)
    assert {m.rule for m in listed} >= {"initials", "ocr-slip", "short-given-name", "same-name"}
    gpdf = merges(seeded, ref="GPDF")
    assert [(m.id, m.rule) for m in gpdf] == [("person:gregory-dubois-felsmann", "initials")]
    ev = gpdf[0].evidence
    lines = RTN.read_text(encoding="utf-8").split("\n")
    assert ev and all(e.quote in lines[e.line - 1] for e in ev if e.document == RTN.name)
    assert gpdf[0].documents == [RTN.name]
    assert all(m.label == "Role" for m in merges(seeded, label="role"))
    assert {m.rule for m in merges(seeded, rule="ocr-slip")} == {"ocr-slip"}
    assert not any(m.rule == "store-match" for m in listed)


def test_reloading_keeps_the_merge_list(embedded: Store) -> None:
    load_into(embedded, [RTN, DP0])
    first = {(m.id, m.rule, tuple(m.names), tuple(m.documents)) for m in merges(embedded)}
    load_into(embedded, [RTN])
    load_into(embedded, [DP0, RTN])
    again = {(m.id, m.rule, tuple(m.names), tuple(m.documents)) for m in merges(embedded)}
    assert first <= again
    # what the store taught the parsers (a stored alias now read as a name) is listed as
    # joined through the stored node, and nothing else changes
    assert {rule for _, rule, _, _ in again - first} <= {"store-match"}


def test_a_split_decision_is_obeyed_on_every_later_load(embedded: Store, tmp_path: Path) -> None:
    paths = docs(tmp_path, AGREEING)
    decisions = tmp_path / "data" / "merge-decisions.json"
    load_into(embedded, paths, decisions)
    assert len(people(embedded)) == 1
    assert [m.rule for m in merges(embedded, label="Person")] == ["one-letter-typo+agreement"]

    add_decision(decisions, "split", "Kowalsky, Nina", "Nina Kowalski", by="tester", why="two")
    for _ in range(2):
        ex = load_into(embedded, paths, decisions)
        assert sorted(people(embedded)) == ["person:nina-kowalski", "person:nina-kowalsky"]
        assert merges(embedded, label="Person") == []
        applied = ex.report.to_dict()["decisions"]
        assert [d["effect"] for d in applied] == ["kept apart"]
        assert "by tester" in applied[0]["decision"]


def test_a_confirm_decision_merges_what_no_rule_would(embedded: Store, tmp_path: Path) -> None:
    paths = docs(tmp_path, DIFFERENT)
    decisions = tmp_path / "merge-decisions.json"
    load_into(embedded, paths, decisions)
    assert len(people(embedded)) == 2

    add_decision(decisions, "confirm", "Nina Kowalski", "person:nina-kowalsky", why="same")
    ex = load_into(embedded, paths, decisions)
    assert people(embedded) == {"person:nina-kowalski": ["Kowalsky, Nina", "Nina Kowalski"]}
    [step] = merges(embedded, label="Person")
    assert step.rule == "decision-confirm" and "same" in step.reason
    assert sorted(step.documents) == ["a.txt", "b.txt"]
    assert [d["effect"] for d in ex.report.to_dict()["decisions"]] == ["merged"]

    # forgetting the decision leaves the stored node as it is (its names stay one node);
    # a split takes it apart again
    assert remove_decision(decisions, "Nina Kowalski", "person:nina-kowalsky")
    load_into(embedded, paths, decisions)
    assert list(people(embedded)) == ["person:nina-kowalski"]
    assert [m.rule for m in merges(embedded, label="Person")] == ["store-match"]
    add_decision(decisions, "split", "Nina Kowalski", "Kowalsky, Nina")
    load_into(embedded, paths, decisions)
    assert sorted(people(embedded)) == ["person:nina-kowalski", "person:nina-kowalsky"]
