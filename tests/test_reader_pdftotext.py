"""The pdftotext readers on poppler's real output for PDFs built here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from orggraph.loaders.readers import read_source
from orggraph.loaders.readers.detect import text_format
from orggraph.loaders.readers.pdftotext import read_pdftotext
from orggraph.loaders.source import LoadError, Source

from tests.support import pdfs

pytestmark = pytest.mark.skipif(
    pdfs.PDFLATEX is None or pdfs.PDFTOTEXT is None, reason="pdflatex or pdftotext is missing"
)


@pytest.fixture(scope="session")
def plan_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pdfs.build_latex(pdfs.PLAN_TEX, tmp_path_factory.mktemp("plan"), "plan")


@pytest.fixture(scope="session")
def layout_text(plan_pdf: Path) -> str:
    return pdfs.pdftotext(plan_pdf, layout=True)


@pytest.fixture(scope="session")
def default_text(plan_pdf: Path) -> str:
    return pdfs.pdftotext(plan_pdf, layout=False)


@pytest.fixture(scope="session")
def layout(layout_text: str) -> Source:
    return read_pdftotext(layout_text, "plan.txt", layout=True)


@pytest.fixture(scope="session")
def default(default_text: str) -> Source:
    return read_pdftotext(default_text, "plan.txt", layout=False)


def texts(source: Source, style: str | None = None) -> list[str]:
    return [ln.text for ln in source.lines if style is None or ln.style == style]


def rows_after(source: Source, caption: str) -> list[str]:
    i = next(k for k, ln in enumerate(source.lines) if ln.text == caption)
    out = []
    for ln in source.lines[i + 1 :]:
        if ln.style not in ("header", "row"):
            break
        out.append(ln.text)
    return out


def test_formats_detected(layout_text: str, default_text: str, tmp_path: Path) -> None:
    assert text_format(layout_text, ".txt") == "pdftotext-layout"
    assert text_format(default_text, ".txt") == "pdftotext"
    saved = tmp_path / "plan-layout.txt"
    saved.write_text(layout_text, encoding="utf-8")
    source = read_source(saved)
    assert source.format == "pdftotext-layout"
    assert source.pages == 6


def test_layout_pages_and_locs(layout: Source, layout_text: str) -> None:
    pages = layout_text.split("\f")
    for ln in layout.lines:
        assert ln.loc.page is not None
        original = pages[ln.loc.page - 1].split("\n")[ln.loc.line - 1]
        shown = " ".join(re.sub(r"[\x80-\x9f]", "•", original).split())
        assert ln.raw.startswith(shown)  # the quote is the line cited (items: and its sequel)


def test_layout_headings_and_items(layout: Source) -> None:
    heads = texts(layout, "heading")
    assert {"# 1 Introduction", "## 1.1 Scope", "### 1.1.1 Out of scope", "# A References"} <= set(
        heads
    )
    items = [(ln.text, ln.level) for ln in layout.lines if ln.style == "item"][:6]
    assert items == [
        ("- Operate the archive.", 0),
        ("- Serve the data products:", 0),
        ("  - images;", 1),
        ("  - catalogs, in two forms:", 1),
        ("    - object tables;", 2),
        ("- Support the users.", 0),
    ]


def test_layout_running_headers_and_watermark_dropped(layout: Source) -> None:
    assert not any(t.startswith(pdfs.HEADER_LEFT) for t in texts(layout))
    assert not any(t in ("DR", "AF", "T") or t.isdigit() for t in texts(layout))


def test_layout_table_rows_with_continuations(layout: Source) -> None:
    rows = rows_after(layout, "Table 1: Roles of the data group.")
    assert rows[0] == "WBS\tRole Title\tRole Description"
    assert rows[1] == "Archive Team\t\t"
    assert rows[2] == "2.1a\tArchive Lead\tLeads the archive team and plans its work with the"
    assert rows[3] == "\t\tother groups."  # a continuation line keeps its empty cells
    header = next(ln for ln in layout.lines if ln.text == rows[0])
    assert header.style == "header"
    wbs = [t.split("\t")[0] for t in texts(layout, "row") if t.startswith("2.4")]
    assert wbs == [f"2.4{chr(ord('a') + k)}" for k in range(26)]
    repeated = [ln.loc.page for ln in layout.lines if ln.text == rows[0]]
    assert repeated == [4, 5]


def test_layout_booktabs_and_unruled_tables(layout: Source) -> None:
    assert rows_after(layout, "Table 2: Milestones of the first year.") == [
        "Milestone\tDue Date\tLevel\tTeam",
        *("\t".join(m) for m in pdfs.MILESTONES),
    ]
    # pdftotext sets 'Ben Okafor South Institute 1.0' one space apart: split by column
    assert rows_after(layout, "Table 3: Staff of the data group.") == [
        "Name\tInstitution\tFTE",
        *("\t".join(s) for s in pdfs.STAFF),
    ]


def test_default_mode_headings_items_and_running_headers(default: Source) -> None:
    heads = texts(default, "heading")
    assert {"## 1.1 Scope", "### 1.1.1 Out of scope", "# 2 Organisation"} <= set(heads)
    items = [(ln.text, ln.level) for ln in default.lines if ln.style == "item"][:6]
    assert [lvl for _, lvl in items] == [0, 0, 1, 1, 2, 0]  # by the bullet glyph of each level
    assert items[0][0] == "- Operate the archive."
    assert not any(t.startswith(pdfs.HEADER_LEFT) or "NST-042" in t for t in texts(default))


def test_default_mode_column_major_table_rebuilt(default: Source) -> None:
    # pdftotext writes this booktabs table column by column: every cell its own line
    rows = rows_after(default, "Milestone\tDue Date\tLevel\tTeam")
    assert rows == ["\t".join(m) for m in pdfs.MILESTONES]
    head = next(ln for ln in default.lines if ln.text == "Milestone\tDue Date\tLevel\tTeam")
    assert head.style == "header"
    first = next(ln for ln in default.lines if ln.text == rows[0])
    assert first.loc.page == 6


def test_default_mode_row_major_table_rebuilt(default: Source) -> None:
    rows = rows_after(default, "Name\tInstitution\tFTE")
    assert rows[0] == "\t".join(pdfs.STAFF[0])


def test_default_mode_unrebuildable_table_noted(default: Source) -> None:
    # the long role table comes out interleaved with the watermark: left as lines, noted
    assert any("could not be rebuilt" in reason for _, reason in default.notes)
    assert "Runs the processing campaigns." in texts(default)


def test_empty_text_refused() -> None:
    with pytest.raises(LoadError, match="empty"):
        read_pdftotext("\f\n\f", "blank.txt", layout=True)


@pytest.fixture(scope="session")
def trees_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pdfs.build_latex(pdfs.TREES_TEX, tmp_path_factory.mktemp("trees"), "trees")


def test_layout_group_rows_and_caption_below_moved_first(trees_pdf: Path) -> None:
    source = read_pdftotext(pdfs.pdftotext(trees_pdf, layout=True), "trees.txt", layout=True)
    rows = rows_after(source, "Table 1: Teams and their leads.")
    assert rows == [
        "WBS\tTeam\tLead",
        "Operations\t\t",
        "3.1\tArchive Team\tAda Quill",
        "3.2\tPortal Team\tBen Okafor",
        "Development\t\t",
        "3.3\tPipelines Team\tCara Diaz",
    ]
    caption = next(ln for ln in source.lines if ln.style == "caption")
    assert caption.loc.line > next(ln for ln in source.lines if ln.text == rows[-1]).loc.line


def test_default_mode_wbs_row_is_no_heading(trees_pdf: Path) -> None:
    source = read_pdftotext(pdfs.pdftotext(trees_pdf, layout=False), "trees.txt", layout=False)
    assert not any("Pipelines Team" in t for t in texts(source, "heading"))
    assert "3.3" in texts(source)


@pytest.mark.skipif(pdfs.CHROMIUM is None, reason="chromium is not installed")
def test_chromium_pdf_through_pdftotext(tmp_path: Path) -> None:
    pdf = pdfs.build_html_pdf(pdfs.PAGE_HTML, tmp_path, "page")
    for layout in (True, False):
        source = read_pdftotext(pdfs.pdftotext(pdf, layout=layout), "page.txt", layout=layout)
        assert "# 1 Products" in texts(source, "heading")
        assert "Table 1: Products and managers" in texts(source, "caption")
        # Chromium's cells come out one space apart: kept as text, nothing lost
        assert any("Cara Diaz" in t for t in texts(source))


# ------------------------------------------------------------------ the forms documents


@pytest.fixture(scope="session")
def forms_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("forms")
    out = {
        "tex": pdfs.build_latex(pdfs.FORMS_TEX, folder / "tex", "forms"),
        "running": pdfs.build_latex(pdfs.RUNNING_TEX, folder / "running", "running"),
    }
    if pdfs.CHROMIUM:
        out["html"] = pdfs.build_html_pdf(pdfs.FORMS_HTML, folder / "html", "forms")
    return out


def read(forms_pdfs: dict[str, Path], name: str, layout: bool) -> Source:
    if name not in forms_pdfs:
        pytest.skip("chromium is not installed")
    text = pdfs.pdftotext(forms_pdfs[name], layout=layout)
    return read_pdftotext(text, f"{name}.txt", layout=layout)


def test_layout_wrapped_header_joined_and_columns_from_the_body(
    forms_pdfs: dict[str, Path],
) -> None:
    # 'FY24' over 'FTE', 'Team' over 'Name'; 'Institution Role' set one space apart
    source = read(forms_pdfs, "tex", layout=True)
    rows = rows_after(source, "Table 3: Staff of the data group")
    assert rows[0] == "WBS\tRole Description\tFY24 FTE\tName\tInstitution\tRole\tTeam Name"
    assert rows[1] == "3.1a\tLeads the archive team\t0.5\tQuill, Ada\tNLAB\tArchive Lead\tArchive"
    assert rows[2] == "\tand plans its work.\t\t\t\t\tTeam"  # a continuation keeps its cells


def test_layout_codes_broken_after_their_hyphen_joined(forms_pdfs: dict[str, Path]) -> None:
    source = read(forms_pdfs, "tex", layout=True)
    rows = rows_after(source, "Table 1: Milestones of the data group")
    assert rows[0] == "Milestone\tMile- stone ID\tDue Date\tTeam\tPredecessors"
    assert rows[1] == "\t".join(pdfs.FORM_MILESTONES[0])  # 'L2-AR-' over '0010': whole
    assert rows[2] == "\t".join(pdfs.FORM_MILESTONES[1])


def test_layout_authors_side_by_side_keep_their_gap(forms_pdfs: dict[str, Path]) -> None:
    assert "Ada Quill   Ben Okafor" in texts(read(forms_pdfs, "tex", layout=True))


def test_default_mode_codes_broken_at_their_hyphen_mended(forms_pdfs: dict[str, Path]) -> None:
    # pdftotext drops a hyphen that ends a line: 'L2-AR-' + '0010' -> 'L2-AR0010'
    shown = texts(read(forms_pdfs, "tex", layout=False))
    assert "L2-AR-0010" in shown and "2024-03-31" in shown
    assert not any("L2-AR0010" in t or "202403" in t for t in shown)


@pytest.mark.parametrize("layout", [True, False])
def test_a_cell_repeated_on_every_page_is_no_running_line(
    forms_pdfs: dict[str, Path], layout: bool
) -> None:
    source = read(forms_pdfs, "running", layout=layout)
    shown = texts(source)
    assert not any("Running Head Text" in t for t in shown)
    assert texts(source, "heading") == [
        "# 1 Team Alpha",
        "# 2 Team Beta",
        "# 3 Team Gamma",
    ]
    restored = [t for t in shown if t.endswith("restored.")]
    assert len(restored) == 3  # the wrapped cell's last line, once on each page


def test_default_mode_column_set_as_one_paragraph_cut_into_cells(
    forms_pdfs: dict[str, Path],
) -> None:
    source = read(forms_pdfs, "running", layout=False)
    rows = [t for t in texts(source, "row") if t.startswith("6.1")]
    assert rows == [
        "6.1a\tAlpha Operator\tRuns the nightly backups and checks that every copy can be"
        " restored.",
        "6.1b\tAlpha Engineer\tBuilds the Alpha tools.",
    ]


def test_layout_bulletless_list_items_and_levels(forms_pdfs: dict[str, Path]) -> None:
    # Chromium draws bullets as shapes: pdftotext writes the items indented, no bullet
    source = read(forms_pdfs, "html", layout=True)
    items = [(ln.text, ln.level) for ln in source.lines if ln.style == "item"]
    expected = [
        (("  " * lvl) + "- " + name, lvl)
        for group, teams in pdfs.TEAMS
        for name, lvl in [(group, 0), *((t, 1) for t in teams)]
    ]
    assert items == expected
    assert "The group meets every week." in texts(source, "")


def test_default_mode_bulletless_list_items(forms_pdfs: dict[str, Path]) -> None:
    source = read(forms_pdfs, "html", layout=False)
    items = [ln.text for ln in source.lines if ln.style == "item"]
    assert items == [f"- {n}" for group, teams in pdfs.TEAMS for n in (group, *teams)]
    assert "The group meets every week." in texts(source, "")


def test_default_mode_paragraph_per_cell_tables_dealt(forms_pdfs: dict[str, Path]) -> None:
    # Chromium's tables: every cell a paragraph, row after row; the long table runs onto
    # the next page under its repeated header
    source = read(forms_pdfs, "html", layout=False)
    header = "WBS\tRole Title\tRole Description"
    assert [ln.loc.page for ln in source.lines if ln.text == header] == [1, 2, 2]
    wbs = [t.split("\t")[0] for t in texts(source, "row") if t.startswith("4.")]
    assert wbs == [w for w, _, _ in pdfs.HTML_ROLES]
    assert rows_after(source, "Table 3: Roles of the portal team") == [
        header,
        "5.1a\tPortal Lead\tLeads the portal team.",
        "5.1b\tPortal Developer\tDevelops the portal.",
    ]


def test_layout_caption_below_a_continued_table_is_the_next_tables(
    forms_pdfs: dict[str, Path],
) -> None:
    source = read(forms_pdfs, "html", layout=True)
    page2 = [ln for ln in source.lines if ln.loc.page == 2]
    assert page2[0].text == "WBS\tRole Title\tRole Description"  # no caption moved above it
    assert rows_after(source, "Table 3: Roles of the portal team")[1:] == [
        "5.1a\tPortal Lead\tLeads the portal team.",
        "5.1b\tPortal Developer\tDevelops the portal.",
    ]


def test_default_mode_latex_tables_left_as_lines_not_garbled(forms_pdfs: dict[str, Path]) -> None:
    # pdftotext sets these tables' cells column block by column block, in an order no
    # row can be rebuilt from: no header or row is made up, no FTE read as a section;
    # the acronym table, one line a cell, comes out column by column and is rebuilt
    source = read(forms_pdfs, "tex", layout=False)
    rows = [ln.text for ln in source.lines if ln.style in ("header", "row")]
    assert rows == ["Acronym\tDefinition", *("\t".join(a) for a in pdfs.FORM_ACRONYMS)]
    assert texts(source, "heading") == ["# 1 Milestones", "# 2 Staff"]
    assert "Quill, Ada" in texts(source)
    assert any("could not be rebuilt" in reason for _, reason in source.notes)


@pytest.mark.parametrize("layout", [True, False])
def test_an_items_wrapped_line_is_joined_to_it(forms_pdfs: dict[str, Path], layout: bool) -> None:
    source = read(forms_pdfs, "tex", layout=layout)
    items = [ln.text for ln in source.lines if ln.style == "item"]
    assert items == [f"- {duty}" for duty in pdfs.FORM_DUTIES]
