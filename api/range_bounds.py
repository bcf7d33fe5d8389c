"""How many values the ``range()`` calls of a statement build, read before it runs.

FalkorDB builds a ``range()`` list in one step and evaluates an expression over it
(``reduce``, a list comprehension) without looking at its time limit, so the size of
those lists is what bounds the work the engine cannot interrupt. A bound is readable
when it is made of numbers, parameters and arithmetic; the sizes of all the calls are
multiplied (one may be nested in another).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from orggraph.graph.stores.cypher_text import Token

_HUGE = float(2**62)


class _Unreadable(Exception):
    pass


class _Folder:
    """Evaluate numbers, parameters, unary and binary arithmetic, and parentheses."""

    def __init__(self, toks: list[Token], params: Mapping[str, Any]) -> None:
        self.toks = toks
        self.params = params
        self.i = 0

    def value(self) -> float:
        result = self._sum()
        if self.i != len(self.toks):
            raise _Unreadable
        return result

    def _peek(self) -> str:
        return self.toks[self.i].text if self.i < len(self.toks) else ""

    def _sum(self) -> float:
        left = self._product()
        while self._peek() in {"+", "-"}:
            op = self.toks[self.i].text
            self.i += 1
            right = self._product()
            left = left + right if op == "+" else left - right
        return _clamp(left)

    def _product(self) -> float:
        left = self._power()
        while self._peek() in {"*", "/", "%"}:
            op = self.toks[self.i].text
            self.i += 1
            right = self._power()
            if op == "*":
                left = left * right
            elif right == 0:
                raise _Unreadable  # the engine reports the division by zero
            else:
                left = math.trunc(left / right) if op == "/" else math.fmod(left, right)
        return _clamp(left)

    def _power(self) -> float:
        base = self._unary()
        if self._peek() == "^":
            self.i += 1
            exponent = self._power()
            try:
                return _clamp(math.pow(base, exponent))
            except (OverflowError, ValueError):
                return _HUGE
        return base

    def _unary(self) -> float:
        if self._peek() in {"-", "+"}:
            sign = -1 if self.toks[self.i].text == "-" else 1
            self.i += 1
            return sign * self._unary()
        return self._atom()

    def _atom(self) -> float:
        if self.i >= len(self.toks):
            raise _Unreadable
        tok = self.toks[self.i]
        self.i += 1
        if tok.kind == "number":
            return _clamp(float(tok.text))
        if tok.kind == "param":
            value = self.params.get(tok.text[1:].strip("`"))
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise _Unreadable(f"parameter {tok.text} must be given a number")
            return _clamp(float(value))
        if tok.text == "(":
            inner = self._sum()
            if self._peek() != ")":
                raise _Unreadable
            self.i += 1
            return inner
        raise _Unreadable


def _clamp(value: float) -> float:
    if math.isnan(value):
        raise _Unreadable
    return max(-_HUGE, min(_HUGE, value))


def _arguments(toks: list[Token], open_at: int) -> tuple[list[list[Token]], int]:
    """The comma-separated arguments of the call whose ``(`` is at ``open_at``, and the
    index of its ``)``."""
    depth = toks[open_at].depth
    args: list[list[Token]] = [[]]
    i = open_at + 1
    while i < len(toks):
        tok = toks[i]
        if tok.depth == depth and tok.text == ")":
            return ([] if args == [[]] else args), i
        if tok.depth == depth + 1 and tok.text == ",":
            args.append([])
        else:
            args[-1].append(tok)
        i += 1
    return args, len(toks) - 1


def _size(bounds: list[float]) -> float:
    start, end = bounds[0], bounds[1]
    step = bounds[2] if len(bounds) == 3 else 1.0
    if step == 0:
        return 0.0
    count = math.floor((end - start) / step) + 1
    return float(max(0, count))


def range_sizes(
    statement: str, toks: list[Token], params: Mapping[str, Any]
) -> list[tuple[str, float | str]]:
    """Each ``range()`` call as (its text, the values it builds, or why they are unknown)."""
    found: list[tuple[str, float | str]] = []
    for i, tok in enumerate(toks):
        if tok.kind != "name" or tok.text.lower() != "range":
            continue
        if i + 1 >= len(toks) or toks[i + 1].text != "(" or (i and toks[i - 1].text == "."):
            continue
        args, close = _arguments(toks, i + 1)
        text = " ".join(statement[tok.pos : toks[close].end].split())[:80]
        if len(args) not in (2, 3):
            continue  # the engine reports the wrong arity
        try:
            found.append((text, _size([_Folder(a, params).value() for a in args])))
        except _Unreadable as exc:
            found.append((text, str(exc) or "computed"))
    return found


def range_refusal(
    statement: str, toks: list[Token], params: Mapping[str, Any], max_range: int
) -> str | None:
    """Why the statement's ``range()`` calls cannot run, or None when they are bounded."""
    sizes = range_sizes(statement, toks, params)
    for text, size in sizes:
        if size == "computed":
            return (
                f"the bounds of {text} are computed while the query runs, so its size cannot "
                "be checked before: give the bounds as numbers or parameters (range(0, $n)), "
                "or UNWIND the list itself (UNWIND nodes(p) AS n)"
            )
        if isinstance(size, str):
            return f"{text}: {size}"
    counts = [(text, size) for text, size in sizes if isinstance(size, float)]
    total = 1.0
    for _, size in counts:
        total = min(_HUGE, total * size)
    if counts and total > max_range:
        biggest = max(counts, key=lambda s: s[1])[0]
        return (
            f"the range() calls would build {total:,.0f} values ({biggest}); a statement may "
            f"build at most {max_range:,}: use smaller ranges, or page through the values "
            "with parameters"
        )
    return None


