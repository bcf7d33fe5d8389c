"""Property-based fuzzing of the LaTeX reader (hypothesis).

Documents in the forms of the other LaTeX reader tests are mangled: truncated, lines
shuffled or dropped, braces, ``&``, ``\\\\``, ``$``, ``%`` and stray environment ends
sprinkled in.  Whatever comes in, ``read_latex`` gives a Source or a clear LoadError,
never another exception; every line it gives cites a line of the file it names and
quotes that file verbatim; every connection joins two boxes of its figure.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from orggraph.loaders.readers.latex import read_latex
from orggraph.loaders.source import LoadError, Source

from tests import test_reader_latex as doc
from tests import test_reader_latex_tables as tables
from tests import test_reader_latex_tikz as tikz

BASES = [
    doc.MAIN.replace("\\input{body}", doc.BODY).replace(
        "\\input{tables/acronyms.tex}", doc.ACRONYMS
    ),
    tikz.PREAMBLE + tables.ROLES.replace("\\input{tables/mgmt}", tables.MGMT) + "\\end{document}",
    tikz.PREAMBLE + tables.FLOATS + "\\end{document}",
    tikz.PREAMBLE + tikz.PRODUCT_TREE + tikz.TREE + "\\end{document}",
    tikz.PREAMBLE + tikz.FAN + tikz.ORG + "\\end{document}",
]
JUNK = [
    "{",
    "}",
    "&",
    "\\\\",
    "$",
    "%",
    "[",
    "]",
    "\\end{itemize}",
    "\\begin{tabular}{l}",
    "\\item",
    "\\multicolumn{2}{l}{",
    "#1",
    "\\def\\x{\\x}\\x",
    "\\input{main}",
    "\x00",
    "\\node (a) {",
    "-- (",
    "\\caption{",
    "\\section{",
    "child {",
    "\\verb|",
    "~",
    "^_",
]


def mangle(text: str, rng: random.Random, ops: list[int]) -> str:
    lines = text.split("\n")
    for op in ops:
        if not lines:
            break
        k = rng.randrange(len(lines))
        if op == 0:
            lines = lines[: k + 1]
        elif op == 1:
            del lines[k]
        elif op == 2:
            j = rng.randrange(len(lines))
            lines[k], lines[j] = lines[j], lines[k]
        else:
            at = rng.randrange(len(lines[k]) + 1)
            lines[k] = lines[k][:at] + rng.choice(JUNK) + lines[k][at:]
    return "\n".join(lines)


def check(src: Source, files: dict[str | None, list[str]]) -> None:
    for ln in src.lines:
        assert ln.loc.line >= 1
        assert ln.loc.file in files
        if ln.raw:
            source = files[ln.loc.file]
            first = source[ln.loc.line - 1].rstrip()
            assert ln.raw.split("\n")[0] == first
            assert ln.raw in "\n".join(s.rstrip() for s in source)
        assert "\x00" not in ln.text
    for fig in src.figures:
        keys = {n.key for n in fig.nodes}
        assert len(keys) == len(fig.nodes)
        for e in fig.edges:
            assert e.source in keys and e.target in keys and e.source != e.target


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    base=st.integers(min_value=0, max_value=len(BASES) - 1),
    seed=st.integers(min_value=0, max_value=10**6),
    ops=st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=12),
)
def test_mangled_documents_read_or_fail_clearly(
    tmp_path: Path, base: int, seed: int, ops: list[int]
) -> None:
    text = mangle(BASES[base], random.Random(seed), ops)
    path = tmp_path / f"doc{base}-{seed}.tex"
    path.write_text(text, encoding="utf-8")
    try:
        src = read_latex(path)
    except LoadError as err:
        assert err.message and "\n" not in err.message
        return
    check(src, {None: text.split("\n")})


DEEP = 2500
NESTED = {
    "footnotes": "\\footnote{" * DEEP + "x" + "}" * DEEP,
    "sections": "\\section{" * DEEP + "x" + "}" * DEEP,
    "tables": "\\begin{tabular}{l}" * DEEP + "x" + "\\end{tabular}" * DEEP,
    "math": "$" + "x^{" * DEEP + "y" + "}" * DEEP + "$",
    "forest": "\\begin{forest}" + "[a " * DEEP + "]" * DEEP + "\\end{forest}",
    "tree": "\\begin{tikzpicture}\\node (r) {R} " + "child {node {a} " * DEEP + "}" * DEEP + ";"
    "\\end{tikzpicture}",
}


def test_pathological_nesting_reads_or_fails_clearly(tmp_path: Path) -> None:
    for name, body in NESTED.items():
        path = tmp_path / f"{name}.tex"
        path.write_text(
            "\\documentclass{article}\n\\begin{document}\nBefore.\n" + body + "\n\\end{document}\n",
            encoding="utf-8",
        )
        try:
            src = read_latex(path)
        except LoadError as err:
            assert "\n" not in err.message
            continue
        assert src.lines[0].text == "Before."
        check(src, {None: path.read_text(encoding="utf-8").split("\n")})
