"""Tell a document's format from its content (the extension only breaks ties)."""

from __future__ import annotations

import re
from pathlib import Path

from ..source import Format, LoadError
from ..text import decode

_LATEX = re.compile(
    r"\\(?:documentclass|begin\{document\}|(?:sub){0,2}section\*?\{|paragraph\*?\{|input\{|"
    r"include\{|usepackage|newcommand|begin\{[A-Za-z*]+\}|end\{[A-Za-z*]+\}|item\b|"
    r"textbf\{|emph\{|label\{|ref\{|cite\w*\{|caption\{|hline\b|setDoc[A-Za-z]+\{)"
)
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
_CELL_ROW = re.compile(r"[^\t\s][^\t]*\t+\s*[^\t\s]")
_GAP = re.compile(r"\S {3,}\S")
_MD_HEADING = re.compile(r"^#{1,6}\s+\S")


def detect_format(path: Path) -> tuple[Format, str | None]:
    """The format of ``path`` and, for the text formats, its decoded text."""
    if path.is_dir():
        if any(path.rglob("*.tex")):
            return "latex", None
        raise LoadError(f"{path.name}: the folder holds no LaTeX (.tex) file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    if b"%PDF-" in data[:1024]:
        return "pdf", None
    text = decode(data, path.name)
    if path.suffix.lower() in (".tex", ".ltx") or len(_LATEX.findall(text[:200_000])) >= 3:
        return "latex", None
    return text_format(text, path.suffix.lower()), text


def text_format(text: str, suffix: str = "") -> Format:
    """Which kind of text this is: TAB rows, Markdown, or pdftotext (default or -layout)."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return "tabbed"
    tabbed = sum(1 for ln in lines if _CELL_ROW.search(ln))
    piped = sum(1 for ln in lines if _PIPE_ROW.match(ln))
    rules = sum(1 for ln in lines if _PIPE_RULE.match(ln))
    headings = sum(1 for ln in lines if _MD_HEADING.match(ln))
    gapped = sum(1 for ln in lines if _GAP.search(ln.strip()))
    if rules and piped >= 2 and piped >= tabbed:
        return "markdown"
    if tabbed and tabbed >= piped:
        return "tabbed"
    if "\f" in text or gapped:
        return "pdftotext-layout" if gapped >= max(3, len(lines) // 20) else "pdftotext"
    if headings or suffix in (".md", ".markdown"):
        return "markdown"
    return "pdftotext"
