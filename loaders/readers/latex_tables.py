"""LaTeX tables (tabular, tabularx, longtable, ...) as rows of cells.

``split_table`` cuts a table's body tokens into rows (``\\\\``) and cells (``&``, at
brace depth 0 and outside nested environments), drops rules, and reads longtable's
head/foot markers and its caption.  ``cell_content`` unwraps ``\\multicolumn`` and
``\\multirow``.  ``classify`` decides, once the cells are rendered, which rows are
header rows and which are bold (group) rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .latex_lex import ALIGN, BGROUP, CS, EGROUP, NL, PAR, SPACE, TEXT, Tok

# fmt: off
TABULARS = frozenset({
    "tabular", "tabular*", "tabularx", "tabulary", "longtable", "longtable*", "supertabular",
    "supertabular*", "xtabular", "xtabular*", "mpsupertabular", "tabu", "longtabu", "tblr",
    "longtblr", "tabularew", "NiceTabular", "array", "ltablex", "xltabular", "talltblr",
    "mpxtabular", "deluxetable", "deluxetable*",
})
# fmt: on
#: the arguments before a table's body: "o" optional, "m" mandatory
# fmt: off
TABULAR_ARGS: dict[str, str] = {
    "tabular": "om", "tabular*": "mom", "tabularx": "mom", "tabulary": "mom", "xltabular": "omm",
    "longtable": "om", "longtable*": "om", "supertabular": "om", "supertabular*": "mom",
    "xtabular": "om", "xtabular*": "mom", "mpsupertabular": "om", "mpxtabular": "om", "tabu": "m",
    "longtabu": "m", "tblr": "om", "longtblr": "oom", "talltblr": "oom", "NiceTabular": "omo",
    "array": "om", "ltablex": "m", "tabularew": "om", "deluxetable": "mo", "deluxetable*": "mo",
}
# fmt: on

_ROW_END = frozenset({"\\", "tabularnewline", "cr", "crcr"})
# fmt: off
_RULES: dict[str, str] = {
    "hline": "", "toprule": "o", "midrule": "o", "bottomrule": "o", "cline": "m",
    "cmidrule": "pm", "hhline": "m", "addlinespace": "o", "specialrule": "mmm",
    "morecmidrules": "", "noalign": "m", "rowcolor": "om", "rowcolors": "smmm",
    "arrayrulecolor": "om", "hdashline": "o", "cdashline": "m", "Hline": "o", "firsthline": "o",
    "lasthline": "o", "svhline": "", "thickhline": "", "bottomline": "", "topline": "",
    "middlerule": "", "toprulec": "", "midrulec": "", "bottomrulec": "", "rowfont": "om",
    "SetRow": "m", "SetCell": "om",
}
# fmt: on
_HEADER_RULES = frozenset({"hline", "double", "midrule", "toprule", "Hline", "thickhline"})
_PARTS = {
    "endfirsthead": "firsthead",
    "endhead": "head",
    "endfoot": "foot",
    "endlastfoot": "lastfoot",
}


@dataclass(slots=True)
class RawRow:
    """A physical row: its cells' tokens, the longtable part it belongs to."""

    cells: list[list[Tok]]
    part: str = "body"
    #: a booktabs \midrule (or a double \hline) follows this row
    rule_after: str = ""


@dataclass(slots=True)
class RawTable:
    """A table's rows, its caption (longtable) and labels."""

    rows: list[RawRow] = field(default_factory=list)
    caption: list[Tok] | None = None
    caption_at: Tok | None = None
    labels: list[str] = field(default_factory=list)
    has_parts: bool = False


class _Reader:
    """Reads arguments from a token list (optional ``[...]``, groups, ``(...)``)."""

    def __init__(self, toks: list[Tok], i: int) -> None:
        self.toks = toks
        self.i = i

    def _skip(self) -> None:
        while self.i < len(self.toks) and self.toks[self.i].kind in (SPACE, NL):
            self.i += 1

    def _peek(self) -> Tok | None:
        self._skip()
        return self.toks[self.i] if self.i < len(self.toks) else None

    def group(self) -> list[Tok]:
        t = self._peek()
        if t is None:
            return []
        if t.kind != BGROUP:
            self.i += 1
            return [t]
        depth = 0
        start = self.i
        while self.i < len(self.toks):
            k = self.toks[self.i].kind
            if k == BGROUP:
                depth += 1
            elif k == EGROUP:
                depth -= 1
                if depth == 0:
                    self.i += 1
                    return self.toks[start + 1 : self.i - 1]
            self.i += 1
        return self.toks[start + 1 :]

    def delimited(self, open_: str, close: str) -> list[Tok] | None:
        t = self._peek()
        if t is None or t.kind != TEXT or not t.text.startswith(open_):
            return None
        start = self.i
        depth = 0
        while self.i < len(self.toks):
            tk = self.toks[self.i]
            if tk.kind == BGROUP:
                depth += 1
            elif tk.kind == EGROUP:
                depth -= 1
            elif tk.kind == TEXT and close in tk.text and depth == 0 and self.i > start:
                self.i += 1
                return self.toks[start + 1 : self.i - 1]
            elif (
                tk.kind == TEXT and self.i == start and tk.text.endswith(close) and len(tk.text) > 1
            ):
                self.i += 1
                return []
            self.i += 1
        return self.toks[start + 1 :]

    def star(self) -> None:
        t = self._peek()
        if t is not None and t.kind == TEXT and t.text == "*":
            self.i += 1

    def spec(self, spec: str) -> list[list[Tok] | None]:
        out: list[list[Tok] | None] = []
        for k in spec:
            if k == "s":
                self.star()
            elif k == "o":
                out.append(self.delimited("[", "]"))
            elif k == "p":
                out.append(self.delimited("(", ")"))
            else:
                out.append(self.group())
        return out


