"""Score the loaders on the development corpus, per form and format.

    python bench/corpus_score.py [--seed 1] [--size 1] [--style 0] [--formats tabbed,latex]
                                 [--out DIR] [--json PATH]

Generates the corpus (``bench/corpus``), loads each format's documents with
``orggraph.loaders.extract`` and prints precision/recall of relationships and nodes per
document form and format, the recall per planted form, and each loader error. Formats
the loaders cannot read yet score 0 and show the loader's message; "-" marks a document
that states nothing of that kind in that format (a figure-only fact in a text format).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import FORMATS, build_corpus  # noqa: E402
from bench.corpus.run import FormatRun, run_loaders  # noqa: E402


def _cell(p: float, r: float) -> str:
    return f"{p:4.2f}/{r:4.2f}"


def score_tables(runs: dict[str, FormatRun], slugs: list[str]) -> list[str]:
    """Precision/recall of relationships and of nodes per document form and format."""
    return [
        *_table("relationships: precision/recall", runs, slugs, "edges"),
        "",
        *_table("nodes: precision/recall", runs, slugs, "nodes"),
    ]


def _table(title: str, runs: dict[str, FormatRun], slugs: list[str], what: str) -> list[str]:
    fmts = list(runs)
    width = {f: max(10, len(f)) + 1 for f in fmts}
    lines = [title, "document".ljust(18) + "".join(f.rjust(width[f]) for f in fmts)]
    for slug in slugs:
        row = slug.ljust(18)
        for f in fmts:
            res = runs[f].results.get(slug)
            if res is None:
                row += "-".rjust(width[f])
                continue
            s = getattr(res, what)
            shown = _cell(s.precision, s.recall) if s.tp + s.fp + s.fn else "-"
            row += shown.rjust(width[f])
        lines.append(row)
    row = "all".ljust(18)
    for f in fmts:
        s = getattr(runs[f].total(), what)
        row += _cell(s.precision, s.recall).rjust(width[f])
    lines.append(row)
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--size", type=int, default=1)
    ap.add_argument("--style", type=int, default=0, help="another rendering of the same org")
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--out", type=Path, help="where to write the corpus (default: a temp dir)")
    ap.add_argument("--json", type=Path, help="write the scores (with misses and extras) here")
    args = ap.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        ap.error(f"unknown format(s) {unknown}; known: {', '.join(FORMATS)}")
    with tempfile.TemporaryDirectory(prefix="orggraph-corpus-") as tmp:
        out = args.out or Path(tmp)
        t0 = time.perf_counter()
        corpus = build_corpus(out, args.seed, args.size, formats, style=args.style)
        gen = time.perf_counter() - t0
        runs = run_loaders(corpus)
    slugs = [d.slug for d in corpus.documents]
    print(
        f"corpus seed={args.seed} size={args.size} style={args.style}: {len(slugs)} documents, "
        f"{len(corpus.renderings)} renderings, generated in {gen:.1f} s "
        + " ".join(f"({k} {v:.1f} s)" for k, v in corpus.seconds.items())
    )
    for fmt, why in corpus.skipped.items():
        print(f"skipped {fmt}: {why.splitlines()[0]}")
    print()
    print("\n".join(score_tables(runs, slugs)))
    print()
    forms = sorted({f for run in runs.values() for f in run.total().by_form})
    fmts = list(runs)
    print("recall per planted form (nodes and relationships, all documents)")
    print("form".ljust(18) + "".join(f.rjust(max(10, len(f)) + 1) for f in fmts))
    for form in forms:
        row = form.ljust(18)
        for f in fmts:
            rec = runs[f].total().form_recall(form)
            row += ("-" if rec is None else f"{rec:4.2f}").rjust(max(10, len(f)) + 1)
        print(row)
    print()
    for fmt, run in runs.items():
        print(f"{fmt}: loaded in {run.seconds:.2f} s, {len(run.errors)} document(s) not loaded")
        grouped: dict[str, list[str]] = {}
        for slug, msg in run.errors.items():
            reason = msg.splitlines()[0].split(": ", 1)[-1][:140]
            grouped.setdefault(reason, []).append(slug)
        for reason, which in grouped.items():
            print(f"  {', '.join(which)}: {reason}")
    if args.json:
        payload = {
            "seed": args.seed,
            "size": args.size,
            "style": args.style,
            "generation_seconds": round(gen, 2),
            "build_seconds": {k: round(v, 2) for k, v in corpus.seconds.items()},
            "skipped": corpus.skipped,
            "formats": {
                fmt: {
                    "load_seconds": round(run.seconds, 3),
                    "total": run.total().to_dict(details=False),
                    "errors": run.errors,
                    "documents": {s: r.to_dict() for s, r in run.results.items()},
                }
                for fmt, run in runs.items()
            },
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=1), encoding="utf-8")
        print(f"scores written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
