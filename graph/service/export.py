"""The graph as the contract's JSON (docs/graph-contract.md), as networkx, GraphML or CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx
from orggraph.cypher import default_registry
from orggraph.graph.schema import INTERNAL_PROPS, SEP
from orggraph.graph.stores.base import Store
from orggraph.graph.writer import decode_evidence

#: stored bookkeeping that the export leaves out (``documents`` stays: it is useful)
_HIDDEN = frozenset({"alias_src", "tags", "key", "stated"})


def _public(props: dict[str, Any]) -> dict[str, Any]:
    """The entity's own properties; a per-document list also appears by document."""
    public = {
        k: v
        for k, v in props.items()
        if k not in INTERNAL_PROPS and k not in _HIDDEN and not k.endswith("_src")
    }
    for key, entries in props.items():
        if key.endswith("_src") and key != "alias_src":
            by_document: dict[str, list[str]] = {}
            for entry in entries or []:
                document, _, value = entry.partition(SEP)
                by_document.setdefault(document, []).append(value)
            public[f"{key.removesuffix('_src')}_by_document"] = by_document
    return public


def node_record(labels: list[str], props: dict[str, Any]) -> dict[str, Any]:
    """A stored node in the contract's shape."""
    return {
        "id": props.get("id"),
        "labels": list(labels),
        "name": props.get("name"),
        "aliases": list(props.get("aliases") or []),
        "properties": {**_public(props), "documents": list(props.get("documents") or [])},
        "sources": [decode_evidence(s) for s in props.get("sources") or []],
    }


def edge_record(source: str, target: str, rel_type: str, props: dict[str, Any]) -> dict[str, Any]:
    """A stored relationship in the contract's shape."""
    return {
        "source": source,
        "target": target,
        "type": rel_type,
        "properties": {**_public(props), "documents": list(props.get("documents") or [])},
        "sources": [decode_evidence(s) for s in props.get("sources") or []],
    }


def export_graph(store: Store) -> dict[str, list[dict[str, Any]]]:
    """The whole graph as ``{"nodes": [...], "edges": [...]}`` (graph-contract.md)."""
    registry = default_registry()
    nodes = [node_record(r["labels"], r["props"]) for r in registry.run(store, "export_nodes")]
    edges = [
        edge_record(r["source"], r["target"], r["type"], r["props"])
        for r in registry.run(store, "export_edges")
    ]
    return {"nodes": nodes, "edges": edges}


def to_networkx(data: dict[str, list[dict[str, Any]]]) -> nx.MultiDiGraph:
    """A contract-shaped graph as a networkx MultiDiGraph (edge key = relationship type)."""
    graph = nx.MultiDiGraph()
    for node in data["nodes"]:
        graph.add_node(
            node["id"],
            label=node["labels"][0] if node["labels"] else "",
            name=node["name"],
            aliases=node["aliases"],
            sources=node["sources"],
            **node["properties"],
        )
    for edge in data["edges"]:
        graph.add_edge(
            edge["source"],
            edge["target"],
            key=edge["type"],
            type=edge["type"],
            sources=edge["sources"],
            **edge["properties"],
        )
    return graph


def _flat(value: Any) -> str | int | float | bool:
    if isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, ensure_ascii=False)


def write_json(data: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_graphml(data: dict[str, Any], path: Path) -> None:
    """GraphML wants scalar attributes: lists and evidence are written as JSON text."""
    graph = to_networkx(data)
    flat = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        flat.add_node(node, **{k: _flat(v) for k, v in attrs.items() if v is not None})
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **{k: _flat(x) for k, x in attrs.items() if x is not None})
    nx.write_graphml(flat, path)


CSV_COLUMNS = (
    "kind",
    "id",
    "label_or_type",
    "name",
    "source",
    "target",
    "aliases",
    "properties",
    "sources",
)


def write_csv(data: dict[str, Any], path: Path) -> None:
    """One table, a row per node then per relationship (``kind`` tells which)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for n in data["nodes"]:
            writer.writerow(
                (
                    "node",
                    n["id"],
                    ";".join(n["labels"]),
                    n["name"],
                    "",
                    "",
                    json.dumps(n["aliases"], ensure_ascii=False),
                    json.dumps(n["properties"], ensure_ascii=False),
                    json.dumps(n["sources"], ensure_ascii=False),
                )
            )
        for e in data["edges"]:
            writer.writerow(
                (
                    "edge",
                    f"{e['type']}|{e['source']}|{e['target']}",
                    e["type"],
                    "",
                    e["source"],
                    e["target"],
                    "[]",
                    json.dumps(e["properties"], ensure_ascii=False),
                    json.dumps(e["sources"], ensure_ascii=False),
                )
            )


WRITERS = {"json": write_json, "graphml": write_graphml, "csv": write_csv}


def subgraph(
    store: Store, ids: list[str], types: list[str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The contract-shaped graph induced by ``ids``: their nodes, the edges among them.

    ``types`` keeps only relationships of those types.  What the notebook client's
    ``subgraph``/``to_networkx`` return.
    """
    if not ids:
        return {"nodes": [], "edges": []}
    # each id looked up under its label (an indexed read, not a scan of every node)
    from orggraph.graph.service.views import induced  # it builds on this module's records

    return induced(store, ids, types)
