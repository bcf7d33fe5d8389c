"""Where FalkorDB and Neo4j 5 Cypher differ: the one place that knows.

Canned queries are written in the subset both engines accept.  A query that
cannot be (undirected shortest paths, full-text search) carries one body per
engine, marked in its file with ``// @dialect falkordb`` / ``// @dialect neo4j``;
:func:`select_body` picks the body for the engine at hand.
"""

from __future__ import annotations

import re

ENGINES = ("falkordb", "neo4j")
_MARK = re.compile(r"^//\s*@dialect\s+(\w+)\s*$", re.MULTILINE)


def neo4j_index(label: str, prop: str) -> str:
    return f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"


def neo4j_unique(label: str, prop: str) -> str:
    return (
        f"CREATE CONSTRAINT {label.lower()}_{prop}_unique IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE"
    )


def falkordb_index(label: str, prop: str) -> str:
    # FalkorDB takes neither a name nor IF NOT EXISTS; re-creating raises, callers ignore that.
    return f"CREATE INDEX FOR (n:{label}) ON (n.{prop})"


def split_bodies(text: str) -> dict[str, str]:
    """Split a query body into per-engine bodies; ``"*"`` is the shared body."""
    marks = list(_MARK.finditer(text))
    if not marks:
        return {"*": text.strip()}
    bodies: dict[str, str] = {}
    shared = text[: marks[0].start()].strip()
    if shared:
        bodies["*"] = shared
    for i, mark in enumerate(marks):
        engine = mark.group(1).lower()
        if engine not in ENGINES:
            raise ValueError(f"unknown dialect {engine!r} (expected one of {ENGINES})")
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        bodies[engine] = text[mark.end() : end].strip()
    return bodies


def select_body(bodies: dict[str, str], engine: str) -> str:
    """The body for ``engine``, else the shared one."""
    body = bodies.get(engine) or bodies.get("*")
    if body is None:
        raise KeyError(f"no Cypher for engine {engine!r}")
    return body
