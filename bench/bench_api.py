"""Benchmark the hot API routes over loopback: uvicorn serving the seeded embedded store.

    .venv/bin/python bench/bench_api.py [--duration 10] [--connections 1,16] [--no-answer-cache]

Loads the seed documents into a temporary store, starts ``uvicorn`` on 127.0.0.1
(a free port), and drives each route with ``wrk`` (Debian package ``wrk``) for a
bounded time; without wrk, a small asyncio + httpx generator sends a bounded number of
requests instead.  Prints a Markdown table and, with ``--out``, writes it to a file.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
ROUTES = {
    "owners": "/products/Butler/owners",
    "owners (by id)": "/products/product:qserv/owners",
    "dependents": "/products/Qserv/dependents",
}
TARGETS = {"owners": (1000.0, None, 50.0), "owners (by id)": (1000.0, None, 50.0),
           "dependents": (None, 10.0, None)}  # (min req/s, max p50 ms, max p99 ms)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_seeds(data: Path) -> None:
    from orggraph.graph.service.load import load_paths
    from orggraph.graph.stores.falkordb_store import FalkorDBStore

    with FalkorDBStore(data) as db:
        run = load_paths(db, [ROOT / "seeds"])
    if not run.ok:
        raise SystemExit(f"loading the seeds failed: {run.failures}")


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("uvicorn exited before it answered")
        try:
            if httpx.get(base + "/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("uvicorn did not answer in time")


_UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(value) * _UNIT[unit]


def run_wrk(url: str, duration: int, connections: int) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t", "1", "-c", str(connections), "-d", f"{duration}s", "--latency",
         "--timeout", "5s", url],
        check=True, capture_output=True, text=True,
    ).stdout
    latency = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)$", out, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)$", out, re.MULTILINE)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "requests": float(re.search(r"(\d+) requests in", out).group(1)),  # type: ignore[union-attr]
        "p50": _ms(latency["50"]), "p90": _ms(latency["90"]), "p99": _ms(latency["99"]),
        "errors": float(errors.group(1)) if errors else 0.0,
        "socket_errors": 1.0 if socket_errors else 0.0,
    }


async def _httpx_load(url: str, total: int, connections: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(limits=limits, timeout=5) as client:
        queue: asyncio.Queue[int] = asyncio.Queue()
        for i in range(total):
            queue.put_nowait(i)

        async def worker() -> None:
            nonlocal errors
            while not queue.empty():
                queue.get_nowait()
                started = time.perf_counter()
                response = await client.get(url)
                latencies.append((time.perf_counter() - started) * 1000)
                errors += response.status_code != 200

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - started
    q = statistics.quantiles(latencies, n=100)
    return {"rps": total / elapsed, "requests": float(total), "p50": q[49], "p90": q[89],
            "p99": q[98], "errors": float(errors), "socket_errors": 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per route (wrk)")
    parser.add_argument("--requests", type=int, default=5000, help="requests per route (httpx)")
    parser.add_argument("--connections", default="1,16",
                        help="comma-separated concurrent connections, one run each")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--no-answer-cache", action="store_true",
                        help="serve every request from the store (ORGGRAPH_API_ANSWER_CACHE=0)")
    parser.add_argument("--out", type=Path, help="write the Markdown results here")
    args = parser.parse_args()

    tool = "wrk" if shutil.which("wrk") else "httpx"
    with tempfile.TemporaryDirectory(prefix="orggraph-bench-") as tmp:
        data = Path(tmp) / "data"
        load_seeds(data)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "ORGGRAPH_DATA": str(data), "ORGGRAPH_STORE": "falkordb"}
        if args.no_answer_cache:
            env["ORGGRAPH_API_ANSWER_CACHE"] = "0"
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "orggraph.api.app:create_app",
             "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers),
             "--log-level", "warning", "--no-access-log"],
            cwd=ROOT, env=env,
        )
        try:
            wait_ready(base, server)
            results: dict[tuple[str, int], dict[str, float]] = {}
            for name, path in ROUTES.items():
                url = base + path
                for _ in range(200):  # warm up: caches, connections
                    httpx.get(url, timeout=5).raise_for_status()
                for conns in (int(c) for c in args.connections.split(",")):
                    if tool == "wrk":
                        results[name, conns] = run_wrk(url, args.duration, conns)
                    else:
                        results[name, conns] = asyncio.run(_httpx_load(url, args.requests, conns))
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    table = report(results, tool, args)
    print(table)
    if args.out:
        args.out.write_text(table, encoding="utf-8")


def report(
    results: dict[tuple[str, int], dict[str, float]], tool: str, args: argparse.Namespace
) -> str:
    lines = [
        "| route | path | connections | req/s | p50 ms | p90 ms | p99 ms | requests | non-2xx "
        "| target | met |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for (name, conns), r in results.items():
        min_rps, max_p50, max_p99 = TARGETS[name]
        goals, met = [], True
        if min_rps:
            goals.append(f">= {min_rps:.0f} req/s")
            met &= r["rps"] >= min_rps
        if max_p50:
            goals.append(f"p50 < {max_p50:.0f} ms")
            met &= r["p50"] < max_p50
        if max_p99:
            goals.append(f"p99 < {max_p99:.0f} ms")
            met &= r["p99"] < max_p99
        met &= r["errors"] == 0
        lines.append(
            f"| {name} | `{ROUTES[name]}` | {conns} | {r['rps']:.0f} | {r['p50']:.2f} | "
            f"{r['p90']:.2f} | "
            f"{r['p99']:.2f} | {r['requests']:.0f} | {r['errors']:.0f} | {', '.join(goals)} | "
            f"{'yes' if met else 'NO'} |"
        )
    load = os.getloadavg()
    lines += [
        "",
        f"Load generator: {tool}"
        + (f", {args.duration} s per run" if tool == "wrk" else f", {args.requests} requests")
        + f"; uvicorn workers: {args.workers}; answer cache "
        + ("off" if args.no_answer_cache else "on")
        + f"; loopback 127.0.0.1; {os.cpu_count()} cores (shared); load average at the end"
        f" {load[0]:.2f}.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
