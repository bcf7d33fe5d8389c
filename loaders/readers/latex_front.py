"""Front matter: the handle, date, title, authors, abstract and change record lines
(``\\title``, lsstdoc's ``\\setDocRef`` ... ``\\setDocChangeRecord``)."""

from __future__ import annotations

import re

from .latex_lex import CS, PAR, Tok
from .latex_state import WalkerBase
from .latex_stream import Stream
from .latex_tables import read_args

BUILD_DATE = (
    "the document date is set when the document is built (\\today, \\vcsDate); "
    "not known from the source"
)
_FRONT = ("handle", "date", "title", "subtitle", "author", "abstract", "history", "upstream")


# fmt: off
FRONT_CMDS = {
    "title": "title", "author": "author", "date": "date", "setDocRef": "handle",
    "setDocDate": "date", "setDocAbstract": "abstract", "setDocChangeRecord": "history",
    "setDocUpstreamLocation": "upstream", "setDocSubtitle": "subtitle", "subtitle": "subtitle",
}
# fmt: on


class FrontMatter(WalkerBase):
    """Renders the document's front matter as its first lines."""

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
            if key == "author":  # authors on one line, "\\and" and line breaks as commas
                text = re.sub(r"\s*(?:,\s*)+", ", ", self.render_text(arg, br=", ")).strip(" ,")
            else:
                text = self.render_text(arg)
            if key == "date" and not text:
                self.ctx.note(t, BUILD_DATE, once="\\today")
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

    def preamble_setter(self, t: Tok, stream: Stream) -> None:
        key = FRONT_CMDS[t.text]
        if key == "title":
            stream.read_optional()
        self.front[key] = (t, stream.read_arg() or [])
        self.front_done.discard(key)

    def author_and(self, t: Tok, stream: Stream) -> None:
        self.add(", ", t)