def read_args(toks: list[Tok], i: int, spec: str) -> tuple[list[list[Tok] | None], int]:
    """Arguments by ``spec`` from ``toks`` at ``i``, and the index after them."""
    r = _Reader(toks, i)
    args = r.spec(spec)
    return args, r.i


def split_table(toks: list[Tok]) -> RawTable:
    """A table body's rows and cells, rules dropped, longtable parts marked."""
    table = RawTable()
    cells: list[list[Tok]] = [[]]
    pending: list[RawRow] = []  # rows since the last longtable part marker
    depth = 0
    envs = 0
    i = 0
    n = len(toks)

    def end_row() -> None:
        nonlocal cells
        if any(_visible(c) for c in cells):
            pending.append(RawRow(cells))
        cells = [[]]

    while i < n:
        t = toks[i]
        if t.kind == BGROUP:
            depth += 1
        elif t.kind == EGROUP:
            depth -= 1
        elif t.kind == CS and t.text in ("begin", "end"):
            envs += 1 if t.text == "begin" else -1
        if (
            depth != 0
            or envs != 0
            or t.kind in (BGROUP, EGROUP)
            or (t.kind == CS and t.text == "end")
        ):
            cells[-1].append(t)
            i += 1
            continue
        if t.kind == CS and t.text == "begin":
            cells[-1].append(t)
            i += 1
            continue
        if t.kind == ALIGN:
            cells.append([])
            i += 1
            continue
        if t.kind == CS and t.text in _ROW_END:
            end_row()
            _, i = read_args(toks, i + 1, "so")
            continue
        if t.kind == CS and t.text in _RULES:
            _, i = read_args(toks, i + 1, _RULES[t.text])
            rule = "double" if t.text == "hline" and _next_is(toks, i, "hline") else t.text
            if rule in _HEADER_RULES and not any(_visible(c) for c in cells):
                last = pending[-1] if pending else (table.rows[-1] if table.rows else None)
                if last is not None and last.rule_after not in ("double", "midrule", "toprule"):
                    last.rule_after = rule
            continue
        if t.kind == CS and t.text in _PARTS:
            end_row()
            for row in pending:
                row.part = _PARTS[t.text]
            table.rows.extend(pending)
            pending = []
            table.has_parts = True
            i += 1
            continue
        if t.kind == CS and t.text in ("caption", "caption*"):
            _, i = read_args(toks, i + 1, "so")
            arg, i = read_args(toks, i, "m")
            if table.caption is None:
                table.caption = arg[0] or []
                table.caption_at = t
            continue
        if t.kind == CS and t.text == "label":
            arg, i = read_args(toks, i + 1, "m")
            table.labels.append("".join(x.text for x in arg[0] or []).strip())
            continue
        if t.kind == PAR:
            i += 1
            continue
        cells[-1].append(t)
        i += 1
    end_row()
    table.rows.extend(pending)
    return table


#: AASTeX's table notes, set under a deluxetable
DELUXE_NOTES = frozenset({"tablenotetext", "tablecomments", "tablerefs"})


def deluxe_body(toks: list[Tok]) -> tuple[list[Tok], list[Tok]]:
    """An AASTeX ``deluxetable``'s body as a longtable's (``\\tablehead`` rows, then the
    rows between ``\\startdata`` and ``\\enddata``; ``\\tablecaption`` a caption), and
    its notes (``\\tablenotetext``, ``\\tablecomments``), to be read as text after it."""
    head: list[Tok] = []
    data: list[Tok] = []
    notes: list[Tok] = []
    rest: list[Tok] = []
    i = 0
    in_data = False
    while i < len(toks):
        t = toks[i]
        if t.kind == CS and t.text == "tablehead":
            arg, i = read_args(toks, i + 1, "m")
            head = arg[0] or []
            continue
        if t.kind == CS and t.text == "tablecaption":
            arg, i = read_args(toks, i + 1, "m")
            rest += [Tok(CS, "caption", t.file, t.line), _brace(t, "{"), *(arg[0] or [])]
            rest.append(_brace(t, "}"))
            continue
        if t.kind == CS and t.text in DELUXE_NOTES:
            arg, i = read_args(toks, i + 1, "mm" if t.text == "tablenotetext" else "m")
            label = [*(arg[0] or []), Tok(TEXT, " ", t.file, t.line)] if len(arg) == 2 else []
            notes += [Tok(PAR, "", t.file, t.line), *label, *(arg[-1] or [])]
            continue
        if t.kind == CS and t.text in ("startdata", "enddata"):
            in_data = t.text == "startdata"
            i += 1
            continue
        (data if in_data else rest).append(t)
        i += 1
    if head:
        end = Tok(CS, "\\", head[-1].file, head[-1].line)
        mark = Tok(CS, "endhead", head[-1].file, head[-1].line)
        rest = [*rest, *head, end, mark]
    return [*rest, *data], [*notes, Tok(PAR, "", toks[-1].file, toks[-1].line)] if notes else []


