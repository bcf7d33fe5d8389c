"""The `orggraph` command as a user meets it: clear one-line errors, load, export, status."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from orggraph.graph.settings import get_settings
from typer.testing import CliRunner

from orggraph.cli import app
from tests.conftest import SEEDS

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None):
    try:
        return runner.invoke(app, list(args), env=env, catch_exceptions=False)
    finally:
        get_settings.cache_clear()  # settings are read once per process; tests change env


@pytest.fixture
def data(tmp_path: Path) -> str:
    return str(tmp_path / "data")


def one_line_error(result, code: int, text: str) -> None:
    assert result.exit_code == code, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert text in lines[0]
    assert "Traceback" not in result.output


def test_missing_file_is_one_line(data: str, tmp_path: Path) -> None:
    one_line_error(run("load", str(tmp_path / "nope.txt"), "--data", data), 1, "no such file")


def test_unknown_query_is_one_line_with_suggestion(data: str) -> None:
    one_line_error(run("query", "product_owner", "--data", data), 2, "did you mean product_owners")


def test_missing_parameter_is_one_line(data: str) -> None:
    one_line_error(run("query", "product_owners", "--data", data), 2, "needs parameter 'id'")


def test_unreachable_neo4j_is_one_line() -> None:
    get_settings.cache_clear()
    result = run("status", "--store", "neo4j", env={"ORGGRAPH_NEO4J_URI": "bolt://127.0.0.1:9"})
    one_line_error(result, 1, "store unreachable")


def test_load_export_status_round_trip(data: str, tmp_path: Path) -> None:
    result = run("load", str(SEEDS), "--data", data, "--report-json", str(tmp_path / "r.json"))
    assert result.exit_code == 0, result.output
    assert "loaded 2 of 2 document(s)" in result.stdout
    report = json.loads((tmp_path / "r.json").read_text())
    assert len(report["written"]) == 2 and report["failures"] == []

    out = tmp_path / "g.json"
    assert run("export", "--format", "json", "-o", str(out), "--data", data).exit_code == 0
    graph = json.loads(out.read_text())
    assert set(graph) == {"nodes", "edges"}
    node_keys = {"id", "labels", "name", "aliases", "properties", "sources"}
    assert all(set(n) == node_keys for n in graph["nodes"])
    assert all(
        set(e) == {"source", "target", "type", "properties", "sources"} for e in graph["edges"]
    )
    ids = {n["id"] for n in graph["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    assert all(n["sources"] and n["sources"][0]["line"] >= 1 for n in graph["nodes"])
    assert all(e["sources"] for e in graph["edges"])

    graphml = tmp_path / "g.graphml"
    assert run("export", "--format", "graphml", "-o", str(graphml), "--data", data).exit_code == 0
    g = nx.read_graphml(graphml)
    assert g.number_of_nodes() == len(graph["nodes"])
    assert g.number_of_edges() == len(graph["edges"])

    csv_path = tmp_path / "g.csv"
    assert run("export", "--format", "csv", "-o", str(csv_path), "--data", data).exit_code == 0
    rows = csv_path.read_text().splitlines()
    assert len(rows) >= 1 + len(graph["nodes"]) + len(graph["edges"])

    status = run("status", "--data", data)
    assert status.exit_code == 0
    assert "rtn-046-dm-operations-plan.txt" in status.stdout
    assert "dp0-definition-and-planning.txt" in status.stdout

    again = run("load", str(SEEDS), "--data", data, "--quiet")
    assert again.exit_code == 0
    out2 = tmp_path / "g2.json"
    run("export", "-o", str(out2), "--data", data)
    second = json.loads(out2.read_text())
    assert {n["id"] for n in second["nodes"]} == ids
    key = lambda e: (e["type"], e["source"], e["target"])  # noqa: E731
    assert {key(e) for e in second["edges"]} == {key(e) for e in graph["edges"]}


def test_a_bad_document_fails_alone(data: str, tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    result = run("load", str(bad), str(SEEDS / "rtn-046-dm-operations-plan.txt"), "--data", data)
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr
    assert "loaded 1 of 2" in result.stdout
    status = run("status", "--data", data).stdout
    assert "rtn-046-dm-operations-plan.txt" in status and "empty.txt" not in status


def test_query_prints_rows(data: str) -> None:
    assert run("load", str(SEEDS), "--data", data, "--quiet").exit_code == 0
    result = run("query", "counts_by_label", "--json", "--data", data)
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert {r["label"] for r in rows} >= {"Person", "Role", "Product", "Document"}
