"""Which documents a path names: files, LaTeX folders, folders of documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from orggraph.loaders.discover import NoDocuments, find_documents


def _latex(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\nx\n\\end{document}\n"
    )
    (folder / "table.tex").write_text("a & b \\\\\n")
    (folder / "refs.bib").write_text("@misc{x}\n")
    return folder


def test_a_latex_folder_is_one_document(tmp_path: Path) -> None:
    doc = _latex(tmp_path / "ldm-000")
    assert find_documents([doc]) == [doc]


def test_a_folder_of_documents_and_latex_folders(tmp_path: Path) -> None:
    (tmp_path / "plan.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "notes.txt").write_text("Notes\n")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "Makefile").write_text("all:\n")
    repo = _latex(tmp_path / "repo")
    (tmp_path / "empty").mkdir()
    assert find_documents([tmp_path]) == [tmp_path / "notes.txt", tmp_path / "plan.pdf", repo]


def test_nothing_to_load_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    with pytest.raises(NoDocuments, match="holds no documents"):
        find_documents([tmp_path])
    with pytest.raises(NoDocuments, match="no such file"):
        find_documents([tmp_path / "missing.pdf"])


def test_each_document_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A\n")
    assert find_documents([tmp_path, tmp_path / "a.txt"]) == [tmp_path / "a.txt"]
