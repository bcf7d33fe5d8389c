"""Read throughput of PDF input: read_pdf, against the same document's pdftotext text
through read_pdftotext (both modes) and the seeds through the text reader.

The PDF is built here by pdflatex: the test plan's sections repeated (headings, nested
lists, ruled longtables over pages, booktabs and unruled tables, a TikZ org chart and
product tree per copy) to a few dozen pages.  Times are the best and median of N runs;
pdftotext's own run time is printed too (the text readers start from its output).
Usage: python bench/bench_pdf.py [N] [COPIES]   (defaults 5 runs, 8 copies)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from orggraph.loaders.readers.pdf import read_pdf  # noqa: E402
from orggraph.loaders.readers.pdftotext import read_pdftotext  # noqa: E402
from orggraph.loaders.text import read_document  # noqa: E402

from tests.support import pdfs  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def long_plan(copies: int) -> str:
    """The test plan with its body repeated ``copies`` times."""
    head, rest = pdfs.PLAN_TEX.split(r"\section{Introduction}", 1)
    body, tail = rest.split(r"\appendix", 1)
    body = r"\section{Introduction}" + body
    return head + "\n\\clearpage\n".join([body] * copies) + r"\appendix" + tail


CPU: list[float] = []  # the best CPU time of the last timed() call


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """Best and median wall time of ``runs`` calls, and the last result (CPU in ``CPU``)."""
    times, cpu, result = [], [], None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    CPU[:] = [min(cpu)]
    return min(times), statistics.median(times), result


def main(runs: int = 5, copies: int = 8) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = pdfs.build_latex(long_plan(copies), Path(tmp), "long-plan")
        start = time.perf_counter()
        layout_text = pdfs.pdftotext(pdf, layout=True)
        poppler_layout = time.perf_counter() - start
        start = time.perf_counter()
        default_text = pdfs.pdftotext(pdf, layout=False)
        poppler_default = time.perf_counter() - start
        best, med, source = timed(lambda: read_pdf(pdf), runs)
        pages = source.pages  # type: ignore[attr-defined]
        lines = len(source.lines)  # type: ignore[attr-defined]
        figures = len(source.figures)  # type: ignore[attr-defined]
        print(
            f"document: {pages} pages, {pdf.stat().st_size // 1024} KiB, {runs} runs each; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        print(
            f"read_pdf:                 best {best:.2f} s, median {med:.2f} s: "
            f"{pages / best:.1f} pages/s ({lines} lines, {figures} figures); "
            f"CPU best {CPU[0]:.2f} s: {pages / CPU[0]:.1f} pages/s"
        )
        for name, text, layout, poppler in (
            ("read_pdftotext -layout", layout_text, True, poppler_layout),
            ("read_pdftotext default", default_text, False, poppler_default),
        ):
            best, med, src = timed(lambda t=text, lay=layout: read_pdftotext(t, "x", lay), runs)
            print(
                f"{name}:   best {best * 1000:.1f} ms, median {med * 1000:.1f} ms: "
                f"{pages / best:.0f} pages/s ({len(src.lines)} lines; "  # type: ignore[attr-defined]
                f"pdftotext itself {poppler * 1000:.0f} ms); CPU best {CPU[0] * 1000:.1f} ms"
            )
    seed_lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in SEEDS)
    best, med, _ = timed(lambda: [read_document(p) for p in SEEDS], runs)
    print(
        f"seeds, text reader:       best {best * 1000:.1f} ms, median {med * 1000:.1f} ms "
        f"for {len(SEEDS)} files, {seed_lines} lines: {seed_lines / best:.0f} lines/s; "
        f"CPU best {CPU[0] * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 5,
        int(sys.argv[2]) if len(sys.argv) > 2 else 8,
    )
