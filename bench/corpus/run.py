"""Run the loaders on a corpus, one call per format (the documents of a format load
together, as ``orggraph load DIR`` loads them), and score every document."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .build import Corpus, Rendering
from .score import Result, score
from .truth import FORMATS


@dataclass
class FormatRun:
    format: str
    seconds: float = 0.0
    results: dict[str, Result] = field(default_factory=dict)  # slug -> result
    errors: dict[str, str] = field(default_factory=dict)  # slug -> the loader's message

    def total(self) -> Result:
        """All documents of the format pooled (counts added)."""
        out = Result()
        for r in self.results.values():
            for mine, theirs in ((out.nodes, r.nodes), (out.edges, r.edges)):
                mine.tp, mine.fp, mine.fn = (
                    mine.tp + theirs.tp,
                    mine.fp + theirs.fp,
                    mine.fn + theirs.fn,
                )
            for form, (found, planted) in r.by_form.items():
                slot = out.by_form.setdefault(form, [0, 0])
                slot[0] += found
                slot[1] += planted
        return out


def _graph_for(r: Rendering, graphs: dict[str, Any]) -> Any:
    for name in (r.path.name, r.path.stem, f"{r.path.name}/main.tex"):
        if name in graphs:
            return graphs[name]
    return None


def run_loaders(corpus: Corpus, formats: list[str] | None = None) -> dict[str, FormatRun]:
    """Load each format's documents with ``orggraph.loaders.extract`` and score them."""
    from orggraph.loaders import extract

    runs: dict[str, FormatRun] = {}
    present = {r.format for r in corpus.renderings}
    for fmt in formats or [f for f in FORMATS if f in present]:
        rend = corpus.of_format(fmt)
        if not rend:
            continue
        run = runs[fmt] = FormatRun(fmt)
        t0 = time.perf_counter()
        try:
            ex = extract([r.path for r in rend])
            graphs = {g.document: g for g in ex.graphs}
            failures = {Path(f.path).resolve(): f.message for f in ex.failures}
        except Exception as err:  # a loader crash scores the whole format 0, with its reason
            graphs, failures = {}, {r.path.resolve(): f"{type(err).__name__}: {err}" for r in rend}
        run.seconds = time.perf_counter() - t0
        for r in rend:
            g = _graph_for(r, graphs)
            if g is None:
                run.errors[r.slug] = failures.get(r.path.resolve(), "no graph for this document")
            run.results[r.slug] = score([g] if g is not None else [], r.truth)
    return runs
