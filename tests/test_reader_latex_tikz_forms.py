"""The LaTeX reader's TikZ forms: points placed from a box (options, shifts, calc), the
picture's axis options (``y=-1mm``, ``yscale=-1``, ``scale``) and a box's lines."""

from __future__ import annotations

from pathlib import Path

from orggraph.loaders.readers.latex import read_latex
from orggraph.loaders.source import Figure, Source


def read(tmp_path: Path, body: str) -> Source:
    root = tmp_path / "doc"
    root.mkdir()
    doc = (
        "\\documentclass{article}\n\\usepackage{tikz}\n\\usetikzlibrary{calc,positioning}\n"
        "\\tikzset{pbox/.style={rectangle, draw, align=center}, pline/.style={-, thick}}\n"
        "\\begin{document}\n" + body + "\\end{document}\n"
    )
    (root / "main.tex").write_text(doc, encoding="utf-8")
    return read_latex(root)


def edges(fig: Figure) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in fig.edges}


def places(fig: Figure) -> dict[str, tuple[float | None, float | None]]:
    return {n.key: (n.x, n.y) for n in fig.nodes}


# a generated product tree: millimetre axes with y downward, elbows from a shifted corner
ELBOW_TREE = r"""\begin{tikzpicture}[x=1mm,y=-1mm,scale=1.000, transform shape]
\node[pbox] (p0) at (16.9,24.5) {\textbf{Services}};
\node[pbox] (p1) at (20.1,39.0) {\textbf{Toolkit}};
\node[pbox] (p5) at (26.0,53.5) {\textbf{Butler}};
\node[pbox] (p2) at (19.2,68.0) {\textbf{Relay}};
\node[pbox] (p7) at (59.4,24.5) {\textbf{Suite}};
\node[pbox] (p8) at (65.2,39.0) {\textbf{ZPA}\\ Zoned Portal Archive};
\node[pbox] (root) at (41.8,5.5) {\textbf{Data System}};
\draw[pline] (root.south) -- ++(0,3) -| (p0.north);
\draw[pline] ([xshift=2mm]p0.south west) |- (p1.west);
\draw[pline] ([xshift=2mm]p1.south west) |- (p5.west);
\draw[pline] ([xshift=2mm]p0.south west) |- (p2.west);
\draw[pline] (root.south) -- ++(0,3) -| (p7.north);
\draw[pline] ([xshift=2mm]p7.south west) |- (p8.west);
\end{tikzpicture}
"""


def test_points_shifted_from_a_box_join_it_and_y_grows_downward(tmp_path: Path) -> None:
    (fig,) = read(tmp_path, ELBOW_TREE).figures
    assert places(fig)["root"] == (4.18, 0.55)
    assert places(fig)["p1"] == (2.01, 3.9)  # millimetres, y as drawn: downward
    assert edges(fig) == {
        ("root", "p0"),
        ("p0", "p1"),
        ("p1", "p5"),
        ("p0", "p2"),
        ("root", "p7"),
        ("p7", "p8"),
    }
    assert all(not e.directed for e in fig.edges)


def test_axis_and_scale_options_of_pictures_and_scopes(tmp_path: Path) -> None:
    body = r"""\begin{tikzpicture}[yscale=-1]
\node (a) at (0,0) {Top};
\node (b) at (0,2) {Bottom};
\draw (a) -- (b);
\end{tikzpicture}
\begin{tikzpicture}[x=2cm, y={(0,-1cm)}]
\node (a) at (1,1) {Unit};
\node (b) at (1cm,1cm) {Length};
\end{tikzpicture}
\begin{tikzpicture}[scale=0.5]
\node (a) at (2,0) {Scaled};
\begin{scope}[yshift=-2cm, x=1mm]
\node (b) at (10,0) {Shifted};
\node (c) at ([xshift=4cm]b) {Beside};
\end{scope}
\end{tikzpicture}
"""
    flipped, units, scaled = read(tmp_path, body).figures
    assert places(flipped) == {"a": (0.0, 0.0), "b": (0.0, 2.0)}
    assert edges(flipped) == {("a", "b")}  # the upper box first
    # a bare number is in the axis units; a length is not
    assert places(units) == {"a": (2.0, 1.0), "b": (1.0, -1.0)}
    # a shift inside a scaled scope is scaled: 10 mm at scale 0.5, 2 cm down as 1 cm
    assert places(scaled) == {"a": (1.0, 0.0), "b": (0.5, 1.0), "c": (2.5, 1.0)}


def test_calc_points_from_a_box_and_a_bus_line_between_children(tmp_path: Path) -> None:
    body = r"""\begin{tikzpicture}[every node/.style={minimum height=1cm}]
\node[pbox] (lead) at (0,0) {Lead};
\node[pbox] (x) at (-3,-3) {Archive};
\node[pbox] (y) at (0,-3) {Pipelines};
\node[pbox] (z) at (3,-3) {Facilities};
\node[pbox] (w) at (3,-6) {Network};
\draw (lead.south) -- ++(0,-1);
\draw ($(x.north)+(0,1)$) -- ($(z.north)+(0,1)$);
\draw (x.north) -- ++(0,1);
\draw (y) -- ($(y.north)+(0,1)$);
\draw (z.north) -- ++(0,1);
\draw ($(z.south)+(0,-0.5)$) -| (w.north);
\draw ($(x)!0.5!(y)$) -- (-1.5,-4);
\end{tikzpicture}
"""
    (fig,) = read(tmp_path, body).figures
    # anchors on the boxes' borders (1 cm high): the parent's line ends on the bus line;
    # the bus line names two children, yet they meet their
    # parent there, not each other
    assert edges(fig) == {("lead", "x"), ("lead", "y"), ("lead", "z"), ("z", "w")}


