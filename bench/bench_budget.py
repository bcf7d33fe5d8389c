"""The budget of the API under the requests of issue 13: each runaway request's status and
time, and how /health and a canned route answer meanwhile.

    python bench/bench_budget.py            # seeds loaded into a temporary embedded store

Prints a Markdown table: request, status, seconds, the slowest /health and
/products/Qserv/dependents answer while it ran (and any that failed), and the private
server's resident memory after it.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import psutil
import uvicorn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from orggraph.api.app import create_app  # noqa: E402
from orggraph.graph.service.load import load_paths  # noqa: E402
from orggraph.graph.settings import Settings  # noqa: E402
from orggraph.graph.stores.falkordb_store import FalkorDBStore  # noqa: E402

CASES: list[tuple[str, str]] = [
    ("UNWIND range(1,100000000) AS x RETURN count(x)", "range 1e8, count"),
    ("RETURN reduce(s='', x IN range(1,10000000) | s+'x')", "reduce over range 1e7"),
    ("UNWIND range(1,1000000) AS x RETURN x", "range 1e6, every row"),
    ("MATCH (a),(b),(c),(d) RETURN count(*)", "4-way cartesian MATCH"),
    ("MATCH p=()-[*1..10]-() RETURN count(p)", "paths of up to 10 hops"),
    ("UNWIND range(1,1000) AS x UNWIND range(1,1000) AS y RETURN count(*)", "nested 1e3 x 1e3"),
    ("RETURN size([x IN range(1,1000000) | toString(x)])", "comprehension over 1e6"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"),
]
WATCHED = ("/health", "/products/Qserv/dependents")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Watch:
    """Poll the watched routes every 0.2 s from a thread of their own."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.slowest = dict.fromkeys(WATCHED, 0.0)
        self.failed: dict[str, int] = dict.fromkeys(WATCHED, 0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Watch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=130)

    def _run(self) -> None:
        with httpx.Client(base_url=self.base, timeout=120) as client:
            while not self._stop.is_set():
                for path in WATCHED:
                    started = time.perf_counter()
                    try:
                        ok = client.get(path).status_code == 200
                    except httpx.HTTPError:
                        ok = False
                    self.slowest[path] = max(self.slowest[path], time.perf_counter() - started)
                    self.failed[path] += 0 if ok else 1
                time.sleep(0.2)


def _rss_mb(data: Path) -> float:
    """Resident memory of the redis-server(s) serving ``data`` (their working directory)."""
    total = 0
    for proc in psutil.process_iter(["name"]):
        try:
            if proc.info["name"] == "redis-server" and proc.cwd() == str(data.resolve()):
                total += proc.memory_info().rss
        except psutil.Error:
            continue
    return total / 2**20


def run() -> list[dict[str, Any]]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        with FalkorDBStore(data) as db:
            assert load_paths(db, [ROOT / "seeds"]).ok
        port = _free_port()
        app = create_app(Settings(data=data))
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                               log_level="error"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, timeout=300) as client:
                for query, label in CASES:
                    with Watch(base) as watch:
                        started = time.perf_counter()
                        answer = client.post("/cypher", json={"query": query})
                        seconds = time.perf_counter() - started
                    body = answer.json()
                    results.append({
                        "case": label, "status": answer.status_code, "seconds": seconds,
                        "rows": body.get("count"), "detail": str(body.get("detail", ""))[:90],
                        "health_s": watch.slowest["/health"],
                        "dependents_s": watch.slowest["/products/Qserv/dependents"],
                        "failed": sum(watch.failed.values()), "rss_mb": _rss_mb(data),
                    })
                # three runaway requests in a row, as in the issue
                with Watch(base) as watch:
                    started = time.perf_counter()
                    statuses = [client.post("/cypher", json={"query": CASES[0][0]}).status_code
                                for _ in range(3)]
                    seconds = time.perf_counter() - started
                results.append({
                    "case": "range 1e8 three times in a row", "status": statuses,
                    "seconds": seconds, "rows": None, "detail": "",
                    "health_s": watch.slowest["/health"],
                    "dependents_s": watch.slowest["/products/Qserv/dependents"],
                    "failed": sum(watch.failed.values()), "rss_mb": _rss_mb(data),
                })
                big = client.post("/cypher", content=b"{" + b" " * (200 * 2**20) + b"}",
                                  headers={"content-type": "application/json"})
                results.append({"case": "200 MB body", "status": big.status_code,
                                "seconds": 0.0, "rows": None,
                                "detail": big.json()["detail"][:90], "health_s": 0.0,
                                "dependents_s": 0.0, "failed": 0, "rss_mb": _rss_mb(data)})
        finally:
            server.should_exit = True
            thread.join(timeout=30)
    return results


def main() -> None:
    print("| request | status | s | rows | slowest /health (s) | slowest dependents (s) "
          "| failed polls | server RSS (MB) | detail |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in run():
        print(f"| {r['case']} | {r['status']} | {r['seconds']:.2f} | {r['rows'] or ''} "
              f"| {r['health_s']:.2f} | {r['dependents_s']:.2f} | {r['failed']} "
              f"| {r['rss_mb']:.0f} | {r['detail']} |")


if __name__ == "__main__":
    main()
