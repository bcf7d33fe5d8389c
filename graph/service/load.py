"""document -> records with evidence -> resolved entities -> store, for one run of `load`."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orggraph.cypher import default_registry
from orggraph.graph.model import Node
from orggraph.graph.stores.base import Store, StoreError, StoreUnavailable
from orggraph.graph.writer import WriteSummary, setup_schema, write_document
from orggraph.loaders.decisions import Decisions
from orggraph.loaders.discover import NoDocuments, find_documents

from orggraph import loaders

Progress = Callable[[str, str], None]  # (document, what happened)


class InputError(Exception):
    """The user named something that cannot be loaded (missing path, empty directory)."""


@dataclass
class LoadRun:
    """What one `load` did: written documents, failed ones, and the loaders' report."""

    written: list[WriteSummary] = field(default_factory=list)
    failures: list[loaders.DocumentFailure] = field(default_factory=list)
    report: Any = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict[str, Any]:
        return {
            "written": [vars(w) for w in self.written],
            "failures": [vars(f) for f in self.failures],
            "report": self.report.to_dict() if self.report is not None else None,
            "seconds": round(self.seconds, 3),
        }


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """The documents the paths name: files, LaTeX folders, and the documents in folders."""
    try:
        return find_documents(paths)
    except NoDocuments as exc:
        raise InputError(str(exc)) from None


def known_nodes(store: Store) -> list[Node]:
    """What the store already holds, for resolving names in new documents against it."""
    return [
        Node(
            label=r["label"],
            id=r["id"],
            name=r["name"] or r["id"],
            aliases=list(r["aliases"] or []),
        )
        for r in default_registry().run(store, "known_entities")
    ]


def load_paths(
    store: Store,
    paths: Sequence[Path],
    progress: Progress | None = None,
    decisions: Decisions | None = None,
) -> LoadRun:
    """Parse and resolve the documents (obeying a person's merge ``decisions``), then write
    each one as its own atomic unit; one writer at a time per store."""
    started = time.perf_counter()
    files = expand_paths(paths)
    with store.writer():
        run = _load(store, files, progress, decisions)
    run.seconds = time.perf_counter() - started
    return run


def _load(
    store: Store, files: list[Path], progress: Progress | None, decisions: Decisions | None
) -> LoadRun:
    setup_schema(store)
    extraction = loaders.extract(files, known_nodes(store), decisions)
    run = LoadRun(failures=list(extraction.failures), report=extraction.report)
    for failure in extraction.failures:
        if progress:
            progress(Path(failure.path).name, "failed")
    for graph in extraction.graphs:
        try:
            run.written.append(write_document(store, graph))
            if progress:
                progress(graph.document, "written")
        except StoreUnavailable:
            raise
        except (StoreError, ValueError) as exc:
            run.failures.append(
                loaders.DocumentFailure(graph.document, None, f"not written: {exc}")
            )
            if progress:
                progress(graph.document, "failed")
    return run
