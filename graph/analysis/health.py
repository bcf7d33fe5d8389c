"""Organisation health: rules over the graph, each a result query and a count query.

A rule ``x`` is the canned query ``health_x`` (what is flagged, with evidence) and
``health_x_total`` (how many were checked: the denominator, and for some rules how
many were not).  Rules whose check needs an algorithm (reporting cycles; transitive
dependents of single points of failure) finish the query's answer with networkx.

A rule checks only what the documents state: a role listed only in a role table that
names no holders is not called vacant, a team only such documents state is not called
leaderless, and FTE and role counts are added up per document (two plans of different
years are not one workload).  ``RuleResult.unchecked`` counts what was left out, and
``RuleResult.note`` says why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
from orggraph.cypher import default_registry
from orggraph.graph.analysis.models import (
    RANK,
    HealthEntity,
    HealthReport,
    RuleResult,
    Severity,
    evidence,
)
from orggraph.graph.stores.base import Row, Store

_ENTITY_KEYS = frozenset({"id", "label", "name", "detail", "sources"})
#: longest reporting cycle looked for
MAX_CYCLE = 12

Post = Callable[[Store, list[Row]], list[HealthEntity]]


@dataclass(frozen=True)
class Rule:
    """A health rule: its queries are ``health_<name>`` and ``health_<name>_total``."""

    name: str
    title: str
    severity: Severity
    params: tuple[str, ...] = ()
    post: Post | None = None
    #: why the entities counted in the total query's ``unchecked`` column were left out
    unchecked: str = ""

    @property
    def query(self) -> str:
        return f"health_{self.name}"

    @property
    def total_query(self) -> str:
        return f"health_{self.name}_total"


def _entities(rows: Iterable[Row]) -> list[HealthEntity]:
    return [
        HealthEntity(
            id=r["id"], label=r["label"], name=r["name"] or r["id"], detail=r.get("detail") or "",
            data={k: v for k, v in r.items() if k not in _ENTITY_KEYS},
            evidence=evidence(r.get("sources")),
        )
        for r in rows
    ]


def _cycles(_: Store, rows: list[Row]) -> list[HealthEntity]:
    """Reporting cycles among the REPORTS_TO edges (each cycle once)."""
    graph = nx.DiGraph()
    names: dict[str, str] = {}
    labels: dict[str, str] = {}
    for r in rows:
        names[r["source"]], names[r["target"]] = r["source_name"], r["target_name"]
        labels[r["source"]] = r["source_label"]
        graph.add_edge(r["source"], r["target"], sources=r["sources"])
    found: list[HealthEntity] = []
    for cycle in nx.simple_cycles(graph, length_bound=MAX_CYCLE):
        start = cycle.index(min(cycle))  # a stable rotation: the smallest id first
        cycle = cycle[start:] + cycle[:start]
        hops = list(zip(cycle, cycle[1:] + cycle[:1], strict=True))
        found.append(HealthEntity(
            id=cycle[0], label=labels.get(cycle[0], "Role"), name=names.get(cycle[0], cycle[0]),
            detail=" -> ".join(names.get(n, n) for n in [*cycle, cycle[0]]),
            data={"cycle": cycle},
            evidence=[e for a, b in hops for e in evidence(graph.edges[a, b]["sources"])],
        ))
    return sorted(found, key=lambda e: (len(e.data["cycle"]), e.id))


def _per_document(rows: list[Row]) -> list[HealthEntity]:
    """One entity per person from rows per (person, document): the document that says
    the most (highest FTE, then most roles), with that document's evidence only."""
    best: dict[str, Row] = {}
    for r in rows:
        key = (float(r.get("fte") or 0.0), len(r.get("roles") or []))
        held = best.get(r["id"])
        if held is None or key > (float(held.get("fte") or 0.0), len(held.get("roles") or [])):
            best[r["id"]] = r
    entities = _entities(best.values())
    for e in entities:
        doc = e.data["document"]
        e.evidence = [ev for ev in e.evidence if ev.document == doc]
        if "fte" in e.data:  # the engines print a rounded float each their own way
            e.data["fte"] = round(float(e.data["fte"]), 4)
            e.detail = f"{e.data['fte']:g} FTE over {len(e.data['roles'])} role(s) in {doc}"
    return entities


