"""Every statement the Neo4j store would send, checked by Neo4j's own Cypher front end.

No Neo4j server runs here.  The scenario of ``tests.support.statements`` (load the
seeds, reload a revised document, call every API route and CLI command, remove the
documents) runs once against a ``Neo4jStore`` whose driver records instead of sending
(``tests.support.recording``), and once against the real embedded FalkorDB store.
Each distinct Neo4j statement is linted with ``@neo4j-cypher/language-support``
(``tools/cypher-lint``, pinned); the two engines' statements are compared, and what
only one is sent must be noted in ``graph/dialect.py``.  The counts are printed at the
end of the run.

These tests check the statements, not Neo4j's answers: the rows the recording driver
hands back only let the code go on (see ``tests.support.recording``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from orggraph.api.app import create_app
from orggraph.cypher import default_registry
from orggraph.graph import dialect, schema
from orggraph.graph.model import LABELS, REL_TYPES
from orggraph.graph.settings import Settings

from orggraph.cli import app as cli_app
from tests.support.recording import READ, WRITE, normalise
from tests.support.statements import (
    ENGINES,
    ROW_CAP,
    Collection,
    LintReport,
    collect,
    compare,
    identities,
    lint_sent,
)
from tests.support.walk import CLI_ELSEWHERE


class _Counts:
    """Prints the statement counts in pytest's closing summary."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.lines:
            terminalreporter.section("statements checked per engine")
            for line in self.lines:
                terminalreporter.write_line(line)


@pytest.fixture(scope="module")
def counts(request: pytest.FixtureRequest) -> _Counts:
    plugin = _Counts()
    request.config.pluginmanager.register(plugin, "orggraph-statement-counts")
    return plugin


@pytest.fixture(scope="module")
def collections(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Collection]:
    return {e: collect(e, tmp_path_factory.mktemp(f"statements-{e}")) for e in ENGINES}


@pytest.fixture(scope="module")
def report(collections: dict[str, Collection], counts: _Counts) -> LintReport:
    result = lint_sent(collections["neo4j"].sent)
    run = result.run
    falkordb = collections["falkordb"].sent
    units = [s for s in falkordb if s.segments]
    carried = {i for s in falkordb for i in identities(s)}
    counts.lines += [
        f"neo4j: {result.sent} statements the store would send, {result.distinct} distinct "
        f"(text and parameters), each linted by {run.package} {run.version} ({run.cypher}, "
        f"{run.functions} functions, {run.procedures} procedures): "
        f"{len(result.failures)} failing, {len(result.property_notes)} reading a property "
        "the writer does not write",
        f"falkordb: {len(falkordb)} queries and commands sent to the embedded server "
        f"({len(units)} atomic units carrying {sum(len(s.segments) for s in units)} "
        f"statements), {len(carried)} distinct statements, every one run by the server",
    ]
    for note in result.property_notes:
        counts.lines.append(f"  note: {note.diagnostics[0].message.split('.')[0]} "
                            f"(sent by {note.steps[0]})")
    return result


def test_every_neo4j_statement_passes_neo4js_front_end(
    report: LintReport, collections: dict[str, Collection]
) -> None:
    # a canned query run for a user is sent with the row cap as its LIMIT
    sent = {ROW_CAP.sub("", normalise(s.text)) for s in collections["neo4j"].sent}
    assert {normalise(q.cypher("neo4j")) for q in default_registry()} <= sent  # every one
    assert report.distinct > len(default_registry())  # and the writer's, the schema's...
    assert not report.failures, "Neo4j's front end rejects:\n" + "\n\n".join(
        str(f) for f in report.failures
    )


def test_the_engines_are_sent_the_same_statements_but_the_noted_ones(
    collections: dict[str, Collection], counts: _Counts
) -> None:
    mismatches = compare(collections)
    ids = {e: {i for s in c.sent for i in identities(s)} for e, c in collections.items()}
    shared = ids["neo4j"] & ids["falkordb"]
    counts.lines.append(
        f"compared: {len(shared)} statements both engines are sent; "
        f"{len(ids['neo4j'] - shared)} only Neo4j, {len(ids['falkordb'] - shared)} only "
        f"FalkorDB, under {len(dialect.ENGINE_ONLY)} notes in graph/dialect.py"
    )
    assert not mismatches, "\n".join(
        f"{m.engine}: {m.statement}\n  {m.problem}" for m in mismatches
    )


def test_every_route_and_command_was_walked_to_an_answer(
    collections: dict[str, Collection], tmp_path: Path
) -> None:
    doc = create_app(Settings(data=tmp_path)).openapi()
    operations = {f"{m.upper()} {p}" for p, ops in doc["paths"].items() for m in ops}
    commands = set(typer.main.get_command(cli_app).commands)  # type: ignore[attr-defined]
    for engine, collection in collections.items():
        assert {c.what for c in collection.api} == operations, engine
        walked = {c.what.split()[1] for c in collection.cli}
        assert walked | set(CLI_ELSEWHERE) == commands, engine
        failed = [f"{c.what}: {c.attempts}" for c in collection.api + collection.cli if not c.ok]
        assert not failed, f"{engine}: never answered:\n" + "\n".join(failed)


def _texts(collection: Collection) -> set[str]:
    return {normalise(s.text) for s in collection.sent}


def test_the_scenario_sends_every_kind_of_write(collections: dict[str, Collection]) -> None:
    """Schema set-up, upserts, the targeted cleanup and the cleanup by scanning."""
    texts = _texts(collections["neo4j"])
    for label in LABELS:
        assert normalise(dialect.neo4j_unique(label, "id")) in texts
        assert normalise(dialect.neo4j_index(label, "name")) in texts
        assert normalise(schema.node_upsert(label)) in texts
        assert normalise(schema.node_cleanup(label)) in texts
    for rel_type in REL_TYPES:
        assert normalise(schema.edge_cleanup(rel_type)) in texts
    assert any(normalise(schema.node_cleanup_by_id(label)) in texts for label in LABELS)
    assert any(normalise(schema.edge_cleanup_by_ends(t, *pair)) in texts
               for t, pairs in REL_TYPES.items() for pair in pairs)
    assert normalise(schema.document_stated()) in texts


def test_neo4j_reads_run_in_read_sessions_and_writes_in_write_ones(
    collections: dict[str, Collection],
) -> None:
    sent = collections["neo4j"].sent
    user = [s for s in sent if s.step == "POST /cypher"]
    assert user and all(s.access == READ and s.timeout for s in user)
    canned = [s for s in sent for i in identities(s) if i.text.startswith("query:")]
    assert canned and all(s.access == READ for s in canned)
    writes = {normalise(schema.node_upsert(label)) for label in LABELS}
    assert all(s.access == WRITE for s in sent if normalise(s.text) in writes)


def test_the_api_and_the_read_commands_only_read(collections: dict[str, Collection]) -> None:
    """So the API can run as a Neo4j user that may only read; load and remove write."""
    collection = collections["neo4j"]
    walked = {c.what for c in collection.api + collection.cli}
    wrote = {s.step for s in collection.sent if s.access != READ}
    assert wrote and not wrote & walked, sorted(wrote & walked)
