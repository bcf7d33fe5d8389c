"""Neo4j 5 through the official driver: the production store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from neo4j import READ_ACCESS, GraphDatabase, ManagedTransaction, Query
from neo4j import exceptions as neo4j_errors
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

_UNREACHABLE = (neo4j_errors.ServiceUnavailable, neo4j_errors.AuthError, OSError)


class Neo4jStore(Store):
    kind = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j") -> None:
        self.uri = uri
        self.database = database
        try:
            self._driver = GraphDatabase.driver(
                uri, auth=(user, password), connection_timeout=5, max_transaction_retry_time=5
            )
            self._driver.verify_connectivity()
        except _UNREACHABLE as exc:
            raise StoreUnavailable(f"Neo4j at {uri} is unreachable: {exc}") from exc
        except neo4j_errors.Neo4jError as exc:
            raise StoreUnavailable(f"Neo4j at {uri} refused the connection: {exc}") from exc

    def describe(self) -> str:
        return f"neo4j ({self.uri}, database {self.database})"

    def _session(self, readonly: bool = False) -> Any:
        mode = {"default_access_mode": READ_ACCESS} if readonly else {}
        return self._driver.session(database=self.database, **mode)

    def read(
        self, cypher: str, params: dict[str, Any] | None = None, *, timeout_ms: int | None = None
    ) -> list[Row]:
        query = Query(cypher, timeout=timeout_ms / 1000 if timeout_ms else None)  # type: ignore[arg-type]

        def work(tx: ManagedTransaction) -> list[Row]:
            return [record.data() for record in tx.run(query, params or {})]

        return self._guard(lambda: self._run_in(work, readonly=True))

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> list[Row]:
        def work(tx: ManagedTransaction) -> list[Row]:
            return [record.data() for record in tx.run(cypher, params or {})]

        return self._guard(lambda: self._run_in(work, readonly=False))

    def execute_atomically(self, statements: Sequence[Statement]) -> None:
        def work(tx: ManagedTransaction) -> None:
            for cypher, params in statements:
                tx.run(cypher, params).consume()

        self._guard(lambda: self._run_in(work, readonly=False))

    def _run_in(self, work: Any, *, readonly: bool) -> Any:
        with self._session(readonly) as session:
            return session.execute_read(work) if readonly else session.execute_write(work)

    @staticmethod
    def _guard(call: Any) -> Any:
        try:
            return call()
        except _UNREACHABLE as exc:
            raise StoreUnavailable(f"Neo4j is unreachable: {exc}") from exc
        except neo4j_errors.ClientError as exc:
            code = exc.code or ""
            if "Timeout" in code or "terminated" in str(exc).lower():
                raise QueryTimeout(str(exc.message or exc)) from exc
            if code.endswith(("AccessMode", "ForbiddenOnReadOnlyDatabase")):
                raise WriteRefused(exc.message or str(exc)) from exc
            raise StoreError(exc.message or str(exc)) from exc
        except neo4j_errors.Neo4jError as exc:
            raise StoreError(exc.message or str(exc)) from exc

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
