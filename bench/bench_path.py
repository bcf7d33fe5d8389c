"""Benchmark: shortest path person -> product, the service's walk against the engine's.

    .venv/bin/python bench/bench_path.py [--scale 1000] [--pairs 100] [--seed 7]

Generates the organisation of ``bench/synth.py`` at ``--scale``, writes it through
the real writer (merged into at most 200 documents, as ``bench/run.py`` does), then
times for the same random (person, product) pairs: the service's bidirectional
breadth-first walk (``graph.service.walk.shortest_path``, one-hop queries from both
ends, frontier capped), the canned ``shortest_path`` query (the engine's own
shortest path), and networkx in memory.  Prints p50/p95/max and checks that the
walk's paths are as short as networkx's.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402
from orggraph.cypher import default_registry  # noqa: E402
from orggraph.graph.service.paths import label_degrees, path  # noqa: E402
from orggraph.graph.service.walk import FRONTIER_CAP, shortest_path  # noqa: E402
from orggraph.graph.stores.base import StoreError  # noqa: E402
from orggraph.graph.stores.falkordb_store import FalkorDBStore  # noqa: E402

from bench import synth  # noqa: E402
from bench.run import group, in_memory, load  # noqa: E402


def timed(calls: list[Callable[[], Any]]) -> tuple[list[float], list[Any]]:
    times, answers = [], []
    for call in calls:
        started = time.perf_counter()
        answers.append(call())
        times.append((time.perf_counter() - started) * 1000)
    return times, answers


def figures(name: str, ms: list[float]) -> str:
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"{name:<34} p50 {statistics.median(ordered):8.2f} ms   p95 {p95:8.2f} ms   "
            f"max {ordered[-1]:8.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1000)
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-engine", action="store_true",
                        help="leave out the canned shortest_path query (slow at 1000x)")
    parser.add_argument("--cap", type=int, default=FRONTIER_CAP,
                        help="the walk's frontier cap (nodes)")
    parser.add_argument("--data", type=Path, default=None,
                        help="keep the loaded store in this directory and reuse it next time")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    graphs = group(synth.graphs(synth.generate(args.scale, args.seed)), 200)
    g, _ = in_memory(graphs)
    undirected = nx.Graph(g)
    people = sorted(n for n, d in g.nodes(data=True) if d.get("label") == "Person")
    products = sorted(n for n, d in g.nodes(data=True) if d.get("label") == "Product")
    pairs = [(rng.choice(people), rng.choice(products)) for _ in range(args.pairs)]
    with tempfile.TemporaryDirectory() as tmp, \
            FalkorDBStore(args.data or Path(tmp) / "data") as store:
        if store.read("MATCH (n:Person) RETURN count(n) AS n")[0]["n"]:
            seconds = 0.0  # loaded by an earlier run into --data
        else:
            seconds, _ = load(store, graphs)
        print(f"scale {args.scale}: {g.number_of_nodes():,} nodes, {g.number_of_edges():,} "
              f"edges, loaded in {seconds:.1f} s; {len(pairs)} pairs person -> product; "
              f"frontier cap {args.cap}")
        degrees = label_degrees(store)
        walk_ms, found = timed([
            lambda a=a, b=b: shortest_path(store, a, b, 6, cap=args.cap, degrees=degrees,
                                           source_label="Person", target_label="Product")
            for a, b in pairs
        ])
        path(store, *pairs[0], 6)  # warm: the first answer builds the resolver's name index
        service_ms, _ = timed([lambda a=a, b=b: path(store, a, b, 6) for a, b in pairs])
        nx_ms, expected = timed([lambda a=a, b=b: _nx_len(undirected, a, b) for a, b in pairs])
        print(figures("service walk (bidirectional BFS)", walk_ms))
        print("  labels' average degrees:",
              {k: round(v, 1) for k, v in sorted(degrees.items())})
        print(figures("service path answer (walk + resolve)", service_ms))
        if not args.skip_engine:
            registry = default_registry()
            failed: list[str] = []

            def engine(a: str, b: str) -> Any:
                try:
                    return registry.run(store, "shortest_path", from_id=a, to_id=b, max=6)
                except StoreError as exc:  # a timeout is a finding, not a crash
                    failed.append(type(exc).__name__)
                    return None

            engine_ms, _ = timed([lambda a=a, b=b: engine(a, b) for a, b in pairs[:20]])
            print(figures("canned shortest_path (engine), 20", engine_ms)
                  + (f"   {len(failed)} failed ({', '.join(sorted(set(failed)))})"
                     if failed else ""))
        print(figures("networkx in memory", nx_ms))
        lengths = [len(p.hops) if p and p.hops else None for p in found]
        stopped = sum(1 for p in found if p and p.stopped)
        agree = sum(1 for got, want in zip(lengths, expected, strict=True) if got == want)
        print(f"path lengths equal to networkx's: {agree} of {len(pairs)}; "
              f"found {sum(1 for x in lengths if x is not None)} (networkx "
              f"{sum(1 for x in expected if x is not None)}); frontier cap hit {stopped}; "
              f"hubs passed over in {sum(1 for p in found if p and p.passed_over)}")


def _nx_len(g: nx.Graph, a: str, b: str) -> int | None:
    try:
        n = nx.shortest_path_length(g, a, b)
    except nx.NetworkXNoPath:
        return None
    return n if n <= 6 else None


if __name__ == "__main__":
    main()
