"""Forms met in public planning documents the loaders had not seen: each test writes a
small document of that form (invented names) and asserts the exact records."""

from __future__ import annotations

from pathlib import Path

from orggraph.loaders import extract
from orggraph.loaders.readers import read_source
from orggraph.loaders.readers.ligatures import spell_cid_ligatures, spell_control_ligatures
from orggraph.loaders.source import Line, Loc, Source

from tests.test_loaders_support import edges, nodes

GANTT_AND_TABLE = r"""\documentclass{article}
\usepackage{pgfgantt}
\usepackage{longtable}
\begin{document}
\section{Schedule}
\begin{longtable}{llll}
\caption{Integration tests}\\
\textbf{ID} & \textbf{Due} & \textbf{Location} & \textbf{Title} \\
KPL-77-01 & 2025-03-31 & Hilltop & Archive smoke test \\
KPL-77-02b & 2025-06-30 & Hilltop & Portal rehearsal \\
KPL-GEN2 & 2025-09-30 & Hilltop & Second generation parity \\
\end{longtable}
\begin{figure}
\begin{ganttchart}{1}{12}
\gantttitle{2025}{12} \\
\ganttmilestone[name=a,progress=100,progress label text=Archive smoke test]{KPL-77-01}{3} \\
\ganttmilestone[name=b,progress=100,progress label text=Portal rehearsal run]{KPL-77-02b}{6} \\
\ganttmilestone[name=c,progress=100,progress label text=Second generation parity]{KPL-GEN2}{9} \\
\ganttmilestone[name=d,progress=100,progress label text=Site handover]{ZED-1400}{11}
\ganttlink{a}{b}
\ganttlink{c}{d}
\end{ganttchart}
\caption{Milestones.}
\end{figure}
\end{document}
"""


def test_gantt_milestone_codes_of_several_parts_are_ids(tmp_path: Path) -> None:
    """'KPL-77-01 Title' is the id KPL-77-01 and the title, not the ticket 'KPL-77' and a
    title '01 Title'; so the chart's milestones are the table's rows of the same id."""
    (tmp_path / "plan.tex").write_text(GANTT_AND_TABLE, encoding="utf-8")
    ex = extract([tmp_path / "plan.tex"])
    assert not ex.failures, ex.failures
    g = ex.graphs[0]
    got = {
        name: (n.properties.get("rubin_id"), n.properties.get("jira_id"), n.properties.get("due"))
        for name, n in nodes(g, "Milestone").items()
    }
    assert got == {
        "Archive smoke test": ("KPL-77-01", None, "2025-03-31"),
        "Portal rehearsal run": ("KPL-77-02b", None, "2025-06-30"),
        "Second generation parity": ("KPL-GEN2", None, "2025-09-30"),
        "Site handover": (None, "ZED-1400", None),
    }
    # the same id in the table and the chart: one milestone, the other title an alias
    assert "Portal rehearsal" in nodes(g, "Milestone")["Portal rehearsal run"].aliases
    assert edges(g, "DEPENDS_ON") == {
        ("Portal rehearsal run", "Archive smoke test"),
        ("Site handover", "Second generation parity"),
    }
    merged = sorted(sorted(m.names) for m in ex.report.merges)
    assert merged == [["Portal rehearsal", "Portal rehearsal run"]]


def _pdf(rows: list[tuple[int, int, str, str]]) -> Source:
    """Lines as the PDF reader renders them: (page, line on the page, style, text)."""
    lines = [Line(t, t, Loc(n, page=p), s) for p, n, s, t in rows]
    return Source("plan.pdf", "pdf", lines, [], pages=2)


def _milestone_rows(g) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {
        name: (str(n.properties.get("rubin_id")), str(n.properties.get("due")))
        for name, n in nodes(g, "Milestone").items()
    }


