"""The merge log through the API, the CLI and the client, and a person's decisions made
with ``orggraph merges split|confirm`` obeyed by the next ``orggraph load``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from orggraph.api.app import create_app
from orggraph.graph.settings import Settings
from orggraph.graph.stores.falkordb_store import FalkorDBStore

from orggraph.client import OrgGraph
from tests.support.interfaces import api_answer, cli_answer, cli_run, client_answer


@pytest.fixture(scope="module")
def store(seeded_data_dir: Path) -> Iterator[FalkorDBStore]:
    db = FalkorDBStore(seeded_data_dir)
    try:
        yield db
    finally:
        db.close()


def test_the_three_interfaces_list_the_same_merges(
    store: FalkorDBStore, seeded_data_dir: Path
) -> None:
    with TestClient(create_app(Settings(), store=store)) as client:
        api = api_answer(client, "/merges", ref="GPDF")
        everything = api_answer(client, "/merges")
        assert api_answer(client, "/merges", status=422, label="Document")
    cli = cli_answer(seeded_data_dir, "merges", "--ref", "GPDF")
    client_side = client_answer(OrgGraph(store).merges("GPDF"))
    assert api == cli == client_side
    [step] = api["items"]
    assert (step["id"], step["rule"]) == ("person:gregory-dubois-felsmann", "initials")
    assert "GPDF" in step["names"] and step["evidence"] and step["reason"]
    assert everything["count"] == sum(everything["by_rule"].values()) > 10


def _doc(path: Path, holder: str) -> Path:
    path.write_text(
        "WBS\tTeam\tRole Title\tRole Description\tInstitution\tFTE\tStaff\n"
        f"1.1a\tCore\tCore Engineer\tBuilds.\tACME\t0.5\t{holder}\n",
        encoding="utf-8",
    )
    return path


def test_a_decision_from_the_cli_is_obeyed_by_the_next_load(tmp_path: Path) -> None:
    data = tmp_path / "data"
    a = _doc(tmp_path / "a.txt", "Nina Kowalski")
    b = _doc(tmp_path / "b.txt", "Kowalsky, Nina")  # one letter apart, same role: merged
    assert cli_run(data, "load", str(a), str(b), "--quiet").exit_code == 0
    merged = cli_answer(data, "merges", "--label", "Person")
    assert [m["rule"] for m in merged["items"]] == ["one-letter-typo+agreement"]

    said = cli_run(data, "merges", "split", "Nina Kowalski", "Kowalsky, Nina", "--why", "two")
    assert said.exit_code == 0 and "load the documents again" in said.stdout
    decisions = json.loads((data / "merge-decisions.json").read_text())
    assert decisions["decisions"][0]["action"] == "split"
    assert cli_run(data, "load", str(a), str(b), "--quiet").exit_code == 0
    people = cli_answer(data, "search", "Nina", "--label", "Person")
    assert len(people["hits"]) == 2  # kept apart, as the person decided

    assert cli_run(data, "merges", "forget", "Nina Kowalski", "Kowalsky, Nina").exit_code == 0
    missing = cli_run(data, "merges", "forget", "Nina Kowalski", "Kowalsky, Nina")
    assert missing.exit_code == 1 and "no decision" in missing.stderr
