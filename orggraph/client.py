"""The graph in Jupyter: ``from orggraph import OrgGraph``.

``OrgGraph`` opens the same store as the CLI (same ``ORGGRAPH_*`` settings), offers
every canned query of :mod:`cypher.registry` as a method returning a
:class:`pandas.DataFrame`, helpers for the common questions (owners, dependents,
people, org chart, impact, path, health), :meth:`OrgGraph.to_networkx` for any
result and :meth:`OrgGraph.show` for an inline, offline pyvis view::

    >>> from orggraph import OrgGraph
    >>> with OrgGraph() as og:
    ...     og.owners("Butler")
    ...     og.product_owners(id="product:butler")   # a canned query, verbatim

Neo4j is reached through the official ``neo4j`` driver (py2neo is end-of-life).
"""

from __future__ import annotations

import html
import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from orggraph.cypher import default_registry
from orggraph.cypher.registry import CannedQuery, Registry
from orggraph.graph import service
from orggraph.graph.service.export import export_graph, subgraph
from orggraph.graph.service.export import to_networkx as _contract_to_networkx
from orggraph.graph.service.models import EntityRef, Evidence
from orggraph.graph.service.models import EntityRef as Entity  # what entity() returns
from orggraph.graph.service.queries import public_queries, run_query
from orggraph.graph.service.resolver import resolver_for
from orggraph.graph.settings import Settings, get_settings
from orggraph.graph.stores import Store, open_store
from orggraph.graph.writer import decode_evidence

if TYPE_CHECKING:
    import networkx as nx
    from IPython.display import HTML

__all__ = ["Entity", "OrgGraph"]


StoreKind = Literal["falkordb", "neo4j"]

#: registry parameter type -> Python annotation
_ANNOTATIONS: dict[str, Any] = {
    "str": str,
    "int": int,
    "float": float,
    "bool": bool,
    "list[str]": list[str],
    "ref": str,
}
#: strings that look like node ids (``person:tim-jenness``)
_NODE_ID = re.compile(r"^(person|role|team|product|facility|milestone|institution|document):\S+$")
#: dict keys never searched for node ids (document text, not references)
_TEXT_KEYS = frozenset({"sources", "evidence", "quote", "document", "summary", "detail"})


