"""The corpus scorer, and the loaders scored on the corpus per form and format.

``THRESHOLDS`` is the one place the expected scores live: per format, per document form,
the least F1 of (relationships, nodes) the loaders must reach, measured on this branch
and set a little below. ``None`` marks a format or form the loaders cannot read yet:
its test skips with the reason. Raise the figures as readers and parsers land.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from orggraph.graph.model import DocumentGraph, Edge, Node

from bench.corpus import DOC_FORMS, FORMATS, Corpus
from bench.corpus.run import FormatRun, run_loaders
from bench.corpus.score import normalise, score
from bench.corpus.truth import Facts
from tests.test_corpus_generator import session_corpus

NOT_YET = "no thresholds for this format"
NO_PARSER = "not read in this format (see the comment at its threshold)"

Pair = tuple[float, float]  # least F1 of (relationships, nodes)
#: the text formats read as lines: measured 1.00 / 1.00 on every form (seed 1)
_TEXT: dict[str, Pair | None] = {form: (0.97, 0.95) for form in DOC_FORMS}
_TABBED = _TEXT
#: LaTeX sources: measured 1.00 / 1.00 on every form (seed 1), the Gantt chart included
_LATEX: dict[str, Pair | None] = {form: (0.97, 0.97) for form in DOC_FORMS}
#: the PDFs (pdfplumber): measured 1.00 / 0.99-1.00 on every form (seed 1) but
#: milestones 0.94 / 0.97: the milestones only the Gantt chart names (no chart is read
#: from a PDF's drawing)
_PDF: dict[str, Pair | None] = {
    **{form: (0.97, 0.97) for form in DOC_FORMS},
    "milestones": (0.91, 0.94),
}
#: pdftotext -layout: measured 1.00 / 1.00 on every form (seed 1)
_LAYOUT: dict[str, Pair | None] = {form: (0.97, 0.97) for form in DOC_FORMS}
#: unread: in pdftotext's default mode, LaTeX tables whose cells wrap come out as blocks
#: of one column's cells in no row order and are left as lines (short-celled tables
#: written column by column are rebuilt: responsibility, acronyms)
_UNREBUILT = None
#: format -> form -> least F1 (relationships, nodes); None: skipped with its reason
THRESHOLDS: dict[str, dict[str, Pair | None] | None] = {
    "tabbed": _TEXT,
    "markdown": _TEXT,
    "latex": _LATEX,
    "pdf-latex": _PDF,
    "pdf-html": _PDF,
    # measured (seed 1): responsibility 1.00/0.95, tree 1.00/0.50 (the tree's box texts
    # come out as loose lines), orgchart 1.00/1.00, teamlists 1.00/0.97, sentences 1.00,
    # plan 0.67/0.81 (its tables left as lines)
    "pdftotext-latex": {
        "roles": _UNREBUILT,
        "staff": _UNREBUILT,
        "products": _UNREBUILT,
        "milestones": _UNREBUILT,
        "responsibility": (0.95, 0.90),
        "tree": (0.95, 0.45),
        "orgchart": (0.95, 0.95),
        "teamlists": (0.95, 0.93),
        "sentences": (0.97, 0.97),
        "plan": (0.62, 0.76),
    },
    # Chromium PDFs: every cell a paragraph, dealt to the columns by shape (seed 1)
    "pdftotext-html": {
        "roles": (0.90, 0.92),  # ' -' before a site suffix eaten by pdftotext at line ends
        "staff": (0.95, 0.97),
        "products": (0.68, 0.88),  # shaded group rows written after the table
        "milestones": (0.97, 0.97),
        "responsibility": (0.53, 0.65),  # a sparse column written partly after the table
        "tree": (0.97, 0.97),
        "orgchart": (0.97, 0.97),
        "teamlists": (0.79, 0.97),  # nested lists lose their levels (no indentation)
        "sentences": (0.97, 0.97),
        "plan": (0.83, 0.92),
    },
    "pdftotext-layout-latex": _LAYOUT,
    "pdftotext-layout-html": _LAYOUT,
}
#: the same organisation rendered with other header synonyms, column orders and captions
ALTERED: dict[str, Pair | None] = {
    "roles": (0.95, 0.95),
    "staff": (0.95, 0.95),
    "products": (0.95, 0.95),
    "sentences": (0.95, 0.95),
    "plan": (0.95, 0.95),
}


# ----------------------------------------------------------------------------- scorer


def _truth() -> Facts:
    f = Facts()
    p = f.node("Person", "Ada Kradex", "table", "staff", ("Ada Kradex", "Kradex, Ada"))
    r = f.node("Role", "Release & Build Engineer - ACME", "table", "staff")
    t = f.node("Team", "Zorbu Pipelines", "table", "staff")
    f.edge("HOLDS", p, r, "table", "staff", fte=0.5)
    f.edge("MEMBER_OF", r, t, "table", "staff")
    return f


def _graph(
    nodes: list[tuple[str, str, list[str]]], edges: list[tuple[str, int, int]]
) -> DocumentGraph:
    g = DocumentGraph("doc.txt")
    g.nodes = [
        Node(label, f"{label.lower()}:{i}", name, aliases)
        for i, (label, name, aliases) in enumerate(nodes)
    ]
    g.edges = [Edge(t, g.nodes[a].id, g.nodes[b].id) for t, a, b in edges]
    return g


EXACT_NODES = [
    ("Person", "Ada Kradex", []),
    ("Role", "Release & Build Engineer - ACME", []),
    ("Team", "Zorbu Pipelines", []),
]


def test_exact_match_scores_one() -> None:
    res = score(
        [_graph(EXACT_NODES, [("HOLDS", 0, 1), ("MEMBER_OF", 1, 2)])], _truth().for_format("tabbed")
    )
    assert (res.nodes.precision, res.nodes.recall, res.edges.precision, res.edges.recall) == (
        1,
        1,
        1,
        1,
    )
    assert res.f1 == 1.0 and not res.missing_edges and not res.extra_nodes
    assert res.form_recall("staff") == 1.0


def test_a_missing_edge_lowers_recall_only() -> None:
    res = score([_graph(EXACT_NODES, [("HOLDS", 0, 1)])], _truth().for_format("tabbed"))
    assert res.edges.recall == 0.5 and res.edges.precision == 1.0
    assert res.missing_edges == [
        "MEMBER_OF Role:Release & Build Engineer - ACME -> Team:Zorbu Pipelines"
    ]
    assert res.by_type["MEMBER_OF"].recall == 0.0 and res.by_type["HOLDS"].recall == 1.0


def test_an_extra_node_or_edge_lowers_precision() -> None:
    nodes = [*EXACT_NODES, ("Team", "Zorbu", [])]
    res = score(
        [_graph(nodes, [("HOLDS", 0, 1), ("MEMBER_OF", 1, 2), ("MEMBER_OF", 1, 3)])],
        _truth().for_format("tabbed"),
    )
    assert res.nodes.precision == 0.75 and res.nodes.recall == 1.0
    assert res.edges.precision == pytest.approx(2 / 3) and res.edges.recall == 1.0
    assert res.extra_nodes == ["Team:Zorbu"]
    assert res.by_label["Team"].precision == 0.5


def test_aliases_and_normalisation_match() -> None:
    nodes = [
        ("Person", "Kradex, Ada", []),  # the truth's alias
        ("Role", "Release and Build Engi- neer – ACME", []),  # '&'/'and', hyphen break, dash
        ("Team", "ZORBU  pipelines", ["Zorbu Pipelines"]),
    ]
    res = score(
        [_graph(nodes, [("HOLDS", 0, 1), ("MEMBER_OF", 1, 2)])], _truth().for_format("tabbed")
    )
    assert res.f1 == 1.0, res.to_dict()
    assert normalise("Release &amp; Build Engi- neer") == "release and build engineer"


def test_a_second_node_for_the_same_entity_is_an_extra() -> None:
    nodes = [*EXACT_NODES, ("Person", "Kradex, Ada", [])]
    res = score(
        [_graph(nodes, [("HOLDS", 0, 1), ("MEMBER_OF", 1, 2)])], _truth().for_format("tabbed")
    )
    assert res.nodes.fp == 1 and res.nodes.recall == 1.0


def test_an_exported_json_scores_like_the_graph(tmp_path: Path) -> None:
    g = _graph(EXACT_NODES, [("HOLDS", 0, 1)])
    export = {
        "nodes": [
            {"id": n.id, "labels": [n.label], "name": n.name, "aliases": n.aliases} for n in g.nodes
        ],
        "edges": [{"source": e.source, "target": e.target, "type": e.type} for e in g.edges],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export))
    truth = _truth().for_format("tabbed")
    assert score(path, truth).to_dict() == score([g], truth).to_dict()
    assert score(export, truth).edges.recall == 0.5


def test_nothing_loaded_scores_zero() -> None:
    res = score([], _truth().for_format("tabbed"))
    assert res.f1 == 0.0 and res.nodes.recall == 0.0 and len(res.missing_nodes) == 3


# ----------------------------------------------------------------------------- loaders


class _Scores:
    """Prints the corpus scores per form and format in pytest's closing summary."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        terminalreporter.section("loaders on the corpus: precision/recall per form and format")
        for line in self.lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="module")
