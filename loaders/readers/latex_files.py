"""Which file of a LaTeX document folder is the main one, and where an included file is."""

from __future__ import annotations

import re
from pathlib import Path

from ..source import LoadError
from ..text import decode

_DOCCLASS = re.compile(r"^[^%\n]*\\documentclass\s*(?:\[[^\]]*\])?\s*\{\s*([^}\s]+)\s*\}", re.M)
_BEGIN_DOC = re.compile(r"^[^%\n]*\\begin\s*\{document\}", re.M)
_DOCREF = re.compile(r"^[^%\n]*\\setDocRef\s*\{\s*([^}\s]+)\s*\}", re.M)
_LATIN1 = re.compile(r"\\usepackage\s*\[\s*(latin1|latin9|ansinew|cp1252)\s*\]\s*\{inputenc\}")
_SKIP_DIRS = frozenset({".git", "node_modules", "_build", "__pycache__"})
_MAX_TEX_FILES = 5000


def read_text(path: Path, name: str, *, empty_ok: bool = False) -> str:
    """The decoded text of ``path`` (raises :class:`LoadError` naming ``name``)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if empty_ok and not data.strip():
        return ""
    try:
        return decode(data, name)
    except LoadError:
        head = data[:20_000].decode("latin-1")
        if _LATIN1.search(head):  # the document declares an 8-bit input encoding
            return data.decode("cp1252" if "cp1252" in head or "ansinew" in head else "latin-1")
        raise


def is_main(text: str) -> bool:
    """Whether ``text`` is a whole document (a class and a document body)."""
    return bool(_DOCCLASS.search(text) and _BEGIN_DOC.search(text))


def doc_class(text: str) -> str:
    """The document class ``text`` declares ("" if none)."""
    m = _DOCCLASS.search(text)
    return m.group(1) if m else ""


def find_main(folder: Path) -> tuple[Path, str]:
    """The main file of a document folder and why it was chosen (raises :class:`LoadError`)."""
    by_depth: dict[int, list[Path]] = {}
    count = 0
    for path in sorted(folder.rglob("*.tex")):
        rel = path.relative_to(folder)
        if any(part in _SKIP_DIRS or part.startswith(".") for part in rel.parts[:-1]):
            continue
        count += 1
        if count > _MAX_TEX_FILES:
            break
        if path.is_file():
            by_depth.setdefault(len(rel.parts), []).append(path)
    if not by_depth:
        raise LoadError(f"{folder.name}: the folder holds no LaTeX (.tex) file")
    for depth in sorted(by_depth):
        mains: list[tuple[Path, str]] = []
        for path in by_depth[depth]:
            try:
                text = read_text(path, str(path.relative_to(folder)), empty_ok=True)
            except LoadError:
                continue
            if is_main(text):
                mains.append((path, text))
        if mains:
            return _prefer(folder, mains)
    raise LoadError(
        f"{folder.name}: no main LaTeX file in the folder "
        r"(none has both \documentclass and \begin{document})"
    )


def _prefer(folder: Path, mains: list[tuple[Path, str]]) -> tuple[Path, str]:
    def rel(p: Path) -> str:
        return str(p.relative_to(folder))

    if len(mains) == 1:
        return mains[0][0], ""
    names = ", ".join(rel(p) for p, _ in mains)
    whole = [(p, t) for p, t in mains if doc_class(t) not in ("standalone", "subfiles")]
    pool = whole or mains
    for p, _ in pool:
        if p.name.lower() == "main.tex":
            return p, f"several main files ({names}); read {rel(p)}"
    for p, t in pool:
        handle = _DOCREF.search(t)
        stem = p.stem.lower()
        if stem == folder.name.lower() or (handle and stem == handle.group(1).lower()):
            return p, f"several main files ({names}); read {rel(p)}, named like the document"
    best = min(pool, key=lambda pt: (len(rel(pt[0])), rel(pt[0])))[0]
    return best, f"several main files ({names}); read {rel(best)}, the shortest path"


def resolve(name: str, root: Path, here: Path | None, base: str = "") -> tuple[Path | None, str]:
    """The file ``name`` (as ``\\input`` gives it) means, or None and why not.

    Looked up like LaTeX does, relative to the main file's folder (``root``), then to
    the folder of the file that includes it; ``.tex`` is tried when the name has no
    extension.  Nothing outside the document folder is read.
    """
    name = name.strip().strip('"')
    if not name:
        return None, "an empty file name"
    dirs = [root / base] if base else []
    dirs.append(root)
    if here is not None:
        dirs.append(here / base if base else here)
    tries = [name + ".tex", name] if not Path(name).suffix else [name, name + ".tex"]
    top = root.resolve()
    outside = False
    if len(name) > 1000 or "\n" in name or "\x00" in name:
        return None, "not a file name; not read"
    for d in dirs:
        for n in tries:
            try:
                cand = (d / n).resolve()
                if not cand.is_relative_to(top):
                    outside = True
                    continue
                if cand.is_file():
                    return cand, ""
            except (OSError, ValueError):  # a name the file system cannot hold
                continue
    if outside:
        return None, "outside the document folder; not read"
    return None, "no such file in the document folder; not read"
