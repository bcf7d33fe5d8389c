"""Headings, list items, tables, math and verbatim blocks."""

from __future__ import annotations

import csv
import re

from .latex_figures import Figures
from .latex_files import resolve
from .latex_lex import ALIGN, ARG, CS, MATH, NL, PAR, SPACE, SUB, SUP, TEXT, TILDE, Tok, tokenize
from .latex_state import OpenItem, Target
from .latex_stream import Stream
from .latex_tables import (
    TABULAR_ARGS,
    Cell,
    RawRow,
    RawTable,
    cell_content,
    classify,
    deluxe_body,
    keep,
    read_args,
    split_table,
)
from .latex_text import MATH_SYMBOLS, SYMBOLS, Frag, is_bold, join

MAX_DEPTH = 50
# fmt: off
LEVELS = {
    "part": -1, "chapter": 0, "section": 1, "subsection": 2, "subsubsection": 3, "paragraph": 4,
    "subparagraph": 5, "addchap": 0, "addsec": 1, "minisec": 4,
}
# fmt: on


class Blocks(Figures):
    """Headings with LaTeX's numbering, list items, table rows, math."""

    def heading(self, t: Tok, stream: Stream) -> None:
        name = t.text
        star = stream.read_star() or name in ("addchap", "addsec", "minisec")
        stream.read_optional()
        title_toks = stream.read_arg() or []
        found: list[str] = []
        title = join(self.render(title_toks, labels=found))
        if self.inline:
            self.add(title, t)
            return
        self.flush()
        level = LEVELS[name]
        top = 0 if self.chapters else 1
        marks = max(2, level - top + 2)
        number = ""
        if not star and level >= 0 and level <= self.secnumdepth and level >= top:
            self.counters[level] += 1
            for k in range(level + 1, len(self.counters)):
                self.counters[k] = 0
            parts = [str(c) for c in self.counters[top : level + 1]]
            if self.appendix:
                parts[0] = _letter(self.counters[top])
            number = ".".join(parts)
            kind = (
                "appendix"
                if self.appendix and level == top
                else ("chapter" if level == 0 else "section")
            )
            self.target = Target(kind, number, title)
        for key in found:
            self.labels[key] = Target(self.target.kind, self.target.number, title)
        text = "#" * marks + " " + (f"{number} {title}" if number else title)
        where = [(t.file, t.line), *[(x.file, x.line) for x in title_toks]]
        self.blank((t.file, t.line))
        self.emit(text.rstrip(), where, "heading", marks)

    def item(self, t: Tok, stream: Stream) -> None:
        label = stream.read_optional()
        if self.inline:
            if self.frags and join(self.frags):
                self.add("; ", t)
            if label is not None:
                self.add(self.render_text(label) + ": ", t)
            return
        self.flush()
        if self.lists:
            lst = self.lists[-1]
            lst.count += 1
            if lst.kind.startswith("enumerate") or lst.kind.endswith("enum"):
                self.target = Target("item", str(lst.count))
        level = max(0, len(self.lists) - 1)
        self.open_item = OpenItem(level, self.render(label) if label is not None else None, t)

    def bibitem(self, t: Tok, stream: Stream) -> None:
        label = stream.read_optional()
        key = stream.read_text_arg()
        self.flush()
        shown = self.render(label) if label is not None else [Frag(key, t.file, t.line)]
        self.open_item = OpenItem(max(0, len(self.lists) - 1), shown, t)

    def start_appendix(self) -> None:
        self.appendix = True
        top = 0 if self.chapters else 1
        for k in range(top, len(self.counters)):
            self.counters[k] = 0

    def appendix_cs(self, t: Tok, stream: Stream) -> None:
        self.flush()
        self.start_appendix()

    def table(self, name: str, t: Tok, stream: Stream) -> None:
        if name != "tabbing":
            stream.read_spec(TABULAR_ARGS.get(name, "om"))
        body = self.capture(stream, name)
        notes: list[Tok] = []
        if name.startswith("deluxetable") and body:
            body, notes = deluxe_body(body)
        if name == "tabbing":
            body = _tabbing(body)
        caption = None
        if name.startswith(("supertabular", "xtabular", "mpsupertabular", "mpxtabular")):
            body, caption = self.super_heads(body, t)
        raw = split_table(body)
        if caption is not None and raw.caption is None:
            raw.caption, raw.caption_at = caption
        if name == "tabbing":  # a \\kill row only sets the tab stops
            raw.rows = [r for r in raw.rows if not any(x.kind == ARG for c in r.cells for x in c)]
        self.emit_table(raw, t)
        if notes:
            stream.push(notes)

    def csv_table(self, t: Tok, stream: Stream) -> None:
        """csvsimple's ``\\csvautotabular{file.csv}``: the file's rows, the first a header."""
        stream.read_optional()
        name = stream.read_text_arg()
        path, why = resolve(name, self.ctx.root, self.ctx.here(t.file))
        if path is None:
            self.ctx.note(t, f"\\{t.text}{{{name}}}: {why}")
            return
        rel = self.ctx.rel(path)
        text = self.ctx.read(path)
        raw = RawTable()
        for k, row in enumerate(csv.reader(text.splitlines())):
            if any(c.strip() for c in row):
                cells = [tokenize(c, rel, k + 1) for c in row]
                raw.rows.append(RawRow(cells, part="head" if not raw.rows else "body"))
        self.emit_table(raw, t)

    def emit_table(self, raw: RawTable, t: Tok) -> None:
        """A table's rows as lines (its caption first), or as text in running text."""
        kept: list[RawRow] = []
        rendered: list[list[Cell]] = []
        for row, keeping in zip(raw.rows, keep(raw.rows), strict=True):
            if not keeping:
                continue
            cells: list[Cell] = []
            for cell in row.cells:
                toks, span, multi = cell_content(cell)
                frags = self.render(toks)
                cells.append(Cell(join(frags), is_bold(frags), span, multi))
            if any(c.text for c in cells):
                kept.append(row)
                rendered.append(cells)
        if self.inline:  # in running text; in a box (a TikZ node), one line a row
            for cells in rendered:
                self.add(" ".join(c.text for c in cells if c.text) + " ", t)
                if self.boxed:
                    self.hard_break(t)
            return
        self.flush()
        styles = classify(rendered, kept)
        fl = next((f for f in reversed(self.floats) if f.kind in ("table", "sub")), None)
        if raw.caption is not None:
            assert raw.caption_at is not None
            self.put_caption(raw.caption_at, raw.caption, "table", False)
            for key in raw.labels:
                self.labels[key] = self.target
        elif raw.labels:
            self.pending_labels.extend(raw.labels)
        self.blank((t.file, t.line))
        if fl is not None and not fl.captioned and fl.table_at is None:
            fl.table_at = len(self.lines)
        for row, cells, style in zip(kept, rendered, styles, strict=True):
            texts: list[str] = []
            for c in cells:
                texts.append(c.text)
                texts.extend([""] * (c.span - 1))
            where = [
                (x.file, x.line)
                for cell in row.cells
                for x in cell
                if x.kind not in (SPACE, NL, PAR)
            ]
            self.emit(
                "\t".join(texts),
                where or [(t.file, t.line)],
                "header" if style == "header" else ("bold" if style == "bold" else "row"),
            )
        self.blank()

    def super_part(self, t: Tok, stream: Stream) -> None:
        """supertabular's heads, tails and caption, given before the table."""
        stream.read_optional()
        self.super_parts[t.text] = (t, stream.read_arg() or [])

    def super_heads(
        self, body: list[Tok], t: Tok
    ) -> tuple[list[Tok], tuple[list[Tok], Tok] | None]:
        """A supertabular body with its head rows in front (as longtable marks them)."""
        parts = self.super_parts
        head: list[Tok] = []
        for key, mark in (("tablefirsthead", "endfirsthead"), ("tablehead", "endhead")):
            if key in parts:
                head += [*parts[key][1], Tok(CS, mark, t.file, t.line)]
        caption = None
        for key in ("topcaption", "tablecaption", "bottomcaption"):
            if key in parts:
                at, toks = parts.pop(key)
                caption = (toks, at)
                break
        return [*head, *body], caption

    def math(self, t: Tok, stream: Stream) -> None:
        nxt = stream.peek_raw()
        display = nxt is not None and nxt.kind == MATH
        if display:
            stream.next_raw()
        body: list[Tok] = []
        while (x := stream.next_raw()) is not None:
            if x.kind == MATH:
                if display:
                    stream.next_raw()
                break
            body.append(x)
        self.add(self.math_text(body), t)

    def math_delim(self, t: Tok, stream: Stream) -> None:
        close = ")" if t.text == "(" else "]"
        body: list[Tok] = []
        while (x := stream.next_raw()) is not None:
            if x.kind == CS and x.text == close:
                break
            body.append(x)
        text = self.math_text(body)
        if close == ")":
            self.add(text, t)
        else:
            self._math_block(text, t)

    def _math_block(self, text: str, t: Tok) -> None:
        self.add(" " + text + " ", t)

    def math_text(self, toks: list[Tok], depth: int = 0) -> str:
        """Math as text: symbols as characters, commands dropped, ``^``/``_`` kept."""
        if depth > MAX_DEPTH:
            return "".join(t.text for t in toks if t.kind == TEXT)
        out: list[str] = []
        i = 0
        while i < len(toks):
            x = toks[i]
            i += 1
            if x.kind == TEXT:
                out.append(x.text)
            elif x.kind in (SUP, SUB):
                args, i = read_args(toks, i, "m")
                inner = self.math_text(args[0] or [], depth + 1)
                out.append(x.text + inner)
            elif x.kind == CS:
                name = x.text
                if name in MATH_SYMBOLS:
                    out.append(MATH_SYMBOLS[name])
                elif name in ("frac", "dfrac", "tfrac"):
                    args, i = read_args(toks, i, "mm")
                    num = self.math_text(args[0] or [], depth + 1)
                    den = self.math_text(args[1] or [], depth + 1)
                    out.append(f"{num}/{den}")
                elif name in ("sqrt",):
                    args, i = read_args(toks, i, "om")
                    out.append("√" + self.math_text(args[1] or [], depth + 1))
                elif name in (
                    "text",
                    "textrm",
                    "mathrm",
                    "mathbf",
                    "mathit",
                    "mathsf",
                    "mathtt",
                    "mbox",
                    "operatorname",
                    "textit",
                    "textbf",
                    "mathcal",
                    "mathbb",
                    "bm",
                    "boldsymbol",
                    "hat",
                    "bar",
                    "tilde",
                    "vec",
                    "overline",
                    "underline",
                    "ensuremath",
                    "texttt",
                    "rm",
                ):
                    if name == "rm":
                        continue
                    args, i = read_args(toks, i, "m")
                    out.append(self.math_text(args[0] or [], depth + 1))
                elif name in SYMBOLS and len(name) == 1:
                    out.append(SYMBOLS[name])
                elif name == "\\":
                    out.append(" ")
            elif x.kind == ALIGN or x.kind == TILDE:
                out.append(" ")
        return re.sub(r"\s+", " ", "".join(out)).strip()

    def verbatim(self, t: Tok) -> None:
        if self.inline:
            self.add(t.text.replace("\n", " "), t)
            return
        self.flush()
        self.blank((t.file, t.line))
        for k, text in enumerate(t.text.split("\n")):
            self.emit(text.expandtabs(4).rstrip(), [(t.file, t.line + k)])
        self.blank()


def _tabbing(body: list[Tok]) -> list[Tok]:
    """A tabbing body as a table body: tab stops as cells, ``\\kill`` ending a marked row."""
    out: list[Tok] = []
    for x in body:
        if x.kind == CS and x.text in (">", "="):
            out.append(Tok(ALIGN, "&", x.file, x.line))
        elif x.kind == CS and x.text == "kill":
            out.extend([Tok(ARG, "kill", x.file, x.line), Tok(CS, "\\", x.file, x.line)])
        elif not (x.kind == CS and x.text in ("+", "-", "<")):
            out.append(x)
    return out


def _letter(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("A") + r) + out
    return out or "A"
