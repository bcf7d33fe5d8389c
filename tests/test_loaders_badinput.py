"""Bad input: each failure names the file (and line where it applies); other documents load."""

from __future__ import annotations

from pathlib import Path

import pytest
from orggraph.loaders import extract

from tests.test_loaders_support import DP0, FIXTURES, RTN


def _only_failure(bad: Path, good: Path = RTN):  # type: ignore[no-untyped-def]
    ex = extract([bad, good])
    assert [g.document for g in ex.graphs] == [good.name]
    assert len(ex.failures) == 1
    failure = ex.failures[0]
    assert failure.path.endswith(bad.name)
    assert bad.name in failure.message
    assert failure in ex.report.failures
    assert bad.name in ex.report.render()
    return failure


def test_empty_file(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert "empty" in _only_failure(bad).message


def test_whitespace_only_file(tmp_path: Path) -> None:
    bad = tmp_path / "blank.txt"
    bad.write_text("\n\n   \n", encoding="utf-8")
    assert "empty" in _only_failure(bad).message


def test_binary_file(tmp_path: Path) -> None:
    bad = tmp_path / "scan.bin"
    bad.write_bytes(b"\x00\x01\x02\x03" + bytes(range(256)) * 4)
    assert "binary" in _only_failure(bad).message


def test_broken_pdf_is_refused_as_a_pdf(tmp_path: Path) -> None:
    bad = tmp_path / "scan.txt"  # the content says PDF, whatever the name
    bad.write_bytes(b"%PDF-1.4\x00\x01\x02\x03" + bytes(range(256)) * 4)
    message = _only_failure(bad).message
    assert "PDF" in message and "\n" not in message and "Error" not in message


def test_latin1_file_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    text = "Plan\n\nWBS\tRole Title\tRole Description\n1.1a\tCaf\u00e9 Lead\tRuns the caf\u00e9.\n"
    bad.write_bytes(text.encode("latin-1"))
    failure = _only_failure(bad)
    assert "UTF-8" in failure.message
    assert failure.line == 4 and "line 4" in failure.message


def test_utf16_file(tmp_path: Path) -> None:
    bad = tmp_path / "utf16.txt"
    bad.write_bytes(DP0.read_text(encoding="utf-8").encode("utf-16"))
    assert "UTF-16" in _only_failure(bad).message


def test_file_without_tables_loads_and_says_so(tmp_path: Path) -> None:
    bad = tmp_path / "prose.txt"
    bad.write_text(
        "# Notes\n\nJane Doe reports to the Director.\nOnly prose here.\n", encoding="utf-8"
    )
    ex = extract([bad])
    assert not ex.failures, "a document that decodes is read for what it offers, not refused"
    assert [g.document for g in ex.graphs] == ["prose.txt"]
    found = ex.report.documents[0]["found"]
    assert found == "format markdown; no tables"
    assert "prose.txt" in ex.report.render()


def test_truncated_table_names_the_line() -> None:
    failure = _only_failure(FIXTURES / "truncated-staff.txt")
    assert "truncated" in failure.message
    assert failure.line == 7 and "line 7" in failure.message


def test_truncated_seed(tmp_path: Path) -> None:
    text = DP0.read_text(encoding="utf-8")
    bad = tmp_path / "dp0-cut.txt"
    bad.write_text(text[: text.rindex("\n3.6f") + 30], encoding="utf-8")
    failure = _only_failure(bad)
    assert "truncated" in failure.message and failure.line is not None


def test_header_at_end_of_file(tmp_path: Path) -> None:
    bad = tmp_path / "header-only.txt"
    bad.write_text(
        "Plan\n\nTable 1: Core roles\n\nWBS\tRole Title\tRole Description\n", encoding="utf-8"
    )
    failure = _only_failure(bad)
    assert "truncated" in failure.message and failure.line == 5


def test_missing_file(tmp_path: Path) -> None:
    assert "cannot be read" in _only_failure(tmp_path / "nowhere.txt").message


def test_failed_document_contributes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    ex = extract([bad, RTN, DP0])
    assert [g.document for g in ex.graphs] == [RTN.name, DP0.name]
    assert all(ev.document != bad.name for g in ex.graphs for n in g.nodes for ev in n.sources)


@pytest.mark.parametrize("good", [RTN, DP0])
def test_seeds_do_not_fail(good: Path) -> None:
    ex = extract([good])
    assert not ex.failures and ex.graphs[0].validate() == []


def test_huge_cells_give_short_ids(tmp_path: Path) -> None:
    lines = DP0.read_text(encoding="utf-8").split("\n")
    row = next(i for i, ln in enumerate(lines) if ln.startswith("3.6e\t"))
    cells = lines[row].split("\t")
    cells[6] = "Doe, " + "Jane " * 2000  # a 10 KB staff cell
    lines[row] = "\t".join(cells)
    milestone = next(i for i, ln in enumerate(lines) if "PREOPS-151" in ln)
    lines[milestone] = "word " * 3000 + lines[milestone]  # a 15 KB milestone name
    bad = tmp_path / DP0.name
    bad.write_text("\n".join(lines), encoding="utf-8")
    ex = extract([bad])
    assert not ex.failures
    assert all(len(n.id) <= 120 for n in ex.graphs[0].nodes)


def test_team_named_by_a_heading_quotes_the_heading(tmp_path: Path) -> None:
    lines = RTN.read_text(encoding="utf-8").split("\n")
    caption = next(i for i, ln in enumerate(lines) if ln.startswith("Table 3: SQuARE roles"))
    bad = tmp_path / RTN.name
    bad.write_text("\n".join(lines[:caption] + lines[caption + 1 :]), encoding="utf-8")
    g = extract([bad]).graphs[0]
    raw = bad.read_text(encoding="utf-8").split("\n")
    for n in g.nodes:
        for ev in n.sources:
            assert ev.line >= 1 and ev.quote and ev.quote in raw[ev.line - 1], (n.id, ev)
    team = next(n for n in g.nodes if n.label == "Team" and n.name == "Data Serving")
    assert raw[team.sources[0].line - 1] == "## 6.1 Data Serving Roles"
