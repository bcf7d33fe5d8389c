"""Planted facts, their carriers, and the truth graph a correct loader yields per format.

Every fact a document states is planted with its *carrier* (``table``, ``list``,
``prose``, ``figure``) and the *form* that wrote it. A format carries some carriers
only: words-only extractions of a figure (pdftotext) and converters that drop figures
(tabbed, Markdown) do not carry what only a figure states. ``Truth.for_format`` keeps
the facts the format carries, plus the nodes at the ends of kept edges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from orggraph.graph.model import make_id

Carrier = str  # 'table' | 'list' | 'prose' | 'figure'
CARRIERS: tuple[Carrier, ...] = ("table", "list", "prose", "figure")

#: what each corpus format carries
FORMAT_CARRIERS: dict[str, frozenset[Carrier]] = {
    "tabbed": frozenset({"table", "list", "prose"}),
    "markdown": frozenset({"table", "list", "prose"}),
    "latex": frozenset(CARRIERS),
    "pdf-latex": frozenset(CARRIERS),
    "pdf-html": frozenset(CARRIERS),
    "pdftotext-latex": frozenset({"table", "list", "prose"}),
    "pdftotext-html": frozenset({"table", "list", "prose"}),
    "pdftotext-layout-latex": frozenset({"table", "list", "prose"}),
    "pdftotext-layout-html": frozenset({"table", "list", "prose"}),
}
FORMATS: tuple[str, ...] = tuple(FORMAT_CARRIERS)

NodeKey = tuple[str, str]  # (label, name)


@dataclass(frozen=True, slots=True)
class NodeFact:
    label: str
    name: str
    carrier: Carrier
    form: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EdgeFact:
    type: str
    source: NodeKey
    target: NodeKey
    carrier: Carrier
    form: str
    props: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class AliasFact:
    """The document spells a node out under another name (an acronym list's expansion)."""

    label: str
    name: str
    alias: str
    carrier: Carrier
    form: str


@dataclass
class TruthNode:
    label: str
    name: str
    aliases: list[str]
    forms: set[str] = field(default_factory=set)

    @property
    def key(self) -> NodeKey:
        return (self.label, self.name)

    @property
    def id(self) -> str:
        return make_id(self.label, self.name)


@dataclass
class TruthEdge:
    type: str
    source: NodeKey
    target: NodeKey
    props: dict[str, Any] = field(default_factory=dict)
    forms: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str, NodeKey, NodeKey]:
        return (self.type, self.source, self.target)


@dataclass
class Truth:
    """The graph one document states in one format: nodes and edges, each with its forms."""

    nodes: dict[NodeKey, TruthNode] = field(default_factory=dict)
    edges: dict[tuple[str, NodeKey, NodeKey], TruthEdge] = field(default_factory=dict)

    def to_export(self) -> dict[str, Any]:
        """The graph contract's JSON export shape (plus ``properties.forms``)."""
        return {
            "nodes": [
                {
                    "id": n.id,
                    "labels": [n.label],
                    "name": n.name,
                    "aliases": n.aliases,
                    "properties": {"forms": sorted(n.forms)},
                    "sources": [],
                }
                for n in self.nodes.values()
            ],
            "edges": [
                {
                    "source": _id(e.source),
                    "target": _id(e.target),
                    "type": e.type,
                    "properties": {**e.props, "forms": sorted(e.forms)},
                    "sources": [],
                }
                for e in self.edges.values()
            ],
        }


def _id(key: NodeKey) -> str:
    return make_id(key[0], key[1])


@dataclass
class Facts:
    """The facts one document plants, with every alias the organisation knows per node."""

    nodes: list[NodeFact] = field(default_factory=list)
    edges: list[EdgeFact] = field(default_factory=list)
    aliases: list[AliasFact] = field(default_factory=list)
    known_aliases: dict[NodeKey, tuple[str, ...]] = field(default_factory=dict)

    def node(
        self, label: str, name: str, carrier: Carrier, form: str, aliases: tuple[str, ...] = ()
    ) -> NodeKey:
        self.nodes.append(NodeFact(label, name, carrier, form, aliases))
        key = (label, name)
        if aliases:
            known = self.known_aliases.get(key, ())
            self.known_aliases[key] = known + tuple(a for a in aliases if a not in known)
        return key

    def edge(
        self,
        type_: str,
        source: NodeKey,
        target: NodeKey,
        carrier: Carrier,
        form: str,
        **props: Any,
    ) -> None:
        self.edges.append(EdgeFact(type_, source, target, carrier, form, tuple(props.items())))

    def alias(self, label: str, name: str, alias: str, carrier: Carrier, form: str) -> None:
        self.aliases.append(AliasFact(label, name, alias, carrier, form))

    def extend(self, other: Facts) -> None:
        self.nodes += other.nodes
        self.edges += other.edges
        self.aliases += other.aliases
        for key, al in other.known_aliases.items():
            known = self.known_aliases.get(key, ())
            self.known_aliases[key] = known + tuple(a for a in al if a not in known)

    def for_format(self, fmt: str) -> Truth:
        """What a correct loader yields from this document rendered in ``fmt``."""
        carried = FORMAT_CARRIERS[fmt]
        truth = Truth()

        def add_node(key: NodeKey, form: str) -> None:
            node = truth.nodes.get(key)
            if node is None:
                aliases = [key[1], *(a for a in self.known_aliases.get(key, ()) if a != key[1])]
                node = truth.nodes[key] = TruthNode(key[0], key[1], aliases)
            node.forms.add(form)

        for nf in self.nodes:
            if nf.carrier in carried:
                add_node((nf.label, nf.name), nf.form)
        for ef in self.edges:
            if ef.carrier not in carried:
                continue
            add_node(ef.source, ef.form)
            add_node(ef.target, ef.form)
            edge = truth.edges.get((ef.type, ef.source, ef.target))
            if edge is None:
                edge = truth.edges[(ef.type, ef.source, ef.target)] = TruthEdge(
                    ef.type, ef.source, ef.target, dict(ef.props)
                )
            edge.forms.add(ef.form)
        for af in self.aliases:
            node = truth.nodes.get((af.label, af.name))
            if af.carrier in carried and node is not None and af.alias not in node.aliases:
                node.aliases.append(af.alias)
        return truth
