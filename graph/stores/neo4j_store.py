"""Neo4j 5 through the official driver: the production store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from neo4j import READ_ACCESS, GraphDatabase, ManagedTransaction, unit_of_work
from neo4j import exceptions as neo4j_errors
from orggraph.graph import dialect
from orggraph.graph.stores.base import (
    Budget,
    QueryTimeout,
    QueryTooBig,
    Row,
    Statement,
    Store,
    StoreError,
    StoreUnavailable,
    WriteRefused,
    read_statement,
    timeout_reason,
)

_UNREACHABLE = (neo4j_errors.ServiceUnavailable, neo4j_errors.AuthError, OSError)
_DOWN = "Neo4j is not reachable; check that it runs and the ORGGRAPH_NEO4J_* settings"



class Neo4jStore(Store):
    kind = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        database: str = "neo4j",
        *,
        budget: Budget | None = None,
    ) -> None:
        self.uri = uri
        self.database = database
        self.budget = budget or Budget()
        try:
            self._driver = GraphDatabase.driver(
                uri, auth=(user, password), connection_timeout=5, max_transaction_retry_time=5
            )
            self._driver.verify_connectivity()
        except _UNREACHABLE as exc:
            raise StoreUnavailable(f"Neo4j at {uri} is unreachable: {exc}", reason=_DOWN) from exc
        except neo4j_errors.Neo4jError as exc:
            raise StoreUnavailable(
                f"Neo4j at {uri} refused the connection: {exc}", reason=_DOWN
            ) from exc

    def describe(self) -> str:
        return f"neo4j ({self.uri}, database {self.database})"

    def _session(self, readonly: bool = False) -> Any:
        if readonly:
            return self._driver.session(database=self.database, default_access_mode=READ_ACCESS)
        return self._driver.session(database=self.database)

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

        def work(tx: ManagedTransaction) -> list[Row]:
            return [record.data() for record in tx.run(cypher, params or {})]  # type: ignore[arg-type]

        return self._guard(lambda: self._run_in(work, readonly=True, timeout_ms=limit), limit)

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> list[Row]:
        limit = self.budget.write_timeout_ms

        def work(tx: ManagedTransaction) -> list[Row]:
            return [record.data() for record in tx.run(cypher, params or {})]  # type: ignore[arg-type]

        return self._guard(lambda: self._run_in(work, readonly=False, timeout_ms=limit), limit)

    def execute_atomically(self, statements: Sequence[Statement]) -> None:
        def work(tx: ManagedTransaction) -> None:
            for cypher, params in statements:
                tx.run(cypher, params).consume()

        limit = self.budget.write_timeout_ms
        self._guard(lambda: self._run_in(work, readonly=False, timeout_ms=limit), limit)

    def _run_in(self, work: Any, *, readonly: bool, timeout_ms: int) -> Any:
        """Run ``work`` in a managed transaction that the server stops after ``timeout_ms``
        (a ``Query`` timeout works only outside managed transactions)."""
        work = unit_of_work(timeout=timeout_ms / 1000)(work)
        with self._session(readonly) as session:
            return session.execute_read(work) if readonly else session.execute_write(work)

    @staticmethod
    def _guard(call: Any, limit_ms: int) -> Any:
        try:
            return call()
        except _UNREACHABLE as exc:
            raise StoreUnavailable(f"Neo4j is unreachable: {exc}", reason=_DOWN) from exc
        except neo4j_errors.ClientError as exc:
            code = exc.code or ""
            message = exc.message or str(exc)
            if "Timeout" in code or "terminated" in str(exc).lower():
                raise QueryTimeout(message, reason=timeout_reason(limit_ms)) from exc
            if code.endswith(("AccessMode", "ForbiddenOnReadOnlyDatabase")):
                raise WriteRefused(
                    message, reason="the statement writes: only reads are allowed"
                ) from exc
            if "MemoryLimit" in code:
                raise QueryTooBig(message, reason="the query needed more memory than a "
                                  "transaction may use: ask for less, or add a LIMIT") from exc
            raise StoreError(message, reason=message.splitlines()[0][:300]) from exc
        except neo4j_errors.Neo4jError as exc:
            message = exc.message or str(exc)
            raise StoreError(message, reason=message.splitlines()[0][:300]) from exc

    def create_index(self, label: str, prop: str) -> None:
        self.write(dialect.neo4j_index(label, prop))

    def create_unique(self, label: str, prop: str) -> None:
        self.write(dialect.neo4j_unique(label, prop))

    def ping(self) -> bool:
        try:
            self._driver.verify_connectivity()
        except Exception:
            return False
        return True

    def close(self) -> None:
        self._driver.close()
