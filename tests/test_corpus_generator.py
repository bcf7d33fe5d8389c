"""The development corpus generator: deterministic, every format built, truth consistent.

The corpus (every document in every format, PDFs included) is built once per session
by :func:`session_corpus`; tests of formats whose tools are missing skip with the
reason (``./dev test`` installs poppler-utils and TeX Live where it can).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from orggraph.graph.model import REL_TYPES

from bench.corpus import (
    DOC_FORMS,
    FORMATS,
    Corpus,
    build_corpus,
    make_documents,
    make_org,
)
from bench.corpus.blocks import Table
from bench.corpus.render_latex import render_latex
from bench.corpus.render_pdf import page_count
from bench.corpus.render_text import render_markdown, render_tabbed
from bench.corpus.score import normalise
from bench.corpus.truth import FORMAT_CARRIERS

SEED, SIZE = 1, 1
_BUILT: dict[tuple[int, int, int], Corpus] = {}


def session_corpus(root: Path, style: int = 0, formats: tuple[str, ...] = FORMATS) -> Corpus:
    """The corpus of (SEED, SIZE, style), built once per session under ``root``."""
    key = (SEED, SIZE, style)
    if key not in _BUILT:
        _BUILT[key] = build_corpus(root / f"corpus-{style}", SEED, SIZE, formats, style=style)
    return _BUILT[key]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return session_corpus(tmp_path_factory.getbasetemp())


def _texts(style: int = 0, seed: int = SEED) -> list[str]:
    import random

    out = []
    for d in make_documents(make_org(seed, SIZE), style=style):
        out.append(render_tabbed(d.doc, random.Random(d.slug)))
        out.append(render_markdown(d.doc, random.Random(d.slug)))
    return out


def test_same_seed_same_documents_other_seed_or_style_other_text(tmp_path: Path) -> None:
    assert _texts() == _texts()
    assert _texts() != _texts(seed=SEED + 1)
    assert _texts() != _texts(style=1)
    org = make_org(SEED, SIZE)
    a, b = make_documents(org)[0], make_documents(org)[0]
    ta = render_latex(a.doc, tmp_path / "a", __import__("random").Random(0)).read_text()
    tb = render_latex(b.doc, tmp_path / "b", __import__("random").Random(0)).read_text()
    assert ta == tb


def test_organisation_names_are_unique_and_invented() -> None:
    org = make_org(SEED, 3)
    names = [p.full for p in org.people]
    assert len(set(names)) == len(names) or len({p.family for p in org.people}) == len(names)
    titles = [r.title for r in org.roles]
    assert len(set(titles)) == len(titles)
    products = [p.name for p in org.products]
    assert len(set(products)) == len(products)
    assert len({m.rubin for m in org.milestones}) == len(org.milestones)
    assert all(re.fullmatch(r"L[23]-[A-Z]{2}-\d{4}", m.rubin) for m in org.milestones)
    assert any(r.site for r in org.roles) and any(p.is_group for p in org.products)
    bigger = make_org(SEED, 3)
    assert len(bigger.roles) > len(make_org(SEED, 1).roles)


def test_every_form_and_format_is_built(corpus: Corpus) -> None:
    built = {(r.slug.split("-", 1)[1], r.format) for r in corpus.renderings}
    for fmt in FORMATS:
        if fmt in corpus.skipped:
            continue
        for form in DOC_FORMS:
            assert (form, fmt) in built, (form, fmt)
    for r in corpus.renderings:
        assert r.path.exists(), r.path
        truth_file = corpus.root / "truth" / r.format / f"{r.slug}.json"
        assert truth_file.exists()


def _rendered_text(corpus: Corpus, slug: str, fmt: str) -> str:
    r = corpus.get(slug, fmt)
    if fmt == "latex":
        text = "\n".join(p.read_text() for p in sorted(r.path.rglob("*.tex")))
        text = re.sub(r"\\([&%$#_])", r"\1", text)
        return re.sub(r"\\[A-Za-z]+\*?|[{}\[\]]", " ", text)
    if fmt.startswith("pdf-"):
        kind = fmt.removeprefix("pdf-")
        return corpus.get(slug, f"pdftotext-layout-{kind}").path.read_text()
    text = r.path.read_text()
    return re.sub(r"<[^>]+>", " ", text).replace("&amp;", "&")


def _skip_missing(corpus: Corpus, fmt: str) -> None:
    if fmt in corpus.skipped:
        pytest.skip(f"{fmt} not built here: {corpus.skipped[fmt].splitlines()[0]}")
    if fmt.startswith("pdf-") and f"pdftotext-layout-{fmt[4:]}" in corpus.skipped:
        pytest.skip(f"{fmt} is checked through pdftotext, which is not built here")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_truth_name_is_in_the_rendering(corpus: Corpus, fmt: str) -> None:
    """Each truth node is written in the document (one of its names, after normalisation);
    where cells wrap over lines (text extractions, PDFs), every word of it is."""
    _skip_missing(corpus, fmt)
    for d in corpus.documents:
        text = _rendered_text(corpus, d.slug, fmt)
        flat = normalise(text)
        words = set(flat.split())
        loose = fmt != "latex"
        truth = corpus.get(d.slug, fmt).truth
        assert truth.nodes, d.slug
        for node in truth.nodes.values():
            forms = [normalise(a) for a in node.aliases]
            if loose:
                ok = any(set(a.split()) <= words for a in forms)
            else:
                ok = any(f" {a} " in f" {flat} " for a in forms)
            assert ok, f"{fmt} {d.slug}: {node.label} {node.name!r} not in the rendering"


@pytest.mark.parametrize("fmt", FORMATS)
def test_truth_edges_keep_the_contract(corpus: Corpus, fmt: str) -> None:
    _skip_missing(corpus, fmt)
    for r in corpus.of_format(fmt):
        truth = r.truth
        for edge in truth.edges.values():
            assert edge.source in truth.nodes and edge.target in truth.nodes
            pair = (edge.source[0], edge.target[0])
            assert pair in REL_TYPES[edge.type], (edge.type, pair)


def test_figure_facts_are_carried_only_where_the_format_keeps_figures(corpus: Corpus) -> None:
    org_truth = {f: corpus.get("06-tree", f).truth for f in ("tabbed", "latex")}
    part_of = lambda t: [e for e in t.edges.values() if e.type == "PART_OF"]  # noqa: E731
    assert not part_of(org_truth["tabbed"])
    assert len(part_of(org_truth["latex"])) == len(corpus.org.products)
    assert "figure" not in FORMAT_CARRIERS["pdftotext-latex"]
    chart = corpus.get("07-orgchart", "latex").truth
    assert {e.type for e in chart.edges.values()} >= {"REPORTS_TO", "HOLDS"}
    tree_tex = (corpus.get("06-tree", "latex").path / "figures" / "figure1.tex").read_text()
    assert tree_tex.count(r"\draw[pline]") == len(corpus.org.products)


def test_group_rows_and_wrapped_rows_are_written(corpus: Corpus) -> None:
    tabbed = corpus.get("03-products", "tabbed").path.read_text()
    latex = "\n".join(p.read_text() for p in corpus.get("03-products", "latex").path.rglob("*.tex"))
    groups = [p.name for p in corpus.org.products if p.is_group]
    assert any(f"<b>{g}</b>" in tabbed for g in groups)
    assert any(rf"\textbf{{{g}}}" in latex for g in groups)
    staff = corpus.get("02-staff", "tabbed").path.read_text().splitlines()
    cols = max(line.count("\t") for line in staff)
    assert any(line.startswith("\t") and line.count("\t") == cols for line in staff), (
        "no staff row continues on the next line"
    )


@pytest.mark.parametrize("kind", ["latex", "html"])
def test_pdfs_and_their_text(corpus: Corpus, kind: str) -> None:
    fmt = f"pdf-{kind}"
    _skip_missing(corpus, fmt)
    pages = {r.slug: page_count(r.path) for r in corpus.of_format(fmt)}
    assert all(n >= 1 for n in pages.values())
    assert pages["10-plan"] > pages["01-roles"]
    assert pages["02-staff"] >= 2, "the staff table should span pages"
    for layout in ("", "layout-"):
        txt_fmt = f"pdftotext-{layout}{kind}"
        for r in corpus.of_format(txt_fmt):
            text = r.path.read_text()
            assert text.strip(), r.path
            assert text.count("\f") == pages[r.slug], (txt_fmt, r.slug)
    # the staff table's header is repeated on the next page: its first two cells on a line
    table = next(b for b in corpus.documents[1].doc.blocks if isinstance(b, Table))
    first, second = table.header[0].split()[0], table.header[1].split()[0]
    staff = corpus.get("02-staff", f"pdftotext-layout-{kind}").path.read_text().split("\f")
    heads = [
        page
        for page in staff
        if any(re.search(rf"\b{first}\b.*\b{second}\b", line) for line in page.splitlines())
    ]
    assert len(heads) >= 2, "the header is not repeated"
