"""The PDF reader on documents built here: LaTeX through pdflatex, HTML through Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from orggraph.loaders.readers import read_source
from orggraph.loaders.readers.pdf import read_pdf
from orggraph.loaders.source import Figure, LoadError, Source

from tests.support import pdfs

pytestmark = pytest.mark.skipif(pdfs.PDFLATEX is None, reason="pdflatex is not installed")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The test PDFs, built once per session."""
    folder = tmp_path_factory.mktemp("pdfs")
    out = {
        "plan": pdfs.build_latex(pdfs.PLAN_TEX, folder / "plan", "plan"),
        "image": pdfs.build_latex(pdfs.IMAGE_ONLY_TEX, folder / "image", "image"),
        "trees": pdfs.build_latex(pdfs.TREES_TEX, folder / "trees", "trees"),
    }
    if pdfs.CHROMIUM:
        out["page"] = pdfs.build_html_pdf(pdfs.PAGE_HTML, folder / "page", "page")
    return out


@pytest.fixture(scope="session")
def plan(built: dict[str, Path]) -> Source:
    return read_pdf(built["plan"])


@pytest.fixture(scope="session")
def trees(built: dict[str, Path]) -> Source:
    return read_pdf(built["trees"])


@pytest.fixture(scope="session")
def page(built: dict[str, Path]) -> Source:
    if "page" not in built:
        pytest.skip("chromium is not installed")
    return read_pdf(built["page"])


def texts(source: Source, style: str | None = None) -> list[str]:
    return [ln.text for ln in source.lines if style is None or ln.style == style]


def line(source: Source, text: str) -> int:
    """Index of the first line whose text is ``text`` (fails the test if none)."""
    for i, ln in enumerate(source.lines):
        if ln.text == text:
            return i
    raise AssertionError(f"no line {text!r} in {texts(source)}")


def figure(source: Source, caption_start: str) -> Figure:
    for fig in source.figures:
        if fig.caption.startswith(caption_start):
            return fig
    raise AssertionError(f"no figure {caption_start!r}: {[f.caption for f in source.figures]}")


def edges(fig: Figure) -> set[tuple[str, str]]:
    name = {n.key: n.text for n in fig.nodes}
    return {(name[e.source], name[e.target]) for e in fig.edges}


# ------------------------------------------------------------------ the running text


def test_detected_from_content_and_paged(built: dict[str, Path]) -> None:
    renamed = built["plan"].with_name("plan-without-extension")
    renamed.write_bytes(built["plan"].read_bytes())
    source = read_source(renamed)
    assert source.format == "pdf"
    assert source.pages == 6


def test_numbered_headings_get_marks_by_depth(plan: Source) -> None:
    heads = texts(plan, "heading")
    for expected in ("# 1 Introduction", "## 1.1 Scope", "### 1.1.1 Out of scope", "# 4 Roles"):
        assert expected in heads
    assert "## 4.1 Role descriptions" in heads
    assert "# A References" in heads  # an appendix letter is a number
    scope = plan.lines[line(plan, "## 1.1 Scope")]
    assert scope.level == 2
    assert scope.raw == "1.1 Scope"
    assert scope.loc.page == 2


def test_unnumbered_headings_rank_by_font(plan: Source) -> None:
    title = plan.lines[line(plan, "# Operations Plan for the Data Group")]
    assert title.loc.page == 1
    assert plan.lines[line(plan, "# Contents")].style == "heading"


def test_nested_items_get_levels(plan: Source) -> None:
    start = line(plan, "- Operate the archive.")
    got = [(ln.text, ln.level) for ln in plan.lines[start : start + 6]]
    assert got == [
        ("- Operate the archive.", 0),
        ("- Serve the data products:", 0),
        ("  - images;", 1),
        ("  - catalogs, in two forms:", 1),
        ("    - object tables;", 2),
        ("- Support the users.", 0),
    ]
    assert all(plan.lines[start + k].style == "item" for k in range(6))
    # the quote keeps the bullet the page shows
    assert plan.lines[start].raw.endswith("Operate the archive.")
    assert plan.lines[start].raw != "Operate the archive."


