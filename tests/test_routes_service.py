"""The routes the service layer added, and the rules every route now shares.

Milestones with their dependents and dependencies, institutions; ``{ref}`` matched the
same way everywhere (ids in any case); suggestions on every 404; the product chosen
over a team of the same name in ``/path``; names in canned-query parameters; the
service's internal queries hidden.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from orggraph.api.app import create_app
from orggraph.cypher import default_registry
from orggraph.graph.settings import Settings
from orggraph.graph.stores.falkordb_store import FalkorDBStore

from orggraph.client import OrgGraph
from tests.support.interfaces import api_answer, cli_answer, cli_run


@pytest.fixture(scope="module")
def store(seeded_data_dir: Path) -> Iterator[FalkorDBStore]:
    db = FalkorDBStore(seeded_data_dir)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture(scope="module")
def api(store: FalkorDBStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), store=store)) as client:
        yield client


def test_a_milestone_has_dependencies_and_dependents(api: TestClient) -> None:
    needs = api_answer(api, "/milestones/milestone:l3-mw-0070/dependencies")
    assert needs["product"]["label"] == "Milestone"
    assert [(i["id"], i["depth"]) for i in needs["items"]][:1] == [("product:butler", 1)]
    first = needs["items"][0]
    assert first["via"] == "milestone:l3-mw-0070"
    assert first["hops"] == [{"source": "milestone:l3-mw-0070", "target": "product:butler",
                              "type": "DEPENDS_ON", "evidence": first["hops"][0]["evidence"]}]
    assert first["hops"][0]["evidence"]
    # two milestones that depend on each other: each reached once, the walk ends
    cycle = api_answer(api, "/milestones/milestone:l2-dp-0020/dependents")
    ids = [i["id"] for i in cycle["items"]]
    assert "milestone:l2-dp-0040" in ids and "milestone:l2-dp-0020" not in ids
    assert len(ids) == len(set(ids))
    detail = api_answer(api, "/milestones/milestone:l3-mw-0070")
    assert detail["name"].startswith("Gen3 butler") and detail["evidence"]
    # a product route does not take a milestone, and says what it is
    miss = api_answer(api, "/products/milestone:l3-mw-0070/dependencies", 404)
    assert "Milestone" in miss["detail"]


def test_an_institution_has_its_people_and_roles(api: TestClient) -> None:
    slac = api_answer(api, "/institutions/slac")
    assert slac["institution"]["id"] == "institution:slac"
    people = {p["id"] for p in slac["people"]}
    assert "person:fritz-mueller" in people
    assert all(p["evidence"] for p in slac["people"])
    assert any(r["name"].endswith("- SLAC") for r in slac["roles"])
    assert api_answer(api, "/institutions/SLCA", 404)["suggestions"] == ["SLAC"]


@pytest.mark.parametrize("url", [
    "/people/{}", "/people/{}/impact", "/entities/{}", "/viz/neighbourhood/{}",
])
def test_ids_match_in_any_case_on_every_route(api: TestClient, url: str) -> None:
    lower = api.get(url.format("person:tim-jenness"))
    upper = api.get(url.format("PERSON:TIM-JENNESS"))
    assert lower.status_code == upper.status_code == 200
    if url.startswith("/viz"):
        return
    assert lower.json() == upper.json()


def test_every_404_suggests(api: TestClient) -> None:
    role = "Alert Production Pipeline Group Leader"
    miss = api_answer(api, f"/teams/{role}", 404)
    assert role in miss["suggestions"]
    assert f"{role} (Role)" in miss["detail"]  # what the suggestion is
    assert api_answer(api, f"/roles/{role}/chain")["role"]["name"] == role
    for url in ("/products/Butlr/owners", "/people/Tim Jenes", "/teams/Qserve",
                "/facilities/USFD", "/roles/Qserv Leed/chain", "/institutions/Fermi lab",
                "/milestones/Qserv instalation on IDF", "/milestones/L3-MW-0070/dependents",
                "/products/Butlr/dependents", "/teams/Science User Middleware/org-chart"):
        body = api.get(url).json()
        if url == "/milestones/L3-MW-0070/dependents":  # an id in another case: found
            assert body["product"]["id"] == "milestone:l3-mw-0070"
            continue
        assert body["suggestions"], url
    assert api_answer(api, "/milestones/zzz-nothing-like-it", 404)["suggestions"] == []


def test_path_prefers_the_product_over_a_team_of_the_same_name(api: TestClient) -> None:
    body = api_answer(api, "/path", **{"from": "Fritz Mueller", "to": "Qserv"})
    assert body["target"] == {"id": "product:qserv", "label": "Product", "name": "Qserv"}
    assert body["found"] and body["hops"][0]["type"] == "MANAGES"
    assert len(body["notes"]) == 1 and "Team team:qserv" in body["notes"][0]
    # an id says which: no note
    team = api_answer(api, "/path", **{"from": "Fritz Mueller", "to": "team:qserv"})
    assert team["target"]["label"] == "Team" and team["notes"] == []
    # elsewhere the name stays ambiguous
    assert len(api_answer(api, "/entities/Qserv", 409)["candidates"]) == 2


def test_canned_query_parameters_take_names(
    api: TestClient, store: FalkorDBStore, seeded_data_dir: Path
) -> None:
    by_id = api_answer(api, "/queries/product_owners", id="product:butler")
    by_name = api_answer(api, "/queries/product_owners", id="Butler")
    assert by_name["count"] == 1 and by_name["rows"] == by_id["rows"]
    assert by_name["params"] == {"id": "product:butler"}
    assert api_answer(api, "/queries/product_owners", 404, id="Butlr")["suggestions"]
    assert api_answer(api, "/queries/shortest_path", 409, from_id="Qserv", to_id="Butler")
    rows = cli_answer(seeded_data_dir, "query", "product_owners", "-p", "id=Butler")
    assert rows and rows[0]["managers"][0]["name"] == "Tim Jenness"
    missing = cli_run(seeded_data_dir, "query", "product_owners", "-p", "id=Butlr")
    assert missing.exit_code == 1 and "did you mean Butler" in missing.stderr
    og = OrgGraph(store)
    assert og.product_owners(id="Butler").loc[0, "managers"][0]["name"] == "Tim Jenness"
    assert og.product_dependents("Qserv").equals(og.product_dependents("product:qserv"))
    listed = {q["name"]: q for q in api_answer(api, "/queries")}
    assert listed["product_owners"]["params"][0]["type"] == "ref"
    assert listed["product_owners"]["params"][0]["labels"] == ["Product"]


def test_internal_queries_are_hidden(api: TestClient, seeded_data_dir: Path) -> None:
    registry = default_registry()
    internal = {q.name for q in registry if q.internal}
    assert {"dependents_step", "path_step", "health_vacant_roles_total", "viz_node_props",
            "document_tags"} <= internal
    assert not [n for n in internal if not n.endswith(("_step", "_total"))
                and not n.startswith(("viz_", "impact_", "diff_", "export_", "path_"))
                and n not in {"document_tags", "known_documents"}]
    listed = {q["name"] for q in api_answer(api, "/queries")}
    assert listed and not listed & internal
    listing = cli_run(seeded_data_dir, "query")
    assert listing.exit_code == 0
    assert "product_owners" in listing.stdout and "dependents_step" not in listing.stdout
    assert not [n for n in internal if hasattr(OrgGraph, n)]
