"""The store interface every backend implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

Row = dict[str, Any]
Statement = tuple[str, dict[str, Any]]


class StoreError(Exception):
    """A statement failed in the store (bad Cypher, constraint violation...)."""


class StoreUnavailable(StoreError):
    """The store cannot be reached or started."""


class WriteRefused(StoreError):
    """A write was attempted through a read-only path."""


class QueryTimeout(StoreError):
    """A read ran past its time limit."""


class Store(ABC):
    """Run Cypher with parameters; write whole batches atomically."""

    kind: str = "?"

    @abstractmethod
    def read(
        self, cypher: str, params: dict[str, Any] | None = None, *, timeout_ms: int | None = None
    ) -> list[Row]:
        """Run a statement in the engine's read-only mode; rows as dicts."""

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
