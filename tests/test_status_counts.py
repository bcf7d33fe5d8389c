"""The store's counts (``/health``, ``orggraph status``) against a count of every element.

FalkorDB answers the counts per relationship type from its own statistics: they must
stay the true counts after a document's relationships are deleted.
"""

from __future__ import annotations

from pathlib import Path

from orggraph.graph.service.load import load_paths
from orggraph.graph.service.status import graph_counts
from orggraph.graph.stores.falkordb_store import FalkorDBStore
from orggraph.graph.writer import remove_document

from tests.conftest import SEEDS


def _counted(db: FalkorDBStore) -> tuple[dict[str, int], dict[str, int]]:
    labels = {r["label"]: r["n"] for r in db.read(
        "MATCH (n) RETURN labels(n)[0] AS label, count(n) AS n", {})}
    types = {r["type"]: r["n"] for r in db.read(
        "MATCH ()-[e]->() RETURN type(e) AS type, count(e) AS n", {})}
    return labels, types


def test_counts_are_the_elements_the_store_holds_after_loads_and_removals(
    tmp_path: Path,
) -> None:
    with FalkorDBStore(tmp_path / "data") as db:
        assert load_paths(db, [SEEDS]).ok
        counts = graph_counts(db)
        labels, types = _counted(db)
        assert (counts.labels, counts.types) == (labels, types)
        assert counts.relationships > 300
        first = sorted(p.name for p in SEEDS.iterdir() if p.is_file())[0]
        remove_document(db, first)
        after = graph_counts(db)
        labels, types = _counted(db)
        assert (after.labels, after.types) == (labels, types)
        assert after.relationships < counts.relationships
        assert all(n > 0 for n in after.types.values())
