"""The LaTeX reader: a document folder (main file, included files) in the normal form.

The sources are written here, in the forms Rubin planning documents use (the lsstdoc
class's front matter, ``\\input`` body files, generated table files), with invented text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from orggraph.loaders.readers import read_source
from orggraph.loaders.readers.detect import detect_format
from orggraph.loaders.readers.latex import read_latex
from orggraph.loaders.source import LoadError, Loc, Source

MAIN = r"""\documentclass[DM,lsstdraft,toc]{lsstdoc}
\newcommand{\product}{Harbor Data Systems}
\newcommand{\lead}[2]{#1 leads the \textbf{#2} team}
\def\svc{Archive Service}

\title[Ops Plan]{\product\\Operations Plan}
\author{Ada Quill \and Ben Rook}
\setDocRef{HDS-042}
\setDocDate{2024-05-17}
\setDocUpstreamLocation{\url{https://example.org/hds-042}}
\setDocAbstract{%
This plan describes how \product{} is run.
}
\setDocChangeRecord{%
  \addtohist{1.0}{2024-01-09}{Initial release.}{Ada Quill}
  \addtohist{1.1}{2024-05-17}{Roles \& teams, see \jira{RFC-12}.}{B.~Rook}
}

\begin{document}
\maketitle

\input{body}

\appendix
\section{Acronyms}\label{sec:acronyms}
\input{tables/acronyms.tex}
\end{document}
"""

BODY = r"""\section{Introduction}
\label{sec:intro}
This document covers the \svc.
\lead{Cara Voss}{Archive} % the archive team
since 2023.

\subsection{Goals}
The goals are:
\begin{itemize}
  \item Keep the \svc{} available.
  \item Serve users --- internal and external:
  \begin{enumerate}
    \item[Internal] staff and
      pipelines;
    \item External users.
  \end{enumerate}
\end{itemize}

\section{Roles and Responsibilities}\label{sec:roles}
See Section~\ref{sec:intro} and \autoref{sec:acronyms}; Jos\'e Pe\~na\footnote{On loan.} helps.
\begin{description}
  \item[Archive Lead] runs the archive.
  \item[Deputy:] stands in.
\end{description}

\subsubsection*{Notes}
Verbatim \verb|a%b| stays; 50\% \& more.\\
A new line.
"""

ACRONYMS = r"""\begin{longtable}{ll}
\textbf{Acronym} & \textbf{Description} \\\hline
\endhead
HDS & Harbor Data Systems \\
QA & Quality Assurance \\
\end{longtable}
"""


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def rows(src: Source) -> list[tuple[str, str, int, str | None, int]]:
    """The non-blank lines as (text, style, level, file, line)."""
    return [(ln.text, ln.style, ln.level, ln.loc.file, ln.loc.line) for ln in src.lines if ln.text]


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    return write(
        tmp_path / "hds-042",
        {"main.tex": MAIN, "body.tex": BODY, "tables/acronyms.tex": ACRONYMS},
    )


def test_document_folder_in_normal_form(doc: Path) -> None:
    src = read_latex(doc)
    assert src.format == "latex"
    assert src.name == "hds-042"
    assert rows(src) == [
        ("HDS-042", "", 0, None, 8),
        ("2024-05-17", "", 0, None, 9),
        ("# Harbor Data Systems Operations Plan", "heading", 1, None, 6),
        ("Ada Quill, Ben Rook", "", 0, None, 7),
        ("## Abstract", "heading", 2, None, 11),
        ("This plan describes how Harbor Data Systems is run.", "", 0, None, 12),
        ("## Change Record", "heading", 2, None, 14),
        ("Version\tDate\tDescription\tOwner name", "header", 0, None, 14),
        ("1.0\t2024-01-09\tInitial release.\tAda Quill", "row", 0, None, 15),
        ("1.1\t2024-05-17\tRoles & teams, see RFC-12.\tB. Rook", "row", 0, None, 16),
        ("Document source location: https://example.org/hds-042", "", 0, None, 10),
        ("## 1 Introduction", "heading", 2, "body.tex", 1),
        ("This document covers the Archive Service.", "", 0, "body.tex", 3),
        ("Cara Voss leads the Archive team since 2023.", "", 0, "body.tex", 4),
        ("### 1.1 Goals", "heading", 3, "body.tex", 7),
        ("The goals are:", "", 0, "body.tex", 8),
        ("- Keep the Archive Service available.", "item", 0, "body.tex", 10),
        ("- Serve users — internal and external:", "item", 0, "body.tex", 11),
        ("  - Internal: staff and pipelines;", "item", 1, "body.tex", 13),
        ("  - External users.", "item", 1, "body.tex", 15),
        ("## 2 Roles and Responsibilities", "heading", 2, "body.tex", 19),
        ("See Section 1 and Appendix A; José Peña helps.", "", 0, "body.tex", 20),
        ("On loan.", "", 0, "body.tex", 20),
        ("- Archive Lead: runs the archive.", "item", 0, "body.tex", 22),
        ("- Deputy: stands in.", "item", 0, "body.tex", 23),
        ("#### Notes", "heading", 4, "body.tex", 26),
        ("Verbatim a%b stays; 50% & more.", "", 0, "body.tex", 27),
        ("A new line.", "", 0, "body.tex", 28),
        ("## A Acronyms", "heading", 2, None, 25),
        ("Acronym\tDescription", "header", 0, "tables/acronyms.tex", 2),
        ("HDS\tHarbor Data Systems", "row", 0, "tables/acronyms.tex", 4),
        ("QA\tQuality Assurance", "row", 0, "tables/acronyms.tex", 5),
    ]
    assert src.notes == []


def test_raw_is_the_verbatim_source(doc: Path) -> None:
    src = read_latex(doc)
    by_text = {ln.text: ln.raw for ln in src.lines}
    assert by_text["Cara Voss leads the Archive team since 2023."] == (
        "\\lead{Cara Voss}{Archive} % the archive team\nsince 2023."
    )
    assert by_text["  - Internal: staff and pipelines;"] == (
        "    \\item[Internal] staff and\n      pipelines;"
    )
    assert by_text["HDS\tHarbor Data Systems"] == "HDS & Harbor Data Systems \\\\"
    assert by_text["## 1 Introduction"] == "\\section{Introduction}"
    assert by_text["1.1\t2024-05-17\tRoles & teams, see RFC-12.\tB. Rook"] == (
        "  \\addtohist{1.1}{2024-05-17}{Roles \\& teams, see \\jira{RFC-12}.}{B.~Rook}"
    )


def test_blank_lines_separate_blocks(doc: Path) -> None:
    texts = [ln.text for ln in read_latex(doc).lines]
    at = texts.index("### 1.1 Goals")
    assert texts[at - 1] == "" and texts[at + 1] == ""
    items = texts.index("- Keep the Archive Service available.")
    assert texts[items - 1] == ""
    assert texts[items + 1] == "- Serve users — internal and external:"
    assert "" not in texts[items : items + 4]
    assert texts[0] != "" and texts[-1] != ""


def test_sentences_keep_their_source_lines_and_wrapped_ones_join(tmp_path: Path) -> None:
    main = (
        write(
            tmp_path,
            {
                "plan.tex": "\\documentclass{article}\n\\begin{document}\n"
                "One sentence here.\nAnother one, wrapped\nover two lines.\n\n"
                "Next paragraph.\n\\end{document}\n"
            },
        )
        / "plan.tex"
    )
    assert rows(read_latex(main)) == [
        ("One sentence here.", "", 0, None, 3),
        ("Another one, wrapped over two lines.", "", 0, None, 4),
        ("Next paragraph.", "", 0, None, 7),
    ]


def test_article_numbering_chapters_and_secnumdepth(tmp_path: Path) -> None:
    text = (
        "\\documentclass{report}\n\\setcounter{secnumdepth}{1}\n\\begin{document}\n"
        "\\chapter{Scope}\n\\section{Teams}\n\\subsection{Unnumbered here}\n"
        "\\appendix\n\\chapter{Glossary}\n\\section{Terms}\n\\end{document}\n"
    )
    src = read_latex(write(tmp_path, {"r.tex": text}) / "r.tex")
    assert [ln.text for ln in src.lines if ln.style == "heading"] == [
        "## 1 Scope",
        "### 1.1 Teams",
        "#### Unnumbered here",
        "## A Glossary",
        "### A.1 Terms",
    ]


def test_lsstdoc_numbers_paragraphs(tmp_path: Path) -> None:
    text = (
        "\\documentclass{lsstdoc}\n\\begin{document}\n\\section{A}\n\\subsection{B}\n"
        "\\subsubsection{C}\n\\paragraph{D} Text after.\n\\end{document}\n"
    )
    src = read_latex(write(tmp_path, {"d.tex": text}) / "d.tex")
    assert [ln.text for ln in src.lines if ln.text] == [
        "## 1 A",
        "### 1.1 B",
        "#### 1.1.1 C",
        "##### 1.1.1.1 D",
        "Text after.",
    ]


def test_macros_with_optional_arguments_and_environments(tmp_path: Path) -> None:
    text = r"""\documentclass{article}
\newcommand{\role}[2][Lead]{#2 (#1)}
\newenvironment{teambox}[1]{\section{#1}}{}
\let\team\textbf
\begin{document}
\begin{teambox}{Archive}
\role{Ada Quill} and \role[Deputy]{Ben Rook}; \team{Ops}.
\end{teambox}
\iffalse
Hidden text.
\fi
\end{document}
"""
    src = read_latex(write(tmp_path, {"m.tex": text}) / "m.tex")
    assert [ln.text for ln in src.lines if ln.text] == [
        "## 1 Archive",
        "Ada Quill (Lead) and Ben Rook (Deputy); Ops.",
    ]


def test_a_runaway_macro_is_noted_not_fatal(tmp_path: Path) -> None:
    text = (
        "\\documentclass{article}\n\\def\\loop{\\loop}\n\\begin{document}\n"
        "Text \\loop.\n\\end{document}\n"
    )
    src = read_latex(write(tmp_path, {"x.tex": text}) / "x.tex")
    assert [ln.text for ln in src.lines if ln.text] == ["Text ."]
    assert any("expansion stopped" in why for _, why in src.notes)


def test_includes_missing_cycles_and_import(tmp_path: Path) -> None:
    root = write(
        tmp_path / "doc",
        {
            "main.tex": "\\documentclass{article}\n\\begin{document}\n\\input{a}\n"
            "\\include{parts/b}\n\\import{sub/}{c}\n\\input{nowhere}\n\\input{../outside}\n"
            "\\end{document}\n",
            "a.tex": "Alpha text.\n\\input{a}\n",
            "parts/b.tex": "Beta text.\n",
            "sub/c.tex": "Gamma text.\n\\input{d}\n",
            "sub/d.tex": "Delta text.\n",
        },
    )
    (tmp_path / "outside.tex").write_text("Secret.\n", encoding="utf-8")
    src = read_latex(root)
    assert rows(src) == [
        ("Alpha text.", "", 0, "a.tex", 1),
        ("Beta text.", "", 0, "parts/b.tex", 1),
        ("Gamma text.", "", 0, "sub/c.tex", 1),
        ("Delta text.", "", 0, "sub/d.tex", 1),
    ]
    assert src.notes == [
        (Loc(line=2, file="a.tex"), "\\input{a}: the file includes itself; not read again"),
        (Loc(line=6), "\\input{nowhere}: no such file in the document folder; not read"),
        (Loc(line=7), "\\input{../outside}: outside the document folder; not read"),
    ]


def test_standalone_subfile_contributes_its_body(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "main.tex": "\\documentclass{article}\n\\usepackage{subfiles}\n\\begin{document}\n"
            "\\subfile{sections/ops}\n\\end{document}\n",
            "sections/ops.tex": "\\documentclass[../main.tex]{subfiles}\n"
            "\\newcommand{\\tm}{Ops Team}\n\\begin{document}\n\\section{\\tm}\nRuns things.\n"
            "\\end{document}\n",
        },
    )
    assert rows(read_latex(root)) == [
        ("## 1 Ops Team", "heading", 2, "sections/ops.tex", 4),
        ("Runs things.", "", 0, "sections/ops.tex", 5),
    ]


def test_main_file_choice(tmp_path: Path) -> None:
    body = "\\documentclass{article}\n\\begin{document}\n{}\n\\end{document}\n"
    root = write(
        tmp_path / "rtn-777",
        {
            "RTN-777.tex": body.replace("{}", "Named like the folder."),
            "aaa.tex": body.replace("{}", "Shorter name."),
            "figures/tree.tex": body.replace("{}", "A figure."),
            "part.tex": "Not a main file.\n",
        },
    )
    src = read_latex(root)
    assert [ln.text for ln in src.lines] == ["Named like the folder."]
    assert src.notes[0][1] == (
        "several main files (RTN-777.tex, aaa.tex); read RTN-777.tex, named like the document"
    )
    (root / "main.tex").write_text(body.replace("{}", "The main one."), encoding="utf-8")
    assert [ln.text for ln in read_latex(root).lines] == ["The main one."]


def test_bad_input_is_a_clear_load_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "part.tex").write_text("Only a fragment.\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"no main LaTeX file"):
        read_latex(empty)
    bad = tmp_path / "bad.tex"
    bad.write_bytes(b"\\documentclass{article}\n\\begin{document}\nCaf\xe9\n\\end{document}\n")
    with pytest.raises(LoadError) as err:
        read_latex(bad)
    assert "\n" not in err.value.message
    assert err.value.message.startswith("bad.tex, line 3: the file is not valid UTF-8")
    nothing = tmp_path / "nothing.tex"
    nothing.write_text("\\documentclass{article}\n\\begin{document}\n\\end{document}\n")
    with pytest.raises(LoadError, match="no text"):
        read_latex(nothing)
    with pytest.raises(LoadError, match="no such file"):
        read_latex(tmp_path / "missing.tex")


def test_latin1_declared_documents_are_read(tmp_path: Path) -> None:
    path = tmp_path / "old.tex"
    path.write_bytes(
        b"\\documentclass{article}\n\\usepackage[latin1]{inputenc}\n\\begin{document}\n"
        b"Caf\xe9 staff.\n\\end{document}\n"
    )
    assert [ln.text for ln in read_latex(path).lines] == ["Café staff."]


def test_detection_picks_latex(doc: Path, tmp_path: Path) -> None:
    assert detect_format(doc) == ("latex", None)
    assert detect_format(doc / "main.tex") == ("latex", None)
    assert detect_format(doc / "tables" / "acronyms.tex") == ("latex", None)
    txt = tmp_path / "export.txt"
    txt.write_text(BODY, encoding="utf-8")
    assert detect_format(txt)[0] == "latex"
    src = read_source(txt)
    assert src.format == "latex"
    assert ("## 1 Introduction", "heading", 2, None, 1) in rows(src)
    plain = tmp_path / "plain.txt"
    plain.write_text("1 Introduction\n\nSome text about teams.\n", encoding="utf-8")
    assert detect_format(plain)[0] != "latex"


def test_read_source_dispatches_folders(doc: Path) -> None:
    src = read_source(doc)
    assert src.format == "latex"
    assert rows(src) == rows(read_latex(doc))


def test_glossary_acronyms_first_use_long(tmp_path: Path) -> None:
    text = r"""\documentclass{article}
\newacronym{DF} {DF} {Data Facility}
\newglossaryentry{Butler} {name={Butler}, description={A data access layer}}
\begin{document}
The \gls{DF} hosts the \gls{Butler}; each \gls{DF} and two \glspl{DF}.
\end{document}
"""
    src = read_latex(write(tmp_path, {"g.tex": text}) / "g.tex")
    assert [ln.text for ln in src.lines] == [
        "The Data Facility (DF) hosts the Butler; each DF and two DFs."
    ]


def test_unknown_commands_keep_their_text_and_are_noted_once(tmp_path: Path) -> None:
    text = (
        "\\documentclass{article}\n\\begin{document}\n\\mystery{Kept text} and "
        "\\mystery{again}.\n\\vspace{2cm}\\textcolor{red}{Red} \\hspace*{1em}done.\n"
        "\\end{document}\n"
    )
    src = read_latex(write(tmp_path, {"u.tex": text}) / "u.tex")
    assert [ln.text for ln in src.lines] == ["Kept text and again.", "Red done."]
    why = "\\mystery: a command the reader does not know; its arguments are read as text"
    assert src.notes == [(Loc(line=3), why)]


def test_verbatim_lines_are_kept(tmp_path: Path) -> None:
    text = (
        "\\documentclass{article}\n\\begin{document}\nBefore.\n\\begin{verbatim}\n"
        "  raw % not a comment\n\\textbf{x}\n\\end{verbatim}\nAfter.\n\\end{document}\n"
    )
    src = read_latex(write(tmp_path, {"v.tex": text}) / "v.tex")
    assert rows(src) == [
        ("Before.", "", 0, None, 3),
        ("  raw % not a comment", "", 0, None, 5),
        ("\\textbf{x}", "", 0, None, 6),
        ("After.", "", 0, None, 8),
    ]


def test_lsstdoc_forms_wrappers_and_redefinitions(tmp_path: Path) -> None:
    text = r"""\documentclass{lsstdoc}
\renewcommand{\section}[1]{\textbf{#1}}
\title{Plan}
\setDocRef{HDS-007}
\setDocDate{\today}
\begin{document}
\maketitle
\section{Scope}\label{sec:scope}
The \VRO operates the archive, \eg{} the \code{butler}; see \secref{sec:scope},
\citeds{LDM-148} and \citeds[the plan]{LDM-999}.
\begin{minipage}{0.5\textwidth}
\resizebox{\textwidth}{!}{\begin{tabular}{ll}
Name & Site \\
\end{tabular}}
\end{minipage}
\end{document}
"""
    src = read_latex(write(tmp_path, {"p.tex": text}) / "p.tex")
    assert [ln.text for ln in src.lines if ln.text] == [
        "HDS-007",
        "# Plan",
        "## 1 Scope",
        "The Vera C. Rubin Observatory operates the archive, e.g. the butler; see Section 1, "
        "LDM-148 and the plan.",
        "Name\tSite",
    ]
    assert src.notes == [
        (
            Loc(line=5),
            "the document date is set when the document is built (\\today, \\vcsDate); "
            "not known from the source",
        )
    ]
