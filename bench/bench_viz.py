"""How long a view of N nodes and M edges takes to build (vis records + the HTML page).

    .venv/bin/python bench/bench_viz.py                 # 5,000 nodes, 15,000 edges
    .venv/bin/python bench/bench_viz.py --compare 2000  # also pyvis's add_node/add_edge

The data is contract-shaped (graph/export.py) with evidence on every node and
edge, as the views read it from the store; the store query is not timed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from orggraph.graph.model import LABELS, REL_TYPES
from orggraph.graph.viz import ViewGraph, build_network, render


def synthetic(nodes: int, edges: int, seed: int = 6) -> ViewGraph:
    """``nodes`` nodes of every label and ``edges`` distinct edges, each with evidence."""
    rng = random.Random(seed)
    labels = [label for label in LABELS if label != "Document"]
    records: list[dict[str, Any]] = []
    for i in range(nodes):
        label = labels[i % len(labels)]
        name = f"{label} <{i}> & co"
        records.append({
            "id": f"{label.lower()}:n{i}", "labels": [label], "name": name,
            "aliases": [name, f"N{i}"], "properties": {"documents": ["plan.txt"], "fte": 0.5},
            "sources": [{"document": "plan.txt", "line": i + 1, "quote": f"{name} does things"}],
        })
    types = list(REL_TYPES)
    seen: set[tuple[int, int, str]] = set()
    links: list[dict[str, Any]] = []
    while len(links) < edges:
        a, b, kind = rng.randrange(nodes), rng.randrange(nodes), rng.choice(types)
        if a == b or (a, b, kind) in seen:
            continue
        seen.add((a, b, kind))
        links.append({
            "source": records[a]["id"], "target": records[b]["id"], "type": kind,
            "properties": {"documents": ["plan.txt"]},
            "sources": [{"document": "plan.txt", "line": a + 1, "quote": "a <b>link</b>"}],
        })
    return ViewGraph(kind="graph", title="bench", nodes=records, edges=links)


def time_it(fn: Any, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def pyvis_as_shipped(view: ViewGraph) -> None:
    """The same records through pyvis's own add_node/add_edge (quadratic)."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for node in view.nodes:
        net.add_node(node["id"], label=node["name"], title=node["name"])
    for edge in view.edges:
        net.add_edge(edge["source"], edge["target"], title=edge["type"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=15000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--compare", type=int, default=0,
                        help="also time pyvis's add_node/add_edge at this many nodes (x3 edges)")
    args = parser.parse_args()

    view = synthetic(args.nodes, args.edges)
    build = time_it(lambda: build_network(view), args.repeat)
    page: list[str] = []
    full = time_it(lambda: page.append(render(view)), args.repeat)
    print(f"{args.nodes} nodes, {args.edges} edges, best of {args.repeat} "
          f"(median in brackets):")
    print(f"  vis records (build_network): {min(build):.3f} s ({statistics.median(build):.3f})")
    print(f"  whole page (render):         {min(full):.3f} s ({statistics.median(full):.3f}),"
          f" {len(page[-1]) / 1e6:.1f} MB of HTML")
    if args.compare:
        small = synthetic(args.compare, 3 * args.compare)
        ours = min(time_it(lambda: build_network(small), 3))
        theirs = min(time_it(lambda: pyvis_as_shipped(small), 1))
        print(f"  at {args.compare} nodes, {3 * args.compare} edges: build_network {ours:.3f} s,"
              f" pyvis add_node/add_edge {theirs:.3f} s")


if __name__ == "__main__":
    main()
