"""Record every statement a store sends: Neo4j through a recording driver, FalkorDB for real.

Neo4j cannot run here.  :func:`recording_neo4j` swaps the driver factory the Neo4j
store uses (``GraphDatabase`` in ``neo4j_store``) for one whose sessions record each
statement, its parameters and the session's access mode instead of sending it, so
every ``Neo4jStore`` opened meanwhile (by the CLI, the API, the writer) runs its own
code unchanged up to the wire.

The code under test sometimes needs an answer to go on (a name is resolved before
anything else happens, a walk follows the rows it gets).  Those answers come from a
real embedded FalkorDB store that is sent the same writes: each canned query's
FalkorDB body, or the statement itself where both engines share it.  They only let
the code path continue; they are never taken as Neo4j's behaviour.

:func:`recording_falkordb` records what the real embedded store is sent, at the
client's query and constraint calls; a unit written atomically (one chained query,
see ``dialect.chain_statements``) is kept with the statements it carries.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

from orggraph.cypher import default_registry
from orggraph.graph import dialect
from orggraph.graph.stores.base import Row, Store

READ, WRITE = "READ", "WRITE"

#: rows for a recorded Neo4j statement: (text, parameters, access mode) -> rows
Answerer = Callable[[str, dict[str, Any], str], list[Row]]


def normalise(text: str) -> str:
    """A statement's text with its whitespace collapsed."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Sent:
    """One statement a store sent (or, for Neo4j, would have sent)."""

    engine: str
    step: str
    text: str
    params: tuple[str, ...]
    access: str
    timeout: float | None = None
    #: FalkorDB: the statements one chained atomic query carries, as (text, params)
    segments: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: the keys of the maps inside the parameters (row fields, the properties written)
    keys: frozenset[str] = frozenset()


def map_keys(value: Any) -> set[str]:
    """Every key of every map inside ``value`` (lists and maps, all the way down)."""
    if isinstance(value, dict):
        return set(value).union(*(map_keys(v) for v in value.values()))
    if isinstance(value, list | tuple):
        return set().union(*(map_keys(v) for v in value))
    return set()


@dataclass
class Log:
    """The statements sent so far, each tagged with the scenario step that sent it."""

    engine: str
    sent: list[Sent] = field(default_factory=list)
    step: str = "?"
    _paused: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @contextlib.contextmanager
    def during(self, step: str) -> Iterator[None]:
        previous, self.step = self.step, step
        try:
            yield
        finally:
            self.step = previous

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Statements the test itself sends (set-up), not the code under test."""
        self._paused += 1
        try:
            yield
        finally:
            self._paused -= 1

    def add(self, text: str, params: Mapping[str, Any] | None, access: str, **extra: Any) -> None:
        if self._paused:
            return
        keys = frozenset(map_keys(list((params or {}).values())))
        with self._lock:
            self.sent.append(Sent(self.engine, self.step, text, tuple(sorted(params or {})),
                                  access, keys=keys, **extra))


# --- Neo4j: a driver that records ---------------------------------------------------


#: the row cap the store puts on a statement's final RETURN (``store.read(row_cap=)``)
_ROW_CAP = re.compile(r"\s+LIMIT \d+$")


class Answers:
    """Rows for the recorded Neo4j statements, from a real embedded store (see above)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._falkordb = {
            normalise(q.cypher("neo4j")): q.cypher("falkordb") for q in default_registry()
        }

    def __call__(self, text: str, params: dict[str, Any], access: str) -> list[Row]:
        falkordb = self._falkordb.get(normalise(text))
        capped = _ROW_CAP.search(normalise(text))
        if falkordb is None and capped:  # a canned query run with the row cap on its RETURN
            body = self._falkordb.get(normalise(text)[:capped.start()])
            falkordb = None if body is None else body + capped.group(0)
        if falkordb is None:
            note = dialect.engine_only(text)
            if note is not None and note.engine == "neo4j":
                return []  # e.g. schema set-up: nothing to answer, nothing to replay
            falkordb = text
        if access == READ:
            return self.store.read(falkordb, params)
        return self.store.write(falkordb, params)


class _Record:
    """What ``neo4j.Record`` offers the store: ``data()``, keys, values, items."""

    def __init__(self, row: Row) -> None:
        self._row = row

    def data(self) -> Row:
        return dict(self._row)

    def keys(self) -> list[str]:
        return list(self._row)

    def values(self) -> list[Any]:
        return list(self._row.values())

    def __getitem__(self, key: str | int) -> Any:
        return self.values()[key] if isinstance(key, int) else self._row[key]


class _Result:
    def __init__(self, rows: list[Row]) -> None:
        self._records = [_Record(r) for r in rows]

    def __iter__(self) -> Iterator[_Record]:
        return iter(self._records)

    def consume(self) -> None:
        self._records = []

    def single(self, strict: bool = False) -> _Record | None:
        if strict and len(self._records) != 1:
            raise ValueError(f"expected one record, got {len(self._records)}")
        return self._records[0] if self._records else None

    def data(self) -> list[Row]:
        return [r.data() for r in self._records]

    def values(self) -> list[list[Any]]:
        return [r.values() for r in self._records]


