"""The LaTeX reader's tables: rows and cells in the normal form (TAB-joined cells)."""

from __future__ import annotations

from pathlib import Path

from orggraph.loaders.readers.latex import read_latex
from orggraph.loaders.source import Source


def read(tmp_path: Path, body: str, files: dict[str, str] | None = None) -> Source:
    root = tmp_path / "doc"
    root.mkdir()
    text = "\\documentclass{lsstdoc}\n\\begin{document}\n" + body + "\\end{document}\n"
    (root / "main.tex").write_text(text, encoding="utf-8")
    for name, content in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return read_latex(root)


def table_lines(src: Source) -> list[tuple[str, str, str | None, int]]:
    return [
        (ln.text, ln.style, ln.loc.file, ln.loc.line)
        for ln in src.lines
        if ln.style in ("header", "row", "bold", "caption")
    ]


ROLES = r"""\section{Roles}
\begin{longtable}{|p{0.1\textwidth}|p{0.3\textwidth}|p{0.5\textwidth}|}
\caption{Management roles for the operations team.\label{tab:mgmt}} \\
\hline
\textbf{WBS} & \textbf{Role Title} & \textbf{Role Description} \\ \hline
\endfirsthead
\multicolumn{3}{c}{\tablename\ \thetable{} -- continued} \\
\hline
\textbf{WBS} & \textbf{Role Title} & \textbf{Role Description} \\ \hline
\endhead
\hline \multicolumn{3}{r}{Continued on next page} \\
\endfoot
\hline
\endlastfoot
\input{tables/mgmt}
\end{longtable}
Table~\ref{tab:mgmt} lists the roles.
"""

MGMT = r"""% generated file - do not edit
\rowcolor{gray!20}
\multicolumn{3}{|l|}{\textbf{Data Services}} \tabularnewline \hline
3.1a & Service Lead & Leads the service team.\newline Reports to the AD. \\ \hline
3.1b & \multirow{2}{*}{Service Engineer} & Runs the services. \\
     &                                     & Keeps them up. \\ \cline{2-3}
\textbf{3.2} & \textbf{Archive} & Everything archive \& storage. \\
"""


def test_longtable_over_pages_with_generated_body(tmp_path: Path) -> None:
    src = read(tmp_path, ROLES, {"tables/mgmt.tex": MGMT})
    assert table_lines(src) == [
        ("Table 1: Management roles for the operations team.", "caption", None, 5),
        ("WBS\tRole Title\tRole Description", "header", None, 7),
        ("Data Services\t\t", "bold", "tables/mgmt.tex", 3),
        (
            "3.1a\tService Lead\tLeads the service team. Reports to the AD.",
            "row",
            "tables/mgmt.tex",
            4,
        ),
        ("3.1b\tService Engineer\tRuns the services.", "row", "tables/mgmt.tex", 5),
        ("\t\tKeeps them up.", "row", "tables/mgmt.tex", 6),
        ("3.2\tArchive\tEverything archive & storage.", "bold", "tables/mgmt.tex", 7),
    ]
    prose = [ln.text for ln in src.lines if ln.style == ""]
    assert "Table 1 lists the roles." in prose
    texts = [ln.text for ln in src.lines]
    assert "Continued on next page" not in "\n".join(texts)
    caption = texts.index("Table 1: Management roles for the operations team.")
    assert texts[caption + 1 : caption + 3] == ["", "WBS\tRole Title\tRole Description"]
    rows = {ln.text: ln.raw for ln in src.lines}
    assert rows["3.1b\tService Engineer\tRuns the services."] == (
        "3.1b & \\multirow{2}{*}{Service Engineer} & Runs the services. \\\\"
    )


FLOATS = r"""\section{Teams}
\begin{table}[htb]
\centering
\begin{tabular}{|l|l|}\hline
\textbf{Team} & \textbf{Lead} \\\hline
Archive & Ada Quill \\\hline
Pipelines & Ben Rook \\\hline
\end{tabular}
\caption{Team leads \label{tab:leads}}
\end{table}

\begin{table}
\caption{Sites}
\begin{tabular}{@{}lcc@{}}
\toprule
Site & \multicolumn{2}{c}{Staff} \\
\cmidrule(lr){2-3}
 & 2024 & 2025 \\
\midrule
North & 4 & 5 \\
South & \makecell{3\\(part)} & 3 \\
\bottomrule
\end{tabular}
\end{table}

See Tables~\ref{tab:leads} and~\ref{tab:later}.
\begin{tabularx}{\textwidth}{lX}
Item & Note \\
\hline
A & {\bf First} note \\
B & Second \{note\} \\
\end{tabularx}

\begin{longtable}{ll}
\caption{Later table}\label{tab:later}\\
Key & Value \\
\end{longtable}
"""


