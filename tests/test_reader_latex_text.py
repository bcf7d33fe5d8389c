"""The LaTeX reader's running text: citations and symbols as they are set."""

from __future__ import annotations

from pathlib import Path

from orggraph.loaders.readers.latex import read_latex


def test_citations_and_symbols(tmp_path: Path) -> None:
    doc = r"""\documentclass{article}
\renewcommand{\_}{\textunderscore\nobreak\hspace{0pt}}
\begin{document}
Rubin Observatory\cite{2008arXiv0805.2366I} is run by \citet{Smith2020} and
others \citep{Doe2021, Roe2022}, see \texttt{ctrl\_oods}.
\end{document}
"""
    (tmp_path / "main.tex").write_text(doc, encoding="utf-8")
    src = read_latex(tmp_path / "main.tex")
    assert [ln.text for ln in src.lines if ln.text] == [
        "Rubin Observatory[2008arXiv0805.2366I] is run by Smith2020 and others (Doe2021, "
        "Roe2022), see ctrl_oods."
    ]
    assert src.notes == []


def test_an_input_name_no_file_system_holds_is_a_note(tmp_path: Path) -> None:
    name = "part " * 400 + "\\\\ & more"
    doc = "\\documentclass{article}\n\\begin{document}\nBefore.\n\\input{" + name + "}\n"
    (tmp_path / "main.tex").write_text(doc + "After.\n\\end{document}\n", encoding="utf-8")
    src = read_latex(tmp_path / "main.tex")
    assert [ln.text for ln in src.lines if ln.text] == ["Before.", "After."]
    assert [(loc.line, why.endswith("not a file name; not read")) for loc, why in src.notes] == [
        (4, True)
    ]