def runs(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> dict[str, FormatRun]:
    from bench.corpus_score import score_tables

    corpus = session_corpus(tmp_path_factory.getbasetemp())
    result = run_loaders(corpus)
    slugs = [d.slug for d in corpus.documents]
    request.config.pluginmanager.register(_Scores(score_tables(result, slugs)), "corpus-scores")
    return result


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return session_corpus(tmp_path_factory.getbasetemp())


def _check(run: FormatRun, form: str, want: Pair) -> None:
    slug = f"{DOC_FORMS.index(form) + 1:02d}-{form}"
    res = run.results[slug]
    got = (res.edges.f1, res.nodes.f1)
    detail = {
        "error": run.errors.get(slug),
        "missing_edges": res.missing_edges[:5],
        "extra_edges": res.extra_edges[:5],
        "missing_nodes": res.missing_nodes[:5],
    }
    assert got[0] >= want[0] and got[1] >= want[1], f"{run.format} {form}: {got} < {want}: {detail}"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("form", DOC_FORMS)
def test_loader_scores(runs: dict[str, FormatRun], corpus: Corpus, fmt: str, form: str) -> None:
    table = THRESHOLDS[fmt]
    if table is None:
        pytest.skip(f"{fmt}: {NOT_YET}")
    if fmt in corpus.skipped:
        pytest.skip(f"{fmt} not built here: {corpus.skipped[fmt].splitlines()[0]}")
    want = table.get(form)
    if want is None:
        pytest.skip(f"{fmt} {form}: {NO_PARSER}")
    _check(runs[fmt], form, want)


@pytest.mark.parametrize("form", list(ALTERED))
def test_loader_scores_on_an_altered_copy(
    tmp_path_factory: pytest.TempPathFactory, form: str
) -> None:
    altered = session_corpus(tmp_path_factory.getbasetemp(), style=1, formats=("tabbed",))
    want = ALTERED[form]
    assert want is not None
    _check(run_loaders(altered, ["tabbed"])["tabbed"], form, want)


def test_thresholds_cover_every_format_and_form() -> None:
    assert set(THRESHOLDS) == set(FORMATS)
    for table in THRESHOLDS.values():
        assert table is None or set(table) == set(DOC_FORMS)


def test_report_script_writes_scores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bench.corpus_score import main

    out = tmp_path / "scores.json"
    assert main(["--formats", "tabbed,markdown", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "relationships: precision/recall" in printed and "01-roles" in printed
    data = json.loads(out.read_text())
    roles = data["formats"]["tabbed"]["documents"]["01-roles"]
    assert roles["edges"]["f1"] >= _TABBED["roles"][0]  # type: ignore[index]
    md = data["formats"]["markdown"]
    assert set(md["documents"]) == set(data["formats"]["tabbed"]["documents"])
    assert all(isinstance(msg, str) and msg for msg in md["errors"].values())