def test_enumerated_items(plan: Source) -> None:
    i = line(plan, "- plan the work;")
    assert plan.lines[i].raw == "1. plan the work;"
    assert plan.lines[i + 1].text == "- do the work."


def test_running_text_keeps_its_lines_and_locs(plan: Source) -> None:
    i = line(plan, "The goals of the group are:")
    prev = plan.lines[i - 1]
    assert prev.text == "its teams, its products and the people who lead them."
    assert prev.loc.page == plan.lines[i].loc.page == 2
    assert plan.lines[i].loc.line == prev.loc.line + 1


def test_running_headers_page_numbers_and_watermark_dropped(plan: Source) -> None:
    assert not any(t.startswith(pdfs.HEADER_LEFT) for t in texts(plan))
    everything = "\n".join(texts(plan))
    assert "NST-042" not in everything
    assert "DRAFT" not in everything
    assert not any(t.strip().isdigit() for t in texts(plan))


def test_locs_count_every_line_of_the_page(plan: Source) -> None:
    # the running header is line 1 of each page: the first heading is line 2
    intro = plan.lines[line(plan, "# 1 Introduction")]
    assert (intro.loc.page, intro.loc.line) == (2, 2)


def test_table_of_contents_left_as_plain_lines(plan: Source) -> None:
    toc = [t for t in texts(plan) if t.startswith("1.1 Scope .")]
    assert toc and toc[0].endswith(" 2")
    assert all(ln.style == "" for ln in plan.lines if ln.text.startswith("1.1 Scope ."))


# ------------------------------------------------------------------ tables


def rows_after(source: Source, caption: str) -> list[str]:
    i = line(source, caption)
    out = []
    for ln in source.lines[i + 1 :]:
        if ln.style not in ("header", "row", "bold"):
            break
        out.append(ln.text)
    return out


def test_ruled_longtable_rows_join_cell_lines(plan: Source) -> None:
    cap = plan.lines[line(plan, "Table 1: Roles of the data group.")]
    assert cap.style == "caption"
    rows = rows_after(plan, "Table 1: Roles of the data group.")
    assert rows[0] == "WBS\tRole Title\tRole Description"
    assert plan.lines[line(plan, rows[0])].style == "header"
    assert rows[1] == "Archive Team\t\t"  # a bold group row spanning the table
    assert plan.lines[line(plan, rows[1])].style == "bold"
    assert (
        rows[2]
        == "2.1a\tArchive Lead\tLeads the archive team and plans its work with the other groups."
    )
    senior = next(r for r in rows if r.startswith("2.1b"))
    cells = senior.split("\t")
    assert len(cells) == 3
    assert "- " in cells[1] and cells[1].endswith("Engineer")  # hyphen break kept, lines joined
    assert cells[2].startswith("Runs the storage systems")


def test_table_continued_on_next_page_repeats_its_header(plan: Source) -> None:
    heads = [ln for ln in plan.lines if ln.text == "WBS\tRole Title\tRole Description"]
    assert [h.loc.page for h in heads] == [4, 5]
    assert all(h.style == "header" for h in heads)
    i = plan.lines.index(heads[1])
    assert plan.lines[i + 1].text == "2.4g\tProcessing Engineer 7\tRuns the processing campaigns."
    wbs = [
        ln.text.split("\t")[0]
        for ln in plan.lines
        if ln.style == "row" and ln.text.startswith("2.4")
    ]
    assert wbs == [f"2.4{chr(ord('a') + k)}" for k in range(26)]


def test_row_loc_is_its_first_line(plan: Source) -> None:
    row = next(ln for ln in plan.lines if ln.text.startswith("2.1b\t"))
    nxt = next(ln for ln in plan.lines if ln.text.startswith("2.1c\t"))
    assert row.loc.page == 4
    assert nxt.loc.line - row.loc.line == 3  # the 2.1b row spans three lines


