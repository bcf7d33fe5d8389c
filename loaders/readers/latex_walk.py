"""Typeset a LaTeX document into the normal form: headings, list items, table rows,
running text, captions, figures.

The walker reads the (expanding) token stream once.  Text-level commands are undone by
putting their text back on the stream (``\\textbf{x}`` -> ``{\\bfseries x}``), so that
anything inside them, even a table, is read where it stands.  Headings, captions,
labels of items and table cells are rendered on their own (``render``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..source import Figure, Line, Loc, Style
from .latex_files import resolve
from .latex_lex import (
    ALIGN,
    ARG,
    BGROUP,
    CS,
    EGROUP,
    MATH,
    MODE,
    NL,
    PAR,
    PARAM,
    SPACE,
    SUB,
    SUP,
    TEXT,
    TILDE,
    VERB,
    VERBATIM,
    Tok,
    detokenize,
    tok_text,
    tokenize,
)
from .latex_stream import Context, Stream, standalone_body
from .latex_tables import (
    LONG,
    TABULAR_ARGS,
    TABULARS,
    Cell,
    RawRow,
    cell_content,
    classify,
    keep,
    read_args,
    split_table,
)
from .latex_text import (
    ACCENTS,
    MATH_SYMBOLS,
    REF_NAMES,
    SKIP,
    SYMBOLS,
    WRAP,
    WRAP_BOLD,
    WRAP_HIDDEN,
    Frag,
    accent,
    is_bold,
    join,
    ligatures,
    split_lines,
)
from .latex_tikz import read_picture
from .latex_tikz_opts import Styles, define_styles, parse_opts
from .latex_trees import read_forest, read_qtree

# fmt: off
_LEVELS = {
    "part": -1, "chapter": 0, "section": 1, "subsection": 2, "subsubsection": 3, "paragraph": 4,
    "subparagraph": 5, "addchap": 0, "addsec": 1, "minisec": 4,
}
# fmt: on
_LIST_ENVS = re.compile(
    r"^(?:itemize|enumerate|description|compactitem|compactenum|compactdesc|asparaitem|"
    r"asparaenum|asparadesc|inparaitem|inparaenum|tablenotes|list|outline|checklist|"
    r"todolist|tasks|dinglist|itemize|enumerate|description)(?:[_*].*|\d*)?$|^(?:itemize|"
    r"enumerate|description)"
)
# fmt: off
_FIGURE_FLOATS = frozenset({
    "figure", "figure*", "wrapfigure", "SCfigure", "sidewaysfigure", "marginfigure",
    "floatingfigure",
})
# fmt: on
_TABLE_FLOATS = frozenset(
    {"table", "table*", "wraptable", "sidewaystable", "margintable", "SCtable", "floatingtable"}
)
_SUB_FLOATS = frozenset({"subfigure", "subtable", "subfloat"})
# fmt: off
_MATH_ENVS = frozenset({
    "equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*",
    "eqnarray", "eqnarray*", "displaymath", "math", "flalign", "flalign*", "alignat", "alignat*",
})
# fmt: on
# fmt: off
_GRAPHIC_ENVS = frozenset({
    "ganttchart", "pgfpicture", "picture", "axis", "tikzcd", "circuitikz", "pspicture", "dot2tex",
    "semilogyaxis", "loglogaxis", "semilogxaxis", "polaraxis", "groupplot", "scope",
})
# fmt: on
# fmt: off
_ENV_ARGS: dict[str, str] = {
    "minipage": "ooom", "multicols": "mo", "multicols*": "mo", "adjustbox": "m", "tcolorbox": "o",
    "threeparttable": "o", "wrapfigure": "omom", "wraptable": "omom", "subfigure": "om",
    "subtable": "om", "list": "mm", "itemize": "o", "enumerate": "o", "description": "o",
    "thebibliography": "m", "figure": "o", "figure*": "o", "table": "o", "table*": "o",
    "sidewaystable": "o", "sidewaysfigure": "o", "landscape": "", "center": "", "flushleft": "",
    "flushright": "", "frame": "o", "block": "m", "columns": "o", "column": "om", "spacing": "m",
    "tabbing": "", "framed": "", "mdframed": "o", "sloppypar": "", "otherlanguage": "m",
    "selectlanguage": "m", "addmargin": "om", "tablenotes": "o", "floatrow": "o",
    "SCfigure": "oo", "SCtable": "oo", "marginfigure": "o", "margintable": "o", "dochistory": "",
    "docHistory": "",
}
# fmt: on
# fmt: off
_REFS = {
    "ref": "ref", "autoref": "auto", "Autoref": "auto", "cref": "auto", "Cref": "auto",
    "vref": "auto", "Vref": "auto", "secref": "auto", "appref": "auto", "tabref": "auto",
    "figref": "auto", "nameref": "name", "Nameref": "name", "pageref": "page", "eqref": "eq",
    "labelcref": "ref", "subref": "ref",
}
# fmt: on
# fmt: off
_CITES = frozenset({
    "cite", "citet", "citealp", "citealt", "citeauthor", "citeyear", "citeyearpar", "textcite",
    "autocite", "footcite", "citell", "citellp", "Citet", "Citeauthor", "fullcite", "citenum",
    "citetitle", "cites",
})
# fmt: on
_PARENCITES = frozenset({"citep", "parencite", "Citep", "citepalias", "Parencite"})
# fmt: off
_GLS = frozenset({
    "gls", "Gls", "GLS", "glspl", "Glspl", "GLSpl", "acrshort", "acrlong", "acrfull", "acs",
    "acl", "acf", "ac", "Ac", "acp", "glsentryshort", "glsentrylong", "glsentryname", "glstext",
    "glsfirst", "glsname", "Glsname", "glsdisp", "glslink", "acrshortpl", "acrlongpl", "Acrlong",
    "Acrshort", "Acrfull", "glsentrytext", "glsdesc", "glsentrydesc",
})
# fmt: on
_FRONT = ("handle", "date", "title", "subtitle", "author", "abstract", "history", "upstream")
# fmt: off
PROTECTED = frozenset({
    *_LEVELS, "item", "begin", "end", "caption", "captionof", "label", "ref", "textbf", "emph",
    "textit", "texttt", "href", "url", "includegraphics", "input", "include", "footnote", "title",
    "author", "date", "maketitle", "appendix", "addtohist", "section*", "setDocRef", "setDocDate",
    "setDocAbstract", "setDocChangeRecord", "multicolumn", "multirow", "hline", "tabularnewline",
    "\\", "cite", "gls", "autoref", "node", "draw", "path", "tikzstyle", "tikzset",
    "documentclass", "usepackage", "newline", "par",
})
# fmt: on


@dataclass(slots=True)
class _Target:
    kind: str
    number: str
    title: str = ""


@dataclass(slots=True)
class _List:
    kind: str
    count: int = 0


@dataclass(slots=True)
class _Item:
    level: int
    label: list[Frag] | None
    at: Tok


@dataclass(slots=True)
class _Float:
    kind: str  # "table", "figure", "sub"
    at: Tok
    table_at: int | None = None
    captioned: bool = False
    number: str = ""
    caption: str = ""
    figures: list[Figure] = field(default_factory=list)
    graphics: list[tuple[Tok, str]] = field(default_factory=list)
    subs: int = 0


@dataclass(slots=True)
class _Env:
    name: str
    kind: str  # "list", "float", "plain", "abstract", "history", "appendices", "biblio"


class Walker:
    """Renders one document's tokens into :class:`Line` s and :class:`Figure` s."""

    def __init__(self, ctx: Context, doc_class: str) -> None:
        self.ctx = ctx
        self.chapters = doc_class in ("book", "report", "memoir", "scrbook", "scrreprt")
        self.secnumdepth = 5 if doc_class == "lsstdoc" else (2 if self.chapters else 3)
        self.lines: list[Line] = []
        self.figures: list[Figure] = []
        self.frags: list[Frag] = []
        self.bold: list[bool] = [False]
        self.inline = 0
        self.quiet = 0
        self.preamble = False
        self.sub_preamble = 0
        self.stopped = False
        self.item: _Item | None = None
        self.lists: list[_List] = []
        self.floats: list[_Float] = []
        self.envs: list[_Env] = []
        self.counters = [0] * 6
        self.appendix = False
        self.counts: dict[str, int] = {"table": 0, "figure": 0}
        self.labels: dict[str, _Target] = {}
        self.pending_labels: list[str] = []
        self.target = _Target("section", "")
        self.front: dict[str, tuple[Tok, list[Tok]]] = {}
        self.front_done: set[str] = set()
        self.footnotes: list[list[Frag]] = []
        self.glossary_used: set[str] = set()
        self.styles: Styles = {}
        self.history: list[Line] | None = None
        self.super_parts: dict[str, tuple[Tok, list[Tok]]] = {}

    # -- driving -------------------------------------------------------------------
    def run(self, stream: Stream) -> None:
        while not self.stopped:
            t = stream.next()
            if t is None:
                return
            self.handle(t, stream)

    def finish(self) -> None:
        self.flush()
        self.emit_front()

    def handle(self, t: Tok, stream: Stream) -> None:
        kind = t.kind
        if kind == MODE:
            if t.text == "preamble":
                self.sub_preamble += 1
            elif self.sub_preamble:
                self.sub_preamble -= 1
            return
        if self.preamble or self.sub_preamble:
            if kind == CS:
                self.preamble_command(t, stream)
            return
        if kind == TEXT:
            self.add(ligatures(t.text), t)
        elif kind in (SPACE, NL):
            self.space(t, nl=kind == NL)
        elif kind == PAR:
            self.par(t)
        elif kind == BGROUP:
            self.bold.append(self.bold[-1])
        elif kind == EGROUP:
            if len(self.bold) > 1:
                self.bold.pop()
        elif kind == CS:
            self.command(t, stream)
        elif kind == MATH:
            self.math(t, stream)
        elif kind == VERB:
            self.add(t.text, t)
        elif kind == VERBATIM:
            self.verbatim(t)
        elif kind in (TILDE, ALIGN):
            self.space(t)
        elif kind in (SUP, SUB, PARAM):
            self.add(t.text, t)

    # -- text ------------------------------------------------------------------------
    def add(self, text: str, t: Tok, kind: str = "") -> None:
        if self.quiet:
            return
        self.frags.append(Frag(text, t.file, t.line, self.bold[-1], kind))

    def space(self, t: Tok, nl: bool = False) -> None:
        self.add(" ", t, "nl" if nl else "")

    def hard_break(self, t: Tok) -> None:
        self.add("\n", t, "br")

    def par(self, t: Tok) -> None:
        if self.inline or self.item is not None:
            self.space(t)
        else:
            self.flush()

    def render(
        self, toks: list[Tok], bold: bool = False, labels: list[str] | None = None
    ) -> list[Frag]:
        """``toks`` rendered on their own as pieces of text (not emitted); the labels
        set inside go to ``labels`` if given, else wait for the next numbered thing."""
        saved = (self.frags, self.bold, self.item, self.lists, self.envs, self.pending_labels)
        self.frags, self.bold, self.item, self.lists, self.envs = [], [bold], None, [], []
        self.pending_labels = []
        quiet, self.quiet = self.quiet, 0
        self.inline += 1
        try:
            self.run(Stream(self.ctx, toks))
        finally:
            self.inline -= 1
            self.quiet = quiet
            out, found = self.frags, self.pending_labels
            (self.frags, self.bold, self.item, self.lists, self.envs, self.pending_labels) = saved
        if labels is not None:
            labels.extend(found)
        else:
            self.pending_labels.extend(found)
        return out

    def render_text(self, toks: list[Tok], br: str = " ") -> str:
        return join(self.render(toks), br)

    def render_source(self, text: str, file: str | None, line: int) -> str:
        """A piece of LaTeX source (a TikZ node's text) as one line of text."""
        return self.render_text(tokenize(text, file, line))

    def raw_line(self, file: str | None, line: int) -> str:
        src = self.ctx.sources.get(file)
        if src is None or not 0 < line <= len(src):
            return ""
        return src[line - 1]

    def raw_span(self, where: list[tuple[str | None, int]]) -> str:
        if not where:
            return ""
        file = where[0][0]
        nums = [ln for f, ln in where if f == file and ln > 0]
        src = self.ctx.sources.get(file)
        if not nums or src is None:
            return ""
        a, b = min(nums), max(nums)
        return "\n".join(x.rstrip() for x in src[a - 1 : b])

    # -- emitting ------------------------------------------------------------------
    def emit(
        self, text: str, where: list[tuple[str | None, int]], style: Style = "", level: int = 0
    ) -> None:
        if self.quiet or self.inline:
            return
        file, line = where[0] if where else (None, 1)
        line = min((ln for f, ln in where if f == file and ln > 0), default=line)
        self.lines.append(Line(text, self.raw_span(where), Loc(line=line, file=file), style, level))

    def blank(self, at: tuple[str | None, int] | None = None) -> None:
        if self.quiet or self.inline or not self.lines or not self.lines[-1].text:
            return
        file, line = at or (self.lines[-1].loc.file, self.lines[-1].loc.line)
        self.lines.append(Line("", "", Loc(line=line, file=file)))

    def flush(self) -> None:
        """End the paragraph or list item being read."""
        if self.inline:
            return
        frags, self.frags = self.frags, []
        if self.pending_labels:
            for key in self.pending_labels:
                self.labels[key] = self.target
            self.pending_labels = []
        if self.item is not None:
            item, self.item = self.item, None
            text = join(frags)
            label = join(item.label) if item.label else ""
            if label:
                text = (
                    f"{label} {text}"
                    if label.endswith((":", ".", ")")) or not text
                    else (f"{label}: {text}")
                )
            if text:
                where = [(item.at.file, item.at.line), *_where(frags)]
                self.emit("  " * item.level + "- " + text.strip(), where, "item", item.level)
        elif frags:
            for k, piece in enumerate(split_lines(frags)):
                where = _where(piece)
                if k == 0:
                    self.blank(where[0] if where else None)
                self.emit(join(piece), where)
        notes, self.footnotes = self.footnotes, []
        for note in notes:
            text = join(note)
            if text:
                self.blank()
                self.emit(text, _where(note))
        if notes:
            self.blank()

    # -- commands --------------------------------------------------------------------
    def command(self, t: Tok, stream: Stream) -> None:
        name = t.text
        handler = _HANDLERS.get(name)
        if handler is not None:
            handler(self, t, stream)
            return
        if name in _LEVELS:
            self.heading(t, stream)
        elif name in SYMBOLS:
            self.add(SYMBOLS[name], t)
        elif name in ACCENTS and (len(name) == 1 or name in "uvHcdbrkt"):
            arg = stream.read_arg() or []
            self.add(accent(name, self.render_text(arg)), t)
        elif name in WRAP or name in WRAP_BOLD:
            self.wrap(t, stream)
        elif name in _REFS:
            stream.read_star()
            stream.read_optional()
            keys = stream.read_text_arg()
            self.add(",".join(_ref(_REFS[name], k.strip()) for k in keys.split(",")), t)
        elif name in _CITES or name in _PARENCITES:
            stream.read_star()
            stream.read_optional()
            stream.read_optional()
            keys = ", ".join(k.strip() for k in stream.read_text_arg().split(","))
            self.add(f"({keys})" if name in _PARENCITES else keys, t)
        elif name in _GLS:
            self.gls(t, stream)
        elif name in SKIP:
            stream.read_spec(SKIP[name])
        else:
            if stream.peek_raw() is not None and stream.peek_raw().text == "[":  # type: ignore[union-attr]
                stream.read_optional()
            self.ctx.note(
                t,
                f"\\{name}: a command the reader does not know; its arguments are read as text",
                once=name,
            )

    def preamble_command(self, t: Tok, stream: Stream) -> None:
        name = t.text
        if name == "begin":
            env = stream.read_text_arg()
            if env == "document":
                self.preamble = False
                self.emit_front()
            return
        if self.sub_preamble:
            if name in ("tikzstyle", "tikzset"):
                self.tikz_style(t, stream)
            return
        handler = _PREAMBLE.get(name)
        if handler is not None:
            handler(self, t, stream)

    def wrap(self, t: Tok, stream: Stream) -> None:
        name = t.text
        if name == "texorpdfstring":
            text = stream.read_arg() or []
            stream.read_arg()
        else:
            spec = WRAP.get(name, "")
            stream.read_spec(spec)
            text = stream.read_arg() or []
        if name in WRAP_HIDDEN:
            return
        bold = [Tok(CS, "bfseries", t.file, t.line)] if name in WRAP_BOLD else []
        stream.push(
            [Tok(BGROUP, "{", t.file, t.line), *bold, *text, Tok(EGROUP, "}", t.file, t.line)]
        )

    def gls(self, t: Tok, stream: Stream) -> None:
        name = t.text
        stream.read_star()
        stream.read_optional()
        key = stream.read_text_arg()
        if name in ("glsdisp", "glslink"):
            shown = stream.read_arg() or []
            stream.push(
                [Tok(BGROUP, "{", t.file, t.line), *shown, Tok(EGROUP, "}", t.file, t.line)]
            )
            return
        entry = self.ctx.glossary.get(key)
        plural = "pl" in name.lower() or name == "acp"
        if entry is None:
            self.add(key + ("s" if plural else ""), t)
            return
        short = entry.short
        long = entry.long
        first = key not in self.glossary_used and long is not None
        self.glossary_used.add(key)
        if name in ("acrlong", "acl", "glsentrylong", "acrlongpl", "Acrlong") and long:
            toks = list(long)
        elif name in ("acrfull", "acf", "Acrfull", "glsfirst") and long:
            toks = [*long, Tok(TEXT, " (", t.file, t.line), *short, Tok(TEXT, ")", t.file, t.line)]
        elif name in (
            "acrshort",
            "acs",
            "glsentryshort",
            "acrshortpl",
            "Acrshort",
            "glsentryname",
            "glsname",
            "Glsname",
            "glstext",
            "glsentrytext",
        ) or name in ("glsdesc", "glsentrydesc"):
            toks = list(short)
        elif first and long is not None and not self.inline:
            toks = [*long, Tok(TEXT, " (", t.file, t.line), *short, Tok(TEXT, ")", t.file, t.line)]
        else:
            toks = list(entry.plural or short) if plural and entry.plural else list(short)
        if plural and not (entry.plural and toks == list(entry.plural)):
            toks.append(Tok(TEXT, "s", t.file, t.line))
        if name[:1].isupper():
            text = self.render_text(toks)
            self.add(text.upper() if name == "GLS" else text[:1].upper() + text[1:], t)
            return
        stream.push([Tok(BGROUP, "{", t.file, t.line), *toks, Tok(EGROUP, "}", t.file, t.line)])

    # -- structure -------------------------------------------------------------------
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
        level = _LEVELS[name]
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
            self.target = _Target(kind, number, title)
        for key in found:
            self.labels[key] = _Target(self.target.kind, self.target.number, title)
        text = "#" * marks + " " + (f"{number} {title}" if number else title)
        where = [(t.file, t.line), *[(x.file, x.line) for x in title_toks]]
        self.blank((t.file, t.line))
        self.emit(text.rstrip(), where, "heading", marks)

    def begin(self, t: Tok, stream: Stream) -> None:
        name = stream.read_text_arg()
        if name == "document":
            self.preamble = False
            self.emit_front()
            return
        if name in TABULARS or name == "tabbing":
            self.table(name, t, stream)
            return
        if name == "tikzpicture":
            self.picture(t, stream)
            return
        if name == "forest":
            self.bracket_tree(t, stream, "forest")
            return
        if name in _GRAPHIC_ENVS:
            self.capture(stream, name)
            self.ctx.note(t, f"a {name} picture; not read as boxes")
            return
        if name in _MATH_ENVS:
            body = self.capture(stream, name)
            self._math_block(self.math_text(body), t)
            return
        spec = _ENV_ARGS.get(name)
        if spec is None:
            spec = "o"
        stream.read_spec(spec)
        if self.inline:
            self.envs.append(_Env(name, "list" if _LIST_ENVS.match(name) else "plain"))
            return
        if _LIST_ENVS.match(name) or name == "thebibliography":
            self.flush()
            if name == "thebibliography":
                self.blank((t.file, t.line))
                self.emit("## References", [(t.file, t.line)], "heading", 2)
            if not self.lists:
                self.blank((t.file, t.line))
            self.lists.append(_List(name))
            self.envs.append(_Env(name, "list"))
            return
        if name in _FIGURE_FLOATS or name in _TABLE_FLOATS or name in _SUB_FLOATS:
            kind = (
                "sub" if name in _SUB_FLOATS else ("figure" if name in _FIGURE_FLOATS else "table")
            )
            if kind == "sub" and self.floats:
                self.floats[-1].subs += 1
            self.floats.append(_Float(kind, t))
            self.envs.append(_Env(name, "float"))
            return
        if name == "abstract":
            self.flush()
            self.blank((t.file, t.line))
            self.emit("## Abstract", [(t.file, t.line)], "heading", 2)
            self.envs.append(_Env(name, "plain"))
            return
        if name in ("dochistory", "docHistory"):
            self.flush()
            self.start_history(t)
            self.envs.append(_Env(name, "history"))
            return
        if name in ("appendices", "appendix", "subappendices"):
            self.flush()
            self.start_appendix()
            self.envs.append(_Env(name, "plain"))
            return
        self.envs.append(_Env(name, "plain"))

    def end(self, t: Tok, stream: Stream) -> None:
        name = stream.read_text_arg()
        if name == "document":
            self.stopped = True
            return
        if not any(e.name == name for e in self.envs):
            return
        while self.envs:
            env = self.envs.pop()
            self.close_env(env, t)
            if env.name == name:
                break

    def close_env(self, env: _Env, t: Tok) -> None:
        if self.inline:
            return
        if env.kind == "list":
            self.flush()
            if self.lists:
                self.lists.pop()
            if not self.lists:
                self.blank((t.file, t.line))
        elif env.kind == "float":
            self.flush()
            if self.floats:
                self.end_float(self.floats.pop())
        elif env.kind == "history":
            self.end_history()
        elif env.name in (
            "center",
            "flushleft",
            "flushright",
            "quote",
            "quotation",
            "minipage",
            "abstract",
        ):
            self.flush()

    def start_appendix(self) -> None:
        self.appendix = True
        top = 0 if self.chapters else 1
        for k in range(top, len(self.counters)):
            self.counters[k] = 0

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
                self.target = _Target("item", str(lst.count))
        level = max(0, len(self.lists) - 1)
        self.item = _Item(level, self.render(label) if label is not None else None, t)

    def bibitem(self, t: Tok, stream: Stream) -> None:
        label = stream.read_optional()
        key = stream.read_text_arg()
        self.flush()
        shown = self.render(label) if label is not None else [Frag(key, t.file, t.line)]
        self.item = _Item(max(0, len(self.lists) - 1), shown, t)

    # -- floats and captions -------------------------------------------------------------
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
            self.target = _Target(kind, number, text)
        for key in [*self.pending_labels, *found]:
            self.labels[key] = self.target
        self.pending_labels = []
        shown = (
            f"{kind.capitalize()} {number}: {text}" if number else f"{kind.capitalize()}: {text}"
        )
        line = Line(shown, self.raw_span(where), Loc(line=t.line, file=t.file), "caption")
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

    def end_float(self, fl: _Float) -> None:
        for fig in fl.figures:
            if not fig.caption:
                fig.caption = fl.caption
        if fl.kind == "sub" and self.floats:
            self.floats[-1].figures.extend(fl.figures)
            self.floats[-1].graphics.extend(fl.graphics)
            return
        for at, name in fl.graphics:
            self.graphic(at, name, fl)

    def graphic(self, at: Tok, name: str, fl: _Float | None) -> None:
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

    def read_graphic_source(self, path: Path, fl: _Float | None) -> None:
        try:
            toks = self.ctx.load(path)
        except Exception:  # an unreadable figure source only loses that figure
            return
        saved = (self.frags, self.bold, self.item, self.lists, self.floats, self.envs)
        self.frags, self.bold, self.item, self.lists = [], [False], None, []
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
            self.frags, self.bold, self.item, self.lists, self.floats, self.envs = saved
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

    # -- pictures ----------------------------------------------------------------------
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

    def add_figure(self, t: Tok, nodes: list, edges: list, notes: list[str]) -> None:  # type: ignore[type-arg]
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

    def capture(self, stream: Stream, env: str) -> list[Tok]:
        """The tokens up to ``\\end{env}`` (nested ones counted), includes and macros read."""
        out: list[Tok] = []
        depth = 0
        while (t := stream.next()) is not None:
            if t.kind == CS and t.text in ("begin", "end"):
                arg = stream.read_arg() or []
                name = tok_text(arg).strip()
                if name == env:
                    if t.text == "end":
                        if depth == 0:
                            return out
                        depth -= 1
                    else:
                        depth += 1
                out.extend(
                    [t, Tok(BGROUP, "{", t.file, t.line), *arg, Tok(EGROUP, "}", t.file, t.line)]
                )
                continue
            out.append(t)
        return out

    def capture_brackets(self, stream: Stream) -> list[Tok]:
        out: list[Tok] = []
        depth = 0
        stream.skip_spaces()
        while (t := stream.next()) is not None:
            out.append(t)
            if t.kind == TEXT and t.text == "[":
                depth += 1
            elif t.kind == TEXT and t.text == "]":
                depth -= 1
                if depth <= 0:
                    break
        return out

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

    # -- tables ------------------------------------------------------------------------
    def table(self, name: str, t: Tok, stream: Stream) -> None:
        if name != "tabbing":
            stream.read_spec(TABULAR_ARGS.get(name, "om"))
        body = self.capture(stream, name)
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
        if self.inline:
            for cells in rendered:
                self.add(" ".join(c.text for c in cells if c.text) + " ", t)
            return
        self.flush()
        styles = classify(rendered, kept, name in LONG)
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

    # -- front matter and change record -------------------------------------------------
    def emit_front(self) -> None:
        if self.inline or self.quiet:
            return
        todo = [k for k in _FRONT if k in self.front and k not in self.front_done]
        if not todo:
            return
        self.flush()
        for key in todo:
            self.front_done.add(key)
            t, arg = self.front[key]
            where = [(t.file, t.line), *[(x.file, x.line) for x in arg]]
            if key == "abstract":
                self.blank((t.file, t.line))
                self.emit("## Abstract", where[:1], "heading", 2)
                self.blank((t.file, t.line))
                self.run(Stream(self.ctx, [*arg, Tok(PAR, "", t.file, t.line)]))
                self.flush()
                continue
            if key == "history":
                self.start_history(t)
                self.history_rows(arg)
                self.end_history()
                continue
            text = self.render_text(arg, br=", ")
            text = re.sub(r"(?:,\s*){2,}", ", ", text).strip(" ,")
            if key == "date" and not text:
                self.ctx.note(
                    t,
                    "the document date is set when the document is built "
                    "(\\today, \\vcsDate); not known from the source",
                    once="\\today",
                )
                continue
            if not text:
                continue
            if key == "title":
                self.emit("# " + text, where, "heading", 1)
            elif key == "upstream":
                self.emit(f"Document source location: {text}", where)
            else:
                self.emit(text, where)
        self.blank()

    def start_history(self, t: Tok) -> None:
        self.blank((t.file, t.line))
        self.emit("## Change Record", [(t.file, t.line)], "heading", 2)
        self.blank((t.file, t.line))
        self.emit("Version\tDate\tDescription\tOwner name", [(t.file, t.line)], "header")
        self.history = []

    def history_rows(self, toks: list[Tok]) -> None:
        i = 0
        while i < len(toks):
            tk = toks[i]
            if tk.kind == CS and tk.text == "addtohist":
                args, j = read_args(toks, i + 1, "mmmm")
                self.hist_row(tk, [a or [] for a in args], toks[i:j])
                i = j
                continue
            i += 1

    def hist_row(self, t: Tok, args: list[list[Tok]], span: list[Tok]) -> None:
        cells = [self.render_text(a) for a in args]
        where = [(t.file, t.line), *[(x.file, x.line) for x in span]]
        self.emit("\t".join(cells), where, "row")

    def addtohist(self, t: Tok, stream: Stream) -> None:
        args = [stream.read_arg() or [] for _ in range(4)]
        if self.history is None:
            self.flush()
            self.start_history(t)
        self.hist_row(t, args, [x for a in args for x in a])

    def end_history(self) -> None:
        self.history = None
        self.blank()

    # -- math and verbatim -------------------------------------------------------------
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

    def math_text(self, toks: list[Tok]) -> str:
        out: list[str] = []
        i = 0
        while i < len(toks):
            x = toks[i]
            i += 1
            if x.kind == TEXT:
                out.append(x.text)
            elif x.kind in (SUP, SUB):
                args, i = read_args(toks, i, "m")
                inner = self.math_text(args[0] or [])
                out.append(x.text + inner)
            elif x.kind == CS:
                name = x.text
                if name in MATH_SYMBOLS:
                    out.append(MATH_SYMBOLS[name])
                elif name in ("frac", "dfrac", "tfrac"):
                    args, i = read_args(toks, i, "mm")
                    out.append(f"{self.math_text(args[0] or [])}/{self.math_text(args[1] or [])}")
                elif name in ("sqrt",):
                    args, i = read_args(toks, i, "om")
                    out.append("√" + self.math_text(args[1] or []))
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
                    out.append(self.math_text(args[0] or []))
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

    # -- small handlers ----------------------------------------------------------------
    def label(self, t: Tok, stream: Stream) -> None:
        key = stream.read_text_arg()
        if self.inline:
            self.pending_labels.append(key)
        else:
            self.labels[key] = self.target

    def footnote(self, t: Tok, stream: Stream) -> None:
        stream.read_optional()
        arg = stream.read_arg() or []
        frags = self.render(arg)
        if frags and not self.quiet:
            self.footnotes.append(frags)

    def xspace(self, t: Tok, stream: Stream) -> None:
        nxt = stream.peek_raw()
        if nxt is None:
            return
        word = nxt.kind == TEXT and nxt.text[:1] not in ".,;:!?)]'-/"
        command = nxt.kind in (CS, BGROUP) and nxt.text not in ("\\", "footnote", "xspace")
        if word or command:
            self.add(" ", t)

    def setcounter(self, t: Tok, stream: Stream) -> None:
        name = stream.read_text_arg()
        val = stream.read_text_arg()
        try:
            n = int(val)
        except ValueError:
            return
        if name == "secnumdepth":
            self.secnumdepth = n
        elif name in _LEVELS and _LEVELS[name] >= 0:
            self.counters[_LEVELS[name]] = n
        elif name in ("table", "figure"):
            self.counts[name] = n

    def documentclass(self, t: Tok, stream: Stream) -> None:
        stream.read_optional()
        stream.read_arg()

    def today(self, t: Tok, stream: Stream) -> None:
        self.ctx.note(
            t,
            "\\today (the date the document is built) is not known from the source",
            once="\\today",
        )

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

    def break_line(self, t: Tok, stream: Stream) -> None:
        if t.text == "\\":
            stream.read_star()
            stream.read_optional()
        elif t.text == "linebreak":
            stream.read_optional()
        self.hard_break(t)

    def par_cs(self, t: Tok, stream: Stream) -> None:
        self.par(t)

    def appendix_cs(self, t: Tok, stream: Stream) -> None:
        self.flush()
        self.start_appendix()

    def maketitle(self, t: Tok, stream: Stream) -> None:
        self.emit_front()

    def url(self, t: Tok, stream: Stream) -> None:
        arg = stream.read_arg() or []
        self.add(tok_text(arg), t)

    def multicolumn(self, t: Tok, stream: Stream) -> None:
        stream.read_arg()
        stream.read_arg()
        text = stream.read_arg() or []
        stream.push([Tok(BGROUP, "{", t.file, t.line), *text, Tok(EGROUP, "}", t.file, t.line)])

    def multirow(self, t: Tok, stream: Stream) -> None:
        stream.read_spec("omomo")
        text = stream.read_arg() or []
        stream.push([Tok(BGROUP, "{", t.file, t.line), *text, Tok(EGROUP, "}", t.file, t.line)])

    def bold_on(self, t: Tok, stream: Stream) -> None:
        self.bold[-1] = True

    def bold_off(self, t: Tok, stream: Stream) -> None:
        self.bold[-1] = False

    def citeds(self, t: Tok, stream: Stream) -> None:
        alt = stream.read_optional()
        key = stream.read_text_arg()
        shown = self.render_text(alt) if alt else key
        self.add(f"[{shown}]" if t.text == "citedsp" else shown, t)

    def preamble_setter(self, t: Tok, stream: Stream) -> None:
        key = _FRONT_CMDS[t.text]
        if key == "title":
            stream.read_optional()
        self.front[key] = (t, stream.read_arg() or [])
        self.front_done.discard(key)

    def author_and(self, t: Tok, stream: Stream) -> None:
        self.add(", ", t)

    def ignore_optional(self, t: Tok, stream: Stream) -> None:
        stream.read_optional()

    def includepdf(self, t: Tok, stream: Stream) -> None:
        stream.read_optional()
        name = stream.read_text_arg()
        self.ctx.note(t, f"\\includepdf{{{name}}}: included PDF pages; not read here")

    def tikz_style_cs(self, t: Tok, stream: Stream) -> None:
        self.tikz_style(t, stream)

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


