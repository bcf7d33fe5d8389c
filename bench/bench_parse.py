"""Parse time of the two seed documents: median of N cold runs of loaders.extract().

Each run clears the loaders' memo caches first, so every run parses and resolves from
scratch.  Wall time depends on what else the machine runs; CPU time is printed too.
Usage: python bench/bench_parse.py [N]   (default N = 21)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from orggraph.loaders import extract  # noqa: E402
from orggraph.loaders.pipeline import clear_caches  # noqa: E402

SEEDS = [
    ROOT / "seeds" / "rtn-046-dm-operations-plan.txt",
    ROOT / "seeds" / "dp0-definition-and-planning.txt",
]


def main(runs: int = 21) -> None:
    extract(SEEDS)  # import-time work (regex compilation) out of the way
    times, cpu = [], []
    for _ in range(runs):
        clear_caches()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = extract(SEEDS)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    nodes = sum(len(g.nodes) for g in result.graphs)
    edges = sum(len(g.edges) for g in result.graphs)
    print(
        f"parse both seeds: median {statistics.median(times) * 1000:.1f} ms, "
        f"min {min(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms over {runs} runs; "
        f"CPU time median {statistics.median(cpu) * 1000:.1f} ms "
        f"({nodes} nodes, {edges} edges in {len(result.graphs)} graphs)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 21)
