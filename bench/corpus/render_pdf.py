"""PDFs and their text: pdflatex, headless Chromium's print-to-PDF, poppler's pdftotext.

Each function raises :class:`ToolError` with the tool's own words when it fails, and
:func:`missing_tools` says which tools are not installed, so the corpus can skip those
formats with a reason.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)
TOOLS = {"pdflatex": "pdflatex", "chromium": "chromium", "pdftotext": "pdftotext"}


class ToolError(RuntimeError):
    """An external tool failed; the message carries the end of its log."""


def missing_tools() -> dict[str, str]:
    """Tool name -> why it is unusable, for the tools not on PATH."""
    return {
        name: f"{exe} is not installed" for name, exe in TOOLS.items() if shutil.which(exe) is None
    }


def pdflatex(main: Path, out: Path, timeout: float = 120) -> Path:
    """Compile ``main`` (in a scratch copy of its folder) to ``out``."""
    with tempfile.TemporaryDirectory(prefix="corpus-tex-") as tmp:
        work = Path(tmp) / "doc"
        shutil.copytree(main.parent, work)
        cmd = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", main.name]
        for _ in range(2):  # the second pass settles longtable widths and references
            run = subprocess.run(
                cmd, cwd=work, capture_output=True, text=True, timeout=timeout, check=False
            )
            if run.returncode != 0:
                tail = "\n".join(run.stdout.splitlines()[-15:])
                raise ToolError(f"pdflatex failed on {main}:\n{tail}")
            if "Rerun" not in run.stdout:
                break
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(work / main.with_suffix(".pdf").name, out)
    return out


def chromium_pdf(html_file: Path, out: Path, timeout: float = 120) -> Path:
    """Print ``html_file`` to ``out`` with headless Chromium."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="corpus-chromium-") as profile:
        cmd = [
            "chromium",
            *CHROMIUM_ARGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={out}",
            html_file.resolve().as_uri(),
        ]
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if run.returncode != 0 or not out.exists() or out.stat().st_size == 0:
        raise ToolError(f"chromium could not print {html_file}: {run.stderr[-800:]}")
    return out


def pdftotext(pdf: Path, out: Path, layout: bool = False, timeout: float = 60) -> Path:
    """poppler's pdftotext of ``pdf`` (``-layout`` when asked), UTF-8."""
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), str(out)]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if run.returncode != 0:
        raise ToolError(f"pdftotext failed on {pdf}: {run.stderr[-500:]}")
    return out


def page_count(pdf: Path) -> int:
    """Pages of ``pdf``, as poppler's pdfinfo reads them."""
    run = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False)
    m = re.search(r"^Pages:\s+(\d+)", run.stdout, re.MULTILINE)
    if run.returncode != 0 or m is None:
        raise ToolError(f"pdfinfo cannot read {pdf}: {run.stderr[-300:]}")
    return int(m.group(1))
