"""The LaTeX reader's figures: TikZ product trees and org charts, forest and qtree trees,
read from their source as boxes and connections."""

from __future__ import annotations

from pathlib import Path

from orggraph.loaders.readers.latex import read_latex
from orggraph.loaders.source import Figure, Loc, Source

PREAMBLE = r"""\documentclass{lsstdoc}
\usepackage{tikz}
\usetikzlibrary{positioning}
\tikzstyle{pbox}=[rectangle, rounded corners=3pt, draw=black, text width=30mm]
\tikzstyle{pline}=[-, thick]
\tikzset{report/.style={->, >=stealth}}
\begin{document}
"""


def read(tmp_path: Path, body: str, files: dict[str, str] | None = None) -> Source:
    root = tmp_path / "doc"
    root.mkdir()
    (root / "main.tex").write_text(PREAMBLE + body + "\\end{document}\n", encoding="utf-8")
    for name, content in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return read_latex(root)


def boxes(fig: Figure) -> list[tuple[str, str, float | None, float | None, int]]:
    return [(n.key, n.text, n.x, n.y, n.loc.line) for n in fig.nodes]


def edges(fig: Figure) -> list[tuple[str, str, bool]]:
    return [(e.source, e.target, e.directed) for e in fig.edges]


# the form of the generated Rubin product trees: relative placement, orthogonal connectors
PRODUCT_TREE = r"""\section{Products}
\begin{figure}[htb]
\begin{tikzpicture}[node distance=0mm]
\node (hds) [pbox] {\textbf{Harbor Data Systems}\\ \scriptsize HDS};
\node (arc) [pbox, below left=15mm and 20mm of hds] {\textbf{Archive}};
\node (pip) [pbox, right=40mm of arc] {\textbf{Pipelines}};
\node (cal) [pbox, below=15mm of pip] {Calibration};
\node [below right] at (pip.north west) {\small \color{blue} Team};
\draw[pline] (arc.north) -- ++(0,0.5) -| (hds.south);
\draw[pline] (pip.north) -- ++(0.0,0.5) -| (hds.south);
\draw[pline] (pip.east) -| ++(0.4,0) |- (cal.east);
\end{tikzpicture}
\caption{The HDS product tree.}\label{fig:pt}
\end{figure}
Figure~\ref{fig:pt} shows the tree.
"""


def test_product_tree_in_node_and_draw_form(tmp_path: Path) -> None:
    src = read(tmp_path, PRODUCT_TREE)
    (fig,) = src.figures
    assert fig.caption == "The HDS product tree."
    assert fig.loc == Loc(line=10)
    # placed from border to border (boxes 30 mm wide plus TikZ's inner sep; heights from
    # their lines), as pdflatex sets them to a few millimetres
    assert boxes(fig) == [
        ("hds", "Harbor Data Systems HDS", 0.0, 0.0, 11),
        ("arc", "Archive", -5.233, 2.243, 12),
        ("pip", "Pipelines", 2.0, 2.243, 13),
        ("cal", "Calibration", 2.0, 4.277, 14),
    ]
    assert fig.nodes[2].labels == ["Team"]
    assert (
        fig.nodes[0].raw == r"\node (hds) [pbox] {\textbf{Harbor Data Systems}\\ \scriptsize HDS};"
    )
    # drawn from the child up, read with the upper box first
    assert edges(fig) == [("hds", "arc", False), ("hds", "pip", False), ("pip", "cal", False)]
    texts = [ln.text for ln in src.lines if ln.text]
    assert texts[-2:] == ["Figure 1: The HDS product tree.", "Figure 1 shows the tree."]


TREE = r"""\begin{figure}
\begin{tikzpicture}[level distance=2cm, sibling distance=4cm,
  edge from parent/.style={draw,->}]
\node (ad) {Associate Director}
  child { node (dep) {Deputy}
    child { node {Engineer} }
    child[missing]
    child { node {Scientist} } }
  child { node {Project\\Manager} };
\end{tikzpicture}
\caption{Reporting lines.}
\end{figure}
"""


def test_tree_child_syntax(tmp_path: Path) -> None:
    (fig,) = read(tmp_path, TREE).figures
    assert fig.caption == "Reporting lines."
    assert boxes(fig) == [
        ("ad", "Associate Director", 0.0, 0.0, 11),
        ("dep", "Deputy", -2.0, 2.0, 12),
        ("dep-1", "Engineer", -6.0, 4.0, 13),
        ("dep-3", "Scientist", 2.0, 4.0, 15),
        ("ad-2", "Project Manager", 2.0, 2.0, 16),
    ]
    assert edges(fig) == [
        ("ad", "dep", True),
        ("dep", "dep-1", True),
        ("dep", "dep-3", True),
        ("ad", "ad-2", True),
    ]


