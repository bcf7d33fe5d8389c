"""Every statement each store sends in one scenario, and a stable identity for each.

The scenario, the same for both engines: load the seeds, reload a revised copy of one,
call every API route and every CLI command, remove the revised document (the targeted
cleanup), then remove the other one as a store written before Document nodes kept what
they stated would (the cleanup that scans every label and type).  Load and removal run
through the CLI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from fastapi.testclient import TestClient
from orggraph.api.app import create_app
from orggraph.cypher import default_registry
from orggraph.graph import dialect
from orggraph.graph.model import make_id
from orggraph.graph.settings import Settings, get_settings
from orggraph.graph.stores.falkordb_store import FalkorDBStore
from typer.testing import CliRunner

from orggraph.cli import app as cli_app
from orggraph.client import OrgGraph
from tests.conftest import SEEDS
from tests.support.cypher_lint import (
    Diagnostic,
    LintRun,
    failing,
    lint,
    neo4j_schema,
    unknown_property,
)
from tests.support.recording import (
    Answers,
    Log,
    Sent,
    normalise,
    recording_falkordb,
    recording_neo4j,
)
from tests.support.walk import SEED_DOCUMENTS, Call, walk_api, walk_cli

ENGINES = ("neo4j", "falkordb")


@dataclass
class Collection:
    """What one engine was sent over the scenario, and how the walks went."""

    engine: str
    sent: list[Sent]
    api: list[Call] = field(default_factory=list)
    cli: list[Call] = field(default_factory=list)


def revise(source: Path, target_dir: Path, every: int = 5) -> Path:
    """A revised copy of ``source`` under its own name: every ``every``-th line of it
    blanked, so that some rows, people and relationships are no longer stated."""
    lines = source.read_text(encoding="utf-8").splitlines()
    kept = ["" if i % every == every - 1 else line for i, line in enumerate(lines)]
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / source.name
    target.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return target


def _cli(*args: str) -> None:
    result = CliRunner().invoke(cli_app, list(args), catch_exceptions=False)
    get_settings.cache_clear()
    if result.exit_code != 0:
        raise RuntimeError(f"orggraph {' '.join(args)} exited {result.exit_code}: "
                           f"{result.output}")


def _scenario(engine: str, data: Path, shadow: FalkorDBStore, log: Log, work: Path,
              collection: Collection) -> None:
    """``shadow`` holds the same graph as the store under test (for Neo4j, the store
    answering; for FalkorDB, the store itself), for the test's own set-up writes."""
    store_args = ["--store", engine, "--data", str(data)]
    revised_doc, other_doc = SEED_DOCUMENTS[-1], SEED_DOCUMENTS[0]
    with log.during("orggraph load (the seeds)"):
        _cli("load", str(SEEDS), "--quiet", *store_args)
    with log.during("orggraph load (a revised document)"):
        _cli("load", str(revise(SEEDS / revised_doc, work / "revised")), "--quiet", *store_args)
    settings = Settings(store=engine, data=data)
    with TestClient(create_app(settings)) as client:
        collection.api = walk_api(client, log.during)
        doc = client.app.openapi()  # type: ignore[attr-defined]
    collection.cli = walk_cli(cli_app, store_args, doc, work, log.during)
    with log.during("the notebook client's subgraph"), OrgGraph(engine, data) as og:
        og.subgraph(og.impact("Fritz Mueller"))
    with log.during("orggraph remove (targeted cleanup)"):
        _cli("remove", revised_doc, *store_args)
    with log.paused():  # as written by a version that kept no record of what was stated
        shadow.write("MATCH (d:Document {id: $id}) REMOVE d.stated",
                     {"id": make_id("Document", other_doc)})
    with log.during("orggraph remove (cleanup by scanning)"):
        _cli("remove", other_doc, *store_args)


def collect(engine: str, work: Path) -> Collection:
    """Run the scenario against ``engine``; ``work`` is an empty directory."""
    log = Log(engine)
    collection = Collection(engine, log.sent)
    data = work / "data"
    if engine == "neo4j":
        # the embedded store answering the recorded statements (see tests.support.recording)
        with FalkorDBStore(work / "answers") as answers, recording_neo4j(log, Answers(answers)):
            _scenario(engine, data, answers, log, work, collection)
    else:
        # open throughout: the commands attach to it
        with FalkorDBStore(data) as store, recording_falkordb(log):
            _scenario(engine, data, store, log, work, collection)
    return collection


