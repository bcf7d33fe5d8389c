"""The core API against the real embedded store loaded with the seed documents.

Expected names come from the seed documents themselves (line numbers in comments),
and every piece of evidence an answer carries is checked against the line it cites.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from orggraph.api.app import create_app
from orggraph.api.routes.core import router as core_router
from orggraph.graph.settings import Settings
from orggraph.graph.stores.falkordb_store import FalkorDBStore

from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def seeded_store(seeded_data_dir: Path) -> Iterator[FalkorDBStore]:
    db = FalkorDBStore(seeded_data_dir)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture(scope="module")
def client(seeded_store: FalkorDBStore) -> Iterator[TestClient]:
    app = create_app(Settings(row_cap=50, query_timeout_ms=5000), seeded_store)
    with TestClient(app, raise_server_exceptions=True) as test_client:
        yield test_client


@cache
def _lines(document: str) -> list[str]:
    return (SEEDS / document).read_text(encoding="utf-8").splitlines()


def assert_evidence(items: list[dict[str, Any]], *, required: bool = True) -> None:
    """Each record cites a seed document line that holds its quote verbatim."""
    if required:
        assert items, "a stated fact came without evidence"
    for ev in items:
        lines = _lines(ev["document"])
        assert 1 <= ev["line"] <= len(lines), ev
        assert ev["quote"] and ev["quote"] in lines[ev["line"] - 1], ev


def get(client: TestClient, url: str, status: int = 200, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == status, (url, response.status_code, response.text[:500])
    return response.json()


# --- health, search, entities -----------------------------------------------------------


def test_health_reports_the_store_and_both_documents(client: TestClient) -> None:
    body = get(client, "/health")
    assert body["store"] == "falkordb" and body["reachable"] is True
    assert body["nodes"] > 100 and body["edges"] > 100
    assert sorted(body["documents"]) == sorted(p.name for p in SEEDS.iterdir())


def test_search_ranks_prefix_then_substring_and_forgives_typos(client: TestClient) -> None:
    hits = get(client, "/search", q="qser")["hits"]
    assert hits[0]["name"] == "Qserv" and hits[0]["match"] == "prefix"
    kinds = [h["match"] for h in hits]
    assert kinds.index("substring") > kinds.index("prefix")
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)

    only_products = get(client, "/search", q="qserv", label="Product")["hits"]
    assert [h["id"] for h in only_products] == ["product:qserv"]

    fuzzy = get(client, "/search", q="Tim Jenniss", limit=3)["hits"]
    assert fuzzy[0]["id"] == "person:tim-jenness" and fuzzy[0]["match"] == "fuzzy"
    # the surname-first form of the staff table is an alias (dp0 line 495)
    assert get(client, "/search", q="jenness, tim")["hits"][0]["match"] == "exact"
    assert len(get(client, "/search", q="a", limit=2)["hits"]) == 2


def test_entity_has_properties_aliases_evidence_and_grouped_neighbours(client: TestClient) -> None:
    body = get(client, "/entities/Butler")
    assert body["id"] == "product:butler" and body["label"] == "Product"
    assert "Butler" in body["aliases"]
    assert_evidence(body["evidence"])
    groups = {(g["type"], g["direction"]): g["nodes"] for g in body["neighbours"]}
    assert [n["name"] for n in groups[("MANAGES", "in")]] == ["Tim Jenness"]
    for nodes in groups.values():
        for node in nodes:
            assert_evidence(node["evidence"])
    # the same entity by id, by id in capitals, and by name in another case
    for ref in ("product:butler", "PRODUCT:BUTLER", "bUTLER"):
        assert get(client, f"/entities/{ref}")["id"] == "product:butler"


def test_unknown_reference_is_404_with_suggestions(client: TestClient) -> None:
    body = get(client, "/entities/Butlr", 404)
    assert "Butler" in body["suggestions"] and "did you mean" in body["detail"]
    assert "Qserv" in get(client, "/products/Qsrv/owners", 404)["suggestions"]
    # a person is not a product
    get(client, "/products/Tim Jenness/owners", 404)


def test_ambiguous_reference_is_409_with_candidates(client: TestClient) -> None:
    # "Qserv" names both the product (rtn-046 line 470) and the team of Table 4 (line 296)
    body = get(client, "/entities/Qserv", 409)
    assert {c["id"] for c in body["candidates"]} >= {"product:qserv", "team:qserv"}
    # a label makes it unique
    assert get(client, "/products/Qserv/owners")["product"]["id"] == "product:qserv"
    assert get(client, "/teams/Qserv")["team"]["id"] == "team:qserv"


# --- products -------------------------------------------------------------------------


def test_butler_is_managed_by_tim_jenness_and_owned_by_jim_bosch(client: TestClient) -> None:
    # rtn-046 line 434: "Butler | Tim Jenness | Y (Jlm B)"; "JimB" is Jim Bosch (line 465)
    body = get(client, "/products/Butler/owners")
    assert body["product"]["id"] == "product:butler"
    assert [m["name"] for m in body["managers"]] == ["Tim Jenness"]
    assert [o["name"] for o in body["owners"]] == ["Jim Bosch"]
    for who in body["managers"] + body["owners"]:
        assert_evidence(who["evidence"])
        assert any(ev["line"] == 434 for ev in who["evidence"])
    assert body["manager_status"] == "named"


def test_qserv_is_managed_by_fritz_mueller(client: TestClient) -> None:
    body = get(client, "/products/Qserv/owners")
    assert [m["name"] for m in body["managers"]] == ["Fritz Mueller"]
    assert_evidence(body["managers"][0]["evidence"])
    assert body["owners"] == []


def test_what_depends_on_qserv(client: TestClient) -> None:
    body = get(client, "/products/Qserv/dependents")
    by_id = {item["id"]: item for item in body["items"]}
    # dp0 line 117: catalogue access through TAP needs Qserv; lines 19 and 22: the
    # Qserv installation and the DP0.1 loading milestones
    assert {"product:tap", "milestone:l3-mw-0010", "milestone:l3-mw-0020"} <= set(by_id)
    for item in body["items"]:
        path = item["path"]
        assert path[0]["id"] == "product:qserv" and path[-1]["id"] == item["id"]
        assert len(item["hops"]) == item["depth"] == len(path) - 1
        for hop, near, far in zip(item["hops"], path, path[1:], strict=False):
            assert (hop["source"], hop["target"]) == (far["id"], near["id"])
            assert hop["type"] == "DEPENDS_ON"
            assert_evidence(hop["evidence"])
    assert "TAP" in by_id["product:tap"]["hops"][0]["evidence"][0]["quote"]


def test_dependency_depth_is_validated(client: TestClient) -> None:
    assert "detail" in get(client, "/products/Qserv/dependents", 422, depth=0)
    get(client, "/products/Qserv/dependents", 422, depth=11)
    get(client, "/products/Qserv/dependents", 422, depth="deep")


def test_butler_is_needed_by_the_gen3_butler_milestones(client: TestClient) -> None:
    # dp0 lines 18 and 24: L3-MW-0030 (read-only Gen3 butler) and L3-MW-0070
    dependents = get(client, "/products/Butler/dependents")["items"]
    assert {"milestone:l3-mw-0030", "milestone:l3-mw-0070"} <= {i["id"] for i in dependents}
    # and the milestone's dependencies lead back to Butler
    walk = get(client, "/products/Butler/dependencies")
    assert walk["direction"] == "dependencies" and walk["product"]["id"] == "product:butler"


# --- people, teams, facilities -----------------------------------------------------------


def test_fritz_mueller_roles_fte_institution_and_products(client: TestClient) -> None:
    body = get(client, "/people/Mueller, Fritz")
    assert body["person"]["id"] == "person:fritz-mueller"
    # dp0 line 496: Database Engineer (Qserv) - SLAC, SLAC, 0.75
    role = next(r for r in body["roles"] if r["name"] == "Database Engineer (Qserv) - SLAC")
    assert role["fte"] == 0.75 and role["institution"] == "SLAC"
    assert_evidence(role["evidence"])
    assert body["total_fte"] == pytest.approx(sum(r["fte"] or 0 for r in body["roles"]))
    # rtn-046 lines 467-470: Complex. DB, Big Databases and Qserv
    assert {"Qserv", "Big Databases"} <= {p["name"] for p in body["manages"]}
    assert {t["name"] for t in body["teams"]} >= {"Qserv"}
    for link in body["manages"] + body["teams"]:
        assert_evidence(link["evidence"])


def test_team_roles_people_lead_and_milestones(client: TestClient) -> None:
    body = get(client, "/teams/Science Users Middleware")
    people = {p["name"] for p in body["people"]}
    assert {"Fritz Mueller", "Igor Gaponenko", "Nate Pease"} <= people  # dp0 lines 496-498
    milestones = {m["id"] for m in body["milestones"]}
    assert "milestone:l3-mw-0010" in milestones  # dp0 line 19
    for role in body["roles"]:
        assert_evidence(role["evidence"])
        for h in role["holders"]:
            assert_evidence(h["evidence"])
    for m in body["milestones"]:
        assert_evidence(m["evidence"])


def test_facility_hosts(client: TestClient) -> None:
    body = get(client, "/facilities/USDF")
    # rtn-046 line 208: "User batch will run at the USDF"
    assert "User Batch" in {h["name"] for h in body["hosts"]}
    for link in body["hosts"] + body["roles"]:
        assert_evidence(link["evidence"])


# --- roles ----------------------------------------------------------------------------


def _chain(client: TestClient, ref: str) -> list[tuple[str, int]]:
    return [(c["name"], c["distance"]) for c in get(client, f"/roles/{ref}/chain")["chain"]]


def test_reporting_chain_above_a_pipeline_scientist(client: TestClient) -> None:
    body = get(client, "/roles/Data Release Pipeline Scientist - NOIRLab/chain")
    chain = body["chain"]
    # rtn-046 line 327: "Reports to the Data Release Pipeline Group Leader"; line 326: the
    # group leader "Reports to the Lead of Algorithms and Pipelines"
    assert [c["name"] for c in chain[:2]] == [
        "Data Release Pipeline Group Leader", "Algorithms & Pipelines Lead"]
    assert chain[0]["via"] == body["role"]["id"] and chain[0]["distance"] == 1
    assert ("rtn-046-dm-operations-plan.txt", 327) in {
        (ev["document"], ev["line"]) for ev in chain[0]["evidence"]}
    # line 268: the AD "reports directly to the Rubin Observatory Director": the top
    assert chain[-1]["name"] == "Rubin Observatory Director"
    assert [c["distance"] for c in chain] == list(range(1, len(chain) + 1))
    ids = [body["role"]["id"], *(c["id"] for c in chain)]
    for link in chain:
        assert link["via"] in ids[: ids.index(link["id"])]
        assert_evidence(link["evidence"])
    # the chain above the group leader is this chain one step shorter; the top has none
    above = _chain(client, chain[0]["id"])
    assert above == [(name, d - 1) for name, d in _chain(client, body["role"]["id"])[1:]]
    assert _chain(client, chain[-1]["id"]) == []


def test_chain_above_an_alert_pipeline_scientist_starts_at_its_group_leader(
    client: TestClient,
) -> None:
    # rtn-046 line 321: "Reports to the Alert Production Pipeline Group Leader"
    chain = _chain(client, "Alert Pipeline Scientist - NOIRLab")
    assert chain[0] == ("Alert Production Pipeline Group Leader", 1)
    above = _chain(client, "Alert Production Pipeline Group Leader")
    assert chain[1:] == [(name, d + 1) for name, d in above]


def test_who_reports_to_the_alert_production_group_leader(client: TestClient) -> None:
    body = get(client, "/roles/Alert Production Pipeline Group Leader/reports", depth=1)
    names = {r["name"] for r in body["reports"]}
    # rtn-046 lines 321-323
    assert {"Alert Pipeline Scientist - NOIRLab", "Alert Pipeline Scientist - SLAC",
            "Alert Pipeline Consultant"} <= names
    assert all(r["distance"] == 1 for r in body["reports"])
    for r in body["reports"]:
        assert_evidence(r["evidence"])
    # two levels below the Algorithms & Pipelines lead: the data release scientists
    deeper = get(client, "/roles/Algorithms & Pipelines Lead/reports", depth=2)["reports"]
    by_name = {r["name"]: r["distance"] for r in deeper}
    assert by_name["Data Release Pipeline Group Leader"] == 1
    assert by_name["Data Release Pipeline Scientist - NOIRLab"] == 2
    assert max(by_name.values()) <= 2


# --- milestones and paths ---------------------------------------------------------------


def test_milestones_filter_by_team_dates_and_level(client: TestClient) -> None:
    everything = get(client, "/milestones")
    assert everything["count"] == len(everything["items"]) > 0
    dues = [m["due"] for m in everything["items"] if m["due"]]
    assert dues == sorted(dues)
    window = get(client, "/milestones", after="2021-04-01", before="2021-06-30")["items"]
    assert window and all("2021-04-01" <= m["due"] <= "2021-06-30" for m in window)
    assert "milestone:l3-mw-0020" in {m["id"] for m in window}  # dp0 line 22: 2021-04-30
    team = get(client, "/milestones", team="Science Users Middleware")["items"]
    assert team and all(
        "team:science-user-middleware" in {t["id"] for t in m["teams"]} for m in team
    )
    for m in team:
        assert_evidence(m["evidence"])
    level3 = get(client, "/milestones", level=3)["items"]
    assert level3 and all(m["level"] == 3 for m in level3)
    get(client, "/milestones", 422, before="not-a-date")
    get(client, "/milestones", 404, team="No Such Team")


def test_shortest_path_with_typed_hops_and_evidence(client: TestClient) -> None:
    # "Qserv" names a Product and a Team: a path prefers the product, and says so
    chosen = get(client, "/path", **{"from": "Fritz Mueller", "to": "Qserv"})
    assert chosen["target"]["id"] == "product:qserv" and chosen["length"] == 1
    assert any("Product product:qserv was chosen" in n for n in chosen["notes"])
    # two people of one name would still be ambiguous: no preference settles that
    body = get(client, "/path", **{"from": "Fritz Mueller", "to": "product:qserv"})
    assert body["notes"] == []
    assert body["found"] and body["length"] == 1
    assert body["hops"][0]["type"] == "MANAGES"
    assert_evidence(body["hops"][0]["evidence"])

    body = get(client, "/path", **{"from": "Tim Jenness", "to": "Fritz Mueller", "max": 6})
    assert body["found"] and body["length"] == len(body["hops"]) == len(body["nodes"]) - 1
    for hop, a, b in zip(body["hops"], body["nodes"], body["nodes"][1:], strict=False):
        assert {hop["source"], hop["target"]} == {a["id"], b["id"]}
        assert_evidence(hop["evidence"])
    same = get(client, "/path", **{"from": "Qserv Lead", "to": "qserv lead"})
    assert same["found"] and same["length"] == 0
    get(client, "/path", 422, **{"from": "Tim Jenness", "to": "Qserv", "max": 0})


# --- the registry ---------------------------------------------------------------------


def test_queries_lists_the_registry_and_runs_any_query(client: TestClient) -> None:
    listed = {q["name"]: q for q in get(client, "/queries")}
    assert {"product_owners", "milestones", "shortest_path"} <= set(listed)
    assert [p["name"] for p in listed["product_owners"]["params"]] == ["id"]
    body = get(client, "/queries/product_owners", id="product:butler")
    assert body["rows"][0]["managers"][0]["name"] == "Tim Jenness"
    assert_evidence(body["rows"][0]["managers"][0]["sources"])
    # the display text beside the verbatim quote, as in every other answer
    source = body["rows"][0]["managers"][0]["sources"][0]
    assert source["quote"].startswith("<b>Butler</b>\t") and source["text"].startswith("Butler | ")
    assert body["count"] == 1 and body["columns"][0] == "id"
    assert "product_owners" in get(client, "/queries/product_owner", 404)["suggestions"]
    # each query's own operation: its schema says what it needs (FastAPI's reason, per field)
    missing = get(client, "/queries/product_owners", 422)["detail"]
    assert [(d["loc"], d["type"]) for d in missing] == [(["query", "id"], "missing")]
    assert "has no parameter 'nope'" in get(client, "/queries/product_owners", 422,
                                            id="product:butler", nope="1")["detail"]
    get(client, "/queries/product_owners", 422, id="product:butler", nope="1")
    get(client, "/queries/milestones", 422, level="three")
    # a list parameter: repeated or comma-separated, the same list
    url = "/queries/health_role_no_description"
    repeated = client.get(url, params=[("placeholders", "tbd"), ("placeholders", "?")]).json()
    comma = get(client, url, placeholders="tbd,?")
    assert repeated["params"]["placeholders"] == comma["params"]["placeholders"] == ["tbd", "?"]


def test_export_json_and_graphml(client: TestClient) -> None:
    import networkx as nx

    body = get(client, "/export")
    health = get(client, "/health")
    assert len(body["nodes"]) == health["nodes"] and len(body["edges"]) == health["edges"]
    manages = [e for e in body["edges"]
               if e["type"] == "MANAGES" and e["target"] == "product:butler"]
    assert [e["source"] for e in manages] == ["person:tim-jenness"]
    assert_evidence(manages[0]["sources"])
    response = client.get("/export", params={"format": "graphml"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphml+xml")
    graph = nx.parse_graphml(response.text)
    assert graph.number_of_nodes() == health["nodes"]
    get(client, "/export", 422, format="csv")


def test_openapi_has_an_example_for_every_route() -> None:
    schema = create_app(Settings()).openapi()  # building the schema opens no store
    components = schema["components"]["schemas"]

    def documented(ref: str) -> bool:
        return bool(ref) and "examples" in components.get(ref.rsplit("/", 1)[-1], {})

    def has_example(op: dict[str, Any]) -> bool:
        """An example for the success answer (or, for a POST, its body)."""
        for media in op["responses"]["200"].get("content", {}).values():
            schema = media.get("schema", {})
            ref = schema.get("$ref") or schema.get("items", {}).get("$ref", "")
            if "example" in media or "examples" in media or documented(ref):
                return True
        body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
        return documented(body.get("schema", {}).get("$ref", ""))

    core = {route.path for route in core_router.routes} | {"/health"}  # type: ignore[attr-defined]
    assert len(core) >= 16
    missing = [f"{method.upper()} {path}" for path, ops in schema["paths"].items()
               for method, op in ops.items() if path in core and not has_example(op)]
    assert not missing, missing


def test_raw_rows_give_evidence_its_display_text(client: TestClient) -> None:
    """A map shaped like evidence gets ``text``; one that only looks like it is left as is."""
    statement = ("RETURN {document: 'a.txt', line: 3, quote: '<b>Qserv</b>\\tFritz'} AS ev, "
                 "{document: 'a.txt', line: 'three', quote: 'q'} AS odd")
    row = client.post("/cypher", json={"query": statement}).json()["rows"][0]
    assert row["ev"] == {"document": "a.txt", "line": 3, "quote": "<b>Qserv</b>\tFritz",
                         "text": "Qserv | Fritz"}
    assert row["odd"] == {"document": "a.txt", "line": "three", "quote": "q"}
