"""Small pieces of TikZ source syntax: coordinate operators, loop lists and bodies,
matrix rows and cells, label option values."""

from __future__ import annotations

import re
from collections.abc import Callable

from .latex_tikz_opts import number

MAX_ITEMS = 5_000


def split_op(text: str, op: str) -> tuple[str, str] | None:
    depth = 0
    for k in range(len(text) - 1):
        ch = text[k]
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and text.startswith(op, k):
            return text[:k], text[k + 2 :]
    return None


def match_paren(s: str, i: int) -> int:
    depth = 0
    for k in range(i, len(s)):
        if s[k] == "(":
            depth += 1
        elif s[k] == ")":
            depth -= 1
            if depth == 0:
                return k
    return len(s) - 1


def substitute(body: str, names: list[str], vals: list[str]) -> str:
    for name, val in zip(names, vals, strict=False):
        body = re.sub(re.escape(name) + r"(?![A-Za-z@])", _literal(val), body)
    return body


def _literal(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement that inserts ``text`` as it is (no backslash escapes)."""
    return lambda _m: text


def expand_ranges(items: list[str]) -> list[str]:
    """``1,...,5`` and ``a,...,e`` loop lists written out."""
    if "..." not in items:
        return items
    out: list[str] = []
    for k, it in enumerate(items):
        if it != "...":
            out.append(it)
            continue
        if not out or k + 1 >= len(items):
            continue
        last, nxt = out[-1], items[k + 1]
        a, b = number(last), number(nxt)
        if a is not None and b is not None:
            before = number(out[-2]) if len(out) >= 2 else None
            step = a - before if before is not None else (1.0 if b >= a else -1.0)
            if step == 0 or abs((b - a) / step) > MAX_ITEMS:
                continue
            v = a + step
            while (step > 0 and v < b - 1e-9) or (step < 0 and v > b + 1e-9):
                out.append(str(int(v)) if float(v).is_integer() else str(v))
                v += step
        elif len(last) == 1 and len(nxt) == 1:
            out.extend(chr(c) for c in range(ord(last) + 1, ord(nxt)))
    return out


def matrix_rows(s: str, a: int, b: int) -> list[tuple[int, str, int]]:
    rows: list[tuple[int, str, int]] = []
    depth = 0
    start = a
    k = a
    n = 0
    while k < b:
        ch = s[k]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "\\" and s.startswith("\\\\", k) and depth == 0:
            rows.append((n, s[start:k], start))
            n += 1
            k += 2
            start = k
            continue
        elif ch == "\\":
            k += 2
            continue
        k += 1
    if s[start:b].strip():
        rows.append((n, s[start:b], start))
    return rows


def matrix_cells(s: str, a: int, b: int) -> list[tuple[int, int]]:
    cells: list[tuple[int, int]] = []
    depth = 0
    start = a
    for k in range(a, b):
        ch = s[k]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "&" and depth == 0 and (k == 0 or s[k - 1] != "\\"):
            cells.append((start, k))
            start = k + 1
    cells.append((start, b))
    return cells


def label_text(val: str) -> str:
    """The text of a ``label=``/``pin=`` value: ``[opts]above:Text`` -> ``Text``."""
    val = val.strip()
    if val.startswith("{") and val.endswith("}"):
        val = val[1:-1].strip()
    val = re.sub(r"^\[[^\]]*\]\s*", "", val)
    m = re.match(
        r"^(?:above|below|left|right|north|south|east|west|center|"
        r"(?:above|below) (?:left|right)|\d+)\s*:",
        val,
    )
    return val[m.end() :].strip() if m else val
