"""Typeset a LaTeX document into the normal form: headings, list items, table rows,
running text, captions, figures.

The walker reads the (expanding) token stream once.  Text-level commands are undone by
putting their text back on the stream (``\\textbf{x}`` -> ``{\\bfseries x}``), so that
anything inside them, even a table, is read where it stands.  Headings, captions,
labels of items and table cells are rendered on their own (``render``).
"""

from __future__ import annotations

import re

from .latex_blocks import LEVELS, Blocks
from .latex_figures import FIGURE_FLOATS, GRAPHIC_ENVS, SUB_FLOATS, TABLE_FLOATS
from .latex_front import BUILD_DATE, FRONT_CMDS
from .latex_lex import (
    ALIGN,
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
    tok_text,
)
from .latex_state import OpenEnv, OpenFloat, OpenList, Target
from .latex_stream import Stream
from .latex_tables import TABULARS
from .latex_text import (
    ACCENTS,
    REF_NAMES,
    SKIP,
    SYMBOLS,
    WRAP,
    WRAP_BOLD,
    WRAP_HIDDEN,
    accent,
    ligatures,
)

_LIST_ENVS = re.compile(
    r"^(?:itemize|enumerate|description|compactitem|compactenum|compactdesc|asparaitem|"
    r"asparaenum|asparadesc|inparaitem|inparaenum|tablenotes|list|outline|checklist|"
    r"todolist|tasks|dinglist|itemize|enumerate|description)(?:[_*].*|\d*)?$|^(?:itemize|"
    r"enumerate|description)"
)


