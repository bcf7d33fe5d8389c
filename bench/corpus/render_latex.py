"""The ``latex`` rendering: a document folder, ``main.tex`` plus ``\\input`` files.

Tables are ``longtable`` (header repeated on every page with ``\\endhead``) or
``tabular`` in a ``table`` float, ruled with ``\\hline`` or booktabs; group rows are
``\\multicolumn`` bold rows. Some tables and every figure live in their own file,
included with ``\\input`` (as generated tables are). Product trees and org charts are
TikZ nodes at computed positions joined by elbow ``\\draw`` lines; the schedule is a
``pgfgantt`` chart with one group per team.
"""

from __future__ import annotations

import random
from pathlib import Path

from .blocks import Doc, Figure, Heading, Items, Para, Row, Table
from .layout import gantt_years, lanes, month_index, place

_ESC = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[a4paper,margin=2cm]{geometry}
\input{glyphtounicode}\pdfgentounicode=1
\usepackage{array,longtable,booktabs}
\usepackage{tikz}
\usepackage{pgfgantt}
\usetikzlibrary{positioning}
\tikzset{pbox/.style={rectangle, rounded corners=2pt, draw=black, thick, align=center,
  inner sep=2pt, font=\footnotesize}, pline/.style={-, thick}}
\uchyph=0
\setlength{\parindent}{0pt}
\setlength{\parskip}{4pt}
"""


def tex(text: str) -> str:
    return "".join(_ESC.get(c, c) for c in text)


def _colspec(widths: list[float], total_cm: float = 16.6) -> str:
    return "".join(
        rf">{{\raggedright\arraybackslash}}p{{{max(1.6, w * total_cm - 0.4):.2f}cm}}"
        for w in widths
    )


def _row(row: Row, ncols: int) -> str:
    if row.group:
        return rf"\multicolumn{{{ncols}}}{{l}}{{\textbf{{{tex(row.cells[0])}}}}} \\"
    cells = [tex(c) for c in row.cells]
    if row.bold:
        cells[0] = rf"\textbf{{{cells[0]}}}"
    return " & ".join(cells) + r" \\"


def table_tex(t: Table, rng: random.Random, booktabs: bool) -> str:
    top, mid, bottom = (
        (r"\toprule", r"\midrule", r"\bottomrule") if booktabs else (r"\hline", r"\hline", "")
    )
    n = len(t.header)
    head = " & ".join(rf"\textbf{{{tex(h)}}}" for h in t.header) + r" \\"
    rows = [_row(r, n) for r in t.rows]
    body = "\n".join(rows) if booktabs else "\n".join(r + r" \hline" for r in rows)
    if t.long:
        return "\n".join(
            [
                r"{\footnotesize",
                rf"\begin{{longtable}}{{{_colspec(t.widths)}}}",
                rf"\caption{{{tex(t.caption)}}}\\",
                top,
                head,
                mid,
                r"\endfirsthead",
                top,
                head,
                mid,
                r"\endhead",
                bottom,
                r"\endfoot",
                body,
                r"\end{longtable}",
                "}",
            ]
        )
    return "\n".join(
        [
            r"\begin{table}[htbp]",
            r"\centering",
            r"\footnotesize",
            rf"\caption{{{tex(t.caption)}}}",
            rf"\begin{{tabular}}{{{_colspec(t.widths)}}}",
            top,
            head,
            mid,
            body,
            bottom,
            r"\end{tabular}",
            r"\end{table}",
        ]
    )


def _box_text(lines: list[str]) -> str:
    first, *rest = [tex(x) for x in lines]
    return r"\\ ".join([rf"\textbf{{{first}}}", *rest])


def figure_tex(fig: Figure) -> str:
    if fig.kind == "gantt":
        return gantt_tex(fig)
    placed, links, width, _height = place(fig)
    lines = [r"\begin{figure}[htbp]", r"\centering"]
    scale = min(1.0, 170.0 / width)
    lines.append(rf"\begin{{tikzpicture}}[x=1mm,y=-1mm,scale={scale:.3f}, transform shape]")
    for key, p in placed.items():
        lines.append(
            rf"\node[pbox, minimum width={p.w:.1f}mm, minimum height={p.h:.1f}mm, "
            rf"text width={p.w - 3:.1f}mm] ({key}) at ({p.cx:.1f},{p.y + p.h / 2:.1f}) "
            rf"{{{_box_text(p.box.lines)}}};"
        )
    for link in links:
        if link.elbow:
            lines.append(
                rf"\draw[pline] ([xshift=2mm]{link.parent}.south west) |- ({link.child}.west);"
            )
        else:
            lines.append(rf"\draw[pline] ({link.parent}.south) -- ++(0,3) -| ({link.child}.north);")
    lines += [r"\end{tikzpicture}", rf"\caption{{{tex(fig.caption)}}}", r"\end{figure}"]
    return "\n".join(lines)


def gantt_tex(fig: Figure) -> str:
    first, last = gantt_years(fig)
    months = (last - first + 1) * 12
    lines = [
        r"\begin{figure}[htbp]",
        r"\centering",
        r"\resizebox{\textwidth}{!}{%",
        r"\begin{ganttchart}[hgrid, vgrid, x unit=2.2mm,"
        r" y unit chart=5mm, milestone label font=\scriptsize, group label font=\bfseries\small]"
        rf"{{1}}{{{months}}}",
    ]
    lines.append(" ".join(rf"\gantttitle{{{y}}}{{12}}" for y in range(first, last + 1)))
    lines.append(r"\\")
    for lane in lanes(fig):
        bars = [b for b in fig.bars if b.lane == lane]
        start = max(1, int(min(month_index(b.due, first) for b in bars)))
        end = max(start, int(max(month_index(b.due, first) for b in bars)) + 1)
        lines.append(rf"\ganttgroup{{{tex(lane)}}}{{{start}}}{{{min(end, months)}}} \\")
        for b in bars:
            slot = max(1, min(months, int(month_index(b.due, first)) + 1))
            lines.append(rf"\ganttmilestone{{{tex(b.label)}}}{{{slot}}} \\")
    lines[-1] = lines[-1].removesuffix(r" \\")
    lines += [r"\end{ganttchart}}", rf"\caption{{{tex(fig.caption)}}}", r"\end{figure}"]
    return "\n".join(lines)


def render_latex(doc: Doc, folder: Path, rng: random.Random) -> Path:
    """Write ``doc`` as a LaTeX folder (main.tex and its inputs); returns main.tex."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tables").mkdir(exist_ok=True)
    (folder / "figures").mkdir(exist_ok=True)
    booktabs = rng.random() < 0.5
    inputs = rng.random() < 0.6  # tables generated into \input files
    fr = doc.front
    body: list[str] = [
        PREAMBLE,
        rf"\title{{{tex(fr.title)}\\ \large {tex(fr.org)}}}",
        rf"\author{{{r' \and '.join(tex(a) for a in fr.authors)}}}",
        rf"\date{{{tex(fr.handle)} \\ Latest Revision: {fr.date}}}",
        r"\begin{document}",
        r"\maketitle",
    ]
    if fr.abstract:
        body += [r"\begin{abstract}", tex(fr.abstract), r"\end{abstract}"]
    if fr.changes is not None:
        body += [r"\section*{Change Record}", table_tex(fr.changes, rng, booktabs)]
    appendix = False
    n_tab = n_fig = 0
    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.number and block.number.isalpha() and not appendix:
                body.append(r"\appendix")
                appendix = True
            cmd = ("section", "subsection", "subsubsection")[block.level - 1]
            body.append(rf"\{cmd}{{{tex(block.text)}}}")
        elif isinstance(block, Para):
            text = tex(block.text)
            body.append(rf"\textbf{{{text}}}" if block.bold else text)
            body.append("")
        elif isinstance(block, Items):
            if block.intro:
                body.append(tex(block.intro))
            depth = -1
            for d, text in block.items:
                while depth < d:
                    body.append(r"\begin{itemize}")
                    depth += 1
                while depth > d:
                    body.append(r"\end{itemize}")
                    depth -= 1
                body.append(rf"\item {tex(text)}")
            body += [r"\end{itemize}"] * (depth + 1)
        elif isinstance(block, Table):
            n_tab += 1
            code = table_tex(block, rng, booktabs)
            if inputs:
                name = f"tables/table{n_tab}"
                (folder / f"{name}.tex").write_text(
                    "% generated from the planning database - do not edit\n" + code + "\n",
                    encoding="utf-8",
                )
                body.append(rf"\input{{{name}}}")
            else:
                body.append(code)
        elif isinstance(block, Figure):
            n_fig += 1
            name = f"figures/figure{n_fig}"
            (folder / f"{name}.tex").write_text(figure_tex(block) + "\n", encoding="utf-8")
            body.append(rf"\input{{{name}}}")
    body.append(r"\end{document}")
    main = folder / "main.tex"
    main.write_text("\n".join(body) + "\n", encoding="utf-8")
    return main
