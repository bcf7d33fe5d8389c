"""The checkers themselves: Neo4j's front end rejects what Neo4j would, and the engine
comparison catches a statement one engine alone is sent.

A deliberately broken statement put into the writer must fail the same check the
statement test runs over everything the Neo4j store sends.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from orggraph.cypher import default_registry
from orggraph.graph import dialect, schema, writer
from orggraph.graph.model import DocumentGraph, Evidence, Node, make_id
from orggraph.graph.stores.neo4j_store import Neo4jStore

from tests.support.cypher_lint import LintRun, failing, lint, pinned_version
from tests.support.recording import WRITE, Log, Sent, recording_neo4j
from tests.support.statements import Collection, compare, lint_sent

UPSERT_PARAMS = ("doc", "doctag", "prefix", "rows", "sep")
SHORTEST = default_registry().get("shortest_path")
SHORTEST_PARAMS = tuple(p.name for p in SHORTEST.params)

#: statements with the parameters they are passed, linted in one run
CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "upsert": (schema.node_upsert("Person"), UPSERT_PARAMS),
    "broken": (schema.node_upsert("Person").replace("MERGE (n:Person {id: r.id})",
                                                    "MERGE (n:Person {id: r.id}"), UPSERT_PARAMS),
    "semantic": ("MATCH (n:Person) RETURN m.name", ()),
    "unpassed": (schema.node_upsert("Person"), ("doc", "prefix", "rows", "sep")),
    "falkordb body": (SHORTEST.cypher("falkordb"), SHORTEST_PARAMS),
    "neo4j body": (SHORTEST.cypher("neo4j"), SHORTEST_PARAMS),
    "function": ("MATCH (n:Person) RETURN toLowerCase(n.name)", ()),
    "label": ("MATCH (n:Persn) RETURN n.name", ()),
    "type": ("MATCH (:Person)-[:MANAGE]->(p:Product) RETURN p.name", ()),
}


@pytest.fixture(scope="module")
def verdicts() -> LintRun:
    return lint(CASES)


def messages(verdicts: LintRun, case: str) -> list[str]:
    return [d.message for d in failing(verdicts.diagnostics[case])]


def test_the_pinned_linter_is_the_one_installed(verdicts: LintRun) -> None:
    assert verdicts.version == pinned_version()
    assert verdicts.cypher == "CYPHER 5"
    assert verdicts.functions > 100 and verdicts.procedures > 20  # Neo4j's, from the package


def test_a_writer_statement_passes(verdicts: LintRun) -> None:
    assert messages(verdicts, "upsert") == []


def test_a_deliberately_broken_statement_fails(verdicts: LintRun) -> None:
    found = messages(verdicts, "broken")
    assert found and any("Invalid input" in m for m in found), found


def test_a_semantic_error_fails(verdicts: LintRun) -> None:
    """The package hides a failure of its semantic analysis: this one only it finds."""
    found = messages(verdicts, "semantic")
    assert any("Variable `m` not defined" in m for m in found), found


def test_a_parameter_used_but_not_passed_fails(verdicts: LintRun) -> None:
    assert messages(verdicts, "unpassed") == ["Parameter $doctag is not defined."]


def test_falkordb_procedures_are_unknown_to_neo4j(verdicts: LintRun) -> None:
    assert any("Procedure algo.SPpaths is not present" in m
               for m in messages(verdicts, "falkordb body"))
    assert messages(verdicts, "neo4j body") == []


def test_unknown_functions_labels_and_types_fail(verdicts: LintRun) -> None:
    assert any("Function toLowerCase is not present" in m for m in messages(verdicts, "function"))
    assert any("Label Persn " in m for m in messages(verdicts, "label"))
    assert any("Relationship type MANAGE " in m for m in messages(verdicts, "type"))


# --- a broken statement put into the store's path fails the statement check ----------


def _plan() -> DocumentGraph:
    doc = "plan.txt"
    ada = Node("Person", make_id("Person", "Ada"), "Ada", sources=[Evidence(doc, 1, "Ada")])
    return DocumentGraph(doc, nodes=[ada])


def _sent_by_writer() -> list[Sent]:
    log = Log("neo4j")

    def no_rows(text: str, params: dict[str, Any], access: str) -> list[dict[str, Any]]:
        return []  # a first load: nothing stated before (only lets the writer go on)

    with recording_neo4j(log, no_rows):
        store = Neo4jStore("bolt://nowhere:7687", "neo4j", "unused")
        writer.setup_schema(store)
        writer.write_document(store, _plan())
        store.close()
    return log.sent


@pytest.fixture
def broken_upsert(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    upsert = schema.node_upsert
    monkeypatch.setattr(schema, "node_upsert",
                        lambda label: upsert(label).replace("SET ", "SET SET ", 1))
    yield


def test_the_writers_statements_pass_the_statement_check() -> None:
    sent = _sent_by_writer()
    assert any(s.access == WRITE and "MERGE (n:Person" in s.text for s in sent)
    assert lint_sent(sent).failures == []


@pytest.mark.usefixtures("broken_upsert")
def test_a_broken_statement_in_the_writer_fails_the_statement_check() -> None:
    report = lint_sent(_sent_by_writer())
    assert [f.text.count("SET SET") for f in report.failures] == [1, 1]  # Person, Document
    assert all(f.steps == ("?",) for f in report.failures)


# --- the engine comparison -----------------------------------------------------------


def _collection(engine: str, *texts: str) -> Collection:
    return Collection(engine, [Sent(engine, "step", t, (), WRITE) for t in texts])


def test_a_statement_one_engine_alone_is_sent_needs_a_note() -> None:
    shared = "MATCH (n:Person) RETURN n.name AS name"
    neo4j_only = dialect.neo4j_index("Person", "name")
    falkordb_only = dialect.falkordb_index("Person", "name")
    notes = tuple(n for n in dialect.ENGINE_ONLY if n.pattern.startswith("CREATE INDEX"))
    found = compare({"neo4j": _collection("neo4j", shared, neo4j_only),
                     "falkordb": _collection("falkordb", shared, falkordb_only)}, notes)
    assert found == []
    found = compare({"neo4j": _collection("neo4j", shared, neo4j_only, "RETURN 2 AS x"),
                     "falkordb": _collection("falkordb", shared, falkordb_only)}, notes)
    assert [(m.engine, m.statement.text) for m in found] == [("neo4j", "RETURN 2 AS x")]


def test_a_note_that_matches_nothing_or_a_shared_statement_fails() -> None:
    shared = dialect.falkordb_index("Person", "name")
    notes = tuple(n for n in dialect.ENGINE_ONLY if n.engine == "falkordb")
    found = compare({"neo4j": _collection("neo4j", shared),
                     "falkordb": _collection("falkordb", shared)}, notes)
    problems = {m.problem.split(",")[0] for m in found}
    assert problems == {"both engines are sent it",
                        "this ENGINE_ONLY note matches no statement sent"}
