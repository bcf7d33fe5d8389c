"""Helpers shared by the loader tests (no tests here)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from orggraph.graph.model import DocumentGraph, Node
from orggraph.loaders import Extraction, extract

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "loaders"
RTN = SEEDS / "rtn-046-dm-operations-plan.txt"
DP0 = SEEDS / "dp0-definition-and-planning.txt"


@lru_cache(maxsize=1)
def seeds() -> Extraction:
    """Both seeds loaded together (cached: the loaders are pure functions of the files)."""
    return extract([RTN, DP0])


def graph(ex: Extraction, name: str) -> DocumentGraph:
    """The graph of the document called ``name``."""
    return next(g for g in ex.graphs if g.document == name)


def rtn() -> DocumentGraph:
    return graph(seeds(), RTN.name)


def dp0() -> DocumentGraph:
    return graph(seeds(), DP0.name)


def nodes(g: DocumentGraph, label: str) -> dict[str, Node]:
    """Nodes of ``label`` by name."""
    return {n.name: n for n in g.nodes if n.label == label}


def names(g: DocumentGraph, label: str) -> set[str]:
    return {n.name for n in g.nodes if n.label == label}


def edges(g: DocumentGraph, type_: str) -> set[tuple[str, str]]:
    """{(source name, target name)} of the edges of ``type_``."""
    by_id = {n.id: n.name for n in g.nodes}
    return {(by_id[e.source], by_id[e.target]) for e in g.edges if e.type == type_}


def all_edges(g: DocumentGraph) -> set[tuple[str, str, str]]:
    """{(type, source name, target name)} of every edge."""
    by_id = {n.id: n.name for n in g.nodes}
    return {(e.type, by_id[e.source], by_id[e.target]) for e in g.edges}


def edge(g: DocumentGraph, type_: str, source: str, target: str):  # type: ignore[no-untyped-def]
    """The one edge of ``type_`` between the named nodes."""
    by_name = {}
    for n in g.nodes:
        by_name.setdefault(n.name, n.id)
    src, tgt = by_name[source], by_name[target]
    return next(e for e in g.edges if e.type == type_ and e.source == src and e.target == tgt)


def person_id(ex: Extraction, alias: str) -> str:
    """Id of the Person node that carries ``alias`` in any graph."""
    for g in ex.graphs:
        for n in g.nodes:
            if n.label == "Person" and (alias in n.aliases or n.name == alias):
                return n.id
    raise KeyError(alias)
