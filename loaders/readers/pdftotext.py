"""Read what poppler's ``pdftotext`` writes, in its ``-layout`` or its default mode.

Pages, running lines, headings and items: :mod:`.pdftotext_lines`.  ``-layout``
(tables from aligned columns, lists from indentation): :mod:`.pdftotext_layout`.  The
default reading-order mode: :mod:`.pdftotext_default`, its tables whose every cell is
a paragraph :mod:`.pdftotext_paragraphs`, dealt to their columns by
:mod:`.pdftotext_cells`.  A table that cannot be rebuilt stays as lines, with a note.
"""

from __future__ import annotations

from ..source import Source
from .pdftotext_default import render_default
from .pdftotext_layout import render_layout
from .pdftotext_lines import drop_running, pages_of
from .pdftotext_paragraphs import mend


def read_pdftotext(text: str, name: str, layout: bool) -> Source:
    """Read the text poppler's ``pdftotext`` wrote (``layout``: its ``-layout`` mode)."""
    pages = pages_of(text, name)
    drop_running(pages, layout)
    source = Source(
        name=name, format="pdftotext-layout" if layout else "pdftotext", pages=len(pages)
    )
    if layout:
        source.lines = render_layout(pages)
    else:
        source.lines = render_default(pages, source.notes)
        for line in source.lines:
            line.text = mend(line.text)
    return source
