"""Embedded stores holding bench/synth.py's scaled organisations (no tests here).

The rows go in by the benchmark's raw batched insert (the writer takes minutes at
1000x); a 1000x store is kept in test-artifacts/ between runs, rebuilt when the
generator changes.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from orggraph.graph.stores.falkordb_store import FalkorDBStore
from orggraph.graph.writer import setup_schema

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "test-artifacts"


def build(scale: int, data: Path, documents: int = 200) -> Path:
    """A store in ``data`` holding the organisation of ``scale`` units."""
    from bench import synth
    from bench.run import group, raw_insert

    graphs = synth.graphs(synth.generate(scale))
    if len(graphs) > documents:
        graphs = group(graphs, documents)
    with FalkorDBStore(data) as db:
        setup_schema(db)
        raw_insert(db, graphs)
    return data


def cached(scale: int) -> Path:
    """The data directory of a kept store of ``scale`` units, built on first use."""
    stamp = hashlib.sha256((ROOT / "bench" / "synth.py").read_bytes()).hexdigest()[:12]
    home = CACHE / f"viz-scale-{scale}-{stamp}"
    data = home / "data"
    if (home / "complete").exists():
        return data
    for old in CACHE.glob(f"viz-scale-{scale}-*"):  # an older generator's
        shutil.rmtree(old, ignore_errors=True)
    home.mkdir(parents=True)
    build(scale, data)
    (home / "complete").write_text("built by tests/support/viz_scaled.py\n", encoding="utf-8")
    return data