def _worst_document(_: Store, rows: list[Row]) -> list[HealthEntity]:
    return _per_document(rows)


def _with_dependents(store: Store, rows: list[Row]) -> list[HealthEntity]:
    """Add, for each single point of failure, what transitively depends on its products."""
    from orggraph.graph.analysis.impact import walk_dependents

    entities = _entities(rows)
    products = sorted({p for e in entities for p in e.data.get("products", [])})
    deps = walk_dependents(store, products) if products else {}
    for e in entities:
        reached = {d.id: d.name for p in e.data.get("products", []) for d in deps.get(p, [])}
        reached = {k: v for k, v in reached.items() if k not in e.data.get("products", [])}
        e.data["dependents"] = sorted(reached.values())
        if reached:
            e.detail += f"; {len(reached)} more depend on them"
    return sorted(entities, key=lambda e: -len(e.data["products"]) - len(e.data["dependents"]))


RULES: tuple[Rule, ...] = (
    Rule("product_no_manager", "Products with no manager", Severity.high),
    Rule("product_no_owner", "Products with a manager but no owner", Severity.low),
    Rule("vacant_roles", "Vacant roles", Severity.medium,
         unchecked="listed only where no holders are named (a role table without a staff "
         "column), or only named as the role another reports to"),
    Rule("role_no_description", "Roles with no description", Severity.low, ("placeholders",),
         unchecked="only named as the role another reports to, never listed"),
    Rule("overcommitted", "People over their FTE", Severity.medium, ("max_fte",),
         _worst_document),
    Rule("many_roles", "People with many roles", Severity.low, ("max_roles",),
         _worst_document),
    Rule(
        "single_points", "Single points of failure (bus factor 1)", Severity.high,
        ("min_products",), _with_dependents,
    ),
    Rule("team_no_lead", "Teams with no lead", Severity.medium,
         unchecked="stated only by documents that name no role holders and no leads"),
    Rule("reporting_cycles", "Reporting cycles", Severity.high, (), _cycles),
)
RULE_NAMES: tuple[str, ...] = tuple(r.name for r in RULES)


def run_rule(store: Store, rule: Rule, params: dict[str, Any]) -> RuleResult:
    """One rule's flagged entities and its denominator."""
    registry = default_registry()
    query = registry.get(rule.query)
    bound = {k: v for k, v in params.items() if k in rule.params and v is not None}
    rows = query.run(store, bound)
    entities = rule.post(store, rows) if rule.post else _entities(rows)
    total_rows = registry.run(store, rule.total_query)
    totals = total_rows[0] if total_rows else {}
    unchecked = int(totals.get("unchecked") or 0)
    note = f"{unchecked} not checked: {rule.unchecked}" if unchecked and rule.unchecked else ""
    return RuleResult(
        rule=rule.name, title=rule.title, description=query.description, severity=rule.severity,
        count=len(entities), total=int(totals.get("total") or 0), unchecked=unchecked,
        note=note, entities=entities,
    )


def org_health(
    store: Store,
    rules: Iterable[str] | None = None,
    *,
    max_fte: float | None = None,
    max_roles: int | None = None,
    min_products: int | None = None,
) -> HealthReport:
    """Run the rules (all by default); ValueError names an unknown rule."""
    wanted = list(rules) if rules else list(RULE_NAMES)
    unknown = [r for r in wanted if r not in RULE_NAMES]
    if unknown:
        raise ValueError(f"unknown rule {unknown[0]!r}: use one of {', '.join(RULE_NAMES)}")
    params = {"max_fte": max_fte, "max_roles": max_roles, "min_products": min_products}
    results = [run_rule(store, r, params) for r in RULES if r.name in wanted]
    results.sort(key=lambda r: (r.count == 0, RANK[r.severity]))
    used = {p.name: p.default for r in RULES if r.name in wanted
            for p in default_registry().get(r.query).params}
    used.update({k: v for k, v in params.items() if v is not None and k in used})
    return HealthReport(rules=results, flagged=sum(r.count for r in results), parameters=used)