def test_floats_captions_numbering_and_header_rules(tmp_path: Path) -> None:
    src = read(tmp_path, FLOATS)
    assert table_lines(src) == [
        ("Table 1: Team leads", "caption", None, 11),
        ("Team\tLead", "header", None, 7),
        ("Archive\tAda Quill", "row", None, 8),
        ("Pipelines\tBen Rook", "row", None, 9),
        ("Table 2: Sites", "caption", None, 15),
        ("Site\tStaff\t", "header", None, 18),
        ("\t2024\t2025", "header", None, 20),
        ("North\t4\t5", "row", None, 22),
        ("South\t3 (part)\t3", "row", None, 23),
        ("Item\tNote", "header", None, 30),
        ("A\tFirst note", "row", None, 32),
        ("B\tSecond {note}", "row", None, 33),
        ("Table 3: Later table", "caption", None, 37),
        ("Key\tValue", "row", None, 38),
    ]
    assert "See Tables 1 and 3." in [ln.text for ln in src.lines]


def test_a_grid_of_rules_falls_back_to_a_bold_header(tmp_path: Path) -> None:
    body = (
        "\\begin{tabular}{|l|l|}\\hline\n\\textbf{Product} & \\textbf{Owner} \\\\\\hline\n"
        "Qserv & Team A \\\\\\hline\nButler & Team B \\\\\\hline\nPortal & Team C \\\\\\hline\n"
        "\\end{tabular}\n"
        "\\begin{tabular}{ll}\\hline\nPlain & header? \\\\\nno & rules \\\\\\hline\n"
        "\\end{tabular}\n"
    )
    assert [(t, s) for t, s, _, _ in table_lines(read(tmp_path, body))] == [
        ("Product\tOwner", "header"),
        ("Qserv\tTeam A", "row"),
        ("Butler\tTeam B", "row"),
        ("Portal\tTeam C", "row"),
        ("Plain\theader?", "row"),
        ("no\trules", "row"),
    ]


def test_cells_split_only_at_top_level_ampersands(tmp_path: Path) -> None:
    body = (
        "\\begin{tabular}{ll}\n"
        "Outer & \\begin{tabular}{c} in & ner \\\\ two \\end{tabular} \\\\\n"
        "R\\&D & {grouped}\\\\[2pt]\n"
        "\\end{tabular}\n"
    )
    assert [t for t, _, _, _ in table_lines(read(tmp_path, body))] == [
        "Outer\tin ner two",
        "R&D\tgrouped",
    ]


def test_user_macros_expand_before_rows_are_split(tmp_path: Path) -> None:
    body = (
        "\\newcommand{\\role}[3]{#1 & #2 & #3 \\\\}\n"
        "\\begin{tabular}{lll}\n\\role{3.1}{Lead}{Leads}\n\\role{3.2}{Deputy}{Assists}\n"
        "\\end{tabular}\n"
    )
    assert table_lines(read(tmp_path, body)) == [
        ("3.1\tLead\tLeads", "row", None, 5),
        ("3.2\tDeputy\tAssists", "row", None, 6),
    ]


def test_tabbing_rows(tmp_path: Path) -> None:
    body = (
        "\\begin{tabbing}\nXXXXXXXX \\= XXXXXXXXX \\kill\n"
        "LDM-148 \\> Architecture \\\\\nLDM-999 \\> Management Plan \\\\\n\\end{tabbing}\n"
    )
    assert [t for t, _, _, _ in table_lines(read(tmp_path, body))] == [
        "LDM-148\tArchitecture",
        "LDM-999\tManagement Plan",
    ]


def test_supertabular_heads_given_before_the_table(tmp_path: Path) -> None:
    body = (
        "\\tablefirsthead{\\hline Milestone & Due \\\\ \\hline}\n"
        "\\tablehead{\\multicolumn{2}{l}{continued} \\\\ \\hline}\n"
        "\\tabletail{\\hline}\n\\topcaption{Milestones}\n"
        "\\begin{supertabular}{ll}\nDP1 & 2025-06-30 \\\\\nDR1 & 2027-01-31 \\\\\n"
        "\\end{supertabular}\n"
    )
    assert table_lines(read(tmp_path, body)) == [
        ("Table 1: Milestones", "caption", None, 6),
        ("Milestone\tDue", "header", None, 3),
        ("DP1\t2025-06-30", "row", None, 8),
        ("DR1\t2027-01-31", "row", None, 9),
    ]


def test_csv_tables_read_from_their_file(tmp_path: Path) -> None:
    body = "\\csvautotabular{tables/staff.csv}\n\\csvautolongtable{tables/none.csv}\n"
    csv_text = 'Name,Team,FTE\nAda Quill,Archive,1.0\n"Rook, Ben",Pipelines,0.5\n'
    src = read(tmp_path, body, {"tables/staff.csv": csv_text})
    assert table_lines(src) == [
        ("Name\tTeam\tFTE", "header", "tables/staff.csv", 1),
        ("Ada Quill\tArchive\t1.0", "row", "tables/staff.csv", 2),
        ("Rook, Ben\tPipelines\t0.5", "row", "tables/staff.csv", 3),
    ]
    assert [ln.raw for ln in src.lines if ln.style == "row"][1] == '"Rook, Ben",Pipelines,0.5'
    assert [why for _, why in src.notes] == [
        "\\csvautolongtable{tables/none.csv}: no such file in the document folder; not read"
    ]