# fmt: off
_MATH_ENVS = frozenset({
    "equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*",
    "eqnarray", "eqnarray*", "displaymath", "math", "flalign", "flalign*", "alignat", "alignat*",
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
_BRACKET_CITES = frozenset({"cite", "citenum", "cites", "autocite"})


# fmt: off
_GLS = frozenset({
    "gls", "Gls", "GLS", "glspl", "Glspl", "GLSpl", "acrshort", "acrlong", "acrfull", "acs",
    "acl", "acf", "ac", "Ac", "acp", "glsentryshort", "glsentrylong", "glsentryname", "glstext",
    "glsfirst", "glsname", "Glsname", "glsdisp", "glslink", "acrshortpl", "acrlongpl", "Acrlong",
    "Acrshort", "Acrfull", "glsentrytext", "glsdesc", "glsentrydesc",
})
# fmt: on


_GLS_LONG = frozenset({"acrlong", "acl", "glsentrylong", "acrlongpl", "Acrlong"})
_GLS_FULL = frozenset({"acrfull", "acf", "Acrfull", "glsfirst"})
# fmt: off
_GLS_SHORT = frozenset({
    "acrshort", "acs", "glsentryshort", "acrshortpl", "Acrshort", "glsentryname", "glsname",
    "Glsname", "glstext", "glsentrytext", "glsdesc", "glsentrydesc",
})
#: commands the reader interprets itself: a document's redefinition of them is ignored
PROTECTED = frozenset({
    *LEVELS, "item", "begin", "end", "caption", "captionof", "label", "ref", "textbf", "emph",
    "textit", "texttt", "href", "url", "includegraphics", "input", "include", "footnote", "title",
    "author", "date", "maketitle", "appendix", "addtohist", "section*", "setDocRef",
    "setDocDate", "setDocAbstract", "setDocChangeRecord", "multicolumn", "multirow", "hline",
    "tabularnewline", "\\", "cite", "gls", "autoref", "node", "draw", "path", "tikzstyle",
    "tikzset", "documentclass", "usepackage", "newline", "par",
})
# fmt: on


class Walker(Blocks):
    """Renders one document's tokens into :class:`Line` s and :class:`Figure` s."""

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

    def command(self, t: Tok, stream: Stream) -> None:
        name = t.text
        handler = _HANDLERS.get(name)
        if handler is not None:
            handler(self, t, stream)
            return
        if name in LEVELS:
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
            if name in _PARENCITES:
                keys = f"({keys})"
            elif name in _BRACKET_CITES:  # numbered styles set "[1]", often with no space
                keys = f"[{keys}]"
            self.add(keys, t)
        elif name in _GLS:
            self.gls(t, stream)
        elif name in SKIP:
            stream.read_spec(SKIP[name])
        else:
            nxt = stream.peek_raw()
            if nxt is not None and nxt.text == "[":
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
        if name in _GLS_LONG and long:
            toks = list(long)
        elif name in _GLS_FULL and long:
            toks = [*long, Tok(TEXT, " (", t.file, t.line), *short, Tok(TEXT, ")", t.file, t.line)]
        elif name in _GLS_SHORT:
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
        if name == "ganttchart":
            self.gantt(t, stream)
            return
        if name == "forest":
            self.bracket_tree(t, stream, "forest")
            return
        if name in GRAPHIC_ENVS:
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
            self.envs.append(OpenEnv(name, "list" if _LIST_ENVS.match(name) else "plain"))
            return
        if _LIST_ENVS.match(name) or name == "thebibliography":
            self.flush()
            if name == "thebibliography":
                self.blank((t.file, t.line))
                self.emit("## References", [(t.file, t.line)], "heading", 2)
            if not self.lists:
                self.blank((t.file, t.line))
            self.lists.append(OpenList(name))
            self.envs.append(OpenEnv(name, "list"))
            return
        if name in FIGURE_FLOATS or name in TABLE_FLOATS or name in SUB_FLOATS:
            kind = "sub" if name in SUB_FLOATS else ("figure" if name in FIGURE_FLOATS else "table")
            if kind == "sub" and self.floats:
                self.floats[-1].subs += 1
            self.floats.append(OpenFloat(kind, t))
            self.envs.append(OpenEnv(name, "float"))
            return
        if name == "abstract":
            self.flush()
            self.blank((t.file, t.line))
            self.emit("## Abstract", [(t.file, t.line)], "heading", 2)
            self.envs.append(OpenEnv(name, "plain"))
            return
        if name in ("dochistory", "docHistory"):
            self.flush()
            self.start_history(t)
            self.envs.append(OpenEnv(name, "history"))
            return
        if name in ("appendices", "appendix", "subappendices"):
            self.flush()
            self.start_appendix()
            self.envs.append(OpenEnv(name, "plain"))
            return
        self.envs.append(OpenEnv(name, "plain"))

    def end(self, t: Tok, stream: Stream) -> None:
        name = stream.read_text_arg()
        if name == "document":
            self.stopped = not self.inline
            return
        if not any(e.name == name for e in self.envs):
            return
        while self.envs:
            env = self.envs.pop()
            self.close_env(env, t)
            if env.name == name:
                break

    def close_env(self, env: OpenEnv, t: Tok) -> None:
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
        elif name in LEVELS and LEVELS[name] >= 0:
            self.counters[LEVELS[name]] = n
        elif name in ("table", "figure"):
            self.counts[name] = n

    def documentclass(self, t: Tok, stream: Stream) -> None:
        stream.read_optional()
        stream.read_arg()

    def today(self, t: Tok, stream: Stream) -> None:
        self.ctx.note(t, BUILD_DATE, once="\\today")

    def break_line(self, t: Tok, stream: Stream) -> None:
        if t.text == "\\":
            stream.read_star()
            stream.read_optional()
        elif t.text == "linebreak":
            stream.read_optional()
        self.hard_break(t)

    def node_part(self, t: Tok, stream: Stream) -> None:
        """TikZ's ``\\nodepart{two}``: the next part of a split box, on its own line."""
        stream.read_optional()
        stream.read_arg()
        self.hard_break(t)

    def par_cs(self, t: Tok, stream: Stream) -> None:
        self.par(t)

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

    def ignore_optional(self, t: Tok, stream: Stream) -> None:
        stream.read_optional()

    def includepdf(self, t: Tok, stream: Stream) -> None:
        stream.read_optional()
        name = stream.read_text_arg()
        self.ctx.note(t, f"\\includepdf{{{name}}}: included PDF pages; not read here")


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
    "nodepart": Walker.node_part,
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
    "plotone": Walker.plot_graphics,
    "plottwo": Walker.plot_graphics,
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
    "csvautotabular": Walker.csv_table,
    "csvautolongtable": Walker.csv_table,
    "csvautobooktabular": Walker.csv_table,
    "csvautobooklongtable": Walker.csv_table,
    "(": Walker.math_delim,
    "[": Walker.math_delim,
    "jira": Walker.url,
    "footnotemark": Walker.ignore_optional,
    "and": Walker.author_and,
    "AND": Walker.author_and,
    **{k: Walker.preamble_setter for k in FRONT_CMDS},
}


_PREAMBLE = {
    "setcounter": Walker.setcounter,
    "tikzstyle": Walker.tikz_style_cs,
    "tikzset": Walker.tikz_style_cs,
    **{k: Walker.preamble_setter for k in FRONT_CMDS},
}


def _ref(style: str, key: str) -> str:
    return "\x00" + style + "\x01" + key.replace(" ", "\x02") + "\x00"


_PLACEHOLDER = re.compile("\x00([a-z]+)\x01([^\x00]*)\x00")


def resolve_refs(text: str, labels: dict[str, Target]) -> str:
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