def _decode(value: Any, key: str = "") -> Any:
    """Stored evidence strings (under any ``sources`` key) as ``{document, line, quote}``."""
    if key == "sources" and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [decode_evidence(v) for v in value]
    if isinstance(value, dict):
        return {k: _decode(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _ev(evidence: Iterable[Evidence]) -> list[dict[str, Any]]:
    """Evidence models as the ``{document, line, quote}`` dicts of an evidence cell."""
    return [e.model_dump(exclude_none=True) for e in evidence]


def _frame(rows: list[dict[str, Any]], columns: list[str] | None = None) -> pd.DataFrame:
    """Rows as a DataFrame, evidence decoded; ``columns`` fixes the shape when empty."""
    decoded = [{k: _decode(v, k) for k, v in row.items()} for row in rows]
    if columns is None:
        return pd.DataFrame(decoded)
    return pd.DataFrame(decoded, columns=columns)


def node_ids(result: Any) -> list[str]:
    """Every node id held anywhere in ``result`` (DataFrame, model, dict, list or id).

    A DataFrame's ``attrs`` (e.g. an impact report) count too; evidence and other
    document text are skipped.  Order of first appearance.
    """
    found: dict[str, None] = {}

    def walk(value: Any) -> None:
        if isinstance(value, str):
            if _NODE_ID.match(value):
                found[value] = None
        elif isinstance(value, pd.DataFrame):
            for column in value.columns:
                if str(column) not in _TEXT_KEYS:
                    for cell in value[column].tolist():
                        walk(cell)
            walk({k: v for k, v in value.attrs.items() if k not in ("highlight", "answer")})
        elif isinstance(value, pd.Series):
            walk(value.tolist())
        elif isinstance(value, EntityRef):
            found[value.id] = None
        elif isinstance(value, Mapping):
            for k, v in value.items():
                if str(k) not in _TEXT_KEYS:
                    walk(v)
        elif hasattr(value, "model_dump"):
            walk(value.model_dump())
        elif isinstance(value, Iterable) and not isinstance(value, bytes):
            for v in value:
                walk(v)

    walk(result)
    return list(found)


class OrgGraph:
    """The organisation graph in a notebook: questions, canned queries, networkx, views.

    Open it like the CLI does (``ORGGRAPH_*`` settings), or say which store::

        og = OrgGraph()                      # the configured store (embedded by default)
        og = OrgGraph(data="path/to/data")   # another embedded store
        og = OrgGraph("neo4j")               # Neo4j, through the official driver

    Questions (an id, a name or an alias will do; answers are DataFrames, with
    ``evidence`` cells of ``{document, line, quote}``):

        search(q)                  entities by name or alias (prefix, substring, fuzzy)
        owners(product)            who manages and who owns a product
        dependents(ref)            what depends on a product or milestone, transitively
        dependencies(ref)          what it depends on
        people(team=None)          everyone, or the people of a team
        person(ref)                the roles a person holds
        org_chart(team)            a team's roles, holders, vacancies and reporting lines
        path(a, b)                 the shortest connection between two entities
        impact(*people, to_role=, to_team=)   what breaks if people move
        health()                   the organisation's holes, rule by rule
        diff(before, after)        what changed between two loaded documents

    Graphs and views: ``to_networkx(result=None)`` (any result, or the whole
    graph, with the evidence on nodes and edges) and ``show(result=None)`` (an
    inline interactive view that needs no network).

    Canned queries: every query of the registry is a method of the same name
    with its typed parameters (``og.product_dependents(id="product:qserv")``);
    ``queries()`` lists them, ``query(name, **params)`` runs one by name and
    ``cypher(text, **params)`` runs your own read-only Cypher.

    Close it when done, or use it as a context manager.
    """

    def __init__(
        self,
        store: StoreKind | Store | None = None,
        data: str | Path | None = None,
        *,
        settings: Settings | None = None,
    ) -> None:
        """Open the store the settings name (env ``ORGGRAPH_*``, as the CLI does).

        ``store`` is ``"falkordb"`` (embedded, the default) or ``"neo4j"``, or an
        already open :class:`graph.stores.Store` (left open by :meth:`close`);
        ``data`` is the embedded store's directory (default ``ORGGRAPH_DATA``).
        """
        overrides: dict[str, Any] = {}
        if isinstance(store, str):
            if store not in ("falkordb", "neo4j"):
                raise ValueError(f"unknown store {store!r}: use 'falkordb' or 'neo4j'")
            overrides["store"] = store
        if data is not None:
            overrides["data"] = Path(data)
        self.settings: Settings = (settings or get_settings()).model_copy(update=overrides)
        self.registry: Registry = default_registry()
        if isinstance(store, Store):
            self.store: Store = store
            self._owns_store = False
        else:
            self.store = open_store(self.settings)
            self._owns_store = True

    # --- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Release the store (stops the embedded server when this was its last user)."""
        if self._owns_store:
            self.store.close()

    def __enter__(self) -> OrgGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"OrgGraph({self.store.describe()})"

    # --- canned queries --------------------------------------------------------------------

    def query(self, name: str, **params: Any) -> pd.DataFrame:
        """Run the canned query ``name`` with ``params``; rows as a DataFrame.

        A parameter that names an entity (type ``ref``) takes an id, a name or an alias.
        """
        return _frame(run_query(self.store, name, params).rows)

    def queries(self) -> pd.DataFrame:
        """The canned queries: name, description and parameters (each also a method)."""
        rows = [
            {
                "name": q.name,
                "description": q.description,
                "params": ", ".join(
                    f"{p.name}: {p.type}" + ("" if p.required else f" = {p.default!r}")
                    for p in q.params
                ),
            }
            for q in public_queries()
        ]
        return pd.DataFrame(rows, columns=["name", "description", "params"])

    def cypher(self, statement: str, **params: Any) -> pd.DataFrame:
        """Run your own Cypher read-only (the store refuses writes); rows as a DataFrame."""
        return _frame(self.store.read(statement, params, timeout_ms=self.settings.query_timeout_ms))

    # --- resolving names -------------------------------------------------------------------

    def entity(self, ref: str, label: str | None = None) -> EntityRef:
        """The one entity an id, name or alias names (RefNotFound / RefAmbiguous otherwise)."""
        return resolver_for(self.store).resolve(ref, label)

    def _resolve(self, ref: str | EntityRef, *labels: str) -> EntityRef:
        """``ref`` as the first of ``labels`` it names (an id always wins)."""
        return service.resolve_first(self.store, ref, *labels)

    # --- helpers for the common questions: the service's answers, flattened ---------------

    def owners(self, product: str | EntityRef) -> pd.DataFrame:
        """Who manages and who owns a product: one row per person and role, with evidence.

        Columns: product_id, product, manager_status, role (``manager``/``owner``),
        person_id, person, evidence.  The answer itself is ``frame.attrs["answer"]``.
        """
        answer = service.owners(self.store, self._resolve(product, "Product"))
        rows = [
            {
                "product_id": answer.product.id,
                "product": answer.product.name,
                "manager_status": answer.manager_status,
                "role": role,
                "person_id": person.id,
                "person": person.name,
                "evidence": _ev(person.evidence),
            }
            for role, people in (("manager", answer.managers), ("owner", answer.owners))
            for person in people
        ]
        columns = ["product_id", "product", "manager_status", "role", "person_id", "person",
                   "evidence"]
        return _answer_frame(rows, columns, answer)

    def search(self, q: str, label: str | None = None, limit: int = 20) -> pd.DataFrame:
        """Entities whose name or an alias matches ``q`` (exact, prefix, substring, fuzzy).

        Columns: id, label, name, matched (the name or alias that matched), match, score.
        """
        answer = service.search(self.store, q, label, limit)
        rows = [{"id": h.id, "label": h.label, "name": h.name, "matched": h.matched,
                 "match": h.match, "score": h.score} for h in answer.hits]
        return _answer_frame(rows, ["id", "label", "name", "matched", "match", "score"], answer)

    def merges(
        self, ref: str | None = None, label: str | None = None, rule: str | None = None
    ) -> pd.DataFrame:
        """The names the loaders merged: one row per merge, with its rule, reason, evidence.

        Columns: id, label, name, rule, names, reason, documents, evidence.  Record a
        decision with ``orggraph merges split|confirm A B``; later loads obey it.
        """
        answer = service.merges(self.store, label, ref, rule)
        rows = [{"id": m.id, "label": m.label, "name": m.name, "rule": m.rule,
                 "names": m.names, "reason": m.reason, "documents": m.documents,
                 "evidence": _ev(m.evidence)} for m in answer.items]
        columns = ["id", "label", "name", "rule", "names", "reason", "documents", "evidence"]
        return _answer_frame(rows, columns, answer)

    def _walk(self, ref: str | EntityRef, direction: str, depth: int) -> pd.DataFrame:
        answer = service.dependency_walk(
            self.store, self._resolve(ref, "Product", "Milestone"), depth, direction  # type: ignore[arg-type]
        )
        rows = [
            {"id": r.id, "label": r.label, "name": r.name, "depth": r.depth, "via": r.via,
             "evidence": _ev(r.hops[-1].evidence) if r.hops else []}
            for r in answer.items
        ]
        return _answer_frame(rows, ["id", "label", "name", "depth", "via", "evidence"], answer)

    def dependents(self, ref: str | EntityRef, depth: int = 6) -> pd.DataFrame:
        """What depends on a product or milestone, directly and transitively, nearest first.

        Columns: id, label, name, depth (hops), via (the id it depends on), evidence.
        """
        return self._walk(ref, "dependents", depth)

    def dependencies(self, ref: str | EntityRef, depth: int = 6) -> pd.DataFrame:
        """What a product or milestone depends on, directly and transitively, nearest first.

        Columns: id, label, name, depth (hops), via (the id that depends on it), evidence.
        """
        return self._walk(ref, "dependencies", depth)

    def people(self, team: str | EntityRef | None = None) -> pd.DataFrame:
        """Everyone in the graph, or the people holding a role in ``team``.

        Without a team: id, name, aliases.  With one: person_id, person, role_id,
        title, wbs, fte, evidence (of the holding), one row per person and role.
        """
        if team is None:
            rows = [{"id": e.id, "name": e.name, "aliases": e.aliases}
                    for e in service.listing(self.store, "Person")]
            return _frame(rows, ["id", "name", "aliases"])
        answer = service.team(self.store, self._resolve(team, "Team"))
        out = [
            {
                "person_id": h.id,
                "person": h.name,
                "role_id": r.id,
                "title": r.name,
                "wbs": r.wbs,
                "fte": h.fte,
                "evidence": _ev(h.evidence),
            }
            for r in answer.roles
            for h in r.holders
        ]
        out.sort(key=lambda row: (row["person"] or "", row["title"] or ""))
        columns = ["person_id", "person", "role_id", "title", "wbs", "fte", "evidence"]
        return _answer_frame(out, columns, answer)

    def person(self, ref: str | EntityRef) -> pd.DataFrame:
        """The roles a person holds: role_id, title, wbs, fte, institution, teams, evidence."""
        answer = service.person(self.store, self._resolve(ref, "Person"))
        rows = [
            {"role_id": r.id, "title": r.name, "wbs": r.wbs, "fte": r.fte,
             "institution": r.institution, "teams": [t.name for t in r.teams],
             "evidence": _ev(r.evidence)}
            for r in answer.roles
        ]
        columns = ["role_id", "title", "wbs", "fte", "institution", "teams", "evidence"]
        return _answer_frame(rows, columns, answer)

    def org_chart(self, team: str | EntityRef) -> pd.DataFrame:
        """A team's roles, who holds each and whom each reports to; vacancies included.

        One row per role and role it reports to.  Columns: role_id, title, wbs,
        holders (names), holder_ids, vacant, reports_to_id, reports_to, evidence
        (of the team membership).  The team (``frame.attrs["team"]``) and its
        stated leads (``frame.attrs["leads"]``) come along.
        """
        answer = service.org_chart(self.store, self._resolve(team, "Team"))
        out: list[dict[str, Any]] = []
        for r in answer.roles:
            for up in r.reports_to or [None]:
                out.append(
                    {
                        "role_id": r.id,
                        "title": r.name,
                        "wbs": r.wbs,
                        "holders": ", ".join(sorted(h.name or h.id for h in r.holders)),
                        "holder_ids": sorted(h.id for h in r.holders),
                        "vacant": not r.holders,
                        "reports_to_id": up.id if up else None,
                        "reports_to": up.name if up else None,
                        "evidence": _ev(r.evidence),
                    }
                )
        columns = ["role_id", "title", "wbs", "holders", "holder_ids", "vacant",
                   "reports_to_id", "reports_to", "evidence"]
        frame = _answer_frame(out, columns, answer)
        frame.attrs["team"] = {"id": answer.team.id, "name": answer.team.name}
        frame.attrs["leads"] = [{"id": x.id, "name": x.name} for x in answer.lead]
        return frame

    def path(self, a: str | EntityRef, b: str | EntityRef, max: int = 6) -> pd.DataFrame:
        """The shortest connection between two entities, one row per hop (any direction).

        Columns: step, source_id, source, type, target_id, target, evidence;
        ``source -[type]-> target`` is the stored direction.  Empty: no path
        within ``max`` hops.  An ambiguous name settles on its product (the answer's
        ``notes``, in ``frame.attrs["answer"]``, say so).
        """
        answer = service.path(self.store, a, b, max)
        names = {n.id: n.name for n in answer.nodes}
        rows = [
            {
                "step": i,
                "source_id": hop.source,
                "source": names.get(hop.source),
                "type": hop.type,
                "target_id": hop.target,
                "target": names.get(hop.target),
                "evidence": _ev(hop.evidence),
            }
            for i, hop in enumerate(answer.hops, start=1)
        ]
        columns = ["step", "source_id", "source", "type", "target_id", "target", "evidence"]
        return _answer_frame(rows, columns, answer)

    # --- analysis (graph.analysis, shared with the API and the CLI) ------------------------

    def impact(
        self,
        *people: str | Entity | Iterable[str | Entity],
        to_role: str | None = None,
        to_team: str | None = None,
        team: str | None = None,
    ) -> pd.DataFrame:
        """What breaks if these people move (or leave); nothing is written to the store.

        ``people`` are ids, names or aliases (or lists of them).
        ``to_role``/``to_team`` name the destination (its roles and FTE are kept);
        ``team`` adds everyone in that team.  One row per finding, worst first:
        kind, severity, score, subject_id, subject, summary.  The full
        :class:`~graph.analysis.ImpactReport` (roles, teams, products, reporting
        lines, milestones, each with evidence) is ``frame.attrs["report"]``;
        :meth:`table` turns any of its lists into a DataFrame.
        """
        from orggraph.graph.analysis import person_impact

        refs = [
            p.id if isinstance(p, Entity) else p
            for item in people
            for p in ([item] if isinstance(item, str | Entity) else item)
        ]
        report = person_impact(self.store, refs, to_role=to_role, to_team=to_team, team=team)
        rows = [
            {
                "kind": f.kind,
                "severity": f.severity.value,
                "score": f.score,
                "subject_id": f.subject.id,
                "subject": f.subject.name,
                "summary": f.summary,
            }
            for f in report.ranking
        ]
        frame = pd.DataFrame(
            rows, columns=["kind", "severity", "score", "subject_id", "subject", "summary"]
        )
        frame.attrs["report"] = report
        frame.attrs["highlight"] = {
            **{f.subject.id: f"{f.severity.value}: {f.summary}" for f in report.ranking},
            **{p.id: "moves" for p in report.people},
        }
        return frame

    def health(
        self,
        rules: Iterable[str] | None = None,
        *,
        max_fte: float | None = None,
        max_roles: int | None = None,
        min_products: int | None = None,
    ) -> pd.DataFrame:
        """The organisation's holes, one row per health rule, worst rules first.

        Columns: rule, title, severity, count (flagged), total (checked),
        flagged (names), ids, description.  ``rules`` picks some (all by
        default); the thresholds override the rules' defaults.  The full
        :class:`~graph.analysis.HealthReport` (each flagged entity with why and
        the evidence) is ``frame.attrs["report"]``.
        """
        from orggraph.graph.analysis import org_health

        report = org_health(
            self.store, rules, max_fte=max_fte, max_roles=max_roles, min_products=min_products
        )
        rows = [
            {
                "rule": r.rule,
                "title": r.title,
                "severity": r.severity.value,
                "count": r.count,
                "total": r.total,
                "flagged": [e.name for e in r.entities],
                "ids": [e.id for e in r.entities],
                "description": r.description,
            }
            for r in report.rules
        ]
        frame = pd.DataFrame(
            rows,
            columns=[
                "rule",
                "title",
                "severity",
                "count",
                "total",
                "flagged",
                "ids",
                "description",
            ],
        )
        frame.attrs["report"] = report
        return frame

    def diff(self, before: str, after: str) -> pd.DataFrame:
        """What changed from document ``before`` to document ``after`` (file name or handle).

        One row per change: section (people_roles, roles, teams, wbs,
        product_managers, people, not_compared), id, label, name, change (added,
        removed, changed, not compared: named in one document only, where the other
        states no facts of its kind), field, before, after (values).  The full
        :class:`~graph.analysis.DocumentDiff`, with the evidence of each side,
        is ``frame.attrs["report"]``.
        """
        from orggraph.graph.analysis import document_diff

        report = document_diff(self.store, before, after)
        sections = ["people_roles", "roles", "teams", "wbs", "product_managers", "people",
                    "not_compared"]
        rows = [
            {
                "section": section,
                "id": item.id,
                "label": item.label,
                "name": item.name,
                "change": item.change,
                "field": item.field,
                "before": item.before.values,
                "after": item.after.values,
            }
            for section in sections
            for item in getattr(report, section)
        ]
        frame = pd.DataFrame(
            rows, columns=["section", "id", "label", "name", "change", "field", "before", "after"]
        )
        frame.attrs["report"] = report
        return frame

    @staticmethod
    def table(items: Iterable[Any]) -> pd.DataFrame:
        """A list of report records (e.g. ``report.roles``) as a DataFrame, refs flattened."""
        records = [
            i.model_dump(mode="json") if hasattr(i, "model_dump") else dict(i) for i in items
        ]
        return pd.json_normalize(records, max_level=1)

    # --- graphs and views ------------------------------------------------------------------

    def subgraph(self, result: Any = None) -> dict[str, list[dict[str, Any]]]:
        """The contract-shaped ``{"nodes", "edges"}`` induced by the node ids in ``result``.

        ``result`` is a DataFrame, a report, a list of ids or an id; None is the
        whole graph.  Edges are those with both ends among the nodes.
        """
        if result is None:
            return export_graph(self.store)
        return subgraph(self.store, node_ids(result))

    def to_networkx(self, result: Any = None) -> nx.MultiDiGraph:
        """A networkx MultiDiGraph of ``result``'s nodes (None: the whole graph).

        Nodes carry label, name, aliases, properties and ``sources`` (evidence);
        edges carry type, properties and ``sources``; edge key = relationship type.
        """
        return _contract_to_networkx(self.subgraph(result))

    def show(
        self,
        result: Any = None,
        *,
        title: str = "",
        layout: Literal["physics", "hierarchical"] | None = None,
        height: int | None = None,
    ) -> HTML:
        """An interactive pyvis view of a result's nodes (None: the whole graph), inline.

        ``result`` is anything :meth:`to_networkx` takes, or a
        :class:`graph.viz.ViewGraph` from :mod:`graph.viz` (the CLI's and the
        API's views).  Hover a node or edge for its facts and evidence.  The page
        (vis-network included) is inlined in an ``<iframe srcdoc>``: it renders
        offline and where notebooks block external scripts.  An :meth:`org_chart`
        result is drawn as the org chart view draws it (a top-down tree of boxes, the
        holders in each, legible as it opens) unless ``layout`` says otherwise.  The
        frame is the cell's width; ``height`` (pixels) defaults to what the view
        needs (:func:`orggraph.graph.viz.cell_height`).
        """
        from IPython.display import HTML

        from orggraph.graph.viz import ViewGraph, cell_height, org_chart, render, whole_graph

        is_chart = isinstance(result, pd.DataFrame) and bool(result.attrs.get("team"))
        if isinstance(result, ViewGraph):
            view = result
        elif result is None:
            view = whole_graph(self.store)  # within its node budget: an overview when big
        elif is_chart and layout is None:
            view = org_chart(self.store, str(result.attrs["team"]["id"]))
        else:
            data = self.subgraph(result)
            view = ViewGraph(
                kind="notebook",
                title=_title(result),
                nodes=data["nodes"],
                edges=data["edges"],
                focus=result if isinstance(result, str) else None,
                layout="hierarchical" if is_chart else "physics",
                highlight=dict(result.attrs.get("highlight") or {})
                if isinstance(result, pd.DataFrame)
                else {},
            )
        if title:
            view.title = title
        if layout:
            view.layout = layout
        page = render(view, api_base=f"http://{self.settings.host}:{self.settings.port}")
        tall = int(height) if height else cell_height(view)
        return HTML(
            f'<div class="orggraph-view" style="width:100%"><iframe '
            f'srcdoc="{html.escape(page, quote=True)}" '
            f'style="display:block;width:100%;height:{tall}px;border:1px solid #ddd;'
            'box-sizing:border-box" sandbox="allow-scripts allow-popups"></iframe></div>'
        )


def _answer_frame(rows: list[dict[str, Any]], columns: list[str], answer: Any) -> pd.DataFrame:
    """Rows of a flattened answer; the answer model itself is ``frame.attrs["answer"]``."""
    frame = pd.DataFrame(rows, columns=columns)
    frame.attrs["answer"] = answer
    return frame


def _title(result: Any) -> str:
    if isinstance(result, pd.DataFrame) and result.attrs.get("team"):
        return f"Org chart of {result.attrs['team']['name']}"
    if isinstance(result, pd.DataFrame) and result.attrs.get("report") is not None:
        report = result.attrs["report"]
        people = getattr(report, "people", None)
        if people:
            return "Impact of moving " + ", ".join(p.name for p in people)
    if isinstance(result, str):
        return result
    return "orggraph view"


# --- one method per canned query -----------------------------------------------------------


def _query_method(query: CannedQuery) -> Callable[..., pd.DataFrame]:
    """A method running ``query``: typed parameters from the registry, its description as doc."""
    parameters = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    kind: inspect._ParameterKind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    for i, p in enumerate(query.params):
        later_required = any(q.required for q in query.params[i + 1 :])
        if not p.required and later_required:
            kind = inspect.Parameter.KEYWORD_ONLY
        annotation = _ANNOTATIONS[p.type]
        if not p.required and p.default is None:
            annotation = annotation | None
        parameters.append(
            inspect.Parameter(
                p.name,
                kind,
                default=inspect.Parameter.empty if p.required else p.default,
                annotation=annotation,
            )
        )
    signature = inspect.Signature(parameters, return_annotation=pd.DataFrame)

    def method(self: OrgGraph, *args: Any, **kwargs: Any) -> pd.DataFrame:
        bound = signature.bind(self, *args, **kwargs)
        bound.apply_defaults()
        params = {k: v for k, v in bound.arguments.items() if k != "self"}
        return self.query(query.name, **params)

    lines = [query.description or f"The canned query {query.name}.", ""]
    if query.params:
        lines.append("Parameters:")
        lines += [
            f"    {p.name} ({p.type}{'' if p.required else f', default {p.default!r}'}): "
            f"{p.description}"
            for p in query.params
        ]
    else:
        lines.append("No parameters.")
    if query.example:
        example = ", ".join(
            f"{k}={v!r}" for k, v in query.bind(query.example).items() if k in query.example
        )
        lines += ["", f"Example: og.{query.name}({example})"]
    lines += [
        "",
        f"Canned query {query.name!r} (cypher/queries/{query.name}.cypher); returns a DataFrame.",
    ]
    method.__name__ = query.name
    method.__qualname__ = f"OrgGraph.{query.name}"
    method.__doc__ = "\n".join(lines)
    method.__signature__ = signature  # type: ignore[attr-defined]
    method.__annotations__ = {
        **{p.name: p.annotation for p in parameters[1:]},
        "return": pd.DataFrame,
    }
    return method


def _install_queries(cls: type[OrgGraph], registry: Registry) -> None:
    """Attach one method per canned query (names of helpers are never overwritten)."""
    for query in registry.public():
        if query.name.startswith("_") or hasattr(cls, query.name):
            continue
        setattr(cls, query.name, _query_method(query))


_install_queries(OrgGraph, default_registry())