def test_a_box_s_lines_as_it_sets_them(tmp_path: Path) -> None:
    body = r"""\begin{tikzpicture}
\node[pbox] (a) at (0,0) {\textbf{Head of Operations}\\ Jane Doe};
\node (b) at (0,-2) {\begin{tabular}{c}\textbf{Deputy}\\ John Roe\end{tabular}};
\node[text width=3cm] (c) at (3,-2) {Lead Engineer

Ann Poe};
\node (d) at (6,-2) {\shortstack{Scientist\\Sue Moe}};
\node[align=center] (e) at (9,-2) {Analyst \newline Tim Koe};
\node (f) at (12,-2) {\small Office\\[2pt] \footnotesize Kim Hoe};
\node (g) at (15,-2) {Single box};
\end{tikzpicture}
\begin{forest}
[{Board\\Chair} [Secretary]]
\end{forest}
"""
    pic, tree = read(tmp_path, body).figures
    assert [n.lines for n in pic.nodes] == [
        ["Head of Operations", "Jane Doe"],
        ["Deputy", "John Roe"],
        ["Lead Engineer", "Ann Poe"],
        ["Scientist", "Sue Moe"],
        ["Analyst", "Tim Koe"],
        ["Office", "Kim Hoe"],
        ["Single box"],
    ]
    assert [n.text for n in pic.nodes][:2] == ["Head of Operations Jane Doe", "Deputy John Roe"]
    assert pic.nodes[0].raw == r"\node[pbox] (a) at (0,0) {\textbf{Head of Operations}\\ Jane Doe};"
    assert [n.lines for n in tree.nodes] == [["Board", "Chair"], ["Secretary"]]


def test_anchors_on_a_box_of_known_size(tmp_path: Path) -> None:
    body = r"""\begin{tikzpicture}[box/.style={draw, minimum width=2cm, minimum height=1cm}]
\node[box, anchor=north west] (n) at (0,0) {Corner placed};
\node[box] (m) at (5,0) {Centre placed};
\coordinate (k) at (n.south east);
\node[box, anchor=west] (e) at ($(m.east)+(1,0)$) {East of it};
\node[box] (f) at (m.90) {On top};
\end{tikzpicture}
"""
    (fig,) = read(tmp_path, body).figures
    # y grows downward: the top of m is at -0.5
    assert places(fig) == {"n": (1.0, 0.5), "m": (5.0, 0.0), "e": (8.0, 0.0), "f": (5.0, -0.5)}


def test_relative_placement_in_flipped_and_scaled_pictures(tmp_path: Path) -> None:
    body = r"""\begin{tikzpicture}[yscale=-1, node distance=2cm]
\node (a) {Root};
\node[below=of a] (b) {Still below};
\node[yshift=-1cm] (c) at (3,0) {Shifted down};
\end{tikzpicture}
\begin{tikzpicture}[scale=0.5, level distance=2cm]
\node (r) {Root} child {node {Leaf}};
\end{tikzpicture}
"""
    flipped, tree = read(tmp_path, body).figures
    # as TikZ sets them: a node's placement and shifts are not flipped with the picture
    # (below=of: 2 cm between the borders of boxes one line high)
    assert places(flipped) == {"a": (0.0, 0.0), "b": (0.0, 2.533), "c": (3.0, 1.0)}
    assert places(tree) == {"r": (0.0, 0.0), "r-1": (0.0, 1.0)}


def test_unframed_text_inside_a_box_is_a_label_of_it(tmp_path: Path) -> None:
    body = r"""\tikzstyle{tbox}=[rectangle, text centered, text width=30mm]
\begin{tikzpicture}[node distance=0mm]
\tikzstyle{pbox}=[rectangle, draw=black, minimum height=36pt, text width=35mm]
\node (srv) [pbox] {\textbf{Services}};
\node (nb) [pbox, right=43pt of srv] {\textbf{Notebooks}};
\node (nbpkg) [tbox, below=3mm of nb.north] {\footnotesize \verb|org/notebooks|};
\node (free) [tbox, right=3cm of nb] {Legend text};
\draw[pline] (srv.east) -| ++(0.4,0) |- (nb.west);
\end{tikzpicture}
"""
    (fig,) = read(tmp_path, body).figures
    assert [n.key for n in fig.nodes] == ["srv", "nb", "free"]
    assert fig.nodes[1].labels == ["org/notebooks"]
    assert edges(fig) == {("srv", "nb")}


def test_the_parts_of_a_split_box_are_its_lines(tmp_path: Path) -> None:
    body = r"""\begin{tikzpicture}
\node[rectangle split, rectangle split parts=2, draw] (a) {Project Manager \nodepart{two} Ann Poe};
\end{tikzpicture}
"""
    (fig,) = read(tmp_path, body).figures
    assert fig.nodes[0].lines == ["Project Manager", "Ann Poe"]
