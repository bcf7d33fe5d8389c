"""Floats, captions and figures: ``Table N:``/``Figure N:`` caption lines, TikZ pictures,
forest and qtree trees, included graphics (read from a TikZ source when there is one)."""

from __future__ import annotations

from pathlib import Path

from ..source import Figure, FigureEdge, FigureNode, Line, Loc
from .latex_files import resolve
from .latex_front import FrontMatter
from .latex_gantt import read_gantt
from .latex_lex import BGROUP, CS, TEXT, Tok, detokenize, tok_text
from .latex_state import OpenFloat, Target
from .latex_stream import Stream, standalone_body
from .latex_text import join
from .latex_tikz import read_picture
from .latex_tikz_opts import define_styles, parse_opts
from .latex_trees import read_forest, read_qtree

# fmt: off
FIGURE_FLOATS = frozenset({
    "figure", "figure*", "wrapfigure", "SCfigure", "sidewaysfigure", "marginfigure",
    "floatingfigure",
})
# fmt: on


TABLE_FLOATS = frozenset(
    {"table", "table*", "wraptable", "sidewaystable", "margintable", "SCtable", "floatingtable"}
)


SUB_FLOATS = frozenset({"subfigure", "subtable", "subfloat"})


# fmt: off
GRAPHIC_ENVS = frozenset({
    "pgfpicture", "picture", "axis", "tikzcd", "circuitikz", "pspicture", "dot2tex",
    "semilogyaxis", "loglogaxis", "semilogxaxis", "polaraxis", "groupplot", "scope",
})
# fmt: on


