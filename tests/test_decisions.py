"""The merge-decisions file: format, editing, errors, and decisions obeyed by a load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from orggraph.loaders import extract
from orggraph.loaders.decisions import (
    Decision,
    DecisionError,
    Decisions,
    active,
    add_decision,
    default_path,
    load_decisions,
    remove_decision,
    save_decisions,
)

STAFF = "WBS\tTeam\tRole Title\tRole Description\tInstitution\tFTE\tStaff\n"


def test_default_path_is_beside_the_data(tmp_path: Path) -> None:
    assert default_path(tmp_path / "data") == tmp_path / "data" / "merge-decisions.json"


def test_a_missing_file_holds_no_decisions(tmp_path: Path) -> None:
    found = load_decisions(tmp_path / "none.json")
    assert found.entries == [] and found.path == tmp_path / "none.json"
    assert load_decisions(None).entries == []


def test_add_writes_a_readable_file_and_replaces_the_same_pair(tmp_path: Path) -> None:
    path = tmp_path / "d" / "merge-decisions.json"
    first = add_decision(path, "split", "Qserv", "RSP", label="product", by="jane", why="two")
    assert first.label == "Product" and first.when  # an ISO time was filled in
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["version"] == 1
    assert raw["decisions"] == [
        {
            "action": "split",
            "names": ["Qserv", "RSP"],
            "label": "Product",
            "by": "jane",
            "when": first.when,
            "why": "two",
        }
    ]
    add_decision(path, "confirm", "rsp", "QSERV", label="Product")  # same pair, other order
    entries = load_decisions(path).entries
    assert [(d.action, d.names) for d in entries] == [("confirm", ("rsp", "QSERV"))]
    add_decision(path, "split", "Qserv", "RSP")  # no label: another pair
    assert len(load_decisions(path).entries) == 2


def test_remove_forgets_a_decision(tmp_path: Path) -> None:
    path = tmp_path / "merge-decisions.json"
    add_decision(path, "split", "A B", "C D")
    assert remove_decision(path, "c d", "a b")
    assert not remove_decision(path, "c d", "a b")
    assert load_decisions(path).entries == []


def test_a_hand_written_list_is_read(tmp_path: Path) -> None:
    path = tmp_path / "merge-decisions.json"
    path.write_text(
        '[{"action": "Confirm", "names": ["Kowalik", "person:nic-kowlik"], "why": "same"}]'
    )
    [d] = load_decisions(path).entries
    assert d.action == "confirm" and d.labels == {"Person"} and d.why == "same"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"decisions": [', "line 1"),
        ('{"decisions": {"a": 1}}', "'decisions' list"),
        ('{"decisions": [{"action": "merge", "names": ["A", "B"]}]}', "decision 1"),
        ('{"decisions": [{"action": "split", "names": ["A"]}]}', "two names"),
        ('{"decisions": [{"action": "split", "names": ["A", "a"]}]}', "two different names"),
        ('{"decisions": [{"action": "split", "names": ["A", "B"], "label": "Cat"}]}', "label"),
        (
            '{"decisions": [{"action": "split", "names": ["person:a", "team:b"]}]}',
            "different labels",
        ),
    ],
)
def test_a_bad_file_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "merge-decisions.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DecisionError, match=message) as err:
        load_decisions(path)
    assert str(path) in str(err.value)


def test_save_replaces_the_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "merge-decisions.json"
    decisions = Decisions([Decision("split", ("A", "B"))])
    save_decisions(decisions, path)
    save_decisions(Decisions([Decision("confirm", ("C", "D"))]), path)
    assert [d.names for d in load_decisions(path).entries] == [("C", "D")]
    assert [p.name for p in tmp_path.iterdir()] == ["merge-decisions.json"]


def _docs(tmp: Path) -> list[Path]:
    a, b = tmp / "a.txt", tmp / "b.txt"
    a.write_text(STAFF + "4.3b\tSurvey\tSurvey Engineer\tBuilds.\tACME\t0.5\tKowalsky, Nina\n")
    b.write_text(STAFF + "5.1a\tSurvey\tSurvey Engineer\tBuilds.\tACME\t0.5\tNina Kowalski\n")
    return [a, b]


def _person_ids(paths: list[Path]) -> set[str]:
    ex = extract(paths)
    return {n.id for g in ex.graphs for n in g.nodes if n.label == "Person"}


def test_a_load_obeys_the_decisions_in_force(tmp_path: Path) -> None:
    paths = _docs(tmp_path)
    assert len(_person_ids(paths)) == 1  # one letter apart, same role and institution
    split = Decisions([Decision("split", ("Nina Kowalsky", "nina kowalski"), "Person")])
    with active(split):
        assert len(_person_ids(paths)) == 2  # 'Kowalsky, Nina' is 'Nina Kowalsky'
    assert len(_person_ids(paths)) == 1  # only while in force
    by_id = Decisions([Decision("split", ("person:nina-kowalsky", "Nina Kowalski"))])
    with active(by_id):
        assert len(_person_ids(paths)) == 2


def test_a_split_of_another_label_changes_nothing(tmp_path: Path) -> None:
    paths = _docs(tmp_path)
    with active(Decisions([Decision("split", ("Nina Kowalsky", "Nina Kowalski"), "Team")])):
        assert len(_person_ids(paths)) == 1


def test_a_confirm_joins_two_rows_of_one_table(tmp_path: Path) -> None:
    doc = tmp_path / "p.txt"
    doc.write_text(
        "Product\tManager\tOwner\tNotes\nTide DB\tAnn Carter\t\tTide DB\nTDB\tAnn Carter\t\tTDB\n"
    )
    ex = extract([doc])
    assert len({n.id for n in ex.graphs[0].nodes if n.label == "Product"}) == 2
    with active(Decisions([Decision("confirm", ("TDB", "Tide DB"), "Product", why="one")])):
        ex = extract([doc])
    assert len({n.id for n in ex.graphs[0].nodes if n.label == "Product"}) == 1
    [rec] = [m for m in ex.report.merges if m.label == "Product"]
    assert rec.rules == ["decision-confirm"] and "one" in rec.reason
    assert ex.report.to_dict()["decisions"][0]["effect"] == "merged"