def _brace(t: Tok, ch: str) -> Tok:
    return Tok(BGROUP if ch == "{" else EGROUP, ch, t.file, t.line)


def _next_is(toks: list[Tok], i: int, name: str) -> bool:
    while i < len(toks) and toks[i].kind in (SPACE, NL):
        i += 1
    return i < len(toks) and toks[i].kind == CS and toks[i].text == name


def _visible(cell: list[Tok]) -> bool:
    return any(t.kind not in (SPACE, NL, PAR) for t in cell)


def cell_content(cell: list[Tok]) -> tuple[list[Tok], int, bool]:
    """A cell's text tokens, the columns it spans, and whether it was a \\multicolumn."""
    i = 0
    while i < len(cell) and cell[i].kind in (SPACE, NL):
        i += 1
    span = 1
    multi = False
    body = cell
    if i < len(cell) and cell[i].kind == CS and cell[i].text == "multicolumn":
        args, j = read_args(cell, i + 1, "mmm")
        digits = "".join(t.text for t in args[0] or []).strip()
        span = int(digits) if digits.isdigit() and int(digits) > 0 else 1
        multi = True
        body = [*cell[:i], *(args[2] or []), *cell[j:]]
        i = 0
        while i < len(body) and body[i].kind in (SPACE, NL):
            i += 1
    if i < len(body) and body[i].kind == CS and body[i].text in ("multirow", "multirowcell"):
        spec = "omomom" if body[i].text == "multirow" else "mom"
        args, j = read_args(body, i + 1, spec)
        text = args[-1] or []
        body = [*body[:i], *text, *body[j:]]
    return body, span, multi


@dataclass(slots=True)
class Cell:
    """A rendered cell."""

    text: str
    bold: bool
    span: int = 1
    multi: bool = False


def classify(rows: list[list[Cell]], raw: list[RawRow]) -> list[str]:
    """Each row's style: "header", "bold" (a group row, or a bold first cell) or "row".

    Header rows: a longtable's head (its first head when it has two); else the rows
    above the first booktabs ``\\midrule`` (at most three); else the leading rows whose
    filled cells (two or more) are all bold.
    """
    styles = ["row"] * len(rows)
    parts = [r.part for r in raw]
    if any(p in ("firsthead", "head") for p in parts):
        for k, p in enumerate(parts):
            if p in ("firsthead", "head"):
                styles[k] = "header"
    else:
        cut = _header_rule(raw)
        if cut >= 0:
            for k in range(cut + 1):
                styles[k] = "header"
        else:
            for k, cells in enumerate(rows):
                filled = [c for c in cells if c.text]
                if len(filled) >= 2 and all(c.bold for c in filled):
                    styles[k] = "header"
                    continue
                if len(filled) == 1 and filled[0].multi and filled[0].span > 1 and k == 0:
                    continue  # a title row above the header
                break
    for k, cells in enumerate(rows):
        if styles[k] == "header":
            continue
        filled = [c for c in cells if c.text]
        group = len(filled) == 1 and filled[0].multi and filled[0].bold
        if (cells and cells[0].text and cells[0].bold) or group:
            styles[k] = "bold"
    return styles


def _header_rule(raw: list[RawRow]) -> int:
    """The last header row by the rules: a booktabs rule (or a double \\hline) under one
    of the first three rows; or an \\hline there, unless rules run under every row."""
    n = len(raw)
    strong = next(
        (k for k, r in enumerate(raw) if r.rule_after in ("midrule", "toprule", "double")), -1
    )
    if 0 <= strong < 3 and strong < n - 1:
        return strong
    ruled = [k for k, r in enumerate(raw) if r.rule_after and k < n - 1]
    if not ruled or ruled[0] >= 3:
        return -1
    body = n - ruled[0] - 2  # the rows between the first rule and the last row
    if body > 0 and len(ruled) - 1 >= body / 2:
        return -1  # a grid: a rule under (nearly) every row
    return ruled[0]


def keep(raw: list[RawRow]) -> list[bool]:
    """Which rows a reader keeps: a repeated longtable head and the foots are dropped."""
    has_first = any(r.part == "firsthead" for r in raw)
    return [not (r.part in ("foot", "lastfoot") or (r.part == "head" and has_first)) for r in raw]
