"""TikZ option lists, styles, lengths and arrow tips: what the TikZ reader needs to know
about a key list to place a node or tell whether a path has an arrow head."""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable

#: lengths in centimetres (a bare number in a TikZ coordinate is in centimetres)
# fmt: off
UNITS: dict[str, float] = {
    "cm": 1.0, "mm": 0.1, "pt": 2.54 / 72.27, "bp": 2.54 / 72, "in": 2.54,
    "pc": 12 * 2.54 / 72.27, "em": 0.35, "ex": 0.15, "sp": 2.54 / 72.27 / 65536, "dd": 0.0376,
    "cc": 0.4513,
}
# fmt: on
_UNIT = re.compile(r"(\d*\.?\d+(?:[eE][-+]?\d+)?)\s*(cm|mm|pt|bp|in|pc|em|ex|sp|dd|cc)\b")
# fmt: off
_SIMPLE = re.compile(r"^([-+]?(?:\d+\.?\d*|\.\d+))\s*(cm|mm|pt|bp|in|pc|em|ex|sp|dd|cc)?$")
_OPS: dict[type, Callable[..., float]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv, ast.USub: operator.neg, ast.UAdd: operator.pos,
    ast.Pow: operator.pow,
}
# fmt: on
# fmt: off
_FUNCS: dict[str, Callable[..., float]] = {
    "sin": lambda d: math.sin(math.radians(d)), "cos": lambda d: math.cos(math.radians(d)),
    "sqrt": math.sqrt, "abs": abs, "max": max, "min": min, "round": round, "floor": math.floor,
    "ceil": math.ceil,
}
# fmt: on


def _eval(node: ast.AST) -> float:
    if isinstance(node, ast.Expression):
        return _eval(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return float(_OPS[type(node.op)](_eval(node.left), _eval(node.right)))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPS:
        return float(_OPS[type(node.op)](_eval(node.operand)))
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _FUNCS
        and not node.keywords
    ):
        return float(_FUNCS[node.func.id](*[_eval(a) for a in node.args]))
    raise ValueError("not a number")


def number(text: str) -> float | None:
    """A length or number in centimetres (``15mm`` -> 1.5, ``2`` -> 2, ``1+0.5`` -> 1.5)."""
    text = text.strip().strip("{}").strip()
    if not text:
        return None
    simple = _SIMPLE.match(text)
    if simple:
        return float(simple.group(1)) * (UNITS[simple.group(2)] if simple.group(2) else 1.0)
    try:
        value = float(text)
    except ValueError:
        pass
    else:
        return value if math.isfinite(value) else None
    expr = _UNIT.sub(lambda m: f"({m.group(1)}*{UNITS[m.group(2)]!r})", text)
    if re.search(
        r"[A-Za-z_\\]", re.sub(r"\b(?:sin|cos|sqrt|abs|max|min|round|floor|ceil)\(", "", expr)
    ):
        return None
    if len(expr) > 200:
        return None
    try:
        value = _eval(ast.parse(expr.replace("^", "**"), mode="eval"))
    except (SyntaxError, ValueError, TypeError, ZeroDivisionError, OverflowError, RecursionError):
        return None
    return value if math.isfinite(value) else None


def unitless(text: str) -> bool:
    """Whether a coordinate's component is a bare number (in the picture's x/y units)."""
    return not _UNIT.search(text)


def split_top(text: str, sep: str = ",") -> list[str]:
    """``text`` split at ``sep`` outside braces, brackets and parentheses."""
    out: list[str] = []
    depth = 0
    cur: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            cur.append(text[i : i + 2])
            i += 2
            continue
        if ch in "{[(":
            depth += 1
        elif ch in "}])":
            depth = max(0, depth - 1)
        if ch == sep and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    out.append("".join(cur))
    return [p.strip() for p in out if p.strip()]


Opt = tuple[str, str | None]
Styles = dict[str, list[Opt]]


