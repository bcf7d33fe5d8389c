"""Which documents the paths a user names hold.

A file is a document.  A folder is one LaTeX document when it holds a main file (a
``.tex`` with ``\\documentclass``); otherwise each document inside it counts: its files
(PDF, text, Markdown, LaTeX) and its sub-folders that are LaTeX documents.  Files that
are no document (images, bibliographies, style files, build products) are passed over.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

#: suffixes that are never a document to load (the LaTeX build's own files, media, code)
SKIPPED = frozenset(
    {
        ".png", ".jpg", ".jpeg", ".gif", ".svg", ".eps", ".ps", ".bib", ".bst", ".cls",
        ".sty", ".aux", ".log", ".toc", ".out", ".bbl", ".blg", ".fls", ".fdb_latexmk",
        ".synctex", ".gz", ".zip", ".py", ".sh", ".cfg", ".yaml", ".yml", ".json", ".toml",
        ".csv", ".xml", ".html", ".css", ".js", ".lock", ".ini",
    }
)
_NAMES_SKIPPED = frozenset({"makefile", "license", "licence", "readme", "dockerfile"})
_MAIN = re.compile(rb"\\documentclass")


class NoDocuments(Exception):
    """A path names nothing that can be loaded (missing, or a folder with no document)."""


def is_latex_folder(folder: Path) -> bool:
    """Does ``folder`` hold a LaTeX document's main file (at its top level)?"""
    for tex in folder.glob("*.tex"):
        try:
            head = tex.read_bytes()[:20000]
        except OSError:
            continue
        if _MAIN.search(head):
            return True
    return False


def _is_document_file(path: Path) -> bool:
    if path.name.startswith(".") or path.name.lower() in _NAMES_SKIPPED:
        return False
    return path.suffix.lower() not in SKIPPED


def _is_document(entry: Path) -> bool:
    if entry.is_dir():
        return not entry.name.startswith(".") and is_latex_folder(entry)
    return entry.is_file() and _is_document_file(entry)


def find_documents(paths: Iterable[Path]) -> list[Path]:
    """The documents ``paths`` name, in order, each once (raises :class:`NoDocuments`)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if not path.exists():
            raise NoDocuments(f"{path}: no such file or directory")
        if path.is_file():
            found.append(path)
            continue
        if is_latex_folder(path):
            found.append(path)
            continue
        inside = [entry for entry in sorted(path.iterdir()) if _is_document(entry)]
        if not inside:
            raise NoDocuments(f"{path}: the directory holds no documents")
        found += inside
    return list(dict.fromkeys(found))
