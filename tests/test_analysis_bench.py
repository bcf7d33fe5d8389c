"""The benchmark's synthetic organisation: valid, deterministic, and impact stays in budget."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path
from types import ModuleType

from orggraph.graph.analysis import person_impact
from orggraph.graph.analysis.models import Severity
from orggraph.graph.stores.falkordb_store import FalkorDBStore
from orggraph.graph.writer import setup_schema, write_document

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_impact.py"


def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_impact", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_org_is_valid_and_deterministic() -> None:
    module = bench()
    graph, notable = module.synthetic_org(400, 3)
    again, _ = module.synthetic_org(400, 3)
    other, _ = module.synthetic_org(400, 4)
    assert graph.validate() == []
    assert [e.key for e in graph.edges] == [e.key for e in again.edges]
    assert [e.key for e in graph.edges] != [e.key for e in other.edges]
    assert sum(n.label == "Person" for n in graph.nodes) == 400
    assert set(notable) >= {"manager of the most depended-on product", "a department head"}


def test_impact_on_the_synthetic_org(embedded: FalkorDBStore) -> None:
    graph, notable = bench().synthetic_org(1500, 7)
    setup_schema(embedded)
    write_document(embedded, graph)
    core = notable["manager of the most depended-on product"]
    person_impact(embedded, [core])  # warm-up
    started = time.perf_counter()
    report = person_impact(embedded, [core])
    elapsed = time.perf_counter() - started
    product = next(p for p in report.products if p.product.id == "product:prod-0")
    assert len(product.dependents) > 50 and product.severity == Severity.critical
    assert len({d.id for d in product.dependents}) == len(product.dependents)
    assert elapsed < 0.5, f"{elapsed * 1000:.0f} ms"
