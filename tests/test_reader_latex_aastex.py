"""The LaTeX reader on AASTeX's forms: ``deluxetable`` (``\\tablehead`` and ``\\colhead``,
``\\startdata``/``\\enddata``, ``\\tablecaption``, table notes) and ``\\plotone``."""

from __future__ import annotations

from pathlib import Path

from orggraph.loaders.readers.latex import read_latex
from orggraph.loaders.source import Loc


def test_deluxetable_rows_head_caption_and_notes(tmp_path: Path) -> None:
    doc = r"""\documentclass{aastex631}
\begin{document}
\section{Teams}
\begin{deluxetable*}{llc}[htb]
\tablewidth{0pt}
\tablecaption{Team leads\label{tab:leads}}
\tablehead{
  \colhead{\textbf{Team}} & \colhead{Lead} & \colhead{FTE} \\
  \colhead{} & \colhead{(name)} & \colhead{}
}
\startdata
Data\_Access & Jane Doe & 2.0 \\
Pipelines & John Roe\tablenotemark{a} & 1.5
\enddata
\tablenotetext{a}{Acting lead.}
\tablecomments{Leads as of 2024.}
\end{deluxetable*}
Table~\ref{tab:leads} lists the leads.
\begin{figure}
\plotone{figures/org}
\caption{Organisation.}
\end{figure}
\end{document}
"""
    (tmp_path / "main.tex").write_text(doc, encoding="utf-8")
    src = read_latex(tmp_path / "main.tex")
    shown = [(ln.style, ln.text) for ln in src.lines if ln.text]
    assert shown[1:] == [
        ("caption", "Table 1: Team leads"),
        ("header", "Team\tLead\tFTE"),
        ("header", "\t(name)\t"),
        ("row", "Data_Access\tJane Doe\t2.0"),
        ("row", "Pipelines\tJohn Roe\t1.5"),  # a note's mark is not part of the cell
        ("", "a Acting lead."),
        ("", "Leads as of 2024."),
        ("", "Table 1 lists the leads."),
        ("caption", "Figure 1: Organisation."),
    ]
    assert (Loc(line=20), "figure 1 is an included graphic, figures/org; not read here") in (
        src.notes
    )
