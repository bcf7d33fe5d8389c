"""The API on loopback: no errors under sustained (bounded) load; 503 while the
embedded store's server is dead, and answers again once the store is back."""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx
import psutil
import pytest
import uvicorn
from orggraph.api.app import create_app
from orggraph.graph.service.load import load_paths
from orggraph.graph.settings import Settings
from orggraph.graph.stores.falkordb_store import FalkorDBStore

from bench import synth
from tests.test_reliability_store import servers_in

REQUESTS = 400
WORKERS = 4
DEADLINE = 60.0


@dataclass
class Live:
    base: str
    store: FalkorDBStore
    paths: list[str]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """uvicorn on 127.0.0.1 (free port, own thread) over an embedded store holding a 1x org."""
    tmp = tmp_path_factory.mktemp("api-load")
    docs = synth.write(synth.generate(1, seed=5), tmp / "docs")
    store = FalkorDBStore(tmp / "data")
    assert load_paths(store, docs).ok
    product = store.read(
        "MATCH (p:Product)<-[:DEPENDS_ON]-() RETURN p.id AS id, count(*) AS n "
        "ORDER BY n DESC, id LIMIT 1"
    )[0]["id"]
    person = store.read("MATCH (p:Person)-[:HOLDS]->() RETURN p.id AS id ORDER BY id LIMIT 1")[0][
        "id"
    ]
    paths = [
        "/health",
        f"/products/{product}/owners",
        f"/products/{product}/dependents?depth=6",
        f"/people/{person}",
        f"/path?from={person}&to={product}",
        "/search?q=lead",
    ]
    port = free_port()
    app = create_app(Settings(data=tmp / "data"), store=store)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    try:
        yield Live(f"http://127.0.0.1:{port}", store, paths)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        data = store.data_dir
        store.close()
        assert not servers_in(data), "the store's server outlived the test"


def hammer(base: str, paths: list[str], count: int) -> Counter:
    """``count`` GETs spread over ``paths`` from WORKERS clients; status -> how many."""
    statuses: Counter = Counter()
    lock = threading.Lock()
    stop_at = time.monotonic() + DEADLINE

    def worker(share: int, offset: int) -> None:
        with httpx.Client(base_url=base, timeout=10) as client:
            for i in range(share):
                if time.monotonic() > stop_at:
                    return
                status = client.get(paths[(offset + i) % len(paths)]).status_code
                with lock:
                    statuses[status] += 1

    with ThreadPoolExecutor(WORKERS) as pool:
        for w in range(WORKERS):
            pool.submit(worker, count // WORKERS, w)
    return statuses


def test_sustained_load_returns_no_errors(live: Live) -> None:
    statuses = hammer(live.base, live.paths, REQUESTS)
    assert statuses == Counter({200: REQUESTS}), statuses


def test_503_while_the_store_is_down_then_recovers(live: Live) -> None:
    owners = live.paths[1]
    with httpx.Client(base_url=live.base, timeout=10) as client:
        before = client.get(owners)
        assert before.status_code == 200
        server = live.store._db.client.pid
        os.kill(server, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if psutil.Process(server).status() == psutil.STATUS_ZOMBIE:
                    break
            except psutil.NoSuchProcess:
                break
            time.sleep(0.02)
        down = client.get(owners)
        assert down.status_code == 503, down.text
        assert "store" in down.json()["detail"].lower()
        seen = Counter({503: 1})
        deadline = time.monotonic() + 60
        answer = down
        while answer.status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
            answer = client.get(owners)
            seen[answer.status_code] += 1
        assert set(seen) <= {200, 503}, seen
        assert answer.status_code == 200, f"no recovery within 60 s: {seen}"
        assert answer.json() == before.json(), "the data did not survive the restart"
    statuses = hammer(live.base, live.paths, REQUESTS // 2)
    assert statuses == Counter({200: REQUESTS // 2}), statuses
    assert len(servers_in(live.store.data_dir)) == 1, "more than one server for one store"
