"""Find tab-separated tables by their header row and assemble their rows.

A table starts at a header line whose cells name known columns (WBS, Role Title,
Product, Manager, Milestone, Due Date, Acronym ...).  Rows follow until a line
without tabs; blank lines (page breaks) and dashed separator lines are skipped;
rows whose key cell is empty continue the previous row cell by cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import Document, LoadError, dehyphenate, squash

#: column key -> header cell texts (lower case) that name it
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "wbs": ("wbs", "wbs code", "wbs element"),
    "team": ("team", "group", "department"),
    "title": ("role title", "title", "role", "position"),
    "description": ("role description", "description", "duties"),
    "institution": ("institution", "employer", "organisation", "organization", "site"),
    "fte": ("fte",),
    "staff": ("staff", "person", "name", "names", "holder", "staff name"),
    "product": ("product", "product name"),
    "manager": ("manager", "product manager"),
    "owner": ("owner", "product owner"),
    "notes": ("notes", "note", "comments"),
    "milestone": ("milestone", "milestone name"),
    "jira": ("jira id", "jira", "jira key"),
    "rubin": ("rubin id", "milestone id", "id"),
    "due": ("due date", "due", "date"),
    "level": ("level",),
    "acronym": ("acronym", "abbreviation"),
}

#: table kind -> columns that must all be present
KINDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("staff", frozenset({"wbs", "title", "staff"})),
    ("roles", frozenset({"wbs", "title"})),
    ("roles", frozenset({"title", "description"})),
    ("products", frozenset({"product", "manager"})),
    ("milestones", frozenset({"milestone", "due"})),
    ("acronyms", frozenset({"acronym", "description"})),
)

#: columns whose continuation text is joined; numeric/id columns keep their first value
_JOINED = frozenset(
    {"team", "title", "description", "institution", "product", "notes", "milestone"}
)

WBS_RE = re.compile(r"^\d+(?:\.\d+)*[a-z]?(?:\.\d+)*$")
_CAPTION = re.compile(r"^\s*(?:#+\s*)?table\s+(\d+)\s*[:.]\s*(.*)$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[\s\-–—=_|:]*$")


@dataclass(slots=True)
class Row:
    """One logical table row: merged cells by column key, first line, all lines."""

    line: int
    cells: dict[str, str]
    lines: list[int] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Table:
    """A recognised table: its kind, caption, header line and rows."""

    kind: str
    header_line: int
    columns: list[str]
    caption: str = ""
    caption_line: int = 0
    rows: list[Row] = field(default_factory=list)
    end_line: int = 0

    def key(self, document: str) -> str:
        """Identity of the table within a run: ``<document>#<header line>``."""
        return f"{document}#{self.header_line}"


def _column_key(cell: str) -> str:
    text = squash(cell).lower().strip(" :*")
    for key, names in COLUMN_NAMES.items():
        if text in names:
            return key
    if "fte" in text.split():
        return "fte"
    return ""


def header_kind(line: str) -> tuple[str, list[str]] | None:
    """The table kind and column keys if ``line`` is a recognised header row."""
    if "\t" not in line:
        return None
    cells = [c for c in line.split("\t")]
    while cells and not cells[-1].strip():
        cells.pop()
    keys = [_column_key(c) for c in cells]
    present = {k for k in keys if k}
    if len(present) < 2 or sum(1 for k in keys if not k) > len(keys) // 2:
        return None
    if "product" not in present and present & {"manager", "owner"} and "staff" in present:
        keys = ["product" if k == "staff" else k for k in keys]  # 'Name  Manager  Owner'
    if "milestone" not in present and "due" in present and present & {"jira", "rubin", "level"}:
        for alt in ("description", "title", "staff"):
            if alt in keys:
                keys[keys.index(alt)] = "milestone"  # 'Description  Due Date  Level'
                break
    present = {k for k in keys if k}
    for kind, needed in KINDS:
        if needed <= present:
            return kind, keys
    return None