FAN = r"""\begin{tikzpicture}
\node[draw] (svc) at (0,0) {Data Services};
\foreach \k/\name [count=\i] in {q/Qserv, b/Butler, p/Portal} {
  \node[draw] (\k) at (\i*3-6, -2) {\name};
}
\foreach \k in {q,b,p} \draw[-latex] (svc.south) -- (\k.north);
\path (b) edge[<-] (p);
\node (gap) at (0,-4) {};
\draw (q) |- (gap) -| (p);
\end{tikzpicture}
"""


def test_foreach_fan_out_arrows_and_edge_operations(tmp_path: Path) -> None:
    src = read(tmp_path, FAN)
    (fig,) = src.figures
    assert fig.caption == ""
    assert boxes(fig) == [
        ("svc", "Data Services", 0.0, 0.0, 9),
        ("q", "Qserv", -3.0, 2.0, 10),
        ("b", "Butler", 0.0, 2.0, 10),
        ("p", "Portal", 3.0, 2.0, 10),
    ]
    assert edges(fig) == [
        ("svc", "q", True),
        ("svc", "b", True),
        ("svc", "p", True),
        ("p", "b", True),
        ("q", "p", False),
    ]


ORG = r"""\begin{figure}
\begin{tikzpicture}[box/.style={draw, minimum width=3cm}]
\node[box] (ad) at (0,0) {AD for Operations};
\node[box] (a) at (-4,-3) {Archive Lead};
\node[box] (b) at (0,-3) {Pipelines Lead};
\node[box] (c) at (4,-3) {Facilities Lead};
\coordinate (bus) at (0,-1.5);
\draw (ad) -- (bus);
\draw (bus) -| (a);
\draw (bus) -| (c);
\draw (bus) -- (b);
\node[box] (x) at (-4,-6) {Archive Engineer};
\node[box] (y) at (4,-6) {Facility Engineer};
\draw (-6,-4.5) -- (6,-4.5);
\draw (a.south) -- (a.south |- 0,-4.5);
\draw (x.north) -- ++(0,1.5);
\draw (y) -- (4,-4.5);
\end{tikzpicture}
\caption{Organisation chart.}
\end{figure}
"""


def test_org_chart_bus_lines(tmp_path: Path) -> None:
    (fig,) = read(tmp_path, ORG).figures
    assert [n.key for n in fig.nodes] == ["ad", "a", "b", "c", "x", "y"]
    assert (fig.nodes[4].x, fig.nodes[4].y) == (-4.0, 6.0)
    assert edges(fig) == [
        ("ad", "a", False),
        ("ad", "c", False),
        ("ad", "b", False),
        ("a", "x", False),
        ("a", "y", False),
    ]


def test_standalone_figure_file_with_its_own_styles(tmp_path: Path) -> None:
    body = "\\begin{figure}\n\\input{figures/org}\n\\caption{Teams.}\n\\end{figure}\n"
    org = (
        "\\documentclass{standalone}\n\\usepackage{tikz}\n"
        "\\tikzstyle{reports}=[draw, ->]\n\\begin{document}\n\\begin{tikzpicture}\n"
        "\\node (a) {Lead};\n\\node (b) [below of=a] {Member};\n\\path[reports] (b) -- (a);\n"
        "\\end{tikzpicture}\n\\end{document}\n"
    )
    src = read(tmp_path, body, {"figures/org.tex": org})
    (fig,) = src.figures
    assert fig.caption == "Teams."
    assert fig.loc == Loc(line=5, file="figures/org.tex")
    assert [(n.key, n.text, n.x, n.y, n.loc) for n in fig.nodes] == [
        ("a", "Lead", 0.0, 0.0, Loc(line=6, file="figures/org.tex")),
        ("b", "Member", 0.0, 1.0, Loc(line=7, file="figures/org.tex")),
    ]
    assert edges(fig) == [("b", "a", True)]
    assert [ln.text for ln in src.lines if ln.text] == ["Figure 1: Teams."]


