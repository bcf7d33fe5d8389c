"""A store that could not be opened at start-up: the API still starts and answers 503.

:class:`DeferredStore` retries opening the configured store at most every
``retry_seconds``; until it succeeds every call raises :class:`StoreUnavailable`
(which the API maps to 503) and ``ping`` is False (``/health`` says unreachable).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from orggraph.graph.settings import Settings
from orggraph.graph.stores import Store, open_store
from orggraph.graph.stores.base import Row, Statement, StoreUnavailable

log = logging.getLogger(__name__)


class DeferredStore(Store):
    """Opens the configured store on first use; StoreUnavailable until it answers."""

    def __init__(self, settings: Settings, error: StoreUnavailable, retry_seconds: float = 5.0):
        self.kind = settings.store
        self._settings = settings
        self._error = error
        self._retry_seconds = retry_seconds
        self._tried = time.monotonic()
        self._inner: Store | None = None
        self._lock = threading.Lock()

    def _store(self) -> Store:
        inner = self._inner
        if inner is not None:
            return inner
        with self._lock:
            if self._inner is not None:
                return self._inner
            if time.monotonic() - self._tried < self._retry_seconds:
                raise StoreUnavailable(str(self._error), reason=self._error.reason)
            self._tried = time.monotonic()
            try:
                self._inner = open_store(self._settings)
            except StoreUnavailable as exc:
                self._error = exc
                raise
            log.info("the store answers now: %s", self._inner.describe())
            return self._inner

    def read(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        row_cap: int | None = None,
    ) -> list[Row]:
        return self._store().read(cypher, params, timeout_ms=timeout_ms, row_cap=row_cap)

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> list[Row]:
        return self._store().write(cypher, params)

    def execute_atomically(self, statements: Sequence[Statement]) -> None:
        self._store().execute_atomically(statements)

    def create_index(self, label: str, prop: str) -> None:
        self._store().create_index(label, prop)

    def create_unique(self, label: str, prop: str) -> None:
        self._store().create_unique(label, prop)

    @property
    def engine_threads(self) -> int:
        try:
            return self._store().engine_threads
        except StoreUnavailable:
            return 2

    @contextmanager
    def writer(self) -> Iterator[None]:
        with self._store().writer():
            yield

    def ping(self) -> bool:
        try:
            return self._store().ping()
        except StoreUnavailable:
            return False

    def describe(self) -> str:
        return self._inner.describe() if self._inner else f"{self.kind} (not reachable yet)"

    def close(self) -> None:
        if self._inner is not None:
            self._inner.close()


def open_store_or_defer(settings: Settings) -> Store:
    """The configured store, or a DeferredStore standing in while it cannot be reached."""
    try:
        return open_store(settings)
    except StoreUnavailable as exc:
        log.warning("starting without the store (%s); answering 503 until it answers", exc)
        return DeferredStore(settings, exc)