def _caption_before(doc: Document, header_idx: int) -> tuple[str, int]:
    """The 'Table N: ...' caption within a few lines above the header (joined if wrapped)."""
    idx = header_idx - 1
    seen = 0
    while idx >= 0 and seen < 8:
        text = doc.lines[idx].strip()
        m = _CAPTION.match(text)
        if m:
            parts = [m.group(2).strip()]
            nxt = idx + 1
            while nxt < header_idx and doc.lines[nxt].strip() and "\t" not in doc.lines[nxt]:
                parts.append(doc.lines[nxt].strip())
                nxt += 1
            return squash(" ".join(parts)), idx + 1
        if text and "\t" in text and not _SEPARATOR.match(text.replace("\t", "")):
            break
        idx -= 1
        seen += 1
    return "", 0


def _is_new_row(kind: str, cells: dict[str, str], keys: list[str]) -> bool:
    if kind in ("roles", "staff"):
        return bool(cells.get("wbs" if "wbs" in keys else "title"))
    if kind == "milestones":
        return any(cells.get(k) for k in ("jira", "rubin", "due", "level"))
    first = "product" if kind == "products" else "acronym"
    return bool(cells.get(first))


def _map_cells(cells: list[str], keys: list[str]) -> tuple[dict[str, str], list[str]]:
    """Assign cells to column keys; surplus middle cells are dropped and returned."""
    dropped: list[str] = []
    if len(cells) > len(keys):
        extra = len(cells) - len(keys)
        head, tail = cells[: len(keys) - 1], cells[len(keys) - 1 :]
        dropped = [c for c in tail[:extra] if c.strip()]
        cells = head + tail[extra:]
    mapped = {}
    for key, cell in zip(keys, cells, strict=False):
        if key:
            mapped[key] = cell.strip()
    return mapped, dropped


def find_tables(doc: Document) -> list[Table]:
    """All recognised tables of ``doc``; raises :class:`LoadError` for a truncated table."""
    tables: list[Table] = []
    n = len(doc.lines)
    i = 0
    while i < n:
        found = header_kind(doc.lines[i])
        if not found:
            i += 1
            continue
        kind, keys = found
        caption, caption_line = _caption_before(doc, i)
        table = Table(kind, i + 1, keys, caption, caption_line)
        j = i + 1
        last_cells = 0
        while j < n:
            line = doc.lines[j]
            if not line.strip():
                j += 1
                continue
            if "\t" not in line or header_kind(line):
                break
            if _SEPARATOR.match(line.replace("\t", "")):
                j += 1
                continue
            raw_cells = line.split("\t")
            cells, dropped = _map_cells(raw_cells, keys)
            last_cells = len([c for c in raw_cells])
            if _is_new_row(kind, cells, keys) or not table.rows:
                table.rows.append(Row(j + 1, cells, [j + 1], dropped))
            else:
                row = table.rows[-1]
                row.lines.append(j + 1)
                row.dropped.extend(dropped)
                for key, value in cells.items():
                    if not value:
                        continue
                    if key in _JOINED:
                        row.cells[key] = f"{row.cells.get(key, '')} {value}".strip()
                    elif not row.cells.get(key):
                        row.cells[key] = value
                    else:
                        row.dropped.append(value)
            j += 1
        table.end_line = j
        if j >= n and kind != "acronyms":
            if not table.rows:
                raise LoadError(
                    f"{doc.name}, line {i + 1}: the {kind} table ends the file with no rows "
                    "(truncated table)",
                    i + 1,
                )
            width = len([k for k in keys])
            if last_cells < width - 1 and len(table.rows[-1].lines) == 1:
                row = table.rows[-1]
                raise LoadError(
                    f"{doc.name}, line {row.line}: the {kind} table is truncated: its last row "
                    f"has {last_cells} of {width} columns",
                    row.line,
                )
        for row in table.rows:
            for key in _JOINED:
                if key in row.cells:
                    row.cells[key] = dehyphenate(row.cells[key])
        tables.append(table)
        i = j
    return tables


def table_lines(tables: list[Table]) -> set[int]:
    """1-based line numbers consumed by tables (headers, rows, separators)."""
    used: set[int] = set()
    for t in tables:
        used.update(range(t.header_line, t.end_line + 1))
    return used