# fmt: off
_FRONT_CMDS = {
    "title": "title", "author": "author", "date": "date", "setDocRef": "handle",
    "setDocDate": "date", "setDocAbstract": "abstract", "setDocChangeRecord": "history",
    "setDocUpstreamLocation": "upstream", "setDocSubtitle": "subtitle", "subtitle": "subtitle",
}
# fmt: on

_HANDLERS = {
    "begin": Walker.begin,
    "end": Walker.end,
    "item": Walker.item,
    "bibitem": Walker.bibitem,
    "caption": Walker.caption,
    "captionof": Walker.captionof,
    "label": Walker.label,
    "footnote": Walker.footnote,
    "footnotetext": Walker.footnote,
    "thanks": Walker.footnote,
    "xspace": Walker.xspace,
    "setcounter": Walker.setcounter,
    "documentclass": Walker.documentclass,
    "today": Walker.today,
    "Tree": Walker.tree,
    "tikz": Walker.tikz_inline,
    "\\": Walker.break_line,
    "newline": Walker.break_line,
    "linebreak": Walker.break_line,
    "par": Walker.par_cs,
    "appendix": Walker.appendix_cs,
    "maketitle": Walker.maketitle,
    "url": Walker.url,
    "nolinkurl": Walker.url,
    "multicolumn": Walker.multicolumn,
    "multirow": Walker.multirow,
    "bfseries": Walker.bold_on,
    "bf": Walker.bold_on,
    "mdseries": Walker.bold_off,
    "normalfont": Walker.bold_off,
    "citeds": Walker.citeds,
    "citedsp": Walker.citeds,
    "includegraphics": Walker.includegraphics,
    "includepdf": Walker.includepdf,
    "addtohist": Walker.addtohist,
    "tikzstyle": Walker.tikz_style_cs,
    "tikzset": Walker.tikz_style_cs,
    **dict.fromkeys(
        (
            "tablefirsthead",
            "tablehead",
            "tabletail",
            "tablelasttail",
            "topcaption",
            "bottomcaption",
            "tablecaption",
        ),
        Walker.super_part,
    ),
    "(": Walker.math_delim,
    "[": Walker.math_delim,
    "jira": Walker.url,
    "footnotemark": Walker.ignore_optional,
    "and": Walker.author_and,
    "AND": Walker.author_and,
    **{k: Walker.preamble_setter for k in _FRONT_CMDS},
}
_PREAMBLE = {
    "setcounter": Walker.setcounter,
    "tikzstyle": Walker.tikz_style_cs,
    "tikzset": Walker.tikz_style_cs,
    **{k: Walker.preamble_setter for k in _FRONT_CMDS},
}


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


def _where(frags: list[Frag]) -> list[tuple[str | None, int]]:
    return [(f.file, f.line) for f in frags if f.text.strip() and f.line > 0]


def _letter(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("A") + r) + out
    return out or "A"


def _ref(style: str, key: str) -> str:
    return "\x00" + style + "\x01" + key.replace(" ", "\x02") + "\x00"


_PLACEHOLDER = re.compile("\x00([a-z]+)\x01([^\x00]*)\x00")


def resolve_refs(text: str, labels: dict[str, _Target]) -> str:
    """Replace the reference placeholders in ``text`` by what LaTeX prints for them."""
    if "\x00" not in text:
        return text

    def sub(m: re.Match[str]) -> str:
        style, key = m.group(1), m.group(2).replace("\x02", " ")
        tg = labels.get(key)
        if tg is None or not tg.number:
            return key
        if style == "name":
            return tg.title or key
        if style == "auto":
            return f"{REF_NAMES.get(tg.kind, tg.kind)} {tg.number}"
        if style == "eq":
            return f"({tg.number})"
        if style == "page":
            return key
        return tg.number

    return _PLACEHOLDER.sub(sub, text)