_QUANTIFIERS = frozenset({"reduce", "any", "all", "none", "single", "filter", "extract"})


def _close_of(toks: list[Token], open_at: int) -> int:
    depth = toks[open_at].depth
    for i in range(open_at + 1, len(toks)):
        if toks[i].depth == depth and toks[i].text in {")", "]", "}"}:
            return i
    return len(toks) - 1


def _iterations(toks: list[Token]) -> list[tuple[int, int, int]]:
    """List iterations inside expressions (``[x IN list | ...]``, ``reduce(a = 0, x IN
    list | ...)``, ``any(x IN list WHERE ...)``): (the ``IN``, the span's start, its end)."""
    found = []
    for i, tok in enumerate(toks):
        if tok.kind != "name" or tok.text.upper() != "IN" or i < 2:
            continue
        if toks[i - 1].kind != "name":
            continue
        opener = i - 2
        if toks[opener].text == ",":  # reduce(acc = init, x IN ...)
            opener = next((j for j in range(opener, -1, -1)
                           if toks[j].text == "(" and toks[j].depth < toks[i].depth), -1)
            if opener < 1 or toks[opener - 1].text.lower() != "reduce":
                continue
        elif toks[opener].text == "(":
            if opener < 1 or toks[opener - 1].text.lower() not in _QUANTIFIERS:
                continue
        elif toks[opener].text != "[":
            continue
        found.append((i, opener, _close_of(toks, opener)))
    return found


def _iterated_list_is_sized(toks: list[Token], at_in: int) -> bool:
    """The list after ``IN`` is a ``range(...)`` call or a list literal (sized before it runs)."""
    nxt = toks[at_in + 1] if at_in + 1 < len(toks) else None
    if nxt is None:
        return False
    return nxt.text == "[" or (nxt.text.lower() == "range" and at_in + 2 < len(toks)
                               and toks[at_in + 2].text == "(")


def _accumulator_doubles(toks: list[Token], opener: int, close: int) -> str | None:
    """The accumulator of ``reduce(acc = init, x IN list | body)`` when the body uses it
    more than once on values that can grow (strings, lists, maps)."""
    if opener + 2 >= close or toks[opener + 2].text != "=":
        return None
    acc = toks[opener + 1].text
    bar = next((j for j in range(opener, close) if toks[j].text == "|"
                and toks[j].depth == toks[opener].depth + 1), None)
    if bar is None:
        return None
    body = toks[bar + 1 : close]
    uses = sum(1 for j, t in enumerate(body)
               if t.text == acc and (j == 0 or body[j - 1].text != "."))
    if uses < 2:
        return None
    init = toks[opener + 3 : next((j for j in range(opener, close) if toks[j].text == ","
                                   and toks[j].depth == toks[opener].depth + 1), close)]
    numeric = len(init) == 1 and init[0].kind == "number"
    grows = any(t.kind == "string" or t.text in {"[", "{"} or t.text.lower() in
                {"tostring", "tostringornull", "string", "list", "split", "keys"} for t in body)
    return None if numeric and not grows else acc


def iteration_refusal(toks: list[Token]) -> str | None:
    """Why the statement's expressions could run unbounded inside the engine, or None.

    Two forms the engine evaluates as one step that its time limit cannot stop: list
    iterations nested in one another over lists of unknown size, and a ``reduce`` whose
    accumulator is used twice per step (it can double at every element).
    """
    iterations = _iterations(toks)
    for at_in, opener, close in iterations:
        if toks[opener].text == "(" and toks[opener - 1].text.lower() == "reduce":
            acc = _accumulator_doubles(toks, opener, close)
            if acc:
                return (
                    f"reduce() uses its accumulator {acc} more than once per step, so the "
                    "value can double at every element, and the engine cannot stop one "
                    "expression once it runs: use the accumulator once per step"
                )
        inner = [j for j, start, end in iterations if start > opener and end <= close]
        if inner and not (_iterated_list_is_sized(toks, at_in)
                          and all(_iterated_list_is_sized(toks, j) for j in inner)):
            return (
                "list iterations nested in one another run as one expression, which the "
                "engine's time limit cannot stop: iterate with UNWIND instead "
                "(UNWIND xs AS x UNWIND ys AS y ...), which the time limit covers"
            )
    return None
