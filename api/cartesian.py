"""How many rows a ``MATCH`` of unconnected patterns makes, read before it runs.

``MATCH (a), (b), (c), (d)`` pairs every node with every other: the engine stops it only
at its time limit, one store thread busy the whole time.  A ``MATCH`` whose patterns
fall into several groups that share no variable is a cartesian product of the groups;
each group's size is estimated from the store's label counts (the smallest label among
its nodes; every node for an unlabelled one).  The estimate is generous to the asker:
a group with a property map, a variable bound by an earlier clause or one named in the
``WHERE`` that follows counts as one row, and a statement with a ``LIMIT`` is let
through (the time limit still holds).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from orggraph.graph.stores.cypher_text import Token

#: clause keywords that end a MATCH's pattern list or its WHERE
_CLAUSES = frozenset({
    "MATCH", "OPTIONAL", "WHERE", "RETURN", "WITH", "UNWIND", "ORDER", "SKIP", "LIMIT",
    "UNION", "CALL", "YIELD",
})

#: nodes of a label (None: every node)
Sizes = Callable[[str | None], int]


@dataclass
class _Group:
    """Patterns linked by shared variables: their variables, node labels, and whether
    something pins them (a property map)."""

    names: set[str] = field(default_factory=set)
    nodes: list[str | None] = field(default_factory=list)
    pinned: bool = False


def _is_clause(toks: list[Token], i: int, depth: int) -> bool:
    tok = toks[i]
    return (tok.depth == depth and tok.kind == "name" and tok.text.upper() in _CLAUSES
            and (i == 0 or toks[i - 1].text not in {".", ":", "$"}))


def _part(toks: list[Token]) -> _Group:
    """One comma-separated pattern: ``p = (a:L {..})-[r:T]->(b)``."""
    group = _Group()
    if len(toks) > 1 and toks[1].text == "=" and toks[0].kind in {"name", "quoted"}:
        group.names.add(toks[0].text)  # a path variable
        toks = toks[2:]
    base = toks[0].depth if toks else 0
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.depth == base and tok.text in {"(", "["}:
            close = ")" if tok.text == "(" else "]"
            j = i + 1
            inner: list[Token] = []
            while j < len(toks) and not (toks[j].depth == base and toks[j].text == close):
                inner.append(toks[j])
                j += 1
            if inner and inner[0].kind in {"name", "quoted"} and inner[0].depth == base + 1:
                group.names.add(inner[0].text)
            labels = [inner[k + 1].text.strip("`") for k in range(len(inner) - 1)
                      if inner[k].text == ":" and inner[k].depth == base + 1
                      and inner[k + 1].kind in {"name", "quoted"}]
            group.pinned |= any(t.text == "{" and t.depth == base + 1 for t in inner)
            if tok.text == "(":
                group.nodes.append(labels[0] if labels else None)
            i = j
        i += 1
    return group


def _groups(parts: list[list[Token]], groups: list[_Group] | None = None) -> list[_Group]:
    """The parts added to ``groups``, merged wherever they share a variable."""
    groups = list(groups or [])
    for part in (p for p in parts if p):
        new = _part(part)
        for old in [g for g in groups if g.names & new.names]:
            groups.remove(old)
            new.names |= old.names
            new.nodes += old.nodes
            new.pinned |= old.pinned
        groups.append(new)
    return groups


def _refusal(groups: list[_Group], bound: set[str], named: set[str], sizes: Sizes,
             limit: int) -> str | None:
    if len(groups) < 2:
        return None
    counts = [1 if g.pinned or g.names & (bound | named) else min(sizes(n) for n in g.nodes)
              for g in groups]
    rows = math.prod(counts)
    if rows <= limit:
        return None
    return (
        f"the MATCH patterns fall into {len(groups)} unconnected groups, a cartesian product of "
        "about "
        f"{' x '.join(f'{c:,}' for c in counts)} = {rows:,} rows (at most {limit:,}): connect "
        "the patterns with a relationship, filter each (WHERE, or {property: value}), or add "
        "a LIMIT"
    )


def cartesian_refusal(toks: list[Token], sizes: Sizes, limit: int) -> str | None:
    """Why the statement is refused (a product of unconnected patterns above ``limit``
    rows), or None.  The patterns of every ``MATCH`` up to a ``WITH`` multiply together
    (a ``WITH`` may aggregate, so the count starts again after it)."""
    if any(t.kind == "name" and t.text.upper() == "LIMIT" for t in toks):
        return None
    # generous: a name given by AS anywhere (WITH, UNWIND) counts as bound
    bound = {toks[k + 1].text for k in range(len(toks) - 1) if toks[k].text.upper() == "AS"}
    top = min((t.depth for t in toks), default=0)
    groups: list[_Group] = []
    named: set[str] = set()
    i = 0
    while i < len(toks):
        word = toks[i].text.upper()
        if _is_clause(toks, i, top) and word in {"WITH", "UNION"}:
            refusal = _refusal(groups, bound, named, sizes, limit)
            if refusal:
                return refusal
            bound |= {n for g in groups for n in g.names}
            groups, named = [], set()
        if not (_is_clause(toks, i, toks[i].depth) and word in {"MATCH", "WHERE"}):
            i += 1
            continue
        depth = toks[i].depth
        optional = word == "MATCH" and i > 0 and toks[i - 1].text.upper() == "OPTIONAL"
        parts: list[list[Token]] = [[]]
        j = i + 1
        while j < len(toks) and not _is_clause(toks, j, depth):
            if toks[j].text == "," and toks[j].depth == depth:
                parts.append([])
            else:
                parts[-1].append(toks[j])
            j += 1
        if word == "WHERE":
            named |= {t.text for part in parts for t in part if t.kind in {"name", "quoted"}}
        elif optional:
            bound |= {n for g in _groups(parts) for n in g.names}
        else:
            groups = _groups(parts, groups)
        i = j
    return _refusal(groups, bound, named, sizes, limit)
