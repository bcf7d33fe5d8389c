"""Impact, health and diff through the real API (TestClient) and the real CLI (CliRunner)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from orggraph.api.app import create_app
from orggraph.graph.settings import Settings, get_settings
from orggraph.graph.stores.falkordb_store import FalkorDBStore
from typer.testing import CliRunner

from orggraph.cli import app as cli_app
from tests.support.analysis_plans import DOC_A, DOC_B

runner = CliRunner()


@pytest.fixture
def client(both: FalkorDBStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), both)) as test_client:
        yield test_client


def cli(*args: str):
    try:
        return runner.invoke(cli_app, list(args), catch_exceptions=False)
    finally:
        get_settings.cache_clear()


def test_person_impact_route(client: TestClient) -> None:
    body = client.get("/people/Fritz Mueller/impact").json()
    assert [p["id"] for p in body["people"]] == ["person:fritz"]
    assert body["severity"] == "critical"
    qserv = next(p for p in body["products"] if p["product"]["id"] == "product:qserv")
    assert [d["name"] for d in qserv["dependents"]] == ["TAP", "Portal", "Portal ready"]
    walk = client.get("/products/Qserv/dependents", params={"depth": 10}).json()
    assert [d["id"] for d in qserv["dependents"]] == [i["id"] for i in walk["items"]]
    assert qserv["evidence"][0] == {"document": DOC_A, "line": qserv["evidence"][0]["line"],
                                    "quote": "Fritz Mueller", "text": "Fritz Mueller"}
    assert body["ranking"][0]["subject"]["id"] == "product:qserv"


def test_person_impact_with_destination(client: TestClient) -> None:
    body = client.get("/people/person:fritz/impact", params={"to_team": "Data Services"}).json()
    assert body["to_team"]["id"] == "team:data-services" and body["teams"] == []


def test_group_and_team_impact_routes(client: TestClient) -> None:
    pair = client.get("/impact", params=[("people", "Fritz Mueller"), ("people", "person:bob")])
    assert pair.status_code == 200
    role = next(r for r in pair.json()["roles"] if r["role"]["id"] == "role:db-engineer")
    assert role["vacated"] and role["fte_lost"] == 1.75  # Bob: 0.5 in 2021, 1.0 (latest) in 2023
    comma = client.get("/impact", params={"people": "Fritz Mueller,person:bob"}).json()
    assert [p["id"] for p in comma["people"]] == ["person:fritz", "person:bob"]
    team = client.get("/teams/Middleware/impact").json()
    assert {p["id"] for p in team["people"]} == {"person:carol", "person:dan", "person:erin"}
    with_team = client.get("/impact", params={"people": "Fritz Mueller", "team": "Middleware"})
    assert {p["id"] for p in with_team.json()["people"]} == {
        "person:fritz", "person:carol", "person:dan", "person:erin"}
    # nobody named: refused by the schema itself (people is required, and not blank)
    for params in ({}, {"team": "Middleware"}, {"people": " , "}):
        refused = client.get("/impact", params=params)
        assert refused.status_code == 422 and refused.json()["detail"], params


def test_impact_errors_map_to_404_and_409(client: TestClient) -> None:
    missing = client.get("/people/Fritz Muller/impact")
    assert missing.status_code == 404 and "Fritz Mueller" in missing.json()["suggestions"]
    ambiguous = client.get("/people/J. Smith/impact")
    assert ambiguous.status_code == 409
    assert {c["id"] for c in ambiguous.json()["candidates"]} == {
        "person:jo-smith", "person:jon-smith"}
    assert client.get("/people/Fritz Mueller/impact", params={"to_role": "Nope"}).status_code \
        == 404


def test_health_route(client: TestClient) -> None:
    body = client.get("/health/org").json()
    rules = {r["rule"]: r for r in body["rules"]}
    assert [e["id"] for e in rules["reporting_cycles"]["entities"]] == ["role:coord-a"]
    assert rules["product_no_manager"]["entities"][0]["evidence"][0]["document"] == DOC_A
    some = client.get("/health/org", params={"rule": "overcommitted", "max_fte": 2}).json()
    assert [r["rule"] for r in some["rules"]] == ["overcommitted"]
    assert some["rules"][0]["count"] == 0 and some["parameters"] == {"max_fte": 2.0}
    assert client.get("/health/org", params={"rule": "nope"}).status_code == 422
    assert client.get("/health/org", params={"max_fte": 0}).status_code == 422


def test_diff_route(client: TestClient) -> None:
    body = client.get("/diff", params={"from": "PLAN-21", "to": "PLAN-23"}).json()
    assert (body["from_document"], body["to_document"]) == (DOC_A, DOC_B)
    wbs = {i["id"]: i for i in body["wbs"]}
    assert wbs["role:db-engineer"]["after"]["evidence"][0]["document"] == DOC_B
    assert client.get("/diff", params={"from": "PLAN-21", "to": "nope"}).status_code == 404
    assert client.get("/diff", params={"from": "PLAN-21", "to": DOC_A}).status_code == 422
    assert client.get("/diff", params={"from": "PLAN-21"}).status_code == 422


# --- CLI (the store directory is used by one handle at a time) ------------------------------


def test_cli_impact_table_and_json(both_dir: Path) -> None:
    result = cli("impact", "Fritz Mueller", "--data", str(both_dir))
    assert result.exit_code == 0, result.output
    assert "impact of moving Fritz Mueller: critical" in result.stdout
    assert "Qserv loses its manager" in result.stdout
    assert "Qserv: depended on by TAP, Portal, Portal ready; part of Big Databases; hosted at " \
        "USDF" in result.stdout
    result = cli("impact", "Fritz Mueller", "person:bob", "--json", "--data", str(both_dir))
    body = json.loads(result.stdout)
    assert [p["id"] for p in body["people"]] == ["person:fritz", "person:bob"]
    result = cli("impact", "--team", "Middleware", "--json", "--data", str(both_dir))
    assert result.exit_code == 0 and len(json.loads(result.stdout)["people"]) == 3


def test_cli_impact_errors_are_one_line(both_dir: Path) -> None:
    for args, code, text in [
        (["impact", "Fritz Muller"], 1, "did you mean Fritz Mueller"),
        (["impact", "J. Smith"], 1, "ambiguous"),
        (["impact"], 2, "name at least one person"),
        (["gaps", "--rule", "nope"], 2, "unknown rule 'nope'"),
        (["diff", DOC_A, DOC_A], 1, "same document"),
        (["diff", DOC_A, "nope.txt"], 1, "no Document is called 'nope.txt'"),
    ]:
        result = cli(*args, "--data", str(both_dir))
        assert result.exit_code == code, (args, result.output)
        lines = [x for x in result.stderr.splitlines() if x.strip()]
        assert len(lines) == 1 and text in lines[0], (args, result.stderr)


def test_cli_gaps(both_dir: Path) -> None:
    result = cli("gaps", "--data", str(both_dir))
    assert result.exit_code == 0, result.output
    assert "Reporting cycles: 1 of" in result.stdout
    assert "Coordinator A -> Coordinator B -> Coordinator A" in result.stdout
    body = json.loads(cli("gaps", "-r", "team_no_lead", "--json", "--data", str(both_dir)).stdout)
    assert [r["rule"] for r in body["rules"]] == ["team_no_lead"]


def test_cli_diff(both_dir: Path) -> None:
    result = cli("diff", "PLAN-21", "PLAN-23", "--data", str(both_dir))
    assert result.exit_code == 0, result.output
    assert "~ Database Engineer wbs: 1.1b -> 2.1b" in result.stdout
    assert "~ Butler manager: Carol Cole -> Hank Hill" in result.stdout
    assert "~ Fritz Mueller roles: Database Engineer -> Qserv Lead" in result.stdout
    assert "+ Pipeline Middleware" in result.stdout
    body = json.loads(cli("diff", "PLAN-21", "PLAN-23", "--json", "--data", str(both_dir)).stdout)
    assert body["summary"]["wbs"] == 2
