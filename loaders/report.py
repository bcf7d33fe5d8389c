"""The load report: counts, skipped rows/sentences, corrections, merges, unresolved, failures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from orggraph.graph.model import DocumentGraph, make_id

from .facts import Skip
from .merging import RULES, MergeRecord, PossibleDuplicate, Unresolved


@dataclass
class DocumentFailure:
    """A document that could not be loaded: file, line where it applies, plain message."""

    path: str
    line: int | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "message": self.message}


@dataclass(slots=True)
class LoadReport:
    """What a load produced and what it left out, with reasons."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    labels: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)
    skipped: list[Skip] = field(default_factory=list)
    corrections: list[Skip] = field(default_factory=list)
    merges: list[MergeRecord] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    failures: list[DocumentFailure] = field(default_factory=list)
    #: every decision's outcome (applied / not needed / no match): ``Resolution.decisions``
    decision_outcomes: list[Any] = field(default_factory=list)

    def add_graph(self, graph: DocumentGraph) -> None:
        """Count one document's nodes per label and edges per type."""
        labels = Counter(n.label for n in graph.nodes)
        types = Counter(e.type for e in graph.edges)
        self.documents.append(
            {
                "document": graph.document,
                "handle": graph.handle,
                "title": graph.title,
                "date": graph.date,
                "nodes": len(graph.nodes),
                "edges": len(graph.edges),
                "labels": dict(sorted(labels.items())),
                "types": dict(sorted(types.items())),
            }
        )

    def set_totals(self, graphs: list[DocumentGraph]) -> None:
        """Totals over the run, counted as the store counts them: distinct node ids per
        label (with the Document node the writer adds per document), distinct edge keys
        per type."""
        nodes: dict[str, str] = {}
        edges: dict[str, str] = {}
        for g in graphs:
            nodes[make_id("Document", g.document)] = "Document"
            for n in g.nodes:
                nodes[n.id] = n.label
            for e in g.edges:
                edges[e.key] = e.type
        self.labels = dict(sorted(Counter(nodes.values()).items()))
        self.types = dict(sorted(Counter(edges.values()).items()))

    @property
    def statements(self) -> dict[str, int]:
        """Nodes and relationships as the documents state them: one per document."""
        return {
            "nodes": sum(d["nodes"] for d in self.documents),
            "relationships": sum(d["edges"] for d in self.documents),
        }

    @property
    def merge_counts(self) -> dict[str, int]:
        """Merge steps per rule (strongest rule first)."""
        counts = Counter(step.rule for m in self.merges for step in m.steps)
        order = {r: i for i, r in enumerate(RULES)}
        return dict(sorted(counts.items(), key=lambda kv: (order.get(kv[0], 99), kv[0])))

    @property
    def possible_duplicates(self) -> list[PossibleDuplicate]:
        """Pairs of names a rule would merge but that were kept apart, with the reason."""
        return [u for u in self.unresolved if isinstance(u, PossibleDuplicate)]

    @property
    def unresolved_names(self) -> list[Unresolved]:
        """Names that were not resolved (ambiguous, unknown, not a name)."""
        return [u for u in self.unresolved if not isinstance(u, PossibleDuplicate)]

    @property
    def decisions(self) -> list[dict[str, Any]]:
        """The merge decisions that changed this load: confirms merged, splits kept apart."""
        out: list[dict[str, Any]] = []
        for m in self.merges:
            for step in m.steps:
                if step.rule == "decision-confirm":
                    out.append(
                        {
                            "effect": "merged",
                            "label": m.label,
                            "into": m.into,
                            "names": step.names,
                            "decision": step.reason,
                        }
                    )
        apart: dict[tuple[str, str], dict[str, Any]] = {}
        for d in self.possible_duplicates:
            if d.rule == "decision-split":
                entry = apart.setdefault(
                    (d.label, d.decision or d.reason),
                    {
                        "effect": "kept apart",
                        "label": d.label,
                        "names": [],
                        "decision": d.decision or d.reason,
                    },
                )
                entry["names"] += [n for n in d.names if n not in entry["names"]]
        return out + list(apart.values())

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form."""
        return {
            "documents": self.documents,
            "totals": {
                "nodes": sum(self.labels.values()),
                "relationships": sum(self.types.values()),
                "labels": self.labels,
                "types": self.types,
                "statements": self.statements,
            },
            "skipped": [s.to_dict() for s in self.skipped],
            "corrections": [s.to_dict() for s in self.corrections],
            "merges": [m.to_dict() for m in self.merges],
            "merge_counts": self.merge_counts,
            "possible_duplicates": [d.to_dict() for d in self.possible_duplicates],
            "decisions": self.decisions,
            "decision_outcomes": [o.to_dict() for o in self.decision_outcomes],
            "unresolved": [u.to_dict() for u in self.unresolved_names],
            "failures": [f.to_dict() for f in self.failures],
        }

    def render(self) -> str:
        """Readable text summary for the terminal."""
        out: list[str] = []
        for d in self.documents:
            head = f"{d['document']}"
            if d["handle"] or d["date"]:
                head += f" ({', '.join(x for x in (d['handle'], d['date']) if x)})"
            out.append(f"{head}: states {d['nodes']} nodes and {d['edges']} relationships")
            if d.get("found") is not None:
                out.append("  read: " + (d["found"] or "nothing the loaders recognise"))
            out.append("  nodes: " + ", ".join(f"{k} {v}" for k, v in d["labels"].items()))
            out.append("  relationships: " + ", ".join(f"{k} {v}" for k, v in d["types"].items()))
        if self.documents:
            stated = self.statements
            out.append(
                f"Total: {sum(self.labels.values())} nodes and {sum(self.types.values())} "
                f"relationships, each counted once (the documents state {stated['nodes']} "
                f"nodes and {stated['relationships']} relationships, one per document)"
            )
            out.append("  nodes: " + ", ".join(f"{k} {v}" for k, v in self.labels.items()))
            out.append("  relationships: " + ", ".join(f"{k} {v}" for k, v in self.types.items()))
        for f in self.failures:
            out.append(f"FAILED {f.message}")
        if self.merges:
            counts = ", ".join(f"{k} {v}" for k, v in self.merge_counts.items())
            out.append(f"Merges ({len(self.merges)}; steps by rule: {counts}):")
            for m in self.merges:
                rules = f" [{', '.join(m.rules)}]" if m.rules else ""
                out.append(f"  {m.label} {m.into} <- {' | '.join(m.names)}{rules}: {m.reason}")
        if self.decisions:
            out.append(f"Decisions applied ({len(self.decisions)}):")
            for d in self.decisions:
                out.append(
                    f"  {d['effect']}: {d['label']} {' | '.join(d['names'])}: {d['decision']}"
                )
        dups = self.possible_duplicates
        if dups:
            out.append(f"Possible duplicates kept apart ({len(dups)}):")
            for dup in dups:
                out.append(
                    f"  {dup.document}:{dup.line} {dup.label} {' | '.join(dup.names)} "
                    f"[{dup.rule}]: {dup.reason}"
                )
        names = self.unresolved_names
        if names:
            out.append(f"Unresolved names ({len(names)}):")
            for u in names:
                cands = f" [candidates: {', '.join(u.candidates)}]" if u.candidates else ""
                out.append(f"  {u.document}:{u.line} {u.label} '{u.name}': {u.reason}{cands}")
        if self.corrections:
            out.append(f"Corrections ({len(self.corrections)}):")
            for c in self.corrections:
                out.append(f"  {c.document}:{c.line} {c.reason}")
        if self.skipped:
            out.append(f"Skipped ({len(self.skipped)}):")
            for s in self.skipped:
                text = f" | {s.text}" if s.text else ""
                out.append(f"  {s.document}:{s.line} {s.reason}{text}")
        return "\n".join(out)
