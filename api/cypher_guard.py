"""Refuse any Cypher statement that could write, before it reaches the store.

The first wall of ``POST /cypher``: a lexical classifier that looks past strings,
comments and quoted names and refuses write clauses, administration commands,
subqueries, several statements, and procedures or namespaced functions not known
to be read-only.  The second wall is the store itself, which runs the statement in
its read-only mode (FalkorDB ``GRAPH.RO_QUERY``, Neo4j READ access) and refuses
``LOAD CSV`` there too.

It also refuses what the engine could not stop once started: FalkorDB checks its time
limit between records, not while it evaluates one expression, so a ``range()`` that
builds a huge list (or a ``reduce`` over one) would run, and hold memory, far past the
limit. ``range()`` bounds must be numbers or parameters, all the ``range()`` calls of a
statement together may build at most ``max_range`` values, list iterations may not be
nested over lists of unknown size, and a ``reduce`` may not use its accumulator twice
per step (see :mod:`range_bounds`); given the store's label counts, a MATCH of
unconnected patterns may make at most ``max_cartesian`` rows (see :mod:`cartesian`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orggraph.api.cartesian import Sizes, cartesian_refusal
from orggraph.api.range_bounds import iteration_refusal, range_refusal
from orggraph.graph.stores import cypher_text
from orggraph.graph.stores.cypher_text import Token

#: clauses that change data or schema
WRITE_CLAUSES = frozenset(
    {"CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "FOREACH", "LOAD", "INSERT"}
)
#: administration commands (users, databases, transactions)
ADMIN_COMMANDS = frozenset(
    {"ALTER", "GRANT", "DENY", "REVOKE", "START", "STOP", "TERMINATE", "RENAME", "ENABLE",
     "SHOW", "USE", "DEALLOCATE", "REALLOCATE"}
)
#: keywords that open a subquery when followed by ``{``
SUBQUERY_KEYWORDS = frozenset({"CALL", "EXISTS", "COUNT", "COLLECT"})

#: procedures known to be read-only on FalkorDB or Neo4j (compared case-insensitively)
READ_ONLY_PROCEDURES = frozenset(
    p.lower()
    for p in (
        "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.indexes", "db.constraints",
        "db.meta.stats", "db.schema.visualization", "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties", "db.idx.fulltext.queryNodes",
        "db.idx.fulltext.queryRelationships", "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships", "algo.SPpaths", "algo.SSpaths", "algo.BFS",
        "algo.pageRank", "algo.betweenness", "algo.WCC", "algo.labelPropagation", "algo.MSF",
        "dbms.components", "dbms.procedures",
    )
)
#: namespaces of functions known to be pure
READ_ONLY_FUNCTION_NAMESPACES = frozenset(
    {"string", "list", "date", "datetime", "localdatetime", "localtime", "time", "duration",
     "point", "vector", "vec", "math"}
)


class CypherRefused(Exception):
    """The statement was refused before execution; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def tokens(statement: str) -> list[Token]:
    """Significant tokens: no whitespace or comments; strings and quoted names kept whole."""
    try:
        return cypher_text.tokens(statement)
    except cypher_text.UnreadableCypher as exc:
        raise CypherRefused(exc.reason) from None


def _dotted(toks: list[Token], start: int) -> tuple[str, int]:
    """The dotted name starting at ``start`` (``db.idx.fulltext.queryNodes``) and its end."""
    parts = [toks[start].text.strip("`")]
    i = start + 1
    while i + 1 < len(toks) and toks[i].text == "." and toks[i + 1].kind in {"name", "quoted"}:
        parts.append(toks[i + 1].text.strip("`"))
        i += 2
    return ".".join(parts), i


def _check_word(toks: list[Token], i: int, word: str, after: str) -> None:
    """Refuse the keyword at ``toks[i]`` if it writes, administers or opens a subquery."""
    if word in SUBQUERY_KEYWORDS and after == "{":
        raise CypherRefused(f"subqueries ({word} {{...}}) are not allowed")
    if word == "LOAD":
        raise CypherRefused("LOAD CSV reads files: only reads of the graph are allowed")
    if word in WRITE_CLAUSES:
        raise CypherRefused(f"{word} writes to the graph: only reads are allowed")
    if word in ADMIN_COMMANDS:
        raise CypherRefused(f"{word} is an administration command: only reads are allowed")
    if word == "CALL":
        if i + 1 >= len(toks) or toks[i + 1].kind not in {"name", "quoted"}:
            raise CypherRefused("CALL must name a procedure")
        name, _ = _dotted(toks, i + 1)
        if name.lower() not in READ_ONLY_PROCEDURES:
            raise CypherRefused(f"procedure {name} is not known to be read-only")


#: the values all range() calls of one statement may build, unless the caller says otherwise
DEFAULT_MAX_RANGE = 1_000_000
#: the rows a MATCH of unconnected patterns may make, unless the caller says otherwise
DEFAULT_MAX_CARTESIAN = 100_000_000


def check(
    statement: str,
    params: Mapping[str, Any] | None = None,
    *,
    max_range: int = DEFAULT_MAX_RANGE,
    sizes: Sizes | None = None,
    max_cartesian: int = DEFAULT_MAX_CARTESIAN,
) -> str:
    """The statement (trailing semicolon removed) if it is a bounded read; CypherRefused
    otherwise. ``params`` are the values the statement will run with; ``sizes`` (nodes
    of a label, None for all) lets it refuse cartesian products (:mod:`cartesian`)."""
    toks = tokens(statement)
    if toks and toks[-1].text == ";":
        statement = statement[: toks[-1].pos]
        toks = toks[:-1]
    if not toks:
        raise CypherRefused("the statement is empty")
    for i, tok in enumerate(toks):
        if tok.text == ";":
            raise CypherRefused("only one statement may be sent at a time")
        if tok.kind not in {"name", "quoted"}:
            continue
        before = toks[i - 1].text if i else ""
        after = toks[i + 1].text if i + 1 < len(toks) else ""
        if before in {".", ":", "$"} or after == ":":
            continue  # a property, a label or a map key, not a clause
        if before.upper() == "CALL":
            continue  # the procedure name, checked with its CALL
        if tok.kind == "name":
            _check_word(toks, i, tok.text.upper(), after)
        if after in {".", "("}:
            name, end = _dotted(toks, i)
            is_call = end < len(toks) and toks[end].text == "(" and "." in name
            if is_call and name.split(".")[0].lower() not in READ_ONLY_FUNCTION_NAMESPACES:
                raise CypherRefused(f"function {name} is not known to be read-only")
    refusal = range_refusal(statement, toks, params or {}, max_range) or iteration_refusal(toks)
    if not refusal and sizes is not None:
        refusal = cartesian_refusal(toks, sizes, max_cartesian)
    if refusal:
        raise CypherRefused(refusal)
    return statement.strip()