def test_a_table_goes_on_after_a_footnote_at_the_page_end(tmp_path: Path) -> None:
    """A longtable broken over a page with a footnote under its last row and no repeated
    header: the rows on the next page continue it even where their ids are codes of the
    table's own form ('KPL-77-04a', 'KPL-GEN2'), and a wrapped cell there continues its
    own row, not the last row before the break."""
    src = _pdf(
        [
            (1, 10, "caption", "Table 1: Integration tests"),
            (1, 11, "header", "ID\tDue\tLocation\tTitle"),
            (1, 12, "row", "KPL-77-01\t2025-03-31\tHilltop\tArchive smoke test"),
            (1, 13, "row", "KPL-77-02\t2025-06-30\tHilltop\tPortal rehearsal"),
            (1, 14, "row", "KPL-77-03\t2025-07-31\tHilltop\tLedger drill"),
            (1, 15, "", "7 Level 2 in the usual parlance."),
            (2, 3, "row", "KPL-77-04a\t2025-08-31\tHilltop\tVault opening"),
            (2, 4, "row", "KPL-GEN2\t2025-09-30\tHilltop\tSecond generation parity with"),
            (2, 5, "row", "\t\t\tImage Services"),
            (2, 6, "row", "KPL-77-05\t2025-10-31\tHilltop\tFinal rehearsal"),
        ]
    )
    ex = extract([src])
    assert not ex.failures, ex.failures
    assert _milestone_rows(ex.graphs[0]) == {
        "Archive smoke test": ("KPL-77-01", "2025-03-31"),
        "Portal rehearsal": ("KPL-77-02", "2025-06-30"),
        "Ledger drill": ("KPL-77-03", "2025-07-31"),
        "Vault opening": ("KPL-77-04a", "2025-08-31"),
        "Second generation parity with Image Services": ("KPL-GEN2", "2025-09-30"),
        "Final rehearsal": ("KPL-77-05", "2025-10-31"),
    }


def test_a_row_after_the_break_with_a_sentence_for_its_id_is_no_continuation(
    tmp_path: Path,
) -> None:
    """Only a code of the table's form continues its id column: a prose-like first cell
    does not."""
    src = _pdf(
        [
            (1, 11, "header", "ID\tDue\tLocation\tTitle"),
            (1, 12, "row", "KPL-77-01\t2025-03-31\tHilltop\tArchive smoke test"),
            (1, 13, "row", "KPL-77-02\t2025-06-30\tHilltop\tPortal rehearsal"),
            (1, 14, "", "7 Level 2 in the usual parlance."),
            (2, 3, "row", "Some words here\t2025-08-31\tHilltop\tVault opening"),
        ]
    )
    ex = extract([src])
    assert not ex.failures, ex.failures
    assert _milestone_rows(ex.graphs[0]) == {
        "Archive smoke test": ("KPL-77-01", "2025-03-31"),
        "Portal rehearsal": ("KPL-77-02", "2025-06-30"),
    }


def _load_latex(tmp_path: Path, body: str):  # type: ignore[no-untyped-def]
    doc = "\\documentclass{article}\n\\begin{document}\n" + body + "\\end{document}\n"
    (tmp_path / "design.tex").write_text(doc, encoding="utf-8")
    ex = extract([tmp_path / "design.tex"])
    assert not ex.failures, ex.failures
    return ex.graphs[0]


def test_subsections_naming_parts_of_the_text_are_no_facilities(tmp_path: Path) -> None:
    """Under a 'Data Access Centres' section, 'Service Descriptions' and 'Interfaces' are
    parts of the document; the centre named beside them is a facility."""
    g = _load_latex(
        tmp_path,
        "\\section{Data Access Centres}\nThe centres serve the users.\n"
        "\\subsection{Service Descriptions}\nEach centre offers a portal.\n"
        "\\subsection{Interfaces}\nThe centres talk to the archive.\n"
        "\\subsection{Hilltop Access Centre}\nThe Hilltop centre is in the hills.\n",
    )
    assert set(nodes(g, "Facility")) == {"Hilltop Access Centre"}


def test_a_section_called_an_overview_is_no_parent_of_a_list(tmp_path: Path) -> None:
    """A list introduced without a subject under 'Component Overview' has no parent;
    'Storage components include:' names its subject."""
    g = _load_latex(
        tmp_path,
        "\\section{Component Overview}\n"
        "Other services needed to build and run the system include:\n"
        "\\begin{itemize}\n\\item Ledger Service\n\\item Vault Service\n\\end{itemize}\n"
        "Storage components include:\n"
        "\\begin{itemize}\n\\item Cold Shelf\n\\item Tape Robot\n\\end{itemize}\n",
    )
    assert set(nodes(g, "Product")) == {
        "Ledger Service",
        "Vault Service",
        "Storage",
        "Cold Shelf",
        "Tape Robot",
    }
    assert edges(g, "PART_OF") == {("Cold Shelf", "Storage"), ("Tape Robot", "Storage")}


