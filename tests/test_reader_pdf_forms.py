"""The PDF reader on the forms planning documents take: a LaTeX title block, ruled
tables whose header wraps and runs past the rule, codes broken after their hyphen,
tables set smaller than the text; Chromium's shaded group rows, captions of tables
that follow a table continued from the page before."""

from __future__ import annotations

from pathlib import Path

import pytest
from orggraph.loaders.readers.pdf import read_pdf
from orggraph.loaders.source import Source

from tests.support import pdfs


def rows_after(source: Source, caption: str) -> list[str]:
    i = next(k for k, ln in enumerate(source.lines) if ln.text == caption)
    out = []
    for ln in source.lines[i + 1 :]:
        if ln.style not in ("header", "row", "bold"):
            break
        out.append(ln.text)
    return out


@pytest.fixture(scope="module")
def latex(tmp_path_factory: pytest.TempPathFactory) -> Source:
    if pdfs.PDFLATEX is None:
        pytest.skip("pdflatex is not installed")
    folder: Path = tmp_path_factory.mktemp("forms-tex")
    return read_pdf(pdfs.build_latex(pdfs.FORMS_TEX, folder, "forms"))


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Source:
    if pdfs.CHROMIUM is None:
        pytest.skip("chromium is not installed")
    folder: Path = tmp_path_factory.mktemp("forms-html")
    return read_pdf(pdfs.build_html_pdf(pdfs.FORMS_HTML, folder, "forms"))


def test_title_block_lines_are_plain_and_authors_stay_apart(latex: Source) -> None:
    first = [(ln.text, ln.style) for ln in latex.lines[:5]]
    assert first == [
        ("# Forms of the Data Group", "heading"),
        ("Northwind Survey Telescope", ""),
        ("Ada Quill   Ben Okafor", ""),  # \and: a wide gap, kept for the author parser
        ("NST-077", ""),
        ("Latest Revision: 2024-06-01", ""),
    ]


def test_running_text_is_no_heading_where_tables_are_set_smaller(latex: Source) -> None:
    # most characters are in the \footnotesize tables; the text's size is the body's
    heads = [ln.text for ln in latex.lines if ln.style == "heading"]
    assert heads == ["# Forms of the Data Group", "# 1 Milestones", "# 2 Staff", "# A Acronyms"]


def test_wrapped_header_past_the_rule_and_codes_broken_at_their_hyphen(latex: Source) -> None:
    # 'Predecessors' runs past the table's right rule; 'Mile- stone ID' wraps; the ids
    # and dates break after their own hyphen ('L2-AR-' over '0010')
    rows = rows_after(latex, "Table 1: Milestones of the data group")
    assert rows == [
        "Milestone\tMile- stone ID\tDue Date\tTeam\tPredecessors",
        "\t".join(pdfs.FORM_MILESTONES[0]),
        "\t".join(pdfs.FORM_MILESTONES[1]),
    ]


def test_booktabs_staff_table_with_wrapped_header(latex: Source) -> None:
    rows = rows_after(latex, "Table 3: Staff of the data group")
    assert rows[0] == "WBS\tRole Description\tFY24 FTE\tName\tInstitution\tRole\tTeam Name"
    assert rows[1].startswith("3.1a\tLeads the archive team\t0.5\tQuill, Ada\tNLAB\tArchive Lead")


def test_shaded_colspan_group_rows_are_bold_first_cells_not_a_figure(chromium: Source) -> None:
    rows = [
        (ln.text, ln.style)
        for ln in chromium.lines[
            next(i for i, ln in enumerate(chromium.lines) if ln.text.startswith("Table 1")) + 1 :
        ][:7]
    ]
    assert rows == [
        ("Product\tManager\tOwner\tNotes", "header"),
        ("Archive Services\t\t\t", "bold"),
        ("Catalog Store\tAda Quill\t-\t", "row"),
        ("File Vault\tBen Okafor\tCara Diaz\tHolds the raw files", "row"),
        ("User Services\t\t\t", "bold"),
        ("Query Portal\tDev Patel\t-\t", "row"),
        ("Notebook Hub\tEve Ng\tAda Quill\t", "row"),
    ]
    assert not any(
        n.text in ("Archive Services", "User Services") for f in chromium.figures for n in f.nodes
    )


def test_caption_above_a_table_is_not_taken_by_the_table_continued_above(
    chromium: Source,
) -> None:
    # Table 2 runs onto page 2; Table 3's caption stands below its end, above Table 3
    page2 = [ln for ln in chromium.lines if ln.loc.page == 2]
    assert page2[0].style == "header"  # Table 2 goes on under its repeated header
    assert rows_after(chromium, "Table 3: Roles of the portal team") == [
        "WBS\tRole Title\tRole Description",
        "5.1a\tPortal Lead\tLeads the portal team.",
        "5.1b\tPortal Developer\tDevelops the portal.",
    ]
    wbs = [ln.text.split("\t")[0] for ln in chromium.lines if ln.text.startswith("4.")]
    assert wbs == [w for w, _, _ in pdfs.HTML_ROLES]


def test_a_box_title_running_past_its_border_stays_in_the_box(chromium: Source) -> None:
    fig = next(f for f in chromium.figures if f.caption.startswith("Figure 1:"))
    assert sorted(n.text for n in fig.nodes) == [
        "Archive Operations and Services Lead Ben Okafor",
        "Director Ada Quill",
    ]
    assert not any("Operations" in ln.text for ln in chromium.lines)


def test_a_table_set_in_the_text_size_where_most_tables_are_smaller(latex: Source) -> None:
    # the first guess of the text's size is the smaller tables'; the acronym table, set
    # in the text's size between booktabs rules, is still a table
    assert rows_after(latex, "Table 4: Acronyms") == [
        "Acronym\tDefinition",
        *("\t".join(a) for a in pdfs.FORM_ACRONYMS),
    ]


def test_booktabs_code_broken_after_its_hyphen_joined(latex: Source) -> None:
    # a row a line between booktabs rules: 'L2-AL-' over '0030' leaves the next line
    rows = rows_after(latex, "Table 2: Milestones of the second year")
    assert rows[:2] == ["Milestone\tID\tDue Date\tTeam", "\t".join(pdfs.FORM_MILESTONES_2[0])]


def test_a_narrower_ruled_table_below_a_table_is_a_table_of_its_own(latex: Source) -> None:
    # its rules lie within the table above, a label between: no \cmidrule of that table,
    # for no rule of that table's width comes further down
    i = next(k for k, ln in enumerate(latex.lines) if ln.text == "Hosts")
    shown = [(ln.text, ln.style) for ln in latex.lines[i + 1 : i + 3]]
    assert shown == [("Service\tHost", "header"), ("Portal\tNorth Lab", "row")]


def test_an_items_wrapped_line_is_joined_to_it(latex: Source) -> None:
    items = [ln.text for ln in latex.lines if ln.style == "item"]
    assert items == [f"- {duty}" for duty in pdfs.FORM_DUTIES]


def test_booktabs_longtable_over_pages_without_a_repeated_head(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # page 1 ends below a row with no rule; page 2 starts with rows over the bottom rule
    if pdfs.PDFLATEX is None:
        pytest.skip("pdflatex is not installed")
    source = read_pdf(pdfs.build_latex(pdfs.LONG_TEX, tmp_path_factory.mktemp("long"), "long"))
    assert source.pages == 2
    rows = [ln.text for ln in source.lines if ln.style in ("header", "row")]
    assert rows == ["WBS\tRole Title", *("\t".join(r) for r in pdfs.LONG_ROWS)]
