"""Benchmark: impact of one person on a synthetic organisation (default 20,000 people).

    .venv/bin/python bench/bench_impact.py [--people 20000] [--samples 200] [--seed 7]

Builds a DocumentGraph programmatically (deterministic for a seed), writes it to a
temporary embedded store, times :func:`graph.analysis.person_impact` for a sample of
people (always including the manager of the most depended-on product and the lead of
the largest team), prints p50/p95/max and writes ``bench/results/impact.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from orggraph.graph.analysis import person_impact  # noqa: E402
from orggraph.graph.model import DocumentGraph, Edge, Evidence, Node  # noqa: E402
from orggraph.graph.stores.falkordb_store import FalkorDBStore  # noqa: E402
from orggraph.graph.writer import document_statements, setup_schema  # noqa: E402

DOC = "synthetic-plan.txt"
BUDGET_MS = 500.0


class Builder:
    """Nodes and edges of one synthetic document, each with a line of evidence."""

    def __init__(self) -> None:
        self.graph = DocumentGraph(document=DOC, handle="SYN-1", title="Synthetic plan")
        self.line = 0

    def _ev(self, quote: str) -> list[Evidence]:
        self.line += 1
        return [Evidence(DOC, self.line, quote)]

    def node(self, label: str, nid: str, name: str, **props: object) -> str:
        self.graph.nodes.append(Node(label, nid, name, [], dict(props), self._ev(name)))  # type: ignore[arg-type]
        return nid

    def edge(self, type_: str, source: str, target: str, **props: object) -> None:
        self.graph.edges.append(Edge(type_, source, target, dict(props), self._ev(type_)))  # type: ignore[arg-type]


def synthetic_org(people: int, seed: int) -> tuple[DocumentGraph, dict[str, str]]:
    """An organisation of ``people`` people; also returns notable ids to time."""
    rng = random.Random(seed)
    b = Builder()
    n_teams = max(people // 10, 2)
    n_departments = max(n_teams // 20, 1)
    n_products = max(people // 7, 10)
    departments = [
        b.node("Team", f"team:dept-{d}", f"Department {d}") for d in range(n_departments)
    ]
    heads = []
    for d, dept in enumerate(departments):
        head = b.node("Role", f"role:dept-head-{d}", f"Head of Department {d}", wbs=[f"{d + 1}.0"])
        b.edge("MEMBER_OF", head, dept)
        heads.append(head)
    teams, leads = [], []
    for t in range(n_teams):
        d = t % n_departments
        team = b.node("Team", f"team:team-{t}", f"Team {t}")
        b.edge("PART_OF", team, departments[d])
        lead = b.node("Role", f"role:team-{t}-lead", f"Team {t} Lead", wbs=[f"{d + 1}.{t}a"])
        b.edge("MEMBER_OF", lead, team)
        b.edge("REPORTS_TO", lead, heads[d])
        teams.append(team)
        leads.append(lead)
    roles: list[tuple[str, int]] = []
    for t in range(n_teams):
        for r in range(rng.randint(4, 10)):
            role = b.node("Role", f"role:team-{t}-r{r}", f"Team {t} Engineer {r}",
                          wbs=[f"{t % n_departments + 1}.{t}b.{r}"])
            b.edge("MEMBER_OF", role, teams[t])
            b.edge("REPORTS_TO", role, leads[t])
            roles.append((role, t))
    person_ids = [b.node("Person", f"person:p{i}", f"Person {i}") for i in range(people)]
    for d, head in enumerate(heads):
        b.edge("HOLDS", person_ids[d], head, fte=1.0)
    for t, lead in enumerate(leads):
        pid = person_ids[(n_departments + t) % people]
        b.edge("HOLDS", pid, lead, fte=0.5)
        b.edge("LEADS", pid, teams[t], confidence="inferred", reason="holds the lead role")
    for i, pid in enumerate(person_ids):
        for _ in range(1 if i % 5 else 2):  # one person in five holds two roles
            role, _team = roles[rng.randrange(len(roles))]
            b.edge("HOLDS", pid, role, fte=rng.choice([0.25, 0.5, 0.75, 1.0]))
    products = []
    for p in range(n_products):
        status = "TBD" if p % 9 == 8 else "named"
        products.append(b.node("Product", f"product:prod-{p}", f"Product {p}",
                               manager_status=status, in_product_table=True))
    for p, prod in enumerate(products):
        if p % 9 != 8:
            b.edge("MANAGES", person_ids[rng.randrange(people)], prod)
        if p % 3 == 0:
            b.edge("OWNS", person_ids[rng.randrange(people)], prod)
        if p:  # a DAG: each product needs up to three earlier ones, the first ones most
            for q in {int(p * rng.random() ** 2) for _ in range(rng.randint(0, 3))}:
                b.edge("DEPENDS_ON", prod, products[q])
    facilities = [b.node("Facility", f"facility:site-{f}", f"Site {f}") for f in range(20)]
    for p, prod in enumerate(products):
        b.edge("HOSTS", facilities[p % len(facilities)], prod)
    for m in range(n_teams):
        ms = b.node("Milestone", f"milestone:m-{m}", f"Milestone {m}",
                    due=f"202{4 + m % 4}-{m % 12 + 1:02d}-28", level=2 + m % 2)
        b.edge("RESPONSIBLE_FOR", teams[rng.randrange(n_teams)], ms)
        b.edge("DEPENDS_ON", ms, products[rng.randrange(n_products)])
    manager_of_core = next(e.source for e in b.graph.edges
                           if e.type == "MANAGES" and e.target == products[0])
    return b.graph, {"manager of the most depended-on product": manager_of_core,
                     "a department head": person_ids[0], "a team lead": person_ids[n_departments]}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "impact.md")
    args = parser.parse_args()

    started = time.perf_counter()
    graph, notable = synthetic_org(args.people, args.seed)
    built = time.perf_counter() - started
    print(f"built {len(graph.nodes)} nodes, {len(graph.edges)} edges in {built:.1f} s")
    with tempfile.TemporaryDirectory() as tmp, FalkorDBStore(Path(tmp) / "data") as db:
        setup_schema(db)
        t0 = time.perf_counter()
        # statement by statement (batches of 5,000 rows), not one all-or-nothing unit:
        # a single 100k-row transaction can outlast the client's socket timeout on a busy host
        for cypher, params in document_statements(graph, 1):
            db.write(cypher, params)
        print(f"written in {time.perf_counter() - t0:.1f} s")
        rng = random.Random(args.seed)
        people = [n.id for n in graph.nodes if n.label == "Person"]
        sample = list(dict.fromkeys([*notable.values(), *rng.sample(people, args.samples)]))
        for pid in sample[:10]:  # warm-up: the engine caches query plans
            person_impact(db, [pid])
        times: dict[str, float] = {}
        findings: dict[str, int] = {}
        for pid in sample:
            t0 = time.perf_counter()
            report = person_impact(db, [pid])
            times[pid] = (time.perf_counter() - t0) * 1000
            findings[pid] = len(report.ranking)
        by_name = []
        for pid in sample[:20]:
            name = next(n.name for n in graph.nodes if n.id == pid)
            t0 = time.perf_counter()
            person_impact(db, [name])
            by_name.append((time.perf_counter() - t0) * 1000)
    ms = list(times.values())
    p50, p95, worst_ms = statistics.median(ms), percentile(ms, 0.95), max(ms)
    lines = [
        "# Impact analysis benchmark",
        "",
        f"Command: `.venv/bin/python bench/bench_impact.py --people {args.people} "
        f"--samples {args.samples} --seed {args.seed}`",
        "",
        f"Machine: {platform.platform()}, {os.cpu_count()} CPU(s) (shared), "
        f"Python {platform.python_version()}, embedded FalkorDB (falkordblite).",
        f"Load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}.",
        "",
        f"Synthetic organisation (seed {args.seed}): {args.people} people, "
        f"{len(graph.nodes)} nodes, {len(graph.edges)} relationships "
        f"(roles, teams, departments, products with a DEPENDS_ON DAG, facilities, milestones).",
        "",
        f"Impact of one person (by id), {len(ms)} people after a warm-up of 10:",
        "",
        "| p50 | p95 | max | budget |",
        "|---|---|---|---|",
        f"| {p50:.1f} ms | {p95:.1f} ms | {worst_ms:.1f} ms | {BUDGET_MS:.0f} ms |",
        "",
        "Notable people:",
        "",
        *[f"- {what} ({pid}): {times[pid]:.1f} ms, {findings[pid]} findings"
          for what, pid in notable.items()],
        "",
        f"By name instead of id (resolved through the service resolver's name index), "
        f"20 people: p50 {statistics.median(by_name):.1f} ms, max {max(by_name):.1f} ms.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    if worst_ms > BUDGET_MS:
        sys.exit(f"over budget: max {worst_ms:.1f} ms > {BUDGET_MS:.0f} ms")


if __name__ == "__main__":
    main()
