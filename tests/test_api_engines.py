"""The same core routes on both engines (Neo4j runs where a Docker engine answers).

The per-engine Cypher (undirected shortest path) and the read-only walls are where the
engines differ; the answers must not.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from orggraph.api.app import create_app
from orggraph.graph.settings import Settings
from orggraph.graph.stores import Store
from orggraph.graph.writer import setup_schema, write_document

from tests.test_api_guard import plan


@pytest.fixture
def client(store: Store) -> TestClient:
    setup_schema(store)
    write_document(store, plan())
    return TestClient(create_app(Settings(), store))


def test_core_answers_agree_on_both_engines(store: Store, client: TestClient) -> None:
    with client:
        owners = client.get("/products/core/owners").json()
        assert [m["name"] for m in owners["managers"]] == ["Ada Lovelace"]
        items = client.get("/products/Core/dependents").json()["items"]
        assert [(i["name"], i["depth"]) for i in items] == [
            ("Service", 1), ("Tool", 1), ("Portal", 2)]
        chain = client.get("/roles/Engineer/chain").json()["chain"]
        assert [c["name"] for c in chain] == ["Lead", "Director"]
        entity = client.get("/entities/Ada Lovelace").json()
        types = {(g["type"], g["direction"]) for g in entity["neighbours"]}
        assert types == {("MANAGES", "out"), ("HOLDS", "out")}


def test_shortest_path_is_undirected_on_both_engines(store: Store, client: TestClient) -> None:
    with client:
        # Engineer -> Lead <- Ada -> Core: edges walked against their direction too
        body = client.get("/path", params={"from": "Engineer", "to": "Core"}).json()
        assert body["found"] and body["length"] == 3
        assert [n["name"] for n in body["nodes"]] == ["Engineer", "Lead", "Ada Lovelace", "Core"]
        assert [h["type"] for h in body["hops"]] == ["REPORTS_TO", "HOLDS", "MANAGES"]
        assert body["hops"][1]["evidence"][0]["line"] == 15
        short = client.get("/path", params={"from": "Engineer", "to": "Core", "max": 2}).json()
        assert short["found"] is False and short["hops"] == []


def test_writes_are_refused_on_both_engines(store: Store, client: TestClient) -> None:
    with client:
        refused = client.post("/cypher", json={"query": "MATCH (n) DETACH DELETE n"})
        assert refused.status_code == 403
        rows = client.post("/cypher", json={"query": "MATCH (n:Product) RETURN count(n) AS c"})
        assert rows.json()["rows"] == [{"c": 4}]
