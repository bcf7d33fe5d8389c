"""Write one document's graph into a store as one all-or-nothing unit."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from orggraph.graph import schema
from orggraph.graph.model import DocumentGraph, Edge, Evidence, Node, make_id
from orggraph.graph.stores.base import Statement, Store

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
    fields = [_clean(ev.document), str(ev.line), _clean(ev.quote)]
    if ev.page is not None or ev.file:
        fields += ["" if ev.page is None else str(ev.page), _clean(ev.file or "")]
    return schema.SEP.join(fields)


def decode_evidence(raw: str) -> dict[str, Any]:
    """The stored form back to the contract's ``{document, line, quote}`` (+ page, file)."""
    document, line, quote, page, file = ([*raw.split(schema.SEP), "", "", "", ""])[:5]
    out: dict[str, Any] = {
        "document": document, "line": int(line) if line.isdigit() else 0, "quote": quote
    }
    if page.isdigit():
        out["page"] = int(page)
    if file:
        out["file"] = file
    return out


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


def _stated(graph: DocumentGraph, labels: dict[str, str]) -> set[str]:
    """What the document states, as entries ``n<US>Label<US>id`` and
    ``e<US>TYPE<US>SourceLabel<US>TargetLabel<US>source<US>target``."""
    sep = schema.SEP
    return {sep.join(("n", n.label, n.id)) for n in graph.nodes} | {
        sep.join(("e", e.type, labels[e.source], labels[e.target], e.source, e.target))
        for e in graph.edges
    }


def _targeted_cleanup(gone: set[str], common: dict[str, Any]) -> list[Statement]:
    """Cleanup of exactly the elements a document no longer states, through the id index."""
    ids: dict[str, list[str]] = defaultdict(list)
    pairs: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for entry in sorted(gone):
        kind, *rest = entry.split(schema.SEP)
        if kind == "n":
            ids[rest[0]].append(rest[1])
        else:
            rel, src, dst, source, target = rest
            pairs[(rel, src, dst)].append({"source": source, "target": target})
    statements: list[Statement] = []
    for (rel, src, dst), rows in pairs.items():
        cypher = schema.edge_cleanup_by_ends(rel, src, dst)
        statements += [(cypher, {**common, "pairs": c}) for c in _chunks(rows)]
    for label, values in ids.items():
        cypher = schema.node_cleanup_by_id(label)
        statements += [(cypher, {**common, "ids": c}) for c in _chunks(values)]  # type: ignore[arg-type]
    return statements


def document_statements(
    graph: DocumentGraph, tag: int, previous: list[str] | None = None
) -> list[Statement]:
    """Upserts of everything the document states, then cleanup of what it no longer states.

    ``previous`` is what the document stated at its last load (its Document node keeps
    it): the cleanup then touches only what disappeared.  Without it (a store written
    before the list was kept) the cleanup scans every label and type for the tag.
    """
    doc = graph.document
    common = _common(doc, tag)
    labels = {n.id: n.label for n in graph.nodes}
    stated = _stated(graph, labels)
    document = document_node(graph, tag)
    document.properties["stated"] = sorted(stated)
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in [*graph.nodes, document]:
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
    if previous is None:
        return statements + _cleanup_statements(common)
    return statements + _targeted_cleanup(set(previous) - stated, common)


def previously_stated(store: Store, document: str) -> list[str] | None:
    """What ``document`` stated at its last load: [] if never loaded, None if the store
    holds it without that record (written by an older version: cleanup must scan)."""
    rows = store.read(schema.document_stated(), {"id": make_id("Document", document)})
    if not rows:
        return []
    return rows[0]["stated"]


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
    statements = document_statements(graph, tag, previously_stated(store, graph.document))
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
    common = _common(document, -1)
    previous = previously_stated(store, document)
    if previous is None:
        store.execute_atomically(_cleanup_statements(common))
        return
    own = schema.SEP.join(("n", "Document", make_id("Document", document)))
    store.execute_atomically(_targeted_cleanup({*previous, own}, common))