def parse_opts(text: str) -> list[Opt]:
    """A key list: ``draw, below=1cm of a, ->`` -> [("draw", None), ("below", "1cm of a"), ...]."""
    out: list[Opt] = []
    for part in split_top(text):
        if "=" in part and not _is_arrow(part):
            key, _, val = part.partition("=")
            val = val.strip()
            if len(val) >= 2 and val[0] == "{" and val[-1] == "}":
                val = val[1:-1].strip()
            out.append((" ".join(key.split()), val))
        else:
            out.append((" ".join(part.split()), None))
    return out


def resolve(opts: list[Opt], styles: Styles, depth: int = 0) -> list[Opt]:
    """``opts`` with every style name replaced by its keys (recursively)."""
    out: list[Opt] = []
    for key, val in opts:
        if val is None and key in styles and depth < 12:
            out.extend(resolve(styles[key], styles, depth + 1))
        elif key == "style" and val is not None and depth < 12:
            out.extend(resolve(parse_opts(val), styles, depth + 1))
        else:
            out.append((key, val))
    return out


def define_styles(opts: list[Opt], styles: Styles) -> None:
    """Record ``name/.style={...}`` (and ``.append style``) keys of ``opts`` in ``styles``."""
    for key, val in opts:
        if val is None:
            continue
        m = re.match(r"^(.+?)/\.(style|append style|prefix style)(?:\s+\d+\s+args)?$", key)
        if not m:
            continue
        name = m.group(1).strip()
        new = parse_opts(val)
        if m.group(2) == "style":
            styles[name] = new
        elif m.group(2) == "append style":
            styles[name] = [*styles.get(name, []), *new]
        else:
            styles[name] = [*new, *styles.get(name, [])]


_TIP_WORDS = re.compile(
    r"^(?:latex'?|stealth'?|to|latex|stealth|triangle(?: \d+)?|open triangle(?: \d+)?|"
    r"angle(?: \d+)?|open diamond|diamond|square|circle|open circle|o|\*|\]|\[|\)|\(|"
    r"Latex|Stealth|Triangle|Kite|Square|Circle|Bar|Hooks|Straight Barb|Arc Barb|Rays|"
    r"Classical TikZ Rightarrow|Computer Modern Rightarrow|Rightarrow|Implies|Tee Barb|"
    r"Triangle Cap|Round Cap|Butt Cap|Fast Triangle|Fast Round|Parenthesis|Turned Square|"
    r"Ellipse|Diamond|Arrow|Bracket)(?:\[[^\]]*\])?$",
    re.IGNORECASE,
)


def _tip(text: str) -> bool:
    text = text.strip()
    if not text:
        return False
    if text.startswith("{") and text.endswith("}"):
        return True
    if re.fullmatch(r"[<>|]+", text):
        return text != "|"
    return bool(_TIP_WORDS.match(text))


def _is_arrow(opt: str) -> bool:
    return arrow_of(opt) is not None


def arrow_of(opt: str) -> int | None:
    """The arrow an option draws: 1 a head at the end, -1 at the start, 2 both, 0 none;
    None if it is not an arrow option at all."""
    opt = opt.strip()
    if opt.startswith("arrows=") or opt.startswith("arrows ="):
        opt = opt.split("=", 1)[1].strip().strip("{}")
    if opt == "-":
        return 0
    depth = 0
    dash = -1
    for k, ch in enumerate(opt):
        if ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
        elif ch == "-" and depth == 0:
            if dash >= 0:
                return None
            dash = k
    if dash < 0:
        return None
    start, end = opt[:dash], opt[dash + 1 :]
    if (start and not _tip(start)) or (end and not _tip(end)):
        return None
    if start and end:
        return 2
    return 1 if end else (-1 if start else 0)


def arrows(opts: list[Opt]) -> int:
    """The arrow a (resolved) key list draws, the last one given winning."""
    out = 0
    for key, val in opts:
        if val is None:
            a = arrow_of(key)
            if a is not None:
                out = a
        elif key == "arrows":
            a = arrow_of(val)
            if a is not None:
                out = a
    return out


def value(opts: list[Opt], key: str) -> str | None:
    """The last value given for ``key`` (None if absent)."""
    out = None
    for k, v in opts:
        if k == key:
            out = v if v is not None else ""
    return out


def has(opts: list[Opt], key: str) -> bool:
    return any(k == key for k, _ in opts)
