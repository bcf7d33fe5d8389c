"""Readers: one per input format, each rendering a file into a :class:`~..source.Source`.

``read_source(path)`` detects the format from the content (not only the extension)
and calls the reader for it:

* ``pdf.read_pdf(path)``: a PDF file;
* ``latex.read_latex(path)``: a ``.tex`` file or a document folder (its main file);
* ``pdftotext.read_pdftotext(text, name, layout=...)``: the text poppler's pdftotext
  writes, in its default or its ``-layout`` mode;
* ``text.read_text(text, name, fmt)``: the seeds' TAB-separated form and Markdown.
"""

from __future__ import annotations

from pathlib import Path

from ..source import Format, LoadError, Source
from .detect import detect_format


def read_source(path: Path) -> Source:
    """Read ``path`` with the reader its content calls for (raises :class:`LoadError`)."""
    path = Path(path)
    fmt, text = detect_format(path)
    try:
        return _read(path, fmt, text)
    except ImportError as exc:  # a reader whose library is not installed
        raise LoadError(f"{path.name}: reading {fmt.upper()} input needs {exc.name}") from None


def _read(path: Path, fmt: Format, text: str | None) -> Source:
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(path)
    if fmt == "latex":
        from .latex import read_latex

        return read_latex(path)
    assert text is not None
    if fmt in ("pdftotext", "pdftotext-layout"):
        from .pdftotext import read_pdftotext

        return read_pdftotext(text, path.name, layout=fmt == "pdftotext-layout")
    from .text import read_text

    return read_text(text, path.name, fmt)


__all__ = ["Format", "LoadError", "Source", "detect_format", "read_source"]