LAYOUT_SPACED = (
    "1     Schedule\n\n"
    "The tests below are run at the site in the order given, one after the other.\n\n"
    "                         Table 1: Integration tests\n\n\n"
    " ID              Due            Location     Title\n"
    " KPL-77-01       2025-03-31     Hilltop      Archive smoke test\n\n"
    " KPL-77-02       2025-06-30     Hilltop      Portal rehearsal with\n\n"
    "                                             Image Services\n\n"
    " KPL-77-03       2025-07-31     Hilltop      Ledger drill\n\n"
    " KPL-77-04       2025-08-31     Hilltop      Vault opening\n\n\n"
    "The schedule is reviewed every month by the board.\n"
    "\f"
    "2     Reporting\n\n"
    "Reports are written after each test and kept in the archive for review.\n"
    "\f"
)


def test_layout_rows_a_blank_line_apart_keep_their_cells_next_lines(tmp_path: Path) -> None:
    """pdftotext -layout sets a longtable's rows a blank line apart; a cell's next line,
    under its column after a blank line too, continues the row (the table goes on)."""
    path = tmp_path / "plan.txt"
    path.write_text(LAYOUT_SPACED, encoding="utf-8")
    ex = extract([path])
    assert not ex.failures, ex.failures
    assert _milestone_rows(ex.graphs[0]) == {
        "Archive smoke test": ("KPL-77-01", "2025-03-31"),
        "Portal rehearsal with Image Services": ("KPL-77-02", "2025-06-30"),
        "Ledger drill": ("KPL-77-03", "2025-07-31"),
        "Vault opening": ("KPL-77-04", "2025-08-31"),
    }


def test_layout_text_a_blank_line_under_a_table_of_unspaced_rows_ends_it(
    tmp_path: Path,
) -> None:
    """Where the table's rows follow each other line by line, a one-block line after a
    blank line is running text, not a cell's next line."""
    text = (
        "1     Schedule\n\n"
        "The tests below are run at the site in the order given, one after the other.\n\n"
        " ID              Due            Location     Title\n"
        " KPL-77-01       2025-03-31     Hilltop      Archive smoke test\n"
        " KPL-77-02       2025-06-30     Hilltop      Portal rehearsal\n\n"
        "                                             Image Services\n\n"
        "The schedule is reviewed every month by the board.\n"
        "\f"
        "2     Reporting\n\n"
        "Reports are written after each test and kept in the archive for review.\n"
        "\f"
    )
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    ex = extract([path])
    assert not ex.failures, ex.failures
    assert _milestone_rows(ex.graphs[0]) == {
        "Archive smoke test": ("KPL-77-01", "2025-03-31"),
        "Portal rehearsal": ("KPL-77-02", "2025-06-30"),
    }


def test_unmapped_ligature_glyphs_are_spelled_out() -> None:
    """A bitmap font's ligature without a Unicode mapping, as pdfminer writes it."""
    assert spell_cid_ligatures("Veri(cid:28)cation") == "Verification"  # T1's fi
    assert spell_cid_ligatures("(cid:28)nal O(cid:30)ce") == "final Office"
    assert spell_cid_ligatures("O(cid:14)ce (cid:12)rst") == "Office first"  # OT1
    # alone, or OT1's 15 (the symbol font's bullet) not between letters: not a ligature
    assert spell_cid_ligatures("(cid:15) item") == "(cid:15) item"
    assert spell_cid_ligatures("(cid:15)item (cid:16)") == "(cid:15)item (cid:16)"
    assert spell_cid_ligatures("a(cid:15)b") == "afflb"


def test_pdftotext_control_ligatures_in_a_table_are_spelled_out(tmp_path: Path) -> None:
    """pdftotext writes such a glyph as its control character: 'Veri\\x1ccation'."""
    text = LAYOUT_SPACED.replace("Ledger drill", "Ledger veri\x1ccation").replace(
        "Vault opening", "O\x1ece \x1cnal check"
    )
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    ex = extract([path])
    assert not ex.failures, ex.failures
    assert _milestone_rows(ex.graphs[0]) == {
        "Archive smoke test": ("KPL-77-01", "2025-03-31"),
        "Portal rehearsal with Image Services": ("KPL-77-02", "2025-06-30"),
        "Ledger verification": ("KPL-77-03", "2025-07-31"),
        "Office final check": ("KPL-77-04", "2025-08-31"),
    }
    assert spell_control_ligatures("\x1c item") == "\x1c item"


