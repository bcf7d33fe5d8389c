"""Raw Cypher under the budget: the time limit, the row cap, and a limit on how many raw
queries run at once, so one user cannot take every thread of the store.

The engine runs a fixed number of statements at once (FalkorDB: one per thread) and
queues the rest; raw queries may take all but one of those threads, so the routes'
own queries always have one.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from orggraph.graph.settings import Settings
from orggraph.graph.stores.base import Row, Store, StoreBusy

T = TypeVar("T")

#: how long a raw query waits for a free slot before it is answered 429
SLOT_WAIT_SECONDS = 0.5


class Gate:
    """At most ``slots`` calls at once; a call that finds no slot in time is refused."""

    def __init__(self, slots: int) -> None:
        self.slots = max(1, slots)
        self._free = threading.BoundedSemaphore(self.slots)

    def run(self, call: Callable[[], T], wait_seconds: float = SLOT_WAIT_SECONDS) -> T:
        if not self._free.acquire(timeout=wait_seconds):
            raise StoreBusy(
                f"all {self.slots} raw Cypher slots busy",
                reason=f"{self.slots} raw Cypher quer{'y is' if self.slots == 1 else 'ies are'} "
                "already running (the rest of the store is kept for everyone else): "
                "try again in a few seconds",
            )
        try:
            return call()
        finally:
            self._free.release()


_gates: weakref.WeakKeyDictionary[Store, Gate] = weakref.WeakKeyDictionary()
_gates_lock = threading.Lock()


def gate_for(store: Store, settings: Settings) -> Gate:
    """The gate of ``store``: ``cypher_concurrency`` slots, or the engine's threads - 1."""
    with _gates_lock:
        gate = _gates.get(store)
        if gate is None:
            slots = settings.cypher_concurrency or max(1, store.engine_threads - 1)
            gate = _gates[store] = Gate(slots)
        return gate


def read(store: Store, settings: Settings, statement: str, params: dict[str, Any]) -> list[Row]:
    """Run a checked raw statement: at most ``row_cap + 1`` rows, within the time limit."""
    return gate_for(store, settings).run(
        lambda: store.read(
            statement, params, timeout_ms=settings.query_timeout_ms, row_cap=settings.row_cap
        )
    )