def test_booktabs_table_header_above_the_first_rule(plan: Source) -> None:
    rows = rows_after(plan, "Table 2: Milestones of the first year.")
    assert rows == ["Milestone\tDue Date\tLevel\tTeam"] + ["\t".join(m) for m in pdfs.MILESTONES]
    assert plan.lines[line(plan, rows[0])].style == "header"
    assert plan.lines[line(plan, rows[1])].style == "row"


def test_unruled_table_from_aligned_columns(plan: Source) -> None:
    rows = rows_after(plan, "Table 3: Staff of the data group.")
    assert rows == ["Name\tInstitution\tFTE"] + ["\t".join(s) for s in pdfs.STAFF]
    assert plan.lines[line(plan, rows[0])].style == "header"


# ------------------------------------------------------------------ figures


def test_org_chart_edges_and_arrow(plan: Source) -> None:
    fig = figure(plan, "Figure 1:")
    assert fig.caption == "Figure 1: Reporting lines of the data group."
    assert edges(fig) == {
        ("Director Ada Quill", "Science Lead Cara Diaz"),
        ("Director Ada Quill", "Operations Lead Ben Okafor"),
        ("Director Ada Quill", "Engineering Lead Dev Patel"),
        ("Engineering Lead Dev Patel", "Network Engineer Eve Ng"),
    }
    directed = {(e.source, e.target) for e in fig.edges if e.directed}
    name = {n.key: n.text for n in fig.nodes}
    assert {(name[a], name[b]) for a, b in directed} == {
        ("Engineering Lead Dev Patel", "Network Engineer Eve Ng")
    }
    director = next(n for n in fig.nodes if n.text.startswith("Director"))
    science = next(n for n in fig.nodes if n.text.startswith("Science"))
    assert director.loc.page == 2
    assert director.y is not None and science.y is not None and director.y < science.y


def test_product_tree_orthogonal_connectors_and_bus(plan: Source) -> None:
    fig = figure(plan, "Figure 2:")
    got = edges(fig)
    assert got == {
        ("Data System", "2.1 Archive"),
        ("Data System", "Services"),
        ("Data System", "Pipelines"),
        ("2.1 Archive", "Catalog DB"),  # parent.south -| ... |- child.west
        ("2.1 Archive", "File Store"),
        ("Pipelines", "Alerts"),  # a bus line with drops
        ("Pipelines", "Releases"),
    }
    assert not any(e.directed for e in fig.edges)


def test_figure_text_is_not_running_text(plan: Source) -> None:
    everything = texts(plan)
    for boxed in ("Director", "Cara Diaz", "Catalog DB", "Releases", "File Store", "Eve Ng"):
        assert not any(boxed == t or t.startswith(boxed + " ") for t in everything), boxed
    assert "Figure 2: Product tree of the data system." in everything


def test_raster_image_noted(plan: Source) -> None:
    assert any("is an image; not read" in reason and loc.page == 6 for loc, reason in plan.notes)


# ------------------------------------------------------------------ Chromium's PDF


def test_chromium_page_table_list_and_svg_tree(page: Source) -> None:
    assert "# 1 Products" in texts(page, "heading")
    assert [(ln.text, ln.level) for ln in page.lines if ln.style == "item"] == [
        ("- Portal", 0),
        ("  - Query tool", 1),
        ("- Archive", 0),
    ]
    rows = rows_after(page, "Table 1: Products and managers")
    assert rows == [
        "Product\tManager\tOwner",
        "Portal\tAda Quill\tBen Okafor",
        "Archive\tCara Diaz\tDev Patel",
    ]
    fig = figure(page, "Figure 1:")
    assert edges(fig) == {("Data System", "Archive"), ("Data System", "Services")}


# ------------------------------------------------------------------ refusals


def refusal(path: Path) -> str:
    with pytest.raises(LoadError) as err:
        read_source(path)
    message = err.value.message
    assert "\n" not in message and message.startswith(path.name + ": ")
    return message


def test_encrypted_pdf_refused(built: dict[str, Path], tmp_path: Path) -> None:
    locked = pdfs.encrypt(built["plan"], tmp_path / "locked.pdf")
    assert "encrypted" in refusal(locked)


def test_truncated_pdf_refused(built: dict[str, Path], tmp_path: Path) -> None:
    data = built["plan"].read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 3])
    assert "not a readable PDF" in refusal(cut)