def _text_and_timeout(query: Any) -> tuple[str, float | None]:
    text = getattr(query, "text", query)
    return str(text), getattr(query, "timeout", None)


class _Transaction:
    def __init__(self, session: _Session, access: str, timeout: float | None = None) -> None:
        self._session = session
        self._access = access
        self._timeout = timeout  # a managed transaction's, from neo4j.unit_of_work

    def run(self, query: Any, parameters: dict[str, Any] | None = None, **kw: Any) -> _Result:
        params = {**(parameters or {}), **kw}
        return self._session._send(query, params, self._access, self._timeout)

    def commit(self) -> None:
        pass

    def rollback(self) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self) -> _Transaction:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


class _Session:
    def __init__(self, driver: RecordingDriver, default_access_mode: str = WRITE, **_: Any):
        self._driver = driver
        self._mode = default_access_mode

    def _send(
        self, query: Any, params: dict[str, Any], access: str, unit_timeout: float | None = None
    ) -> _Result:
        text, timeout = _text_and_timeout(query)
        self._driver.log.add(text, params, access, timeout=timeout or unit_timeout)
        return _Result(self._driver.answers(text, params, access))

    def execute_read(self, work: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        return work(_Transaction(self, READ, getattr(work, "timeout", None)), *args, **kw)

    def execute_write(self, work: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        return work(_Transaction(self, WRITE, getattr(work, "timeout", None)), *args, **kw)

    def begin_transaction(self, *_: Any, **__: Any) -> _Transaction:
        return _Transaction(self, self._mode)

    def run(self, query: Any, parameters: dict[str, Any] | None = None, **kw: Any) -> _Result:
        return self._send(query, {**(parameters or {}), **kw}, self._mode)

    def close(self) -> None:
        pass

    def __enter__(self) -> _Session:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


class RecordingDriver:
    """Stands where ``neo4j.Driver`` stands: sessions record, nothing is sent."""

    def __init__(self, log: Log, answers: Answerer, uri: str) -> None:
        self.log = log
        self.answers = answers
        self.uri = uri

    def verify_connectivity(self, **_: Any) -> None:
        pass

    def session(self, **config: Any) -> _Session:
        return _Session(self, **{k: v for k, v in config.items() if k == "default_access_mode"})

    def execute_query(
        self, query: Any, parameters: dict[str, Any] | None = None, *, routing_: str = "w",
        **kw: Any,
    ) -> tuple[list[_Record], None, list[str]]:
        params = {**(parameters or {}), **{k: v for k, v in kw.items() if not k.endswith("_")}}
        access = READ if str(routing_).lower().startswith("r") else WRITE
        records = list(_Session(self)._send(query, params, access))
        return records, None, records[0].keys() if records else []

    def close(self) -> None:
        pass


@contextlib.contextmanager
def recording_neo4j(log: Log, answers: Answerer) -> Iterator[None]:
    """Every Neo4jStore opened inside gets a recording driver."""
    from orggraph.graph.stores import neo4j_store

    class RecordingDatabase:
        @staticmethod
        def driver(uri: str, *_: Any, **__: Any) -> RecordingDriver:
            return RecordingDriver(log, answers, uri)

    with mock.patch.object(neo4j_store, "GraphDatabase", RecordingDatabase):
        yield


# --- FalkorDB: the real embedded store, its calls recorded ---------------------------


@contextlib.contextmanager
def recording_falkordb(log: Log) -> Iterator[None]:
    """Record what every embedded store opened inside sends to its server."""
    from falkordb.graph import Graph

    units: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
    chain = dialect.chain_statements
    query = Graph._query
    constraint = Graph._create_constraint

    def chained(statements: Sequence[tuple[str, dict[str, Any]]]) -> tuple[str, dict[str, Any]]:
        text, params = chain(statements)
        units[text] = tuple((t, tuple(sorted(p))) for t, p in statements)
        return text, params

    def recorded_query(self: Graph, q: str, params: dict[str, Any] | None = None,
                       timeout: int | None = None, read_only: bool = False) -> Any:
        access = READ if read_only else WRITE
        log.add(q, params, access, timeout=timeout, segments=units.pop(q, ()))
        return query(self, q, params=params, timeout=timeout, read_only=read_only)

    def recorded_constraint(self: Graph, kind: str, entity: str, label: str,
                            *properties: str) -> Any:
        log.add(f"GRAPH.CONSTRAINT CREATE {kind} {entity} {label} PROPERTIES "
                + " ".join(properties), {}, WRITE)
        return constraint(self, kind, entity, label, *properties)

    with (
        mock.patch.object(dialect, "chain_statements", chained),
        mock.patch.object(Graph, "_query", recorded_query),
        mock.patch.object(Graph, "_create_constraint", recorded_constraint),
    ):
        yield
