"""A mixed load on the API over loopback, with and without hostile ``/cypher`` callers.

    python bench/bench_mixed.py --scale 10            # synthetic organisation, 10x
    python bench/bench_mixed.py --seeds               # the seed documents

Two bounded runs against one uvicorn process serving the embedded store:

* **calm**: 14 keep-alive clients ask what users ask (product owners, dependents,
  search, a path from a person to a product, a dependency view and a neighbourhood
  view), each client its own rotation of the same plan;
* **hostile**: the same 14 clients, plus 2 clients that send nothing but runaway
  statements to ``POST /cypher`` (a 4-way cartesian MATCH, a range of 10^8, a reduce
  over 10^7, a million rows, a path explosion only the engine's time limit stops), 16
  clients in all.

It reports, per run, requests, req/s, p50/p99 of the users' requests, every status
seen (by kind), and the ratio of the users' p99 with the hostile clients to without
(target: under 2x), and zero 5xx.  ``bench/run.py`` runs the same at each scale.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

USERS = 14
HOSTILE_CLIENTS = 2
#: runaway statements: each is refused, cut or timed out by the API's budget
HOSTILE = [
    "MATCH (a),(b),(c),(d) RETURN count(*)",
    "UNWIND range(1,100000000) AS x RETURN count(x)",
    "RETURN reduce(s='', x IN range(1,10000000) | s+'x')",
    "UNWIND range(1,1000000) AS x RETURN x",
    "MATCH p=()-[*1..10]-() RETURN count(p)",
]
SAMPLE = (
    "MATCH (p:Product) WITH p ORDER BY p.id LIMIT 40 RETURN 'product' AS kind, p.id AS id, "
    "p.name AS name UNION ALL MATCH (h:Person) WITH h ORDER BY h.id LIMIT 40 "
    "RETURN 'person' AS kind, h.id AS id, h.name AS name"
)


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def plan(base: str) -> list[tuple[str, str]]:
    """The users' requests: (kind, path), over products and people sampled from the store."""
    import httpx

    rows = httpx.post(f"{base}/cypher", json={"query": SAMPLE}, timeout=60).json()["rows"]
    products = [r for r in rows if r["kind"] == "product"]
    people = [r for r in rows if r["kind"] == "person"]
    if not products or not people:
        raise SystemExit("the store holds no products or people: load documents first")
    out: list[tuple[str, str]] = []
    for i, product in enumerate(products):
        person = people[i % len(people)]
        pid, hid = quote(product["id"], safe=":"), quote(person["id"], safe=":")
        out += [
            ("owners", f"/products/{pid}/owners"),
            ("dependents", f"/products/{pid}/dependents?depth=6"),
            ("search", "/search?" + urlencode({"q": (product["name"] or product["id"])[:4]})),
            ("owners", f"/products/{pid}/owners"),
            ("path", "/path?" + urlencode({"from": person["id"], "to": product["id"]})),
            ("dependents", f"/products/{pid}/dependents?depth=6"),
            ("view", f"/viz/dependencies/{pid}"),
            ("search", "/search?" + urlencode({"q": (person["name"] or person["id"])[:4]})),
            ("view", f"/viz/neighbourhood/{hid}?depth=1"),
        ]
    return out


