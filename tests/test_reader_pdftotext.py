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
