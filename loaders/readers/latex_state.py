"""What the LaTeX walker keeps track of while it reads, and its primitives: pieces of
text, emitted lines, blank lines between blocks, rendering a token list on its own."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..source import Figure, Line, Loc, Style
from .latex_lex import BGROUP, CS, EGROUP, NL, SPACE, TEXT, Tok, tok_text, tokenize
from .latex_stream import Context, Stream
from .latex_text import Frag, join, split_lines
from .latex_tikz_opts import Styles

MAX_NESTING = 40


@dataclass(slots=True)
class Target:
    """What a ``\\label`` refers to: a section, table, figure or item, and its number."""

    kind: str
    number: str
    title: str = ""


@dataclass(slots=True)
class OpenList:
    """A list environment being read (its kind, its items so far)."""

    kind: str
    count: int = 0


@dataclass(slots=True)
class OpenItem:
    """The list item being read: its level, label and where it starts."""

    level: int
    label: list[Frag] | None
    at: Tok


@dataclass(slots=True)
class OpenFloat:
    """A table or figure float being read: its caption, figures and graphics."""

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
class OpenEnv:
    """An environment being read, to close at its ``\\end``."""

    name: str
    kind: str  # "list", "float", "plain", "abstract", "history", "appendices", "biblio"


class WalkerBase:
    """The state of one document's reading, and the text and line primitives."""

    def __init__(self, ctx: Context, doc_class: str) -> None:
        self.ctx = ctx
        self.chapters = doc_class in ("book", "report", "memoir", "scrbook", "scrreprt")
        self.secnumdepth = 5 if doc_class == "lsstdoc" else (2 if self.chapters else 3)
        self.lines: list[Line] = []
        self.figures: list[Figure] = []
        self.frags: list[Frag] = []
        self.bold: list[bool] = [False]
        self.inline = 0
        self.boxed = 0  # rendering a box's text (a TikZ node): a paragraph end breaks a line
        self.quiet = 0
        self.preamble = False
        self.sub_preamble = 0
        self.stopped = False
        self.open_item: OpenItem | None = None
        self.lists: list[OpenList] = []
        self.floats: list[OpenFloat] = []
        self.envs: list[OpenEnv] = []
        self.counters = [0] * 6
        self.appendix = False
        self.counts: dict[str, int] = {"table": 0, "figure": 0}
        self.labels: dict[str, Target] = {}
        self.pending_labels: list[str] = []
        self.target = Target("section", "")
        self.front: dict[str, tuple[Tok, list[Tok]]] = {}
        self.front_done: set[str] = set()
        self.footnotes: list[list[Frag]] = []
        self.glossary_used: set[str] = set()
        self.styles: Styles = {}
        self.history: list[Line] | None = None
        self.super_parts: dict[str, tuple[Tok, list[Tok]]] = {}

    def run(self, stream: Stream) -> None:
        while not self.stopped:
            t = stream.next()
            if t is None:
                return
            self.handle(t, stream)

    def add(self, text: str, t: Tok, kind: str = "") -> None:
        if self.quiet:
            return
        self.frags.append(Frag(text, t.file, t.line, self.bold[-1], kind))

    def space(self, t: Tok, nl: bool = False) -> None:
        self.add(" ", t, "nl" if nl else "")

    def hard_break(self, t: Tok) -> None:
        self.add("\n", t, "br")

    def par(self, t: Tok) -> None:
        if self.boxed and self.inline:
            self.hard_break(t)
        elif self.inline or self.open_item is not None:
            self.space(t)
        else:
            self.flush()

    def render(
        self, toks: list[Tok], bold: bool = False, labels: list[str] | None = None
    ) -> list[Frag]:
        """``toks`` rendered on their own as pieces of text (not emitted); the labels
        set inside go to ``labels`` if given, else wait for the next numbered thing."""
        if self.inline >= MAX_NESTING:  # a runaway nesting: its words, unformatted
            self.ctx.note(
                toks[0] if toks else None, "nesting too deep; read as plain words", once="!nesting"
            )
            return [Frag(t.text, t.file, t.line) for t in toks if t.kind in (TEXT, SPACE, NL)]
        saved = (self.frags, self.bold, self.open_item, self.lists, self.envs, self.pending_labels)
        self.frags, self.bold, self.open_item, self.lists, self.envs = [], [bold], None, [], []
        self.pending_labels = []
        modes = (self.quiet, self.preamble, self.sub_preamble)
        self.quiet, self.preamble, self.sub_preamble = 0, False, 0
        self.inline += 1
        try:
            self.run(Stream(self.ctx, toks))
        finally:
            self.inline -= 1
            self.quiet, self.preamble, self.sub_preamble = modes
            out, found = self.frags, self.pending_labels
            (self.frags, self.bold, self.open_item, self.lists, self.envs, self.pending_labels) = (
                saved
            )
        if labels is not None:
            labels.extend(found)
        else:
            self.pending_labels.extend(found)
        return out

    def render_text(self, toks: list[Tok], br: str = " ") -> str:
        return join(self.render(toks), br)

    def render_source(self, text: str, file: str | None, line: int) -> list[str]:
        """A piece of LaTeX source (a TikZ node's text) as the lines it is set on: broken
        at ``\\\\``, ``\\newline`` and paragraph ends."""
        self.boxed += 1
        try:
            frags = self.render(tokenize(text, file, line))
        finally:
            self.boxed -= 1
        out: list[list[Frag]] = [[]]
        for f in frags:
            if f.kind == "br":
                out.append([])
            else:
                out[-1].append(f)
        return [t for part in out if (t := join(part))]

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
        if self.open_item is not None:
            item, self.open_item = self.open_item, None
            text = join(frags)
            label = join(item.label) if item.label else ""
            if label:
                text = (
                    f"{label} {text}"
                    if label.endswith((":", ".", ")")) or not text
                    else (f"{label}: {text}")
                )
            if text:
                where = [(item.at.file, item.at.line), *where_of(frags)]
                self.emit("  " * item.level + "- " + text.strip(), where, "item", item.level)
        elif frags:
            for k, piece in enumerate(split_lines(frags)):
                where = where_of(piece)
                if k == 0:
                    self.blank(where[0] if where else None)
                self.emit(join(piece), where)
        notes, self.footnotes = self.footnotes, []
        for note in notes:
            text = join(note)
            if text:
                self.blank()
                self.emit(text, where_of(note))
        if notes:
            self.blank()

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

    def handle(self, t: Tok, stream: Stream) -> None:
        """Typeset one token (the walker's dispatch)."""
        raise NotImplementedError


def where_of(frags: list[Frag]) -> list[tuple[str | None, int]]:
    return [(f.file, f.line) for f in frags if f.text.strip() and f.line > 0]
