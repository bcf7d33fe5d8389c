"""Dealing pdftotext's cell paragraphs to their columns, and cutting a column's lines."""

from __future__ import annotations

from orggraph.loaders.readers.pdftotext_cells import deal, fit, split_block


def test_cells_fit_their_columns_by_shape() -> None:
    assert fit("wbs", "2.1a") > 0 > fit("wbs", "Archive Lead")
    assert fit("staff", "Quill, Ada") > 0 > fit("staff", "Leads the archive team and plans it.")
    assert fit("title", "Archive Lead") > 0 > fit("title", "Quill, Ada")  # 'Last, First'
    assert fit("rubin", "2.1a") > 0  # a loose name ('Code') holds any code


def test_an_empty_cell_is_placed_where_the_shapes_say() -> None:
    keys = ["wbs", "title", "fte", "staff"]
    cells = ["3.1a", "Archive Lead", "0.5", "Quill, Ada", "3.1b", "Vault Keeper", "Okafor, Ben"]
    dealt = deal(keys, cells, [1] * len(cells))
    assert dealt is not None
    assert dealt.rows == [[0, 1, 2, 3], [4, 5, None, 6]]  # row 2 has no FTE


def test_cells_that_fit_no_column_are_refused() -> None:
    keys = ["wbs", "due", "fte"]
    cells = ["Archive Lead", "Leads the team.", "Quill, Ada", "Vault Keeper"]
    assert deal(keys, cells, [1] * len(cells)) is None


def test_a_column_set_as_one_paragraph_is_left_out_as_a_block() -> None:
    keys = ["wbs", "title", "description"]
    cells = ["6.1a", "Operator", "6.1b", "Engineer", "Runs it. Builds it."]
    dealt = deal(keys, cells, [1, 1, 1, 1, 4])
    assert dealt is not None
    assert dealt.rows == [[0, 1, None], [2, 3, None]]
    assert dealt.blocks == [(2, 4)]


def test_a_block_cut_where_cells_end() -> None:
    lines = ["Runs the nightly backups and", "checks every copy.", "Builds the tools."]
    assert split_block(lines, 2) == [lines[:2], lines[2:]]
    assert split_block(lines, 4) is None
    # a line that ends short of the width before a capital also ends a cell
    names = ["Data Production Deputy", "Manager", "Archive Lead"]
    assert split_block(names, 2) == [names[:2], names[2:]]