def _paged(pages: list[str], footer: list[str]) -> str:
    """Pages of pdftotext text, each closed by ``footer`` and its page number."""
    out = []
    for no, body in enumerate(pages, 1):
        out.append(body + "\n".join(footer) + f"\n{no}\n\n")
    return "\f".join(out) + "\f"


FOOTER = [
    "DRAFT NOT YET APPROVED \u2022 The contents of this document are subject to",
    "control by the Change Board. \u2022 DRAFT NOT YET APPROVED",
]
FILLER = "The archive keeps every record for ten years and serves it on request.\n\n"


def _list_over_a_page(indent: str, gap: str, sep: str = " ") -> list[str]:
    item = indent + "\u2022 "
    pages = [f"{n}{sep}Section {n}\n\n" + FILLER * 3 for n in range(1, 6)]
    pages[2] = (
        f"3{sep}Storage\n\n" + FILLER + "Storage components include:\n\n"
        f"{item}Cold Shelf\n{item}Tape Robot\n" + gap
    )
    pages[3] = f"{item}Disk Pool\n{item}Object Store\n\n" + FILLER
    return pages


def test_a_two_line_footer_right_under_the_text_is_dropped(tmp_path: Path) -> None:
    """A running footer of two lines (a paragraph of its own on most pages, right under
    a list on one) is no text: the list goes on over the page."""
    path = tmp_path / "design.txt"
    path.write_text(_paged(_list_over_a_page("", ""), FOOTER), encoding="utf-8")
    assert read_source(path).format == "pdftotext"
    ex = extract([path])
    assert not ex.failures, ex.failures
    assert edges(ex.graphs[0], "PART_OF") == {
        ("Cold Shelf", "Storage"),
        ("Tape Robot", "Storage"),
        ("Disk Pool", "Storage"),
        ("Object Store", "Storage"),
    }


def test_a_layout_footer_at_varying_lines_is_dropped(tmp_path: Path) -> None:
    """In -layout the footer's line on the page follows the text's length."""
    pages = _list_over_a_page("    ", "\n", "     ")
    pages = [p + "\n" * k for k, p in enumerate(pages)]  # footers on different lines
    footer = ["        " + FOOTER[0], "      " + FOOTER[1], " " * 40]
    path = tmp_path / "design.txt"
    path.write_text(_paged(pages, footer), encoding="utf-8")
    assert read_source(path).format == "pdftotext-layout"
    ex = extract([path])
    assert not ex.failures, ex.failures
    assert edges(ex.graphs[0], "PART_OF") == {
        ("Cold Shelf", "Storage"),
        ("Tape Robot", "Storage"),
        ("Disk Pool", "Storage"),
        ("Object Store", "Storage"),
    }


def test_title_page_lines_of_a_subsystem_or_an_acronym_title_are_no_people(
    tmp_path: Path,
) -> None:
    """pdftotext's title page: the subsystem line ('Systems Engineering'), a wrapped title
    led by an acronym ('KPL Portal Vision' / 'Document') are no authors; the author line
    is."""
    front = (
        "Example Observatory\nSystems Engineering\n\n"
        "KPL Portal Vision\nDocument\nAda Quill, Ben Okafor\n\nKPL-319\n\n"
        "Latest Revision: 2025-07-24\n\n"
    )
    pages = [front, "Abstract\n" + FILLER, "1 Scope\n\n" + FILLER]
    path = tmp_path / "vision.txt"
    path.write_text("\f".join(pages) + "\f", encoding="utf-8")
    assert read_source(path).format == "pdftotext"
    ex = extract([path])
    assert not ex.failures, ex.failures
    assert set(nodes(ex.graphs[0], "Person")) == {"Ada Quill", "Ben Okafor"}


def test_a_list_under_x_overview_belongs_to_x(tmp_path: Path) -> None:
    """'Vault Overview' names the Vault: a list introduced without a subject under it
    gives its items PART_OF the Vault."""
    g = _load_latex(
        tmp_path,
        "\\section{Vault Overview}\nThe service has two parts. This includes:\n"
        "\\begin{itemize}\n\\item Cold Shelf\n\\item Tape Robot\n\\end{itemize}\n",
    )
    assert edges(g, "PART_OF") == {("Cold Shelf", "Vault"), ("Tape Robot", "Vault")}