class Figures(FrontMatter):
    """Captions, floats and pictures."""

    def caption(self, t: Tok, stream: Stream) -> None:
        star = stream.read_star()
        stream.read_optional()
        arg = stream.read_arg() or []
        self.put_caption(t, arg, None, star)

    def captionof(self, t: Tok, stream: Stream) -> None:
        star = stream.read_star()
        kind = stream.read_text_arg()
        stream.read_optional()
        arg = stream.read_arg() or []
        self.put_caption(t, arg, kind if kind in ("table", "figure") else None, star)

    def put_caption(self, t: Tok, arg: list[Tok], kind: str | None, star: bool) -> None:
        fl = self.floats[-1] if self.floats else None
        found: list[str] = []
        frags = self.render(arg, labels=found)
        text = join(frags)
        if self.inline:
            self.add(text, t)
            self.pending_labels.extend(found)
            return
        self.flush()
        where = [(t.file, t.line), *[(x.file, x.line) for x in arg]]
        if fl is not None and fl.kind == "sub" and kind is None:
            letter = chr(ord("a") + max(0, self.sub_index() - 1))
            fl.caption, fl.number, fl.captioned = text, f"({letter})", True
            self.blank((t.file, t.line))
            self.emit(f"({letter}) {text}", where, "caption")
            return
        kind = kind or (fl.kind if fl is not None else "")
        if kind not in ("table", "figure"):
            self.blank((t.file, t.line))
            self.emit(text, where, "caption")
            return
        number = ""
        if not star:
            self.counts[kind] += 1
            number = str(self.counts[kind])
            self.target = Target(kind, number, text)
        for key in [*self.pending_labels, *found]:
            self.labels[key] = self.target
        self.pending_labels = []
        shown = (
            f"{kind.capitalize()} {number}: {text}" if number else f"{kind.capitalize()}: {text}"
        )
        first = min((ln for f, ln in where if f == t.file and ln > 0), default=t.line)
        line = Line(shown, self.raw_span(where), Loc(line=first, file=t.file), "caption")
        if fl is not None:
            fl.captioned, fl.number, fl.caption = True, number, text
        if fl is not None and fl.table_at is not None and kind == "table":
            if not self.quiet:
                blank = Line("", "", line.loc)
                self.lines[fl.table_at : fl.table_at] = [line, blank]
            fl.table_at = None
        else:
            self.blank((t.file, t.line))
            if not self.quiet:
                self.lines.append(line)

    def sub_index(self) -> int:
        for fl in reversed(self.floats[:-1]):
            if fl.kind != "sub":
                return fl.subs
        return 1

    def end_float(self, fl: OpenFloat) -> None:
        for fig in fl.figures:
            if not fig.caption:
                fig.caption = fl.caption
        if fl.kind == "sub" and self.floats:
            self.floats[-1].figures.extend(fl.figures)
            self.floats[-1].graphics.extend(fl.graphics)
            return
        for at, name in fl.graphics:
            self.graphic(at, name, fl)

    def graphic(self, at: Tok, name: str, fl: OpenFloat | None) -> None:
        """An included graphic: read from its TikZ source if it has one, else a note."""
        shown = name
        for ext in ("", ".pdf", ".png", ".jpg", ".jpeg", ".eps", ".svg"):
            path, _ = resolve(name + ext, self.ctx.root, self.ctx.here(at.file))
            if path is not None and (ext or Path(name).suffix):
                shown = self.ctx.rel(path) or path.name
                break
        source = Path(name).with_suffix(".tex").as_posix()
        path, _ = resolve(source, self.ctx.root, self.ctx.here(at.file))
        what = f"figure {fl.number}" if fl is not None and fl.number else "a figure"
        if path is not None and self.ctx.rel(path) not in self.ctx.active:
            before = len(self.figures)
            self.read_graphic_source(path, fl)
            if len(self.figures) > before:
                self.ctx.note(
                    at,
                    f"{what} is an included graphic, {shown}; read from its "
                    f"TikZ source {self.ctx.rel(path)}",
                )
                return
        self.ctx.note(at, f"{what} is an included graphic, {shown}; not read here")

    def read_graphic_source(self, path: Path, fl: OpenFloat | None) -> None:
        try:
            toks = self.ctx.load(path)
        except Exception:  # an unreadable figure source only loses that figure
            return
        saved = (self.frags, self.bold, self.open_item, self.lists, self.floats, self.envs)
        self.frags, self.bold, self.open_item, self.lists = [], [False], None, []
        self.floats = [fl] if fl is not None else []
        self.envs = []
        self.quiet += 1
        rel = self.ctx.rel(path)
        self.ctx.active.append(rel)
        try:
            self.run(Stream(self.ctx, standalone_body(toks)))
        finally:
            self.ctx.active.pop()
            self.quiet -= 1
            self.frags, self.bold, self.open_item, self.lists, self.floats, self.envs = saved
        if fl is not None:
            for fig in fl.figures:
                if not fig.caption:
                    fig.caption = fl.caption

    def includegraphics(self, t: Tok, stream: Stream) -> None:
        stream.read_star()
        stream.read_optional()
        stream.read_optional()
        name = stream.read_text_arg()
        if self.inline and not self.floats:
            return
        fl = next((f for f in reversed(self.floats)), None)
        if fl is not None:
            fl.graphics.append((t, name))
        else:
            self.graphic(t, name, None)

    def plot_graphics(self, t: Tok, stream: Stream) -> None:
        """AASTeX's ``\\plotone{file}`` and ``\\plottwo{a}{b}``: included graphics."""
        for _ in range(2 if t.text == "plottwo" else 1):
            name = stream.read_text_arg()
            fl = next((f for f in reversed(self.floats)), None)
            if fl is not None:
                fl.graphics.append((t, name))
            elif not self.inline:
                self.graphic(t, name, None)

    def picture(self, t: Tok, stream: Stream) -> None:
        opts = stream.read_optional()
        body = self.capture(stream, "tikzpicture")
        src, marks = detokenize(body)
        if any(x.kind == CS and x.text == "Tree" for x in body):  # tikz-qtree in a picture
            pic = read_qtree(src, marks, self.render_source, self.raw_line)
        else:
            opts_text = tok_text(opts or [])
            pic = read_picture(
                src, marks, opts_text, self.styles, self.render_source, self.raw_line
            )
        self.add_figure(t, pic.nodes, pic.edges, pic.notes)

    def gantt(self, t: Tok, stream: Stream) -> None:
        """A pgfgantt ``ganttchart``: its bars, groups and milestones, its links."""
        opts = stream.read_optional()
        first = stream.read_text_arg()
        stream.read_arg()
        body = self.capture(stream, "ganttchart")
        src, marks = detokenize(body)
        options = tok_text(opts or [])
        pic = read_gantt(src, marks, options, first, self.render_source, self.raw_line)
        self.add_figure(t, pic.nodes, pic.edges, pic.notes)

    def bracket_tree(self, t: Tok, stream: Stream, kind: str) -> None:
        if kind == "forest":
            body = self.capture(stream, "forest")
            src, marks = detokenize(body)
            pic = read_forest(src, marks, self.render_source, self.raw_line)
        else:
            body = self.capture_brackets(stream)
            src, marks = detokenize(body)
            pic = read_qtree(src, marks, self.render_source, self.raw_line)
        self.add_figure(t, pic.nodes, pic.edges, pic.notes)

    def add_figure(
        self, t: Tok, nodes: list[FigureNode], edges: list[FigureEdge], notes: list[str]
    ) -> None:
        if self.inline and not self.floats:
            return
        if not nodes:
            self.ctx.note(t, "a picture with no boxes; not read as a diagram")
            return
        fig = Figure(Loc(line=t.line, file=t.file), "", nodes, edges)
        self.figures.append(fig)
        fl = next((f for f in reversed(self.floats)), None)
        if fl is not None:
            fl.figures.append(fig)
            if fl.caption:
                fig.caption = fl.caption
        for note in notes:
            self.ctx.note(t, f"picture: {note}")

    def tikz_style(self, t: Tok, stream: Stream) -> None:
        if t.text == "tikzset":
            define_styles(parse_opts(tok_text(stream.read_arg() or [])), self.styles)
            return
        name = stream.read_text_arg()
        stream.skip_spaces()
        plus = False
        nxt = stream.peek_raw()
        if nxt is not None and nxt.kind == TEXT and nxt.text.startswith("+"):
            stream.next_raw()
            plus = True
            nxt = stream.peek_raw()
        if nxt is not None and nxt.kind == TEXT and nxt.text == "=":
            stream.next_raw()
            opts = parse_opts(tok_text(stream.read_optional() or []))
            self.styles[name] = [*self.styles.get(name, []), *opts] if plus else opts

    def tikz_style_cs(self, t: Tok, stream: Stream) -> None:
        self.tikz_style(t, stream)

    def tree(self, t: Tok, stream: Stream) -> None:
        self.bracket_tree(t, stream, "qtree")

    def tikz_inline(self, t: Tok, stream: Stream) -> None:
        stream.read_optional()
        stream.skip_spaces()
        nxt = stream.peek_raw()
        if nxt is not None and nxt.kind == BGROUP:
            stream.read_arg()
            return
        while (x := stream.next_raw()) is not None:
            if x.kind == TEXT and ";" in x.text:
                break
