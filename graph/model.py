"""The graph vocabulary (see docs/graph-contract.md) as Python records.

Data flows one way: loaders produce :class:`DocumentGraph` records with evidence,
the writer puts them in a store, queries read them back.  Property values are
primitives or lists of primitives only, because both stores require that.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

LABELS: tuple[str, ...] = (
    "Person",
    "Role",
    "Team",
    "Product",
    "Facility",
    "Milestone",
    "Institution",
    "Document",
)

#: relationship type -> allowed (source label, target label) pairs
REL_TYPES: dict[str, tuple[tuple[str, str], ...]] = {
    "HOLDS": (("Person", "Role"),),
    "REPORTS_TO": (("Role", "Role"), ("Person", "Person")),
    "MEMBER_OF": (("Role", "Team"),),
    "LEADS": (("Person", "Team"),),
    "MANAGES": (("Person", "Product"),),
    "OWNS": (("Person", "Product"),),
    "HOSTS": (("Facility", "Product"),),
    "DEPENDS_ON": (
        ("Product", "Product"),
        ("Product", "Milestone"),
        ("Milestone", "Product"),
        ("Milestone", "Milestone"),
    ),
    "PART_OF": (("Product", "Product"), ("Team", "Team"), ("Facility", "Facility")),
    "AFFILIATED_WITH": (("Person", "Institution"),),
    "RESPONSIBLE_FOR": (("Team", "Milestone"),),
    "LOCATED_AT": (("Role", "Institution"), ("Role", "Facility")),
}

Scalar = str | int | float | bool
PropertyValue = Scalar | list[str] | list[int] | list[float] | None


def slug(text: str) -> str:
    """Lower-case ASCII slug: 'Dubois-Felsmann, Gregory' -> 'dubois-felsmann-gregory'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    dashed = re.sub(r"[^a-z0-9.]+", "-", folded.lower())
    # a dot stays only inside a word ('dp0.1', 'data.lsst.cloud'): 'Complex. DB' -> 'complex-db'
    dashed = re.sub(r"-*(?<![a-z0-9])\.-*|-*\.(?![a-z0-9])-*", "-", dashed)
    return re.sub(r"-{2,}", "-", dashed).strip("-.") or "unnamed"


def make_id(label: str, name: str) -> str:
    """Stable node id derived from label and name: ``person:tim-jenness``."""
    return f"{label.lower()}:{slug(name)}"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read, and the verbatim text.

    ``line`` is 1-based: the line of the loaded file, or for a PDF the line on ``page``.
    ``file`` names the file of a LaTeX document that another file of it includes.
    """

    document: str
    line: int
    quote: str
    page: int | None = None
    file: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"document": self.document, "line": self.line, "quote": self.quote}
        if self.page is not None:
            out["page"] = self.page
        if self.file:
            out["file"] = self.file
        return out


@dataclass(slots=True)
class Node:
    """An entity as one document states it."""

    label: str
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    properties: dict[str, PropertyValue] = field(default_factory=dict)
    sources: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Edge:
    """A relationship as one document states it (``source``/``target`` are node ids)."""

    type: str
    source: str
    target: str
    properties: dict[str, PropertyValue] = field(default_factory=dict)
    sources: list[Evidence] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Identity of the edge across loads: one edge per type and endpoints."""
        return f"{self.type}|{self.source}|{self.target}"


@dataclass(slots=True)
class DocumentGraph:
    """Everything one document states, ready to be written as one unit."""

    document: str  # file name, e.g. "rtn-046-dm-operations-plan.txt"
    handle: str = ""  # e.g. "RTN-046"
    title: str = ""
    date: str = ""  # ISO date where the document gives one
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def validate(self) -> list[str]:
        """Problems that would make the graph break the contract (empty when fine)."""
        problems: list[str] = []
        labels: dict[str, str] = {}
        for node in self.nodes:
            if node.label not in LABELS:
                problems.append(f"node {node.id}: unknown label {node.label!r}")
            if not node.id or not node.name:
                problems.append(f"node {node.id!r}: missing id or name")
            if labels.setdefault(node.id, node.label) != node.label:
                problems.append(f"node {node.id}: two labels")
        for edge in self.edges:
            allowed = REL_TYPES.get(edge.type)
            if allowed is None:
                problems.append(f"edge {edge.key}: unknown type")
                continue
            pair = (labels.get(edge.source), labels.get(edge.target))
            if None in pair:
                problems.append(f"edge {edge.key}: endpoint not among the document's nodes")
            elif pair not in allowed:
                problems.append(f"edge {edge.key}: {pair[0]} -> {pair[1]} not allowed")
        return problems
