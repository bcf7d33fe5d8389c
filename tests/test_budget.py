"""One budget for every store call: what the guard refuses before a statement runs, the
row cap the engine applies, the time limit on the live API while other routes keep
answering, the raw-Cypher concurrency limit, the body limit, /health, and error bodies
that carry a reason and no paths."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import pytest
import uvicorn
from orggraph.api import cypher_guard
from orggraph.api.app import create_app
from orggraph.graph.settings import Settings
from orggraph.graph.stores import cypher_text
from orggraph.graph.stores.base import Budget, StoreError, WriteRefused
from orggraph.graph.stores.falkordb_store import FalkorDBStore

from tests.test_reliability_api import free_port

# --- the guard: range() sizes read before the statement runs ---------------------------

REFUSED = [
    ("UNWIND range(1,100000000) AS x RETURN count(x)", {}, "100,000,000 values"),
    ("RETURN reduce(s='', x IN range(1,10000000) | s+'x')", {}, "10,000,000 values"),
    ("UNWIND range(0, 10^9) AS x RETURN x", {}, "values"),
    ("UNWIND range(0, 1000 * 1000 * 1000) AS x RETURN x", {}, "values"),
    ("UNWIND range(0, $n) AS x RETURN x", {"n": 10**9}, "values"),
    ("UNWIND range(1,2000) AS x UNWIND range(1,2000) AS y RETURN count(*)", {}, "4,000,000"),
    ("RETURN [x IN range(1, 1001) | range(1, 1000)]", {}, "1,001,000"),
    ("MATCH p=()-->() UNWIND range(0, length(p)) AS i RETURN i", {}, "computed while"),
    ("RETURN range(1, toInteger('100000000000'))", {}, "computed while"),
    ("RETURN range(0, $n)", {}, "parameter $n must be given a number"),
    ("RETURN range(0, $n)", {"n": "many"}, "parameter $n must be given a number"),
    ("RETURN size(reduce(s='x', i IN range(1,40) | s+s)) AS n", {}, "accumulator s"),
    ("RETURN size(reduce(l=[1], i IN range(1,40) | l+l)) AS n", {}, "accumulator l"),
    ("MATCH (a) WITH collect(a) AS ns RETURN size([x IN ns | [y IN ns | 1]]) AS n", {},
     "nested in one another"),
    ("MATCH (a) WITH collect(a) AS ns RETURN any(x IN ns WHERE any(y IN ns WHERE x = y))", {},
     "nested in one another"),
]
ALLOWED = [
    ("UNWIND range(1, 1000000) AS x RETURN x", {}),
    ("UNWIND range(0, $n) AS x RETURN x", {"n": 10}),
    ("UNWIND range(1,1000) AS x UNWIND range(1,1000) AS y RETURN count(*)", {}),
    ("RETURN range(10, 1, -1) AS r, n.range AS p", {}),
    ("RETURN 'range(1, 100000000000)' AS text", {}),
    ("RETURN reduce(m = 0, x IN [3,1,2] | CASE WHEN x > m THEN x ELSE m END) AS mx", {}),
    ("RETURN reduce(s = '', x IN ['a', 'b'] | s + x) AS joined", {}),
    ("RETURN [x IN range(1,10) | [y IN range(1,10) | x * y]] AS table", {}),
    ("MATCH p=()-->() RETURN [n IN nodes(p) | n.name] AS names", {}),
    ("MATCH (n) WHERE (n.id IN $ids) RETURN n", {"ids": [1]}),
]


@pytest.mark.parametrize(("statement", "params", "reason"), REFUSED)
def test_the_guard_refuses_ranges_it_cannot_bound(statement, params, reason) -> None:
    with pytest.raises(cypher_guard.CypherRefused) as refused:
        cypher_guard.check(statement, params)
    assert reason in refused.value.reason


@pytest.mark.parametrize(("statement", "params"), ALLOWED)
def test_the_guard_lets_bounded_ranges_through(statement, params) -> None:
    assert cypher_guard.check(statement, params)


#: nodes per label of a small graph (None: every node)
SIZES: dict[str | None, int] = {"Person": 60, "Product": 80, None: 310}

CARTESIAN_REFUSED = [
    ("MATCH (a),(b),(c),(d) RETURN count(*)", "310 x 310 x 310 x 310 = 9,235,210,000 rows"),
    ("MATCH (a),(b) MATCH (c),(d) RETURN count(*)", "4 unconnected groups"),
    ("MATCH p=(a)-[*1..3]->(b), (c), (d), (e) RETURN count(*)", "4 unconnected groups"),
    ("MATCH (a:Person),(b:Product),(c:Person),(d),(e:Person) RETURN count(*)",
     "60 x 80 x 60 x 310 x 60"),
]
CARTESIAN_ALLOWED = [
    "MATCH (a),(b) RETURN count(*)",  # 96,100 rows
    "MATCH (a)-->(b), (b)-->(c), (c)-->(d) RETURN count(*)",  # one connected pattern
    "MATCH (a {id: 'x'}),(b),(c),(d) RETURN count(*)",  # pinned by a property map
    "MATCH (a),(b),(c),(d) WHERE a.id = 'x' RETURN count(*)",  # filtered in WHERE
    "MATCH (a),(b),(c),(d) RETURN count(*) LIMIT 5",  # the asker bounded it
    "MATCH (a:Person) WITH a MATCH (a)-->(x), (b), (c), (d) RETURN count(*)",
    "OPTIONAL MATCH (a),(b),(c),(d) RETURN count(*)",
    "MATCH (a),(b) WITH count(*) AS n MATCH (c),(d) RETURN n, count(*)",
    "UNWIND [1,2] AS i MATCH (a {id: i}), (b), (c), (d) RETURN count(*)",
    "MATCH (a:Nothing),(b),(c),(d) RETURN count(*)",  # a label no node has
]


def _sizes(label: str | None) -> int:
    return SIZES.get(label, 0) if label else SIZES[None]


@pytest.mark.parametrize(("statement", "reason"), CARTESIAN_REFUSED)
def test_the_guard_refuses_a_large_cartesian_product(statement: str, reason: str) -> None:
    with pytest.raises(cypher_guard.CypherRefused) as refused:
        cypher_guard.check(statement, sizes=_sizes, max_cartesian=10**8)
    assert reason in refused.value.reason
    assert "connect the patterns" in refused.value.reason


@pytest.mark.parametrize("statement", CARTESIAN_ALLOWED)
def test_the_guard_lets_connected_or_filtered_patterns_through(statement: str) -> None:
    assert cypher_guard.check(statement, sizes=_sizes, max_cartesian=10**8)


def test_without_label_counts_the_guard_does_not_judge_products() -> None:
    assert cypher_guard.check("MATCH (a),(b),(c),(d) RETURN count(*)")


def test_the_range_limit_is_a_setting() -> None:
    cypher_guard.check("RETURN range(1, 5000) AS r")
    with pytest.raises(cypher_guard.CypherRefused, match="at most 1,000"):
        cypher_guard.check("RETURN range(1, 5000) AS r", max_range=1000)


# --- the row cap, applied to the statement itself --------------------------------------

CAPPED = [
    ("MATCH (n) RETURN n", "MATCH (n) RETURN n LIMIT 11"),
    ("MATCH (n) RETURN n LIMIT 5", "MATCH (n) RETURN n LIMIT 5"),
    ("MATCH (n) RETURN n LIMIT 500", "MATCH (n) RETURN n LIMIT 11"),
    ("MATCH (n) RETURN n ORDER BY n.id SKIP 3", "MATCH (n) RETURN n ORDER BY n.id SKIP 3 LIMIT 11"),
    ("MATCH (n) RETURN n // the end", "MATCH (n) RETURN n LIMIT 11 // the end"),
    ("MATCH (n) RETURN n;", "MATCH (n) RETURN n LIMIT 11"),
    ("MATCH (n) WITH n LIMIT 100 RETURN n", "MATCH (n) WITH n LIMIT 100 RETURN n LIMIT 11"),
    ("RETURN 1 AS x UNION ALL RETURN 2 AS x LIMIT 50",
     "RETURN 1 AS x LIMIT 11 UNION ALL RETURN 2 AS x LIMIT 11"),
    ("MATCH (n) RETURN [(n)-->(m) | m.name] AS names, {return: 1} AS m",
     "MATCH (n) RETURN [(n)-->(m) | m.name] AS names, {return: 1} AS m LIMIT 11"),
    ("MATCH (n) RETURN n LIMIT $k", "MATCH (n) RETURN n LIMIT 3"),
    ("CALL db.labels()", "CALL db.labels()"),
    ("MATCH (n) WHERE n.name = 'RETURN x' RETURN n.name",
     "MATCH (n) WHERE n.name = 'RETURN x' RETURN n.name LIMIT 11"),
]


@pytest.mark.parametrize(("statement", "capped"), CAPPED)
def test_cap_rows_puts_a_limit_on_every_final_return(statement: str, capped: str) -> None:
    assert cypher_text.cap_rows(statement, 11, {"k": 3}) == capped


def test_cap_rows_refuses_a_limit_it_cannot_read() -> None:
    with pytest.raises(cypher_text.UnboundedLimit, match="number or a parameter"):
        cypher_text.cap_rows("MATCH (n) RETURN n LIMIT toInteger('5')", 10)


def _server_rss(store: FalkorDBStore) -> int:
    return psutil.Process(store.server_pid).memory_info().rss


def test_the_engine_stops_at_the_row_cap(embedded: FalkorDBStore) -> None:
    before = _server_rss(embedded)
    started = time.perf_counter()
    rows = embedded.read("UNWIND range(1, 1000000) AS x RETURN x", row_cap=100)
    seconds = time.perf_counter() - started
    assert [r["x"] for r in rows] == list(range(1, 102)), "cap + 1 rows, in order"
    # the full answer took 17 s and 2.9 GB before: now the list alone is built (16 MB)
    assert seconds < 5, seconds
    assert _server_rss(embedded) - before < 200 * 2**20
    everything = embedded.read("UNWIND range(1, 1000) AS x RETURN x")
    assert len(everything) == 1000, "without a cap nothing is cut"


def test_load_csv_is_refused_on_the_read_path_without_the_classifier(
    embedded: FalkorDBStore,
) -> None:
    for statement in (
        "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
        "load  csv with headers from 'http://127.0.0.1:1/x.csv' AS row RETURN row",
        "WITH 1 AS x LOAD /* a comment */ CSV FROM 'file:///etc/hosts' AS row RETURN row",
    ):
        with pytest.raises(WriteRefused) as refused:
            embedded.read(statement)
        assert "LOAD CSV" in refused.value.reason
    assert embedded.read("RETURN 'LOAD CSV FROM x' AS text") == [{"text": "LOAD CSV FROM x"}]


def test_a_memory_hungry_query_is_stopped_with_a_reason(tmp_path: Path) -> None:
    with FalkorDBStore(tmp_path / "data", budget=Budget(query_memory_mb=32)) as db:
        with pytest.raises(StoreError) as stopped:
            db.read("UNWIND range(1, 1000000) AS x RETURN collect(toString(x)) AS xs")
        assert "32 MB" in stopped.value.reason
        assert db.read("RETURN 1 AS one") == [{"one": 1}], "the store still answers"


# --- the live API ------------------------------------------------------------------------


@dataclass
class Api:
    base: str
    data: Path
    socket: str


@pytest.fixture(scope="module")
def api(seeded_data_dir: Path) -> Iterator[Api]:
    """uvicorn on loopback over the seeded store, with a 2 s time limit."""
    settings = Settings(data=seeded_data_dir, query_timeout_ms=2000, cypher_concurrency=1)
    app = create_app(settings)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    record = json.loads((seeded_data_dir / "server.json").read_text())
    try:
        yield Api(f"http://127.0.0.1:{port}", seeded_data_dir, record["socket"])
    finally:
        server.should_exit = True
        thread.join(timeout=30)


class Poll:
    """GET ``path`` every 0.1 s in a thread; the slowest answer and the statuses seen."""

    def __init__(self, base: str, path: str) -> None:
        self.base, self.path = base, path
        self.slowest = 0.0
        self.statuses: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.base, timeout=30) as client:
            while not self._stop.is_set():
                started = time.perf_counter()
                self.statuses.append(client.get(self.path).status_code)
                self.slowest = max(self.slowest, time.perf_counter() - started)
                time.sleep(0.1)

    def __enter__(self) -> Poll:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=60)


@pytest.mark.parametrize(("statement", "status"), [
    ("UNWIND range(1,100000000) AS x RETURN count(x)", 403),
    ("RETURN reduce(s='', x IN range(1,10000000) | s+'x')", 403),
    ("MATCH (a),(b),(c),(d) RETURN count(*)", 403),
    ("MATCH p=()-[*1..10]-() RETURN count(p)", 408),
    ("UNWIND range(1,1000) AS x UNWIND range(1,1000) AS y UNWIND range(1,100) AS z "
     "RETURN count(*)", 403),
])
def test_a_runaway_query_ends_in_bounded_time_while_health_answers(
    api: Api, statement: str, status: int
) -> None:
    with Poll(api.base, "/health") as health, httpx.Client(base_url=api.base, timeout=60) as c:
        time.sleep(0.3)
        started = time.perf_counter()
        answer = c.post("/cypher", json={"query": statement})
        seconds = time.perf_counter() - started
        time.sleep(0.3)
    assert answer.status_code == status, answer.text
    assert seconds < 2.0 + 3.0, f"took {seconds:.1f} s"
    detail = answer.json()["detail"]
    if status == 408:
        assert "time limit of 2000 ms" in detail
    else:
        assert "range()" in detail or "cartesian product" in detail, detail
    assert health.statuses and set(health.statuses) == {200}, health.statuses
    assert health.slowest < 1.5, f"/health took {health.slowest:.2f} s meanwhile"


def test_the_row_cap_over_the_api(api: Api) -> None:
    with httpx.Client(base_url=api.base, timeout=60) as client:
        answer = client.post("/cypher", json={"query": "UNWIND range(1,1000000) AS x RETURN x"})
    body = answer.json()
    assert answer.status_code == 200
    assert body["count"] == 10000 and body["truncated"] is True and len(body["rows"]) == 10000


def test_raw_cypher_cannot_take_every_store_thread(api: Api) -> None:
    """One slot for raw Cypher (cypher_concurrency=1): a second raw query while the first
    runs is told to come back (429); the canned routes still answer at once."""
    slow: dict[str, httpx.Response] = {}

    def first() -> None:
        with httpx.Client(base_url=api.base, timeout=60) as c:
            slow["answer"] = c.post("/cypher", json={
                "query": "MATCH p=()-[*1..12]-() RETURN count(p)"})

    runner = threading.Thread(target=first)
    runner.start()
    time.sleep(0.3)
    with httpx.Client(base_url=api.base, timeout=60) as client:
        started = time.perf_counter()
        second = client.post("/cypher", json={"query": "RETURN 1 AS one"})
        waited = time.perf_counter() - started
        canned = client.get("/products/Qserv/dependents")
        assert canned.status_code == 200
    runner.join()
    assert slow["answer"].status_code == 408
    assert second.status_code == 429, second.text
    assert "already running" in second.json()["detail"] and second.headers["retry-after"]
    assert waited < 4
    with httpx.Client(base_url=api.base, timeout=60) as client:
        assert client.post("/cypher", json={"query": "RETURN 1 AS one"}).status_code == 200


def test_a_body_over_the_limit_is_413(api: Api) -> None:
    big = json.dumps({"query": "RETURN 1 AS x // " + "x" * (2 * 2**20)})
    with httpx.Client(base_url=api.base, timeout=60) as client:
        declared = client.post("/cypher", content=big,
                               headers={"content-type": "application/json"})

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            for i in range(0, len(big), 65536):
                yield big[i : i + 65536].encode()

        streamed = client.post("/cypher", content=chunks(),
                               headers={"content-type": "application/json"})
        small = client.post("/cypher", json={"query": "RETURN 1 AS x"})
    for answer in (declared, streamed):
        assert answer.status_code == 413, answer.text
        assert "1,048,576 bytes" in answer.json()["detail"]
    assert small.status_code == 200


def test_error_bodies_carry_a_reason_and_no_paths(api: Api, tmp_path: Path) -> None:
    with httpx.Client(base_url=api.base, timeout=60) as client:
        answers = [
            client.post("/cypher", json={"query": "MATCH (n RETURN n"}),
            client.post("/cypher", json={"query": "MATCH p=()-[*1..10]-() RETURN count(p)"}),
            client.post("/cypher", json={"query": "RETURN 1 AS x LIMIT toInteger('2')"}),
            client.get("/queries/nope"),
        ]
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data directory should be")
    from fastapi.testclient import TestClient

    with TestClient(create_app(Settings(data=blocked))) as down:
        answers += [down.get("/products/Qserv/owners"), down.get("/health")]
    statuses = [a.status_code for a in answers]
    assert statuses == [400, 408, 400, 404, 503, 503], statuses
    for answer in answers:
        text = answer.text
        assert answer.json()["detail"], text
        for secret in (str(api.data), api.socket, str(blocked), "/tmp/", "redis", "Traceback"):
            assert secret not in text, (secret, text)


def test_users_get_answers_while_hostile_clients_send_runaway_cypher(api: Api) -> None:
    """The benchmark's mixed load, short: 14 users and 2 hostile clients; no 5xx, no
    dropped connection, every user's question answered, every runaway call refused or cut."""
    from bench.bench_mixed import USERS, Run, plan

    requests = plan(api.base)
    result = Run(api.base, requests, seconds=4).run(hostile=2)
    assert result["clients"] == USERS + 2
    assert result["server_errors"] == 0, result["status"]
    assert result["transport_failures"] == {}
    users = {k: v for k, v in result["status"].items() if k != "hostile"}
    assert set(users) == {"owners", "dependents", "search", "path", "view"}
    for kind, statuses in users.items():
        assert set(statuses) == {200}, (kind, statuses)
    hostile = result["status"]["hostile"]
    assert sum(hostile.values()) >= 2
    assert set(hostile) <= {200, 403, 408, 429}, hostile
