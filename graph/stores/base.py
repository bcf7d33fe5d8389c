"""The store interface every backend implements, its errors, and the budget of every call."""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from orggraph.graph.settings import Settings

Row = dict[str, Any]
Statement = tuple[str, dict[str, Any]]


class StoreError(Exception):
    """A statement failed in the store (bad Cypher, constraint violation...).

    ``str(exc)`` is the full text for the server's log (it may name files and carry the
    engine's own words); ``reason`` is what a user may be shown: no paths, no internals.
    """

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message


class StoreUnavailable(StoreError):
    """The store cannot be reached or started."""


class WriteRefused(StoreError):
    """A write (or a file read) was attempted through a read-only path."""


class QueryTimeout(StoreError):
    """A statement ran past its time limit."""


class QueryTooBig(StoreError):
    """A statement needed more memory than one query may use."""


class StoreBusy(StoreError):
    """The store is saturated (its queue is full, or another writer holds the data)."""


@dataclass(frozen=True)
class Budget:
    """What one store call may spend: the same limits for raw Cypher, canned queries,
    views and exports; writes get their own (longer) time limit."""

    read_timeout_ms: int = 5000
    write_timeout_ms: int = 300_000
    query_memory_mb: int = 256
    server_memory_mb: int = 4096
    stall_seconds: float = 15.0
    write_lock_wait_seconds: float = 600.0

    @classmethod
    def from_settings(cls, settings: Settings) -> Budget:
        return cls(
            read_timeout_ms=settings.query_timeout_ms,
            write_timeout_ms=settings.write_timeout_ms,
            query_memory_mb=settings.query_memory_mb,
            server_memory_mb=settings.store_memory_mb,
            stall_seconds=settings.store_stall_seconds,
            write_lock_wait_seconds=settings.write_lock_wait_seconds,
        )

    def read_ms(self, timeout_ms: int | None) -> int:
        """The time limit of one read: the caller's, never more than the budget's."""
        if timeout_ms is None or timeout_ms <= 0:
            return self.read_timeout_ms
        return min(timeout_ms, self.read_timeout_ms)


def timeout_reason(limit_ms: int) -> str:
    return (
        f"the query ran past its time limit of {limit_ms} ms and was stopped: narrow the "
        "MATCH, add a LIMIT, or ask for less (the limit is ORGGRAPH_QUERY_TIMEOUT_MS)"
    )


class Store(ABC):
    """Run Cypher with parameters; write whole batches atomically."""

    kind: str = "?"
    budget: Budget = Budget()

    @abstractmethod
    def read(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        row_cap: int | None = None,
    ) -> list[Row]:
        """Run a statement in the engine's read-only mode; rows as dicts.

        ``timeout_ms`` tightens the budget's time limit (it never loosens it). With
        ``row_cap`` the engine stops after ``row_cap + 1`` rows (one more than the cap,
        so the caller can tell the answer was cut).
        """

    @abstractmethod
    def write(self, cypher: str, params: dict[str, Any] | None = None) -> list[Row]:
        """Run one write statement on its own."""

    @abstractmethod
    def execute_atomically(self, statements: Sequence[Statement]) -> None:
        """Run the statements as one unit: all take effect, or none does.

        Readers never see a state between two of the statements.
        """

    @abstractmethod
    def create_index(self, label: str, prop: str) -> None:
        """An index on ``label.prop`` (idempotent)."""

    @abstractmethod
    def create_unique(self, label: str, prop: str) -> None:
        """A uniqueness constraint on ``label.prop`` (idempotent)."""

    @abstractmethod
    def ping(self) -> bool:
        """True when the store answers."""

    @abstractmethod
    def close(self) -> None:
        """Release connections (and stop any server this process started)."""

    def describe(self) -> str:
        return self.kind

    @property
    def engine_threads(self) -> int:
        """How many statements the engine runs at once (others queue)."""
        return 4

    @contextmanager
    def writer(self) -> Iterator[None]:
        """Hold the right to write for the block (the embedded store: one writer per data
        directory at a time, across processes). Nothing to hold for a server store."""
        yield

    @contextmanager
    def transaction(self) -> Iterator[list[Statement]]:
        """Collect statements in the ``with`` block, then run them atomically on exit."""
        batch: list[Statement] = []
        yield batch
        if batch:
            self.execute_atomically(batch)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@functools.lru_cache(maxsize=1024)
def _reads_files(cypher: str) -> bool:
    from orggraph.graph.stores import cypher_text

    return cypher_text.reads_files(cypher)


def read_statement(cypher: str, params: dict[str, Any] | None, row_cap: int | None) -> str:
    """The read a store sends: ``LOAD CSV`` refused (WriteRefused), the row cap (plus one,
    to tell a cut answer) set as the final ``LIMIT`` (StoreError when it cannot be)."""
    from orggraph.graph.stores import cypher_text

    if _reads_files(cypher):
        raise WriteRefused(
            "LOAD CSV on the read path",
            reason="LOAD CSV reads files: it is not allowed on the read path",
        )
    if row_cap is None:
        return cypher
    try:
        return cypher_text.cap_rows(cypher, row_cap + 1, params)
    except cypher_text.UnboundedLimit as exc:
        raise StoreError(str(exc)) from None
