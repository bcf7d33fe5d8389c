"""Score a loaded graph against a document's truth: precision, recall and F1.

Nodes match on (label, normalised name) where any name or alias of either side may
match (normalised: case, whitespace, hyphen breaks such as 'Engi- neer', '&' and
'and', punctuation); each truth node matches at most one loaded node, a second loaded
node for the same entity is an extra. Edges match on (type, matched source, matched
target). Recall is also given per form (the form that planted each truth item).

The loaded side is a list of ``DocumentGraph`` (what ``orggraph.loaders.extract``
returns in ``.graphs``), one ``DocumentGraph``, or a JSON export (dict or path).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .truth import NodeKey, Truth

IGNORED_LABELS = frozenset({"Document"})

_BREAK = re.compile(r"(\w)-\s+(?=[a-z])")
_PUNCT = re.compile(r"[\s\-\u2010-\u2015_/,.;:()\[\]'\u2018\u2019\"*]+")


def normalise(text: str) -> str:
    """Matching key of a name: 'Release &amp; Build Engi- neer' ~ 'release and build engineer'."""
    text = unicodedata.normalize("NFKC", text).replace("&amp;", "&")
    text = _BREAK.sub(r"\1", text)
    text = text.replace("&", " and ").casefold()
    return _PUNCT.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class LoadedNode:
    label: str
    id: str
    name: str
    aliases: tuple[str, ...]


@dataclass
class Loaded:
    nodes: list[LoadedNode]
    edges: list[tuple[str, str, str]]  # (type, source id, target id)


def as_loaded(graph: Any) -> Loaded:
    """Whatever the loaders or an export gave, as nodes and edges."""
    if isinstance(graph, str | Path):
        graph = json.loads(Path(graph).read_text(encoding="utf-8"))
    if isinstance(graph, dict):
        nodes = [
            LoadedNode(
                (n.get("labels") or [n.get("label", "")])[0],
                n["id"],
                n.get("name", ""),
                tuple(n.get("aliases") or ()),
            )
            for n in graph.get("nodes", [])
        ]
        edges = [(e["type"], e["source"], e["target"]) for e in graph.get("edges", [])]
        return Loaded(nodes, edges)
    graphs = [graph] if hasattr(graph, "nodes") and hasattr(graph, "document") else list(graph)
    nodes_by_id: dict[str, LoadedNode] = {}
    edges: list[tuple[str, str, str]] = []
    for g in graphs:
        for n in g.nodes:
            nodes_by_id.setdefault(n.id, LoadedNode(n.label, n.id, n.name, tuple(n.aliases)))
        edges += [(e.type, e.source, e.target) for e in g.edges]
    return Loaded(list(nodes_by_id.values()), edges)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Result:
    nodes: Score = field(default_factory=Score)
    edges: Score = field(default_factory=Score)
    by_label: dict[str, Score] = field(default_factory=dict)
    by_type: dict[str, Score] = field(default_factory=dict)
    #: form -> [found, planted] over truth nodes and edges that form planted
    by_form: dict[str, list[int]] = field(default_factory=dict)
    missing_nodes: list[str] = field(default_factory=list)
    extra_nodes: list[str] = field(default_factory=list)
    missing_edges: list[str] = field(default_factory=list)
    extra_edges: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        """One figure: the F1 of nodes and edges together."""
        both = Score(
            self.nodes.tp + self.edges.tp,
            self.nodes.fp + self.edges.fp,
            self.nodes.fn + self.edges.fn,
        )
        return both.f1

    def form_recall(self, form: str) -> float | None:
        """Recall over what ``form`` planted; None where it planted nothing here."""
        found, total = self.by_form.get(form, [0, 0])
        return found / total if total else None

    def to_dict(self, details: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "f1": round(self.f1, 4),
            "nodes": self.nodes.to_dict(),
            "edges": self.edges.to_dict(),
            "by_label": {k: v.to_dict() for k, v in sorted(self.by_label.items())},
            "by_type": {k: v.to_dict() for k, v in sorted(self.by_type.items())},
            "by_form": {
                k: {"found": v[0], "planted": v[1]} for k, v in sorted(self.by_form.items())
            },
        }
        if details:
            out |= {
                "missing_nodes": self.missing_nodes,
                "extra_nodes": self.extra_nodes,
                "missing_edges": self.missing_edges,
                "extra_edges": self.extra_edges,
            }
        return out


def _match(truth: Truth, loaded: Loaded) -> dict[str, NodeKey]:
    """Loaded node id -> the truth node it is; one-to-one, primary names first."""
    matched: dict[str, NodeKey] = {}
    taken: set[NodeKey] = set()
    by_label: dict[str, list[LoadedNode]] = {}
    for n in loaded.nodes:
        by_label.setdefault(n.label, []).append(n)
    for label, candidates in by_label.items():
        tnodes = [t for t in truth.nodes.values() if t.label == label]
        primary = {normalise(t.name): t.key for t in tnodes}
        keys = {t.key: {normalise(a) for a in (t.name, *t.aliases)} for t in tnodes}
        for n in candidates:  # pass 1: the loaded name is a truth node's name
            k = primary.get(normalise(n.name))
            if k is not None and k not in taken:
                matched[n.id], _ = k, taken.add(k)
        for n in candidates:  # pass 2: any name or alias on either side
            if n.id in matched:
                continue
            mine = {normalise(a) for a in (n.name, *n.aliases)}
            for t in tnodes:
                if t.key not in taken and mine & keys[t.key]:
                    matched[n.id] = t.key
                    taken.add(t.key)
                    break
    return matched


def _show(key: NodeKey) -> str:
    return f"{key[0]}:{key[1]}"


def score(loaded: Any, truth: Truth, ignore: Iterable[str] = IGNORED_LABELS) -> Result:
    """Compare what a loader yielded with the truth of the same document and format."""
    ignore = frozenset(ignore)
    got = as_loaded(loaded)
    got = Loaded([n for n in got.nodes if n.label not in ignore], got.edges)
    labels = {n.id: n for n in got.nodes}
    matched = _match(truth, got)
    res = Result()

    def tally(bucket: dict[str, Score], key: str, attr: str) -> None:
        s = bucket.setdefault(key, Score())
        setattr(s, attr, getattr(s, attr) + 1)

    for n in got.nodes:
        if n.id in matched:
            res.nodes.tp += 1
            tally(res.by_label, n.label, "tp")
        else:
            res.nodes.fp += 1
            tally(res.by_label, n.label, "fp")
            res.extra_nodes.append(f"{n.label}:{n.name}")
    found_nodes = set(matched.values())
    for t in truth.nodes.values():
        if t.key not in found_nodes:
            res.nodes.fn += 1
            tally(res.by_label, t.label, "fn")
            res.missing_nodes.append(_show(t.key))
    mapped: set[tuple[str, NodeKey, NodeKey]] = set()
    extras: set[str] = set()
    for type_, src, tgt in got.edges:
        if src not in labels or tgt not in labels:
            continue  # an edge to an ignored label
        s, t = matched.get(src), matched.get(tgt)
        if s is not None and t is not None and (type_, s, t) in truth.edges:
            mapped.add((type_, s, t))
        else:
            shown = f"{type_} {labels[src].name} -> {labels[tgt].name}"
            if shown not in extras:
                extras.add(shown)
                res.edges.fp += 1
                tally(res.by_type, type_, "fp")
                res.extra_edges.append(shown)
    for key, edge in truth.edges.items():
        if key in mapped:
            res.edges.tp += 1
            tally(res.by_type, edge.type, "tp")
        else:
            res.edges.fn += 1
            tally(res.by_type, edge.type, "fn")
            res.missing_edges.append(f"{edge.type} {_show(edge.source)} -> {_show(edge.target)}")
    for tn in truth.nodes.values():
        for form in tn.forms:
            slot = res.by_form.setdefault(form, [0, 0])
            slot[0] += tn.key in found_nodes
            slot[1] += 1
    for key, edge in truth.edges.items():
        for form in edge.forms:
            slot = res.by_form.setdefault(form, [0, 0])
            slot[0] += key in mapped
            slot[1] += 1
    return res
