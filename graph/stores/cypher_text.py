"""Cypher read as tokens, for what a store checks or bounds before a statement runs.

The tokenizer looks past strings, comments and quoted names, so a keyword inside a
string is not taken for a clause. Two uses here: refusing file reads (``LOAD CSV``)
on the read path, and bounding the rows a statement can produce (a ``LIMIT`` on
every final ``RETURN``, so the engine stops instead of building the whole result).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<line_comment>//[^\n]*)
  | (?P<block_comment>/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<quoted>`(?:[^`]|``)*`)
  | (?P<param>\$\w+|\$`(?:[^`]|``)*`)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<symbol>.)
    """,
    re.VERBOSE | re.DOTALL,
)

_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = frozenset(_OPEN.values())


class UnreadableCypher(ValueError):
    """The statement cannot be split into tokens; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class UnboundedLimit(ValueError):
    """A final ``LIMIT`` whose value cannot be read before the statement runs."""


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    pos: int = 0
    depth: int = 0  # brackets of any kind open around the token

    @property
    def end(self) -> int:
        return self.pos + len(self.text)


def tokens(statement: str) -> list[Token]:
    """Significant tokens: no whitespace or comments; strings and quoted names kept whole."""
    out: list[Token] = []
    pos = depth = 0
    while pos < len(statement):
        match = _TOKEN.match(statement, pos)
        if match is None:  # pragma: no cover - the symbol branch matches any character
            raise UnreadableCypher("the statement cannot be read")
        kind = match.lastgroup or "symbol"
        text = match.group()
        if kind == "symbol" and text in "'\"`":
            raise UnreadableCypher("the statement has an unterminated string or quoted name")
        if kind == "symbol" and statement.startswith("/*", pos):
            raise UnreadableCypher("the statement has an unterminated comment")
        if kind not in {"space", "line_comment", "block_comment"}:
            if kind == "symbol" and text in _CLOSE:
                depth = max(0, depth - 1)
            out.append(Token(kind, text, pos, depth))
            if kind == "symbol" and text in _OPEN:
                depth += 1
        pos = match.end()
    return out


def is_keyword(toks: list[Token], i: int) -> bool:
    """``toks[i]`` is a bare word used as a clause keyword, not a property, label or key."""
    if toks[i].kind != "name":
        return False
    before = toks[i - 1].text if i else ""
    after = toks[i + 1].text if i + 1 < len(toks) else ""
    return before not in {".", ":", "$"} and after != ":"


def _keyword_at(toks: list[Token], i: int, word: str) -> bool:
    return toks[i].text.upper() == word and is_keyword(toks, i)


def reads_files(statement: str) -> bool:
    """True when the statement has a ``LOAD CSV`` clause (it reads files or URLs)."""
    try:
        toks = tokens(statement)
    except UnreadableCypher:
        return False  # the engine refuses it as a syntax error
    return any(
        _keyword_at(toks, i, "LOAD") and i + 1 < len(toks) and toks[i + 1].text.upper() == "CSV"
        for i in range(len(toks))
    )


def _limit_value(toks: list[Token], params: Mapping[str, Any]) -> int | None:
    """The value of a ``LIMIT`` argument: a number, or a parameter holding one."""
    if len(toks) != 1:
        return None
    tok = toks[0]
    if tok.kind == "number" and tok.text.isdigit():
        return int(tok.text)
    if tok.kind == "param":
        value = params.get(tok.text[1:].strip("`"))
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def cap_rows(statement: str, limit: int, params: Mapping[str, Any] | None = None) -> str:
    """``statement`` with every final ``RETURN`` stopping after at most ``limit`` rows.

    A ``RETURN`` without ``LIMIT`` gets ``LIMIT limit``; one with a larger ``LIMIT`` (a
    number or a parameter) has it lowered. Each part of a ``UNION`` is capped. A final
    ``LIMIT`` given as an expression raises :class:`UnboundedLimit`. A statement with no
    final ``RETURN`` (a bare ``CALL``) is returned unchanged.
    """
    params = params or {}
    try:
        toks = tokens(statement)
    except UnreadableCypher:
        return statement  # the engine refuses it as a syntax error
    if toks and toks[-1].text == ";":
        statement, toks = statement[: toks[-1].pos], toks[:-1]
    # the query parts: split at top-level UNION (UNION ALL keeps ALL in the next part)
    parts: list[tuple[int, int]] = []
    start = 0
    for i, tok in enumerate(toks):
        if tok.depth == 0 and _keyword_at(toks, i, "UNION"):
            parts.append((start, i))
            start = i + 2 if i + 1 < len(toks) and toks[i + 1].text.upper() == "ALL" else i + 1
    parts.append((start, len(toks)))

    edits: list[tuple[int, int, str]] = []  # (from, to, replacement) in statement offsets
    for first, last in parts:
        returns = [i for i in range(first, last)
                   if toks[i].depth == 0 and _keyword_at(toks, i, "RETURN")]
        if not returns or last <= first:
            continue
        limits = [i for i in range(returns[-1], last)
                  if toks[i].depth == 0 and _keyword_at(toks, i, "LIMIT")]
        if not limits:
            edits.append((toks[last - 1].end, toks[last - 1].end, f" LIMIT {limit}"))
            continue
        argument = toks[limits[-1] + 1 : last]
        value = _limit_value(argument, params)
        if value is None:
            raise UnboundedLimit(
                "the final LIMIT must be a number or a parameter holding one, so that the "
                "row cap can apply"
            )
        if value > limit or argument[0].kind == "param":
            edits.append((argument[0].pos, argument[-1].end, str(min(value, limit))))
    for begin, end, text in sorted(edits, reverse=True):
        statement = statement[:begin] + text + statement[end:]
    return statement.strip()
