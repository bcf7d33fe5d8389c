"""POST /cypher's two walls, walks on a small hand-written graph, cache invalidation on
reload, 503 when the store dies, and the catch-all that never lets a 500 out."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from orggraph.api import cypher_guard
from orggraph.api.app import create_app
from orggraph.graph.model import DocumentGraph, Edge, Evidence, Node, make_id
from orggraph.graph.service.resolver import resolver_for
from orggraph.graph.settings import Settings
from orggraph.graph.stores.base import WriteRefused
from orggraph.graph.stores.falkordb_store import FalkorDBStore
from orggraph.graph.writer import setup_schema, write_document

# --- the classifier -------------------------------------------------------------------

READS = [
    "MATCH (n:Person) RETURN n.name LIMIT 5",
    "match (p:Product {name: $name})<-[:MANAGES]-(m) return m.name",
    "MATCH (n) WHERE n.name = 'CREATE (x)' RETURN n",  # a write inside a string
    "MATCH (n) RETURN n.set AS s, n.`delete` AS d",  # properties named like clauses
    "MATCH (n:Create) RETURN {merge: 1, remove: 2} AS m",  # a label and map keys
    "// CREATE (x)\nMATCH (n) RETURN count(n)",  # a write in a comment
    "/* DETACH DELETE n */ RETURN 1;",
    "RETURN 'a;b' AS s; // trailing; comment",
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.idx.fulltext.queryNodes('Person', 'tim') YIELD node RETURN node.name",
    "MATCH (a {id: $a}), (b {id: $b}) CALL algo.SPpaths({sourceNode: a, targetNode: b,"
    " relDirection: 'both', pathCount: 1}) YIELD path RETURN length(path)",
    "RETURN string.join(['a', 'b'], '-') AS s, toLower('X') AS x",
    "UNWIND [1, 2] AS x RETURN x ORDER BY x DESC",
    "CALL `db`.`labels`() YIELD label RETURN label",
    "MATCH (n) WHERE exists(n.name) RETURN count(*) AS c",
]

WRITES = [
    ("CREATE (n:Person {name: 'x'})", "CREATE"),
    ("create (n)", "CREATE"),
    ("MERGE (n:Person {id: 'x'})", "MERGE"),
    ("MATCH (n) SET n.x = 1", "SET"),
    ("MATCH (n) DETACH DELETE n", "DETACH"),
    ("MATCH (n) DELETE n", "DELETE"),
    ("MATCH (n) REMOVE n.name", "REMOVE"),
    ("MATCH (n) FOREACH (x IN [1] | SET n.y = x)", "FOREACH"),
    ("LOAD CSV FROM 'file:///x' AS row RETURN row", "LOAD"),
    ("DROP INDEX ON :Person(name)", "DROP"),
    ("MATCH (n) CALL { WITH n RETURN n } RETURN n", "subqueries"),
    ("MATCH (n) WHERE EXISTS { MATCH (n)-->() } RETURN n", "subqueries"),
    ("MATCH (n) RETURN COUNT { (n)-->() } AS c", "subqueries"),
    ("CALL db.idx.fulltext.createNodeIndex('Person', 'name')", "not known to be read-only"),
    ("CALL dbms.killQuery('x')", "not known to be read-only"),
    ("RETURN apoc.create.uuid() AS u", "function apoc.create.uuid"),
    ("RETURN `apoc.create.uuid`() AS u", "function apoc.create.uuid"),
    ("CALL `db.idx.fulltext.createNodeIndex`('P', 'n')", "not known to be read-only"),
    ("MATCH (n) CALL () { RETURN 1 AS x } RETURN x", "CALL must name a procedure"),
    ("MATCH (n) RETURN n; MATCH (m) DETACH DELETE m", "one statement"),
    ("RETURN 1; RETURN 2", "one statement"),
    ("SHOW DATABASES", "SHOW"),
    ("MATCH (n) RETURN n /* unterminated", "unterminated"),
    ("RETURN 'unterminated", "unterminated"),
    ("   ", "empty"),
]


@pytest.mark.parametrize("statement", READS)
def test_guard_lets_reads_through(statement: str) -> None:
    checked = cypher_guard.check(statement)
    assert checked and not checked.endswith(";")


@pytest.mark.parametrize(("statement", "reason"), WRITES)
def test_guard_refuses_writes_with_a_reason(statement: str, reason: str) -> None:
    with pytest.raises(cypher_guard.CypherRefused) as refused:
        cypher_guard.check(statement)
    assert reason in refused.value.reason


# --- a small graph written by hand ------------------------------------------------------

DOC = "plan.txt"


def _node(label: str, name: str, line: int, aliases: tuple[str, ...] = ()) -> Node:
    return Node(label, make_id(label, name), name, list(aliases),
                sources=[Evidence(DOC, line, f"{name} line")])


def _edge(kind: str, a: Node, b: Node, line: int) -> Edge:
    return Edge(kind, a.id, b.id, sources=[Evidence(DOC, line, f"{a.name} {kind} {b.name}")])


def plan(person_aliases: tuple[str, ...] = ()) -> DocumentGraph:
    """Portal -> Service -> Core -> Portal (a cycle), Tool -> Core; Engineer -> Lead -> Director."""
    core, service, portal, tool = (_node("Product", n, i) for i, n in
                                   enumerate(("Core", "Service", "Portal", "Tool"), 1))
    ada = _node("Person", "Ada Lovelace", 5, person_aliases)
    engineer, lead, director = (_node("Role", n, i) for i, n in
                                enumerate(("Engineer", "Lead", "Director"), 6))
    edges = [
        _edge("DEPENDS_ON", service, core, 10), _edge("DEPENDS_ON", portal, service, 11),
        _edge("DEPENDS_ON", core, portal, 12), _edge("DEPENDS_ON", tool, core, 13),
        _edge("MANAGES", ada, core, 14), _edge("HOLDS", ada, lead, 15),
        _edge("REPORTS_TO", engineer, lead, 16), _edge("REPORTS_TO", lead, director, 17),
    ]
    return DocumentGraph(DOC, handle="PLAN-1", nodes=[core, service, portal, tool, ada,
                                                      engineer, lead, director], edges=edges)


@pytest.fixture
def small(embedded: FalkorDBStore) -> Iterator[tuple[FalkorDBStore, TestClient]]:
    setup_schema(embedded)
    write_document(embedded, plan())
    app = create_app(Settings(), embedded)
    with TestClient(app, raise_server_exceptions=True) as client:
        yield embedded, client


def test_dependents_walk_is_transitive_bounded_and_survives_a_cycle(small) -> None:
    _, client = small
    items = client.get("/products/Core/dependents").json()["items"]
    assert [(i["name"], i["depth"]) for i in items] == [("Service", 1), ("Tool", 1), ("Portal", 2)]
    portal = items[-1]
    assert [p["name"] for p in portal["path"]] == ["Core", "Service", "Portal"]
    assert [(h["source"], h["target"]) for h in portal["hops"]] == [
        ("product:service", "product:core"), ("product:portal", "product:service")]
    cited = [{k: e[k] for k in ("document", "line", "quote")}
             for e in portal["hops"][1]["evidence"]]
    assert cited == [{"document": DOC, "line": 11, "quote": "Portal DEPENDS_ON Service"}]
    shallow = client.get("/products/Core/dependents", params={"depth": 1}).json()["items"]
    assert {i["name"] for i in shallow} == {"Service", "Tool"}
    deps = client.get("/products/Portal/dependencies").json()["items"]
    assert [(i["name"], i["depth"]) for i in deps] == [("Service", 1), ("Core", 2)]
    assert [(h["source"], h["target"]) for h in deps[1]["hops"]] == [
        ("product:portal", "product:service"), ("product:service", "product:core")]


def test_chain_and_reports_on_the_small_graph(small) -> None:
    _, client = small
    chain = client.get("/roles/Engineer/chain").json()["chain"]
    assert [(c["name"], c["distance"], c["via"]) for c in chain] == [
        ("Lead", 1, "role:engineer"), ("Director", 2, "role:lead")]
    assert [h["name"] for h in chain[0]["holders"]] == ["Ada Lovelace"]
    one = client.get("/roles/Director/reports", params={"depth": 1}).json()["reports"]
    two = client.get("/roles/Director/reports", params={"depth": 2}).json()["reports"]
    assert [r["name"] for r in one] == ["Lead"]
    assert [r["name"] for r in two] == ["Lead", "Engineer"]


def test_a_reload_invalidates_the_name_cache(small) -> None:
    db, client = small
    resolver_for(db).check_interval = 0.0  # look at the update tags on every request
    assert client.get("/people/The Countess").status_code == 404
    write_document(db, plan(person_aliases=("The Countess",)))
    body = client.get("/people/the countess")
    assert body.status_code == 200 and body.json()["person"]["id"] == "person:ada-lovelace"
    assert [m["name"] for m in body.json()["manages"]] == ["Core"]


def test_a_new_document_invalidates_cached_answers(small) -> None:
    db, client = small
    assert [m["name"] for m in client.get("/products/Core/owners").json()["managers"]] == [
        "Ada Lovelace"]
    core, grace = _node("Product", "Core", 1), _node("Person", "Grace Hopper", 2)
    other = DocumentGraph("other.txt", nodes=[core, grace],
                          edges=[_edge("MANAGES", grace, core, 3)])
    other.edges[0].sources = [Evidence("other.txt", 3, "Grace Hopper manages Core")]
    write_document(db, other)
    managers = client.get("/products/Core/owners").json()["managers"]
    assert sorted(m["name"] for m in managers) == ["Ada Lovelace", "Grace Hopper"]


def test_post_cypher_reads_caps_rows_and_refuses_writes_before_running_them(small) -> None:
    db, client = small
    app = create_app(Settings(row_cap=2), db)
    with TestClient(app) as capped:
        ok = capped.post("/cypher", json={"query": "MATCH (p:Product) RETURN p.name AS name "
                                                   "ORDER BY name"})
        assert ok.status_code == 200
        assert ok.json()["rows"] == [{"name": "Core"}, {"name": "Portal"}]
        assert ok.json()["truncated"] is True and ok.json()["columns"] == ["name"]
    before = client.get("/health").json()
    refused = client.post("/cypher", json={"query": "MATCH (n) DETACH DELETE n"})
    assert refused.status_code == 403 and "DETACH" in refused.json()["detail"]
    assert client.get("/health").json() == before
    with_params = client.post("/cypher", json={
        "query": "MATCH (p:Person)-[:MANAGES]->(x:Product {name: $name}) RETURN p.name AS m",
        "params": {"name": "Core"}})
    assert with_params.json()["rows"] == [{"m": "Ada Lovelace"}]
    semicolon = client.post("/cypher", json={"query": "MATCH (p:Product) RETURN count(p) AS c; "
                                                      "// four; at least"})
    assert semicolon.status_code == 200 and semicolon.json()["rows"] == [{"c": 4}]
    bad_name = client.post("/cypher", json={"query": "RETURN 1", "params": {"a b": 1}})
    assert bad_name.status_code == 422
    broken = client.post("/cypher", json={"query": "MATCH (n RETURN n"})
    assert broken.status_code == 400 and "detail" in broken.json()
    assert client.post("/cypher", json={"query": ""}).status_code == 422
    assert client.post("/cypher", json={"query": "RETURN 1", "x": 1}).status_code == 422


def test_the_store_read_path_is_the_second_wall(small) -> None:
    db, client = small
    with pytest.raises(WriteRefused):
        db.read("CREATE (:Person {id: 'person:intruder', name: 'Intruder'})")
    assert client.get("/entities/Intruder").status_code == 404


def test_a_query_past_its_time_limit_is_408(small) -> None:
    db, _ = small
    app = create_app(Settings(query_timeout_ms=1), db)
    with TestClient(app) as client:
        slow = client.post("/cypher", json={
            "query": "UNWIND range(1, 1000) AS x UNWIND range(1, 1000) AS y "
                     "WITH x WHERE (x * y) % 7 = 0 RETURN count(x) AS n"})
    assert slow.status_code == 408 and "time limit" in slow.json()["detail"]


def test_a_dead_store_is_503_then_recovers(small) -> None:
    db, client = small
    assert client.get("/products/Core/owners").status_code == 200
    os.kill(db._db.client.pid, signal.SIGKILL)
    down = client.get("/products/Core/owners")
    assert down.status_code == 503 and "unavailable" in down.json()["detail"]
    assert client.get("/products/Core/owners").status_code == 200


def test_an_unexpected_error_is_a_logged_json_4xx_never_a_500(
    embedded: FalkorDBStore, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(Settings(), embedded)

    def boom() -> None:
        raise RuntimeError("internal detail that must not leak")

    app.add_api_route("/boom", boom)
    with TestClient(app, raise_server_exceptions=True) as client:
        response = client.get("/boom")
    assert response.status_code == 400
    assert "RuntimeError" in response.json()["detail"]
    assert "must not leak" not in response.text and "Traceback" not in response.text
    assert any("unexpected error" in r.message for r in caplog.records)


def test_unicode_that_cannot_be_encoded_is_422(small) -> None:
    _, client = small
    body = '{"query": "RETURN $x AS x", "params": {"x": "\\ud800"}}'  # a lone surrogate
    response = client.post("/cypher", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422


def test_cors_is_off_unless_configured(embedded: FalkorDBStore) -> None:
    headers = {"Origin": "https://example.org", "Access-Control-Request-Method": "GET"}
    with TestClient(create_app(Settings(), embedded)) as client:
        answer = client.options("/search", headers=headers)
        assert "access-control-allow-origin" not in answer.headers
    allowed = Settings(cors_origins=["https://example.org"])
    with TestClient(create_app(allowed, embedded)) as client:
        answer = client.options("/search", headers=headers)
        assert answer.headers["access-control-allow-origin"] == "https://example.org"


def test_the_api_starts_without_its_store_and_answers_503() -> None:
    unreachable = Settings(store="neo4j", neo4j_uri="bolt://127.0.0.1:1")  # nothing listens
    with TestClient(create_app(unreachable)) as client:
        health = client.get("/health")
        assert health.status_code == 503 and health.json()["reachable"] is False
        assert "not answering" in health.json()["detail"]
        for url in ("/products/Butler/owners", "/search?q=x", "/export"):
            answer = client.get(url)
            assert answer.status_code == 503, url
            assert "unavailable" in answer.json()["detail"]


def test_a_deferred_store_opens_once_the_store_can_start(tmp_path) -> None:
    from orggraph.api.deferred import DeferredStore, open_store_or_defer

    blocker = tmp_path / "data"
    blocker.write_text("a file where the data directory should be")
    settings = Settings(store="falkordb", data=blocker)
    db = open_store_or_defer(settings)
    assert isinstance(db, DeferredStore) and db.ping() is False
    db._retry_seconds = 0.0
    blocker.unlink()
    try:
        assert db.ping() is True
        assert db.read("RETURN 1 AS one") == [{"one": 1}]
    finally:
        db.close()
