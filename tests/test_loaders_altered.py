"""Altered copies of the seeds: people and products renamed, rows reordered.

The loaders know nothing about the contents, so the same structure must come out
under the new names.
"""

from __future__ import annotations

import re
from pathlib import Path

from orggraph.loaders import extract

from tests.test_loaders_support import DP0, RTN, all_edges, graph, seeds

# people swapped with each other, people renamed (initialisms and OCR slips renamed to
# match), products renamed; applied simultaneously, whole words only
RENAME = {
    "Tim": "Fritz",
    "Fritz": "Tim",
    "Jenness": "Mueller",
    "Mueller": "Jenness",
    "Frossie": "Petra",
    "Economou": "Varga",
    "Gregory": "Harold",
    "Dubois-Felsmann": "Marsh-Quint",
    "Dubois Felsmann": "Marsh Quint",
    "GPDF": "HPMQ",
    "Jim": "Kim",
    "Jlm": "Klm",
    "JimB": "KimP",
    "Bosch": "Pike",
    "Jlm B": "Klm P",
    "Simon": "Tobias",
    "Krughoff": "Wendt",
    "KSK": "KTW",
    "William": "Wilbert",
    "Willam": "Wilbrt",
    "O'Mullane": "O'Donnell",
    "Lim": "Liu",
    "Iim": "Iiu",
    "Salnikov": "Petrov",
    "Andy S": "Andy P",
    "Yusra": "Noa",
    "AlSayyad": "BenAmi",
    "Alsayyad": "Benami",
    "Qserv": "Zephyr",
    "Butler": "Steward",
    "butler": "steward",
    "QSERV": "ZEPHYR",
    "PanDA": "Tasker",
    "HTCondor": "GridQ",
    "Rucio": "Ferry",
}
_PATTERN = re.compile(
    r"(?<![\w'’-])("
    + "|".join(re.escape(k) for k in sorted(RENAME, key=len, reverse=True))
    + r")(?![\w'’-])"
)


def rename(text: str) -> str:
    return _PATTERN.sub(lambda m: RENAME[m.group(1)], text)


def _reverse_runs(lines: list[str], start: int, end: int) -> None:
    """Reverse the 1-based lines start..end in place (single-line table rows only)."""
    lines[start - 1 : end] = list(reversed(lines[start - 1 : end]))


def _altered(tmp_path: Path) -> tuple[Path, Path]:
    rtn = rename(RTN.read_text(encoding="utf-8")).split("\n")
    _reverse_runs(rtn, 424, 454)  # products table, first block
    _reverse_runs(rtn, 456, 493)  # products table, second block
    _reverse_runs(rtn, 383, 389)  # USDF role rows
    _reverse_runs(rtn, 317, 319)  # Algorithm and Pipeline role rows
    dp0 = rename(DP0.read_text(encoding="utf-8")).split("\n")
    _reverse_runs(dp0, 16, 32)  # milestone rows
    _reverse_runs(dp0, 494, 502)  # staff rows
    _reverse_runs(dp0, 549, 555)  # staff rows, including the '3.51' OCR slip
    a, b = tmp_path / RTN.name, tmp_path / DP0.name
    a.write_text("\n".join(rtn), encoding="utf-8")
    b.write_text("\n".join(dp0), encoding="utf-8")
    return a, b


def _renamed(edges: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    return {(t, rename(s), rename(d)) for t, s, d in edges}


def test_renamed_and_reordered_copies_give_the_same_structure(tmp_path: Path) -> None:
    a, b = _altered(tmp_path)
    altered = extract([a, b])
    assert not altered.failures
    for name in (RTN.name, DP0.name):
        expected = _renamed(all_edges(graph(seeds(), name)))
        got = all_edges(graph(altered, name))
        assert got == expected, (name, sorted(expected - got)[:5], sorted(got - expected)[:5])


def test_renamed_copies_resolve_the_same_aliases(tmp_path: Path) -> None:
    a, b = _altered(tmp_path)
    altered = extract([a, b])
    ids = {}
    for g in altered.graphs:
        for n in g.nodes:
            if n.label == "Person":
                for alias in n.aliases:
                    ids[alias] = n.id
    assert ids["HPMQ"] == ids["Harold Marsh-Quint"] == "person:harold-marsh-quint"
    assert ids["Klm P"] == ids["KimP"] == ids["Kim Pike"]
    assert ids["KTW"] == ids["Wendt, Tobias"]
    assert ids["Wil O'Donnell"] == ids["Wilbrt O'Donnell"] == ids["O'Donnell, Wilbert"]
    assert ids["KT Iiu"] == ids["Liu, K-T"]
    assert ids["Andy P"] == ids["Petrov, Andy"] != ids["Hanushevsky, Andy"]
    assert ids["Tim Jenness"] == ids["Jenness, Tim"]  # swapped with the former 'Fritz Mueller'
    merges = {m.into for m in altered.report.merges}
    assert "person:harold-marsh-quint" in merges


def test_counts_survive_renaming(tmp_path: Path) -> None:
    a, b = _altered(tmp_path)
    altered = extract([a, b])
    assert altered.report.labels == seeds().report.labels
    assert altered.report.types == seeds().report.types
