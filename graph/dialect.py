"""Where FalkorDB and Neo4j 5 Cypher differ: the one place that knows.

Canned queries are written in the subset both engines accept.  A query that
cannot be (undirected shortest paths, full-text search) carries one body per
engine, marked in its file with ``// @dialect falkordb`` / ``// @dialect neo4j``;
:func:`select_body` picks the body for the engine at hand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

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


_PARAM_REF = re.compile(r"\$(\w+)")


def chain_statements(
    statements: Sequence[tuple[str, dict[str, Any]]],
) -> tuple[str, dict[str, Any]]:
    """Write statements as ONE FalkorDB query, for a unit that must be atomic.

    FalkorDB has no multi-statement transactions, and between the queries of a
    MULTI/EXEC it lets waiting readers in.  One query holds the write lock
    throughout and is undone whole if it fails.  Segments are joined with
    ``WITH count(*)`` (one row, whatever the segment matched); each segment's
    parameters are renamed ``name__i`` so that segments cannot clash.  The
    statements must not end in RETURN.
    """
    parts: list[str] = []
    params: dict[str, Any] = {}
    for i, (cypher, values) in enumerate(statements):
        parts.append(_PARAM_REF.sub(lambda m, i=i: f"${m.group(1)}__{i}", cypher.strip()))
        params.update({f"{key}__{i}": value for key, value in values.items()})
    joints = [f"\nWITH count(*) AS unit__{i}\n" for i in range(len(parts))]
    text = parts[0] if parts else ""
    for joint, part in zip(joints, parts[1:], strict=False):
        text += joint + part
    return text, params


@dataclass(frozen=True)
class EngineOnly:
    """A statement only one engine is sent, and why."""

    engine: str
    pattern: str  # a regular expression for the whole statement, whitespace collapsed
    reason: str


#: Every kind of statement one engine is sent and the other is not.  The test of the
#: statements both stores send (tests/test_neo4j_statements.py) fails on any other.
ENGINE_ONLY: tuple[EngineOnly, ...] = (
    EngineOnly("neo4j", r"CREATE INDEX \w+ IF NOT EXISTS FOR \(n:\w+\) ON \(n\.\w+\)",
               "Neo4j's index: named, and IF NOT EXISTS makes it idempotent"),
    EngineOnly("neo4j",
               r"CREATE CONSTRAINT \w+ IF NOT EXISTS FOR \(n:\w+\) REQUIRE n\.\w+ IS UNIQUE",
               "Neo4j's uniqueness constraint is Cypher; FalkorDB's is a command"),
    EngineOnly("falkordb", r"CREATE INDEX FOR \((\w):\w+\) ON \(\1\.\w+\)",
               "FalkorDB's index takes no name and no IF NOT EXISTS (re-creating it raises); "
               "its client also creates one on the property of each uniqueness constraint"),
    EngineOnly("falkordb", r"GRAPH\.CONSTRAINT CREATE UNIQUE NODE \w+ PROPERTIES \w+",
               "FalkorDB's uniqueness constraint: a command, not Cypher"),
    EngineOnly("falkordb", r"CALL DB\.CONSTRAINTS\(\)",
               "FalkorDB's constraint command has no IF NOT EXISTS: the store lists them first"),
    EngineOnly("falkordb", r"RETURN 1",
               "opening the embedded store creates the graph's key (reads on a missing key fail)"),
)


def engine_only(cypher: str) -> EngineOnly | None:
    """The note saying which engine alone is sent ``cypher``; None when both are."""
    text = " ".join(cypher.split())
    return next((n for n in ENGINE_ONLY if re.fullmatch(n.pattern, text)), None)