def test_garbage_after_pdf_magic_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.5\n" + bytes(range(256)) * 8)
    assert "not a readable PDF" in refusal(junk)


def test_image_only_pdf_refused(built: dict[str, Path]) -> None:
    assert "no text layer" in refusal(built["image"])


def test_two_column_title_block_read_column_by_column(plan: Source) -> None:
    i = line(plan, "Ada Quill")
    assert texts(plan)[i : i + 4] == ["Ada Quill", "North Lab", "Ben Okafor", "South Institute"]
    assert plan.lines[i].loc == plan.lines[i + 2].loc  # one line of the page, two columns


def test_tikz_child_tree_straight_edges(trees: Source) -> None:
    fig = figure(trees, "Figure 1:")
    assert edges(fig) == {
        ("Head of Data", "Archive Manager"),
        ("Head of Data", "Portal Manager"),
        ("Head of Data", "Pipeline Manager"),
        ("Portal Manager", "Web Developer"),
    }


def test_tikz_fork_down_org_chart(trees: Source) -> None:
    fig = figure(trees, "Figure 2:")
    assert fig.caption == "Figure 2: Engineering org chart."
    assert edges(fig) == {
        ("Chief Engineer", "Mechanical Lead"),
        ("Chief Engineer", "Software Lead"),
        ("Chief Engineer", "Electrical Lead"),
    }


def test_booktabs_group_rows_and_caption_below(trees: Source) -> None:
    cap = trees.lines[line(trees, "Table 1: Teams and their leads.")]
    assert cap.style == "caption"
    rows = rows_after(trees, "Table 1: Teams and their leads.")
    assert rows == [
        "WBS\tTeam\tLead",
        "Operations\t\t",
        "3.1\tArchive Team\tAda Quill",
        "3.2\tPortal Team\tBen Okafor",
        "Development\t\t",
        "3.3\tPipelines Team\tCara Diaz",
    ]
    assert trees.lines[line(trees, rows[0])].style == "header"
    assert cap.loc.line > trees.lines[line(trees, rows[-1])].loc.line  # drawn below, read first


def test_framed_note_is_text_not_figure_or_table(trees: Source) -> None:
    note = trees.lines[line(trees, "Note: this plan is reviewed every year.")]
    assert note.style == ""
    assert all("Note:" not in n.text for f in trees.figures for n in f.nodes)


def test_damaged_pdfs_read_or_refused_never_crash(built: dict[str, Path], tmp_path: Path) -> None:
    import random

    data = built["plan"].read_bytes()
    rng = random.Random(7)
    outcomes = set()
    for k in range(8):
        damaged = bytearray(data)
        for _ in range(20):
            damaged[rng.randrange(1000, len(damaged))] = rng.randrange(256)
        path = tmp_path / f"damaged-{k}.pdf"
        path.write_bytes(bytes(damaged))
        try:
            read_pdf(path)
            outcomes.add("read")
        except LoadError as err:
            assert "\n" not in err.message and err.message.startswith(path.name)
            outcomes.add("refused")
    assert outcomes  # every copy was either read or refused with one line


def test_node_keys_unique_over_a_page(trees: Source) -> None:
    keys = [n.key for f in trees.figures for n in f.nodes]
    assert len(keys) == len(set(keys)) == 9
    for fig in trees.figures:
        mine = {n.key for n in fig.nodes}
        assert all(e.source in mine and e.target in mine for e in fig.edges)


@pytest.mark.parametrize(
    ("font", "bold"),
    [
        ("ABCDEF+CMBX12", True),
        ("CMR10", False),
        ("LiberationSans-Bold", True),
        ("NimbusRomNo9L-Medi", True),
        ("NimbusRomNo9L-Regu", False),
        ("OpenSans-Semibold", True),
        ("SFBX1095", True),
        ("Roboto-Medium", False),
    ],
)
def test_bold_faces_told_by_font_name(font: str, bold: bool) -> None:
    from orggraph.loaders.readers.pdf_text import is_bold

    assert is_bold(font) is bold