# --- identity ------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class StatementId:
    """A statement as both engines can name it: ``query:<name>`` for a canned query (its
    bodies may differ per engine), else its normalised text; and the parameters passed."""

    text: str
    params: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.text}  [{', '.join('$' + p for p in self.params)}]"


def _canned(engine: str) -> dict[str, str]:
    """Each canned body's identity (queries sharing a body share it: ``query:a|b``)."""
    names: dict[str, list[str]] = {}
    for q in default_registry():
        names.setdefault(normalise(q.cypher(engine)), []).append(q.name)
    return {body: "query:" + "|".join(sorted(n)) for body, n in names.items()}


#: the row cap's LIMIT on a final RETURN (each branch of a UNION gets one)
ROW_CAP = re.compile(r"\s+LIMIT \d+(?=$| UNION )")


def identities(sent: Sent) -> list[StatementId]:
    """One per statement carried (a FalkorDB atomic unit carries several)."""
    canned = _canned(sent.engine)
    parts = sent.segments or ((sent.text, sent.params),)
    ids = []
    for text, params in parts:
        flat = normalise(text)
        # a canned query run for a user carries the row cap as its LIMIT: still that query
        capped = ROW_CAP.sub("", flat)
        ids.append(StatementId(canned.get(flat, canned.get(capped, flat)), params))
    return ids


@dataclass(frozen=True)
class Mismatch:
    engine: str
    statement: StatementId
    problem: str


def compare(collections: dict[str, Collection],
            notes: tuple[dialect.EngineOnly, ...] = dialect.ENGINE_ONLY) -> list[Mismatch]:
    """Statements one engine is sent and the other not, with no note saying so; notes
    that no longer match anything; notes naming a statement both engines are sent."""
    ids = {e: {i for s in c.sent for i in identities(s)} for e, c in collections.items()}
    mismatches: list[Mismatch] = []
    used: set[dialect.EngineOnly] = set()
    for engine, mine in ids.items():
        others = set().union(*(v for e, v in ids.items() if e != engine))
        for sid in sorted(mine):
            note = next((n for n in notes if re.fullmatch(n.pattern, sid.text)), None)
            if note is not None:
                used.add(note)
            alone = sid not in others
            if alone and (note is None or note.engine != engine):
                mismatches.append(Mismatch(engine, sid, "only this engine is sent it, and "
                                           "graph/dialect.py ENGINE_ONLY has no note saying so"))
            elif not alone and note is not None:
                mismatches.append(Mismatch(engine, sid, f"both engines are sent it, yet the "
                                           f"note {note.pattern!r} says {note.engine} only"))
    for note in notes:
        if note not in used:
            mismatches.append(Mismatch(note.engine, StatementId(note.pattern, ()),
                                       "this ENGINE_ONLY note matches no statement sent"))
    return mismatches


# --- Neo4j's front end over what the Neo4j store sends --------------------------------


@dataclass(frozen=True)
class Finding:
    text: str
    params: tuple[str, ...]
    steps: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]

    def __str__(self) -> str:
        where = ", ".join(self.steps[:3]) + (" ..." if len(self.steps) > 3 else "")
        said = "\n".join(f"    {d}" for d in self.diagnostics)
        return f"sent by {where}\n  params {list(self.params)}\n  {self.text}\n{said}"


@dataclass(frozen=True)
class LintReport:
    run: LintRun
    sent: int
    distinct: int
    failures: list[Finding]
    property_notes: list[Finding]


def lint_sent(sent: list[Sent]) -> LintReport:
    """Lint every distinct (text, parameters) the Neo4j store sent.  The vocabulary's
    properties are the writer's own and the keys of the maps it sent (what it writes)."""
    distinct: dict[tuple[str, tuple[str, ...]], list[Sent]] = {}
    for s in sent:
        distinct.setdefault((s.text, s.params), []).append(s)
    ids = {f"#{i}": key for i, key in enumerate(distinct)}
    written = set().union(*(s.keys for s in sent)) if sent else set()
    run = lint(ids, neo4j_schema(written))
    failures: list[Finding] = []
    notes: list[Finding] = []
    for sid, (text, params) in ids.items():
        steps = tuple(dict.fromkeys(s.step for s in distinct[(text, params)]))
        diagnostics = run.diagnostics[sid]
        if bad := failing(diagnostics):
            failures.append(Finding(text, params, steps, tuple(bad)))
        if odd := [d for d in diagnostics if unknown_property(d)]:
            notes.append(Finding(text, params, steps, tuple(odd)))
    return LintReport(run, len(sent), len(distinct), failures, notes)
