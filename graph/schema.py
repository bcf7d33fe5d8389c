"""Declarative node and relationship schemas that generate the load statements.

As in Cartography: the schema says which labels and relationship types exist and
which properties are indexed; the statements (batched ``UNWIND ... MERGE`` and the
update-tag cleanup) are generated from it, never written by hand per label.

Evidence and aliases are kept per document so that reloading one document can
replace exactly what that document said: each entry is a string
``document<US>line<US>quote`` (``<US>`` is the ASCII unit separator), filtered
by its ``document<US>`` prefix.  ``tags`` holds ``document<US>update-tag`` for
every document that stated the element in its latest load.
"""

from __future__ import annotations

from dataclasses import dataclass

from orggraph.graph.model import LABELS, REL_TYPES

SEP = "\x1f"

#: properties the writer manages itself; everything else in ``properties`` is the entity's own
INTERNAL_PROPS = frozenset({"id", "name", "aliases", "alias_src", "sources", "tags", "documents"})


@dataclass(frozen=True)
class NodeSchema:
    label: str
    unique: tuple[str, ...] = ("id",)
    indexed: tuple[str, ...] = ("name",)
    #: list properties each document states for itself (stored as ``<prop>_src`` entries
    #: ``document<US>value``); the public ``<prop>`` is their union over the documents
    per_document: tuple[str, ...] = ()


@dataclass(frozen=True)
class RelSchema:
    type: str
    pairs: tuple[tuple[str, str], ...]


#: the merge log of a node: one JSON string per merge step (rule, names, reason,
#: evidence), kept per document like the evidence; see ``orggraph.graph.service.merges``
MERGES = "merges"
PER_DOCUMENT: dict[str, tuple[str, ...]] = {
    label: (("wbs", MERGES) if label == "Role" else (MERGES,))
    for label in LABELS
    if label != "Document"
}
NODES: tuple[NodeSchema, ...] = tuple(
    NodeSchema(label, per_document=PER_DOCUMENT.get(label, ())) for label in LABELS
)
NODE_SCHEMAS: dict[str, NodeSchema] = {n.label: n for n in NODES}


def source_key(prop: str) -> str:
    """Where a per-document property keeps its ``document<US>value`` entries."""
    return f"{prop}_src"


RELS: tuple[RelSchema, ...] = tuple(RelSchema(t, pairs) for t, pairs in REL_TYPES.items())


def _kept(v: str, field: str, *, by_prefix: bool = True) -> str:
    """``v.field`` without this document's entries."""
    if by_prefix:
        return f"[x IN coalesce({v}.{field}, []) WHERE NOT x STARTS WITH $prefix]"
    return f"[x IN coalesce({v}.{field}, []) WHERE x <> $doc]"


def _union(entries: str) -> str:
    """Distinct values of ``document<US>value`` entries, in first-seen order."""
    return (
        f"reduce(acc = [], x IN [a IN {entries} | split(a, $sep)[1]] | "
        "CASE WHEN x IN acc THEN acc ELSE acc + [x] END)"
    )


def _stamp(v: str, *, adding: bool, merged: tuple[str, ...] = ()) -> tuple[str, str]:
    """A WITH computing the new evidence lists, and the SET writing them.

    ``merged`` names the properties kept per document whose public value is the
    union (``aliases`` from ``alias_src``, and a schema's ``per_document`` ones).
    The lists are computed first because FalkorDB evaluates every SET of a clause
    chain against the values from before the update.
    """
    parts = {
        "documents": _kept(v, "documents", by_prefix=False) + (" + [$doc]" if adding else ""),
        "sources": _kept(v, "sources") + (" + r.sources" if adding else ""),
        "tags": _kept(v, "tags") + (" + [$doctag]" if adding else ""),
    }
    for prop in merged:
        key = "alias_src" if prop == "aliases" else source_key(prop)
        parts[key] = _kept(v, key) + (f" + r.{key}" if adding else "")
    carried = f"{v}, r" if adding else v
    with_clause = "WITH " + carried + ", " + ", ".join(f"{e} AS new_{k}" for k, e in parts.items())
    sets = [f"{v}.{k} = new_{k}" for k in parts]
    for prop in merged:
        key = "alias_src" if prop == "aliases" else source_key(prop)
        sets.append(f"{v}.{prop} = {_union('new_' + key)}")
    return with_clause, "SET " + ", ".join(sets)


def _node_merged(label: str) -> tuple[str, ...]:
    return ("aliases", *NODE_SCHEMAS[label].per_document)


def node_upsert(label: str) -> str:
    """MERGE a batch of ``$rows`` of one label, replacing this document's evidence."""
    with_clause, set_clause = _stamp("n", adding=True, merged=_node_merged(label))
    return (
        f"UNWIND $rows AS r\nMERGE (n:{label} {{id: r.id}})\n{with_clause}\n"
        f"{set_clause}, n += r.props, n.name = r.name"
    )


def edge_upsert(rel_type: str, source: str, target: str) -> str:
    """MERGE a batch of ``$rows`` of one type between two labels."""
    with_clause, set_clause = _stamp("e", adding=True)
    return (
        f"UNWIND $rows AS r\nMATCH (a:{source} {{id: r.source}})\n"
        f"MATCH (b:{target} {{id: r.target}})\nMERGE (a)-[e:{rel_type}]->(b)\n"
        f"{with_clause}\n{set_clause}, e += r.props, e.key = r.key"
    )


def node_cleanup(label: str) -> str:
    """Drop this document's word from nodes its latest load no longer states."""
    with_clause, set_clause = _stamp("n", adding=False, merged=_node_merged(label))
    return (
        f"MATCH (n:{label}) WHERE $doc IN n.documents AND NOT $doctag IN n.tags\n"
        f"{with_clause}\n{set_clause}\n"
        "WITH n, new_documents WHERE size(new_documents) = 0\nDETACH DELETE n"
    )


def edge_cleanup(rel_type: str) -> str:
    """Drop this document's word from relationships its latest load no longer states."""
    with_clause, set_clause = _stamp("e", adding=False)
    return (
        f"MATCH ()-[e:{rel_type}]->() WHERE $doc IN e.documents AND NOT $doctag IN e.tags\n"
        f"{with_clause}\n{set_clause}\n"
        "WITH e, new_documents WHERE size(new_documents) = 0\nDELETE e"
    )


def node_cleanup_by_id(label: str) -> str:
    """Like :func:`node_cleanup`, for the ``$ids`` the document stated last time only."""
    with_clause, set_clause = _stamp("n", adding=False, merged=_node_merged(label))
    return (
        f"UNWIND $ids AS gone\nMATCH (n:{label} {{id: gone}}) WHERE $doc IN n.documents\n"
        f"{with_clause}\n{set_clause}\n"
        "WITH n, new_documents WHERE size(new_documents) = 0\nDETACH DELETE n"
    )


def edge_cleanup_by_ends(rel_type: str, source: str, target: str) -> str:
    """Like :func:`edge_cleanup`, for the ``$pairs`` the document stated last time only."""
    with_clause, set_clause = _stamp("e", adding=False)
    return (
        f"UNWIND $pairs AS gone\nMATCH (a:{source} {{id: gone.source}})"
        f"-[e:{rel_type}]->(b:{target} {{id: gone.target}}) WHERE $doc IN e.documents\n"
        f"{with_clause}\n{set_clause}\n"
        "WITH e, new_documents WHERE size(new_documents) = 0\nDELETE e"
    )


def document_stated() -> str:
    """What a document stated at its last load (None before the first)."""
    return "MATCH (d:Document {id: $id}) RETURN d.stated AS stated"
