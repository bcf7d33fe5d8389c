"""Documents of an organisation, and the corpus on disk: every document in every format.

``make_documents(org)`` gives one document per form plus ``plan`` (every form in one
document), each with the facts it plants. ``build_corpus(out, ...)`` renders them in
the asked formats and writes each rendering's truth beside it.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .blocks import Block, Doc, Front, Heading, Para
from .forms import FILLER, FORMS, TITLES, change_record, glossary, person_key
from .model import Org, make_org
from .render_html import render_html
from .render_latex import render_latex
from .render_pdf import ToolError, chromium_pdf, missing_tools, pdflatex, pdftotext
from .render_text import render_markdown, render_tabbed
from .truth import FORMATS, Facts, Truth

PLAN_ORDER = (
    "orgchart",
    "teamlists",
    "sentences",
    "roles",
    "products",
    "tree",
    "responsibility",
    "milestones",
    "staff",
)
DOC_FORMS: tuple[str, ...] = (*FORMS, "plan")

#: the tools each format needs
NEEDS: dict[str, tuple[str, ...]] = {
    "pdf-latex": ("pdflatex",),
    "pdf-html": ("chromium",),
    "pdftotext-latex": ("pdflatex", "pdftotext"),
    "pdftotext-html": ("chromium", "pdftotext"),
    "pdftotext-layout-latex": ("pdflatex", "pdftotext"),
    "pdftotext-layout-html": ("chromium", "pdftotext"),
}
#: the source.py format a corpus format is
READER_FORMAT = {
    "tabbed": "tabbed",
    "markdown": "markdown",
    "latex": "latex",
    "pdf-latex": "pdf",
    "pdf-html": "pdf",
    "pdftotext-latex": "pdftotext",
    "pdftotext-html": "pdftotext",
    "pdftotext-layout-latex": "pdftotext-layout",
    "pdftotext-layout-html": "pdftotext-layout",
}


@dataclass
class Document:
    """A document before rendering, and the facts it plants."""

    doc: Doc
    facts: Facts

    @property
    def slug(self) -> str:
        return self.doc.slug

    @property
    def form(self) -> str:
        return self.doc.form


@dataclass
class Rendering:
    """One document in one format: where it is on disk and what a correct loader yields."""

    slug: str
    form: str
    format: str
    path: Path
    facts: Facts

    @property
    def truth(self) -> Truth:
        return self.facts.for_format(self.format)


@dataclass
class Corpus:
    root: Path
    org: Org
    documents: list[Document]
    renderings: list[Rendering] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # format -> why not built
    seconds: dict[str, float] = field(default_factory=dict)  # format -> build time

    def of_format(self, fmt: str) -> list[Rendering]:
        return [r for r in self.renderings if r.format == fmt]

    def get(self, slug: str, fmt: str) -> Rendering:
        return next(r for r in self.renderings if r.slug == slug and r.format == fmt)


def _style(org: Org, style: int, form: str) -> random.Random:
    return random.Random(f"orggraph-corpus-style-{org.seed}-{org.size}-{style}-{form}")


def make_document(org: Org, form: str, style: int = 0, index: int = 0) -> Document:
    """The document of ``form`` ('plan' for all forms in one), with its facts."""
    rng = _style(org, style, form)
    facts = Facts()
    authors = org.authors if rng.random() < 0.5 else org.authors[:1]
    for a in authors:
        person_key(facts, a, "prose", "front")
    front = Front(
        title=TITLES[form].format(dept=org.dept),
        handle=f"{org.project[:3]}-{100 + index:03d}",
        org=org.name,
        authors=[a.full for a in authors],
        date=f"2023-{1 + index % 12:02d}-{1 + index * 3 % 27:02d}",
        abstract=f"This document describes the {org.dept} department of the {org.name}.",
    )
    if form == "plan" or rng.random() < 0.5:
        front.changes = change_record(org, rng, facts)
    blocks: list[Block] = [Heading(1, "Introduction"), Para(rng.choice(FILLER))]
    for name in PLAN_ORDER if form == "plan" else (form,):
        blocks += FORMS[name](org, rng, facts)
    blocks += glossary(org, rng, facts)
    slug = f"{index:02d}-{form}"
    return Document(Doc(slug, form, front, blocks), facts)


def make_documents(org: Org, forms: Sequence[str] = DOC_FORMS, style: int = 0) -> list[Document]:
    """One document per form (and 'plan'), numbered in ``DOC_FORMS`` order."""
    return [make_document(org, f, style, DOC_FORMS.index(f) + 1) for f in forms]


def _write_truth(root: Path, r: Rendering) -> None:
    path = root / "truth" / r.format / f"{r.slug}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(r.truth.to_export(), indent=1, sort_keys=True), encoding="utf-8")


def build_corpus(
    out: Path,
    seed: int = 1,
    size: int = 1,
    formats: Iterable[str] = FORMATS,
    forms: Sequence[str] = DOC_FORMS,
    style: int = 0,
    jobs: int = 2,
) -> Corpus:
    """Render the organisation of (seed, size) in ``formats`` under ``out``.

    Layout: ``out/<format>/<slug>.<ext>`` (``latex`` is a folder per document),
    ``out/truth/<format>/<slug>.json`` (the contract's export shape) and
    ``out/manifest.json``. Formats whose tools are missing are listed in ``skipped``.
    """
    out = Path(out)
    formats = [f for f in FORMATS if f in set(formats)]
    org = make_org(seed, size)
    corpus = Corpus(out, org, make_documents(org, forms, style))
    missing = missing_tools()
    for fmt in formats:
        lacking = [missing[t] for t in NEEDS.get(fmt, ()) if t in missing]
        if lacking:
            corpus.skipped[fmt] = "; ".join(lacking)
    want = [f for f in formats if f not in corpus.skipped]

    def timed(fmt: str, work: callable) -> None:  # type: ignore[valid-type]
        t0 = time.perf_counter()
        try:
            work()
        except ToolError as err:
            corpus.skipped[fmt] = str(err)
        corpus.seconds[fmt] = corpus.seconds.get(fmt, 0.0) + time.perf_counter() - t0

    def add(fmt: str, d: Document, path: Path) -> None:
        corpus.renderings.append(Rendering(d.slug, d.form, fmt, path, d.facts))

    text_rng = {d.slug: _style(org, style, d.slug) for d in corpus.documents}
    for d in corpus.documents:
        if "tabbed" in want:
            p = out / "tabbed" / f"{d.slug}.txt"
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(render_tabbed(d.doc, text_rng[d.slug]), encoding="utf-8")
            add("tabbed", d, p)
        if "markdown" in want:
            p = out / "markdown" / f"{d.slug}.md"
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(render_markdown(d.doc, text_rng[d.slug]), encoding="utf-8")
            add("markdown", d, p)
    latex_mains: dict[str, Path] = {}
    if {"latex", "pdf-latex", "pdftotext-latex", "pdftotext-layout-latex"} & set(want):
        for d in corpus.documents:
            latex_mains[d.slug] = render_latex(
                d.doc, out / "latex" / d.slug, _style(org, style, "tex-" + d.slug)
            )
            if "latex" in want:
                add("latex", d, latex_mains[d.slug].parent)
    html_files: dict[str, Path] = {}
    if {"pdf-html", "pdftotext-html", "pdftotext-layout-html"} & set(want):
        for d in corpus.documents:
            p = out / "html" / f"{d.slug}.html"
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(render_html(d.doc, _style(org, style, "html-" + d.slug)), "utf-8")
            html_files[d.slug] = p

    pdfs: dict[tuple[str, str], Path] = {}

    def build_pdfs(kind: str) -> None:
        def one(d: Document) -> tuple[str, Path]:
            target = out / f"pdf-{kind}" / f"{d.slug}.pdf"
            if kind == "latex":
                return d.slug, pdflatex(latex_mains[d.slug], target)
            return d.slug, chromium_pdf(html_files[d.slug], target)

        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            for slug, path in pool.map(one, corpus.documents):
                pdfs[(kind, slug)] = path

    for kind in ("latex", "html"):
        needed = [f for f in want if f.endswith(kind) and f != "latex"]
        if not needed:
            continue
        timed(f"pdf-{kind}", lambda kind=kind: build_pdfs(kind))  # type: ignore[misc]
        if f"pdf-{kind}" in corpus.skipped:
            for f in needed:
                corpus.skipped.setdefault(f, corpus.skipped[f"pdf-{kind}"])
            continue
        for d in corpus.documents:
            if f"pdf-{kind}" in want:
                add(f"pdf-{kind}", d, pdfs[(kind, d.slug)])
        for layout in (False, True):
            fmt = f"pdftotext-{'layout-' if layout else ''}{kind}"
            if fmt not in want:
                continue

            def texts(fmt: str = fmt, layout: bool = layout, kind: str = kind) -> None:
                for d in corpus.documents:
                    target = out / fmt / f"{d.slug}.txt"
                    add(fmt, d, pdftotext(pdfs[(kind, d.slug)], target, layout))

            timed(fmt, texts)
    for r in corpus.renderings:
        _write_truth(out, r)
    manifest = {
        "seed": seed,
        "size": size,
        "style": style,
        "skipped": corpus.skipped,
        "documents": [
            {
                "slug": r.slug,
                "form": r.form,
                "format": r.format,
                "path": str(r.path.relative_to(out)),
            }
            for r in corpus.renderings
        ],
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return corpus