def test_included_graphics_are_noted_or_read_from_their_tikz_source(tmp_path: Path) -> None:
    body = (
        "\\begin{figure}\n\\includegraphics[width=\\textwidth]{figures/arch}\n"
        "\\caption{Architecture.}\n\\end{figure}\n"
        "\\begin{figure}\n\\includegraphics{figures/tree.pdf}\n\\caption{Tree.}\n\\end{figure}\n"
    )
    tree = (
        "\\documentclass{article}\n\\usepackage{tikz}\n\\begin{document}\n"
        "\\begin{tikzpicture}\n\\node (r) {Root}\n  child {node {Leaf}};\n"
        "\\end{tikzpicture}\n\\end{document}\n"
    )
    src = read(tmp_path, body, {"figures/tree.tex": tree, "figures/arch.png": "not read"})
    assert src.notes == [
        (Loc(line=9), "figure 1 is an included graphic, figures/arch.png; not read here"),
        (
            Loc(line=13),
            "figure 2 is an included graphic, figures/tree.pdf; read from its TikZ source "
            "figures/tree.tex",
        ),
    ]
    (fig,) = src.figures
    assert fig.caption == "Tree."
    assert boxes(fig) == [("r", "Root", 0.0, 0.0, 5), ("r-1", "Leaf", 0.0, 1.5, 6)]
    assert fig.nodes[0].loc.file == "figures/tree.tex"
    assert edges(fig) == [("r", "r-1", False)]


def test_coordinates_and_empty_nodes_are_waypoints_not_boxes(tmp_path: Path) -> None:
    body = (
        "\\begin{tikzpicture}\n\\node (a) at (0,0) {A};\n\\node[coordinate] (k) at (1,0) {};\n"
        "\\node (e) at (2,0) {};\n\\node (b) at (3,0) {B};\n"
        "\\draw (a) -- (k) -- (e) -- (b);\n\\end{tikzpicture}\n"
    )
    (fig,) = read(tmp_path, body).figures
    assert [n.key for n in fig.nodes] == ["a", "b"]
    assert edges(fig) == [("a", "b", False)]


def test_forest_and_qtree(tmp_path: Path) -> None:
    body = r"""\begin{forest}
for tree={draw, edge={->}}
[Operations, name=ops
  [{Data Services}
    [Qserv] [Butler]]
  [Facilities]
]
\end{forest}
\begin{tikzpicture}
\Tree [.{Director} [.Deputy Staff ] Office ]
\end{tikzpicture}
\Tree [.Board {Chair} ]
"""
    first, second, third = read(tmp_path, body).figures
    assert [n.text for n in third.nodes] == ["Board", "Chair"]
    assert len(third.edges) == 1
    assert [(n.key, n.text, n.x, n.y) for n in first.nodes] == [
        ("ops", "Operations", 3.125, 0.0),
        ("_1", "Data Services", 1.25, 1.5),
        ("_2", "Qserv", 0.0, 3.0),
        ("_3", "Butler", 2.5, 3.0),
        ("_4", "Facilities", 5.0, 1.5),
    ]
    assert edges(first) == [
        ("ops", "_1", True),
        ("_1", "_2", True),
        ("_1", "_3", True),
        ("ops", "_4", True),
    ]
    assert [(n.text, n.y) for n in second.nodes] == [
        ("Director", 0.0),
        ("Deputy", 1.5),
        ("Staff", 3.0),
        ("Office", 1.5),
    ]
    keys = {n.text: n.key for n in second.nodes}
    assert edges(second) == [
        (keys["Director"], keys["Deputy"], False),
        (keys["Deputy"], keys["Staff"], False),
        (keys["Director"], keys["Office"], False),
    ]


def test_matrix_of_nodes_and_labels(tmp_path: Path) -> None:
    body = (
        "\\begin{tikzpicture}\n\\matrix (m) [matrix of nodes] {\nLead & Deputy \\\\\n"
        "Staff & \\\\\n};\n\\draw[->] (m-1-1) -- (m-2-1);\n"
        "\\node[draw, label=above:Team] (t) at (5,0) {Ops};\n\\end{tikzpicture}\n"
    )
    (fig,) = read(tmp_path, body).figures
    assert [(n.key, n.text) for n in fig.nodes] == [
        ("m-1-1", "Lead"),
        ("m-1-2", "Deputy"),
        ("m-2-1", "Staff"),
        ("t", "Ops"),
    ]
    assert fig.nodes[3].labels == ["Team"]
    assert edges(fig) == [("m-1-1", "m-2-1", True)]


def test_a_picture_without_boxes_is_a_note(tmp_path: Path) -> None:
    body = "\\begin{tikzpicture}\n\\draw (0,0) -- (1,1);\n\\end{tikzpicture}\nText.\n"
    src = read(tmp_path, body)
    assert src.figures == []
    assert src.notes == [(Loc(line=8), "a picture with no boxes; not read as a diagram")]
