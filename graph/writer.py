"""Write one document's graph into a store as one all-or-nothing unit."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graph import schema
from graph.model import DocumentGraph, Edge, Evidence, Node, make_id
from graph.stores.base import Statement, Store

BATCH_SIZE = 5000


@dataclass(frozen=True)
class WriteSummary:
    document: str
    nodes: int
    edges: int
    statements: int
    seconds: float


def setup_schema(store: Store) -> None:
    """Unique ``id`` for every label and an index on ``name`` (idempotent)."""
    for node in schema.NODES:
        for prop in node.unique:
            store.create_unique(node.label, prop)
        for prop in node.indexed:
            store.create_index(node.label, prop)


def _clean(text: str) -> str:
    return text.replace(schema.SEP, " ")


def encode_evidence(ev: Evidence) -> str:
    return schema.SEP.join((_clean(ev.document), str(ev.line), _clean(ev.quote)))


def decode_evidence(raw: str) -> dict[str, Any]:
    """The stored form back to the contract's ``{document, line, quote}``."""
    document, line, quote = ([*raw.split(schema.SEP, 2), "", ""])[:3]
    return {"document": document, "line": int(line) if line.isdigit() else 0, "quote": quote}


def _props(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and k not in schema.INTERNAL_PROPS}


def document_node(graph: DocumentGraph, tag: int) -> Node:
    """The Document node the writer adds for every loaded document."""
    return Node(
        label="Document",
        id=make_id("Document", graph.document),
        name=graph.document,
        aliases=[a for a in (graph.document, graph.handle) if a],
        properties={
            "handle": graph.handle or None,
            "title": graph.title or None,
            "date": graph.date or None,
            "update_tag": tag,
            "node_count": len(graph.nodes),
            "edge_count": len(graph.edges),
        },
        sources=[Evidence(graph.document, 1, graph.title or graph.document)],
    )


def _entries(doc: str, values: Any) -> list[str]:
    items = values if isinstance(values, list) else [values]
    return [schema.SEP.join((_clean(doc), _clean(str(v)))) for v in items if v is not None]


def _node_row(node: Node, doc: str) -> dict[str, Any]:
    aliases = list(dict.fromkeys([node.name, *node.aliases]))
    per_document = schema.NODE_SCHEMAS[node.label].per_document
    row = {
        "id": node.id,
        "name": node.name,
        "props": _props({k: v for k, v in node.properties.items() if k not in per_document}),
        "sources": [encode_evidence(e) for e in node.sources],
        "alias_src": _entries(doc, aliases),
    }
    for prop in per_document:
        row[schema.source_key(prop)] = _entries(doc, node.properties.get(prop, []))
    return row


def _edge_row(edge: Edge) -> dict[str, Any]:
    return {
        "source": edge.source,
        "target": edge.target,
        "key": edge.key,
        "props": _props(edge.properties),
        "sources": [encode_evidence(e) for e in edge.sources],
    }


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH_SIZE):
        yield rows[start : start + BATCH_SIZE]


def document_statements(graph: DocumentGraph, tag: int) -> list[Statement]:
    """Upserts of everything the document states, then cleanup of what it no longer states."""
    doc = graph.document
    common = _common(doc, tag)
    nodes = [*graph.nodes, document_node(graph, tag)]
    labels = {n.id: n.label for n in nodes}
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in nodes:
        by_label[node.label].append(_node_row(node, doc))
    by_rel: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for edge in graph.edges:
        by_rel[(edge.type, labels[edge.source], labels[edge.target])].append(_edge_row(edge))

    statements: list[Statement] = []
    for label, rows in by_label.items():
        statements += [(schema.node_upsert(label), {**common, "rows": c}) for c in _chunks(rows)]
    for (rel, src, dst), rows in by_rel.items():
        cypher = schema.edge_upsert(rel, src, dst)
        statements += [(cypher, {**common, "rows": c}) for c in _chunks(rows)]
    return statements + _cleanup_statements(common)


def _common(document: str, tag: int) -> dict[str, Any]:
    return {
        "doc": document,
        "prefix": document + schema.SEP,
        "doctag": f"{document}{schema.SEP}{tag}",
        "sep": schema.SEP,
    }


def _cleanup_statements(common: dict[str, Any]) -> list[Statement]:
    return [(schema.edge_cleanup(r.type), common) for r in schema.RELS] + [
        (schema.node_cleanup(n.label), common) for n in schema.NODES
    ]


def write_document(store: Store, graph: DocumentGraph, tag: int | None = None) -> WriteSummary:
    """Replace what ``graph.document`` says in the store; all of it lands or none does."""
    problems = graph.validate()
    if problems:
        raise ValueError(f"{graph.document}: not written, the graph is invalid: {problems[0]}")
    tag = tag if tag is not None else time.time_ns() // 1000
    started = time.perf_counter()
    statements = document_statements(graph, tag)
    store.execute_atomically(statements)
    return WriteSummary(
        graph.document,
        len(graph.nodes) + 1,
        len(graph.edges),
        len(statements),
        time.perf_counter() - started,
    )


def remove_document(store: Store, document: str) -> None:
    """Remove the document's word from the store; what only it stated disappears."""
    store.execute_atomically(_cleanup_statements(_common(document, -1)))
