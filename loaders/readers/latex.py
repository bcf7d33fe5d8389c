"""Read a LaTeX document (a ``.tex`` file or a document folder) into a :class:`Source`.

The pieces, in reading order:

* ``latex_files``: the main file of a folder, where an included file is, decoding;
* ``latex_lex``: tokens (comments stripped, verbatim kept), each with its file and line;
* ``latex_stream``: included files read in place, the document's macros expanded;
* ``latex_walk`` (with ``latex_state``, ``latex_front``, ``latex_figures``,
  ``latex_blocks``): the normal form's lines: front matter, headings, items, rows, text;
* ``latex_text``: what text commands print; ``latex_tables``: rows and cells;
* ``latex_tikz`` (with ``latex_tikz_scan``, ``latex_tikz_opts``, ``latex_tikz_syntax``,
  ``latex_tikz_wires``) and ``latex_trees``: pictures as boxes and connections.
"""

from __future__ import annotations

from pathlib import Path

from ..source import Figure, Line, LoadError, Loc, Source
from .latex_files import doc_class, find_main
from .latex_lex import CS, Tok, tokenize
from .latex_stream import Context, Stream
from .latex_text import LSSTDOC_MACROS
from .latex_walk import PROTECTED, Walker, resolve_refs


def read_latex(path: Path) -> Source:
    """The normal form of the LaTeX document at ``path`` (raises :class:`LoadError`)."""
    path = Path(path)
    notes: list[tuple[Loc, str]] = []
    if path.is_dir():
        main, why = find_main(path)
        root = path
        if why:
            notes.append((Loc(line=1), why))
    elif path.is_file():
        main, root = path, path.parent
    else:
        raise LoadError(f"{path.name}: no such file or folder")
    ctx = Context(root=root, main=main, protected=PROTECTED)
    toks = ctx.load(main)
    cls = doc_class("\n".join(ctx.sources.get(None, [])))
    if cls == "lsstdoc":
        _define(ctx, LSSTDOC_MACROS)
    walker = Walker(ctx, cls)
    walker.preamble = _has_body(toks)
    try:
        walker.run(Stream(ctx, toks))
        walker.finish()
    except RecursionError:  # a guard missed a pathological nesting: a clear error, not a crash
        raise LoadError(f"{path.name}: the document nests too deeply to be read") from None
    lines = _tidy(walker.lines, walker)
    if not any(ln.text for ln in lines) and not walker.figures:
        raise LoadError(f"{path.name}: the LaTeX document has no text")
    figures = [_figure(f, walker) for f in walker.figures]
    return Source(
        name=path.name,
        format="latex",
        lines=lines,
        figures=figures,
        notes=[*notes, *ctx.notes],
    )


def _define(ctx: Context, definitions: str) -> None:
    """Read macro definitions (a document class's own) into ``ctx``."""
    stream = Stream(ctx, tokenize(definitions, "", 0))
    while stream.next() is not None:
        pass


def _has_body(toks: list[Tok]) -> bool:
    """Whether the file has a ``\\begin{document}`` (what comes before is its preamble)."""
    for i in range(len(toks) - 2):
        t = toks[i]
        if t.kind == CS and t.text == "begin" and toks[i + 2].text == "document":
            return True
    return False


def _tidy(lines: list[Line], walker: Walker) -> list[Line]:
    """References resolved; no leading, trailing or doubled blank lines."""
    out: list[Line] = []
    for ln in lines:
        ln.text = resolve_refs(ln.text, walker.labels)
        if not ln.text and (not out or not out[-1].text):
            continue
        out.append(ln)
    while out and not out[-1].text:
        out.pop()
    return out


def _figure(fig: Figure, walker: Walker) -> Figure:
    fig.caption = resolve_refs(fig.caption, walker.labels)
    for node in fig.nodes:
        node.text = resolve_refs(node.text, walker.labels)
    return fig
