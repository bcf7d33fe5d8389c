"""The embedded default store: FalkorDB run by ``falkordblite`` as a private subprocess."""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import psutil
from orggraph.graph import dialect
from orggraph.graph.stores.base import (
    QueryTimeout,
    Row,
    Statement,
    Store,
    StoreError,
    StoreUnavailable,
    WriteRefused,
)
from redis import exceptions as redis_errors

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
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            self._drop_stale_registry()
            try:
                self._connect()
            except redis_errors.ConnectionError:
                # After a crash redislite's registry may name a pid that is alive but is
                # not our server (a zombie, a reused pid): forget it, start afresh.
                self._forget_dead_client()
                self._registry.unlink(missing_ok=True)
                self._connect()
        except (OSError, redis_errors.RedisError, RuntimeError) as exc:
            raise StoreUnavailable(
                f"cannot start the embedded store in {self.data_dir}: {exc}"
            ) from exc

    @property
    def _registry(self) -> Path:
        """redislite's record of the running server for this database."""
        return self.data_dir / f"{DB_FILE}.settings"

    def _drop_stale_registry(self) -> None:
        """Delete redislite's registry when its server is gone (a crash left it behind).

        Checked before a client exists: redislite arms an exit hook that kills the pid
        its registry names, and after a crash that pid may belong to anything.
        """
        if not self._registry.exists():
            return
        try:
            socket_path = json.loads(self._registry.read_text()).get("unixsocket", "")
        except (OSError, ValueError, AttributeError):
            socket_path = ""
        if not socket_path or not _answers_ping(socket_path):
            self._registry.unlink(missing_ok=True)

    def _connect(self) -> None:
        from redislite.falkordb_client import FalkorDB

        # The append-only log makes a write durable once acknowledged; it is shared by
        # every database file in a directory, hence one directory per database.
        self._db = FalkorDB(
            str(self.data_dir / DB_FILE),
            serverconfig={"appendonly": "yes", "appendfsync": "everysec"},
        )
        self._graph = self._db.select_graph(self.graph_name)
        self._ensure_graph()

    def _forget_dead_client(self) -> None:
        db = getattr(self, "_db", None)
        if db is None:
            return
        dead = db.client
        dead.pidfile = None  # its cleanup must never shut down a new server
        atexit.unregister(dead._cleanup)
        with contextlib.suppress(Exception):
            dead.connection_pool.disconnect()

    def _reopen(self) -> None:
        """After the server died: forget the dead client, start a fresh server."""
        self._forget_dead_client()
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
        """All statements as one query (see :func:`graph.dialect.chain_statements`):
        readers see the graph before or after it, and a failure undoes all of it."""
        if not statements:
            return
        cypher, params = dialect.chain_statements(statements)
        with self._write_lock:
            self._call(lambda: self._graph.query(cypher, params))

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
        client = db.client
        try:
            if client._connection_count() <= 1:
                _shutdown(client)
            client.connection_pool.disconnect()
            db.close()
        except Exception as exc:  # closing must never raise
            log.warning("closing the embedded store: %s", exc)
            # Disarm redislite's exit hook: it would act on a pidfile that may by then
            # name an unrelated process.
            self._forget_dead_client()
        self._db = None  # type: ignore[assignment]


def _answers_ping(socket_path: str) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(2)
            sock.connect(socket_path)
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


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