class Run:
    """One bounded run: users' requests and, optionally, hostile clients."""

    def __init__(self, base: str, requests: list[tuple[str, str]], seconds: float) -> None:
        self.base, self.requests, self.seconds = base, requests, seconds
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.status: dict[str, Counter[int]] = defaultdict(Counter)
        self.failures: Counter[str] = Counter()
        self._lock = threading.Lock()

    def _record(self, kind: str, status: int | None, seconds: float) -> None:
        with self._lock:
            if status is None:
                self.failures[kind] += 1
            else:
                self.status[kind][status] += 1
                self.latency[kind].append(seconds)

    def _user(self, n: int, stop_at: float) -> None:
        import httpx

        with httpx.Client(base_url=self.base, timeout=60) as client:
            i = n * 7
            while time.monotonic() < stop_at:
                kind, path = self.requests[i % len(self.requests)]
                i += 1
                started = time.perf_counter()
                try:
                    status: int | None = client.get(path).status_code
                except httpx.HTTPError:
                    status = None
                self._record(kind, status, time.perf_counter() - started)

    def _hostile(self, n: int, stop_at: float) -> None:
        import httpx

        with httpx.Client(base_url=self.base, timeout=120) as client:
            i = n
            while time.monotonic() < stop_at:
                query = HOSTILE[i % len(HOSTILE)]
                i += 1
                started = time.perf_counter()
                try:
                    status: int | None = client.post("/cypher", json={"query": query}).status_code
                except httpx.HTTPError:
                    status = None
                self._record("hostile", status, time.perf_counter() - started)

    def run(self, hostile: int) -> dict[str, Any]:
        stop_at = time.monotonic() + self.seconds
        threads = [threading.Thread(target=self._user, args=(n, stop_at)) for n in range(USERS)]
        threads += [threading.Thread(target=self._hostile, args=(n, stop_at))
                    for n in range(hostile)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        users = [x for kind, xs in self.latency.items() if kind != "hostile" for x in xs]
        return {
            "clients": USERS + hostile,
            "seconds": wall,
            "requests": len(users),
            "rps": len(users) / wall if wall else 0.0,
            "p50": _pct(users, 0.50),
            "p99": _pct(users, 0.99),
            "by_kind": {k: {"n": len(v), "p50": _pct(v, 0.5), "p99": _pct(v, 0.99)}
                        for k, v in sorted(self.latency.items())},
            "status": {k: dict(sorted(v.items())) for k, v in sorted(self.status.items())},
            "transport_failures": dict(self.failures),
            "server_errors": sum(n for c in self.status.values() for s, n in c.items()
                                 if s >= 500),
        }


def mixed(base: str, seconds: float) -> dict[str, Any]:
    """The calm run, then the hostile one, on the same plan; the p99 ratio between them."""
    requests = plan(base)
    Run(base, requests, min(5.0, seconds / 4)).run(hostile=0)  # warm-up: caches, pools
    calm = Run(base, requests, seconds).run(hostile=0)
    hostile = Run(base, requests, seconds).run(hostile=HOSTILE_CLIENTS)
    return {"calm": calm, "hostile": hostile,
            "p99_ratio": hostile["p99"] / calm["p99"] if calm["p99"] else float("nan")}


def table(result: dict[str, Any]) -> list[str]:
    """The two runs as a Markdown table."""
    lines = ["| run | clients | user requests | req/s | p50 ms | p99 ms | statuses | 5xx |",
             "|---|---|---|---|---|---|---|---|"]
    for name in ("calm", "hostile"):
        r = result[name]
        statuses = "; ".join(f"{k} {v}" for k, v in r["status"].items())
        lines.append(f"| {name} | {r['clients']} | {r['requests']:,} | {r['rps']:,.0f} "
                     f"| {r['p50'] * 1000:.1f} | {r['p99'] * 1000:.1f} | {statuses} "
                     f"| {r['server_errors']} |")
    lines.append(f"\nUsers' p99 with the hostile clients / without: "
                 f"**{result['p99_ratio']:.2f}x** (target < 2x).")
    return lines


def _load(data: Path, scale: int | None) -> str:
    from orggraph.graph.service.load import load_paths
    from orggraph.graph.stores.falkordb_store import FalkorDBStore

    if scale is None:
        sources, what = [ROOT / "seeds"], "the seeds"
    else:
        from bench import synth

        sources = synth.write(synth.generate(scale), data.parent / "docs")
        what = f"a synthetic organisation at {scale}x ({len(sources)} documents)"
    with FalkorDBStore(data) as db:
        report = load_paths(db, sources)
        if not report.ok:
            raise SystemExit(f"loading {what} failed")
    return what


def main() -> None:
    from bench.run import serve, stop

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--scale", type=int, default=10, help="synthetic organisation's scale")
    which.add_argument("--seeds", action="store_true", help="load the seed documents instead")
    parser.add_argument("--seconds", type=float, default=20, help="length of each run")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="orggraph-mixed-") as tmp:
        data = Path(tmp) / "data"
        what = _load(data, None if args.seeds else args.scale)
        proc, base = serve("api", data)
        try:
            result = mixed(base, args.seconds)
        finally:
            stop(proc)
    print(f"Mixed load on {what}, {args.seconds:.0f} s per run, loopback:\n")
    print("\n".join(table(result)))
    for name in ("calm", "hostile"):
        kinds = ", ".join(
            f"{k} {v['n']} at p50 {v['p50'] * 1000:.1f} / p99 {v['p99'] * 1000:.1f} ms"
            for k, v in result[name]["by_kind"].items()
        )
        print(f"\n{name}: {kinds}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
