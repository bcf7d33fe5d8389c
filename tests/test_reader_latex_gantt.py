"""The LaTeX reader on pgfgantt charts: bars, groups and milestones as boxes (their kind
and the dates the time axis gives them as labels), links as arrows."""

from __future__ import annotations

from pathlib import Path

from orggraph.loaders.readers.latex import read_latex
from orggraph.loaders.source import Figure


def read(tmp_path: Path, chart: str) -> list[Figure]:
    doc = (
        "\\documentclass{article}\n\\usepackage{pgfgantt}\n\\begin{document}\n"
        "\\begin{figure}\n\\resizebox{\\textwidth}{!}{%\n" + chart + "}\n"
        "\\caption{Schedule.}\n\\end{figure}\n\\end{document}\n"
    )
    (tmp_path / "main.tex").write_text(doc, encoding="utf-8")
    return read_latex(tmp_path / "main.tex").figures


def test_numbered_slots_under_year_titles(tmp_path: Path) -> None:
    chart = r"""\begin{ganttchart}[x unit=2mm, y unit chart=5mm, y unit title=6mm]{1}{30}
\gantttitle{}{6} \gantttitle{2024}{12} \gantttitle{Operations}{12} \\
\ganttgroup{Pipelines}{7}{20} \\
\ganttmilestone[name=m1]{L2-PP-0010 First release}{7} \\
\ganttbar{Integration}{8}{19} \\
\ganttmilestone[name=m2, progress=100,
  progress label text=Ready for operations\phantom{\#1}]{L2-PP-0020}{20} \\
\ganttgroup{Archive}{1}{2} \ganttnewline
\ganttmilestone{}{3}
\ganttlink{m1}{m2}
\ganttlink{elem2}{m2}
\end{ganttchart}"""
    (fig,) = read(tmp_path, chart)
    assert fig.caption == "Schedule."
    assert [(n.key, n.lines, n.labels) for n in fig.nodes] == [
        ("elem0", ["Pipelines"], ["group", "2024-01", "2025-02"]),
        ("m1", ["L2-PP-0010 First release"], ["milestone", "2024-01"]),
        ("elem2", ["Integration"], ["bar", "2024-02", "2025-01"]),
        ("m2", ["L2-PP-0020", "Ready for operations"], ["milestone", "2025-02"]),
        ("elem4", ["Archive"], ["group", "2023-07", "2023-08"]),
    ]
    # rows downward (a title row 6 mm, chart rows 5 mm), x at the element's middle
    assert [(n.x, n.y) for n in fig.nodes] == [
        (2.6, 0.6),
        (1.3, 1.1),
        (2.6, 1.6),
        (3.9, 2.1),
        (0.2, 2.6),
    ]
    assert [(e.source, e.target, e.directed) for e in fig.edges] == [
        ("m1", "m2", True),
        ("elem2", "m2", True),
    ]


def test_iso_date_slots(tmp_path: Path) -> None:
    chart = r"""\begin{ganttchart}[time slot format=isodate]{2024-01-01}{2024-12-31}
\ganttbar{Design}{2024-01-15}{2024-3-01} \\
\ganttmilestone{Review}{2024-03-05}
\end{ganttchart}"""
    (fig,) = read(tmp_path, chart)
    assert [(n.text, n.labels, n.x) for n in fig.nodes] == [
        ("Design", ["bar", "2024-01-15", "2024-03-01"], None),
        ("Review", ["milestone", "2024-03-05"], None),
    ]
    assert fig.edges == []
