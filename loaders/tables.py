"""Tables by meaning: TAB-row blocks, their header rows, what each column holds, and rows.

A block is a run of TAB rows (blank lines, dashed separators and page noise such as
'Draft' or a page number may stand between them).  A header row is one whose cells
name known columns (:mod:`.columns`), in any order and by any synonym; columns whose
header says nothing may be known by their cells' shapes.  From the columns present the
table's kind follows (roles, staff, products, milestones, acronyms, changes, leads).

Rows: a row whose key cell is empty continues the row above, cell by cell (cells split
over lines or pages); a header repeated inside the block (each page's) is skipped; rows
after a page break with no header continue the table above when they fit its columns;
a row with one bold cell (or a WBS code and a name only) is a group row: the rows under
it belong to that group, which the parsers read as hierarchy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from .columns import (
    PHRASES,
    WBS,
    cell_shapes,
    column_shape,
    guess_key,
    header_key,
    looks_like_header,
)
from .duties import looks_like_title
from .text import Document, LoadError, dehyphenate, squash

#: kept for callers that ask which header words are known
COLUMN_NAMES = PHRASES

WBS_RE = WBS

#: columns whose continuation text is joined; id and number columns keep their first value
_JOINED = frozenset(
    {
        "team",
        "title",
        "description",
        "institution",
        "product",
        "notes",
        "milestone",
        "staff",
        "manager",
        "owner",
        "author",
        "contact",
    }
)
#: columns whose value starts a new row in each kind (any one of them, when present)
_ROW_KEYS: dict[str, tuple[str, ...]] = {
    "roles": ("wbs", "title"),
    "staff": ("wbs", "title"),
    "milestones": ("jira", "rubin", "due", "level"),
    "products": ("product",),
    "acronyms": ("acronym",),
    "changes": ("version", "due"),
    "leads": ("team",),
    "wbs": ("wbs", "wbs_level"),
}
_CAPTION = re.compile(r"^\s*(?:#+\s*)?table\s+(\d+)\s*[:.]\s*(.*)$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[\s\-–—=_|:+]*$")
_NOISE = re.compile(
    r"^\s*(?:draft|page\s+\d+(?:\s+of\s+\d+)?|\d{1,4}|[ivxlc]{1,6}|-\s*\d+\s*-)\s*$", re.IGNORECASE
)
_BOLD = re.compile(r"^\s*(?:<b>|\*\*)")
#: how far (lines) a headerless block may stand from the table it continues
_CONTINUE_GAP = 40


@dataclass(slots=True)
class Group:
    """A group (section) row of a table: its text, line, WBS code and enclosing group."""

    text: str
    line: int
    wbs: str = ""
    parent: Group | None = None


@dataclass(slots=True)
class Row:
    """One logical table row: merged cells by column key, first line, all lines."""

    line: int
    cells: dict[str, str]
    lines: list[int] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    group: Group | None = None


@dataclass(slots=True)
class Table:
    """A recognised table: its kind, caption, header line, rows and group rows."""

    kind: str
    header_line: int
    columns: list[str]
    caption: str = ""
    caption_line: int = 0
    rows: list[Row] = field(default_factory=list)
    end_line: int = 0
    groups: list[Group] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)

    def key(self, document: str) -> str:
        """Identity of the table within a run: ``<document>#<header line>``."""
        return f"{document}#{self.header_line}"


# --- what the columns hold ----------------------------------------------------------------


def _cells(line: str) -> list[str]:
    cells = line.split("\t")
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


def classify(
    header: Sequence[str], body: Sequence[Sequence[str]] = ()
) -> tuple[str, list[str]] | None:
    """The table kind and one key per column, from the header cells and the body's shapes."""
    keys = [header_key(c) for c in header]
    columns = [[row[i] if i < len(row) else "" for row in body] for i in range(len(keys))]
    taken = {k for k in keys if k}
    for i, key in enumerate(keys):
        if not key and header[i].strip() == "" and columns[i]:
            guess = guess_key(columns[i], taken)
            if guess:
                keys[i] = guess
                taken.add(guess)
    _reshape(keys, columns)
    seen: set[str] = set()
    for i, key in enumerate(keys):  # a key named twice: the first column keeps it
        if key == "wbs" and key in seen:
            keys[i] = "wbs_level"  # 'L2 WBS | L3 WBS': one code per row, at some level
        elif key in seen:
            keys[i] = "notes" if key in ("description", "notes") and "notes" not in seen else ""
        elif key:
            seen.add(key)
    present = {k for k in keys if k}
    kind = _kind(keys, present)
    if kind == "roles" and "description" not in present and _elements(keys, columns):
        _rename(keys, "title", "team")
        kind = "wbs"
    if kind is None:
        return None
    return kind, keys


#: keys whose cells have one shape, and the shape
_SHAPED = {"wbs": "wbs", "rubin": "milestone_id", "jira": "ticket", "due": "date", "fte": "fte"}


def _reshape(keys: list[str], columns: list[list[str]]) -> None:
    """A column whose header names one id ('Code' is a milestone id) but whose cells all
    have another's shape (WBS codes) holds that other id."""
    for i, key in enumerate(keys):
        want = _SHAPED.get(key)
        if want is None or not columns[i] or column_shape(columns[i], want) >= 0.3:
            continue
        for other, shape in _SHAPED.items():
            if other != key and other not in keys and column_shape(columns[i], shape) >= 0.8:
                keys[i] = other
                break


def _elements(keys: list[str], columns: list[list[str]]) -> bool:
    """Are a 'WBS | Title' table's titles the names of elements, not of roles?"""
    titles = [c for c in columns[keys.index("title")] if c.strip()] if "title" in keys else []
    return bool(titles) and sum(1 for t in titles if looks_like_title(t)) * 2 < len(titles)


def _rename(keys: list[str], old: str, new: str) -> None:
    if old in keys and new not in keys:
        keys[keys.index(old)] = new


def _kind(keys: list[str], present: set[str]) -> str | None:
    """The kind the columns make, renaming ambiguous keys in place ('Name' of a product)."""
    if "acronym" in present and present & {"description", "notes", "title", "product"}:
        for k in ("notes", "title", "product"):
            _rename(keys, k, "description")
        return "acronyms"
    if (
        "version" in present
        and "due" in present
        and present & {"description", "author", "owner", "staff"}
    ):
        for k in ("owner", "staff", "manager"):
            _rename(keys, k, "author")
        return "changes"
    if "title" in present and "staff" in present:
        return "staff"
    if "due" in present and ("milestone" in present or present & {"jira", "rubin", "level"}):
        if "milestone" not in present:
            for alt in ("description", "title", "product", "staff", "notes"):
                if alt in keys:
                    keys[keys.index(alt)] = "milestone"
                    break
        return "milestones" if "milestone" in keys else None
    if present & {"manager", "owner"} and "title" not in present:
        if "product" not in present:
            for alt in ("staff", "notes"):
                if alt in keys and keys.index(alt) == min(keys.index(k) for k in keys if k):
                    keys[keys.index(alt)] = "product"
                    break
        if "product" in keys:
            return "products"
        if "team" in present:
            return "leads"
    if "product" in present and "staff" in present:
        _rename(keys, "staff", "manager")
        return "products"
    if "team" in present and "staff" in present and "title" not in present:
        _rename(keys, "staff", "manager")
        return "leads"
    if "title" in present and present & {"wbs", "description"}:
        return "roles"
    if "wbs" in present and "product" in present:
        return "products"
    if "wbs" in present and present & {"team", "description", "notes"} and not present & {
        "staff", "milestone", "due", "version", "acronym"
    }:
        for k in ("description", "notes"):
            _rename(keys, k, "team")
        return "wbs"
    return None


def header_kind(line: str) -> tuple[str, list[str]] | None:
    """The table kind and column keys if ``line`` (TAB-separated) is a header row."""
    if "\t" not in line:
        return None
    cells = _cells(line)
    if not looks_like_header(cells):
        return None
    return classify(cells)


# --- finding the blocks -------------------------------------------------------------------


def _is_row(text: str) -> bool:
    return "\t" in text and bool(text.replace("\t", "").strip())


def _is_gap(doc: Document, idx: int) -> bool:
    """Blank, a dashed separator, or page noise ('Draft', a page number) between rows."""
    text = doc.lines[idx]
    if not text.strip() or _SEPARATOR.match(text.replace("\t", "")):
        return True
    return bool(_NOISE.match(text))


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


def _blocks(doc: Document) -> list[list[int]]:
    """Runs of TAB rows (0-based indexes), gaps between them allowed."""
    blocks: list[list[int]] = []
    n = len(doc.lines)
    i = 0
    while i < n:
        if not _is_row(doc.lines[i]):
            i += 1
            continue
        rows: list[int] = []
        j = i
        while j < n:
            if _is_row(doc.lines[j]):
                rows.append(j)
                j += 1
            elif _is_gap(doc, j):
                j += 1
            else:
                break
        blocks.append(rows)
        i = j
    return blocks


def _is_header(doc: Document, idx: int) -> bool:
    return (
        doc.styles[idx] == "header"
        if idx < len(doc.styles) and doc.styles[idx]
        else (looks_like_header(_cells(doc.lines[idx])))
    )


def _breaks(doc: Document, after: int, before: int) -> bool:
    """Does a heading or a caption stand between line ``after`` (1-based) and index ``before``?"""
    for k in range(after, before):
        text = doc.lines[k].strip()
        if text.startswith("#") or _CAPTION.match(text) or doc.styles[k] == "heading":
            return True
    return False


def _fits(table: Table, cells: list[str]) -> bool:
    """Can a headerless row continue ``table``: as many cells, key cells of the right shape."""
    width = len(table.columns)
    if not width - 1 <= len(cells) <= width:
        return False
    for key in ("wbs", "rubin", "jira", "due", "fte"):
        if key in table.columns:
            pos = table.columns.index(key)
            value = cells[pos].strip() if pos < len(cells) else ""
            want = {
                "wbs": "wbs",
                "rubin": "milestone_id",
                "jira": "ticket",
                "due": "date",
                "fte": "fte",
            }[key]
            if value and want not in cell_shapes(value) and not _same_codes(table, key, value):
                return False
    return True


# a code: no spaces, hyphened parts ('ABC-123-04b', 'ABC-GEN3')
_CODE = re.compile(r"^[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+$")


def _same_codes(table: Table, key: str, value: str) -> bool:
    """An id column whose rows hold codes of their own form takes another such code."""
    if key not in ("rubin", "jira") or not _CODE.match(value):
        return False
    held = [squash(row.cells.get(key, "")) for row in table.rows]
    held = [h for h in held if h]
    return bool(held) and all(_CODE.match(h) for h in held)


def find_tables(doc: Document) -> list[Table]:
    """All recognised tables of ``doc``; raises :class:`LoadError` for a truncated table."""
    tables: list[Table] = []
    for block in _blocks(doc):
        current: Table | None = None
        body: list[int] = []
        segments: list[tuple[Table, list[int]]] = []
        for pos, idx in enumerate(block):
            if _is_header(doc, idx):
                header = _cells(doc.lines[idx])
                if current is not None and _same_header(doc, current, header):
                    current.lines.add(idx + 1)
                    continue
                following = [_cells(doc.lines[k]) for k in block[pos + 1 : pos + 30]]
                found = classify(header, following)
                if found is not None:
                    if current is not None:
                        segments.append((current, body))
                    kind, keys = found
                    caption, caption_line = _caption_before(doc, idx)
                    current = Table(kind, idx + 1, keys, caption, caption_line)
                    current.lines.add(idx + 1)
                    body = []
                    continue
            if current is None:
                previous = tables[-1] if tables else None
                if (
                    previous is not None
                    and idx + 1 - previous.end_line <= _CONTINUE_GAP
                    and not _breaks(doc, previous.end_line, idx)
                    and _fits(previous, _cells(doc.lines[idx]))
                ):
                    current = previous
                    body = []
                else:
                    continue
            body.append(idx)
        if current is not None:
            segments.append((current, body))
        for table, rows in segments:
            _assemble(doc, table, rows)
            if not tables or tables[-1] is not table:
                tables.append(table)
    for table in tables:
        for row in table.rows:
            for key in _JOINED:
                if key in row.cells:
                    row.cells[key] = dehyphenate(row.cells[key])
        _check_truncated(doc, table)
    return tables


def _same_header(doc: Document, table: Table, header: list[str]) -> bool:
    first = _cells(doc.lines[table.header_line - 1])
    return [squash(c).lower() for c in header] == [squash(c).lower() for c in first]


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


def _is_new_row(kind: str, cells: dict[str, str], keys: list[str]) -> bool:
    starts = [k for k in _ROW_KEYS.get(kind, ()) if k in keys]
    if kind in ("roles", "staff") and "wbs" in keys:
        starts = ["wbs"]
    return any(cells.get(k) for k in starts) if starts else True


#: formats that lose the fonts (bold) a group row is set apart by
_FONTLESS = frozenset({"pdftotext", "pdftotext-layout"})


def _heads_full_rows(doc: Document, idx: int, rows: list[int]) -> bool:
    """Without fonts: a lone first cell is a group where full rows follow it."""
    pos = rows.index(idx)
    after = rows[pos + 1 : pos + 3]
    return len(after) == 2 and all(_filled(doc, k) > 1 for k in after)


def _bold(doc: Document, idx: int) -> bool:
    return (idx < len(doc.styles) and doc.styles[idx] == "bold") or bool(_BOLD.match(doc.raw[idx]))


def _filled(doc: Document, idx: int) -> int:
    return sum(1 for c in doc.lines[idx].split("\t") if c.strip())


def _group_of(doc: Document, idx: int, table: Table, rows: list[int]) -> tuple[str, bool]:
    """(text, is also a row) of a group row: its first cell set apart by bold.

    A lone bold cell is a group; in a products table a bold row with more cells is a
    group that is itself a product (a group with its own manager).  Bold sets a row
    apart only where most of the table's full rows around it do not start bold.
    """
    first = doc.lines[idx].split("\t")[0].strip()
    several = _filled(doc, idx) > 1
    if table.kind == "products" and not several and doc.fmt in _FONTLESS:
        return (first, False) if _heads_full_rows(doc, idx, rows) else ("", False)
    if table.kind in ("acronyms", "changes") or not first or not _bold(doc, idx):
        return "", False
    if several and table.kind != "products":
        return "", False
    if doc.styles[idx] == "bold" and not several:
        return first, False
    pos = rows.index(idx)
    near = [k for k in rows[max(0, pos - 6) : pos + 7] if k != idx and _filled(doc, k) > 1]
    if near and sum(1 for k in near if _bold(doc, k)) * 2 < len(near):
        return first, several
    return "", False


def _assemble(doc: Document, table: Table, rows: list[int]) -> None:
    keys = table.columns
    group: Group | None = None
    for idx in rows:
        raw_cells = doc.lines[idx].split("\t")
        table.lines.add(idx + 1)
        if _SEPARATOR.match(doc.lines[idx].replace("\t", "")):
            continue
        text, also_row = _group_of(doc, idx, table, rows)
        if text:
            code = text.split()[0] if WBS.match(text.split()[0]) else ""
            parent = group
            while parent is not None and not (
                code and parent.wbs and code.startswith(parent.wbs + ".")
            ):
                parent = parent.parent
            if also_row:
                cells, dropped = _map_cells(raw_cells, keys)
                table.rows.append(Row(idx + 1, cells, [idx + 1], dropped, parent))
            group = Group(text, idx + 1, code, parent)
            table.groups.append(group)
            continue
        cells, dropped = _map_cells(raw_cells, keys)
        if cells.get("wbs_level") and not cells.get("wbs"):
            cells["wbs"] = cells["wbs_level"]
        if _is_new_row(table.kind, cells, keys) or not table.rows:
            table.rows.append(Row(idx + 1, cells, [idx + 1], dropped, group))
            continue
        row = table.rows[-1]
        row.lines.append(idx + 1)
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
    table.end_line = max(table.lines) if table.lines else table.header_line


def _check_truncated(doc: Document, table: Table) -> None:
    """A table that runs into the end of the file, cut mid-row, means the file is cut."""
    n = len(doc.lines)
    if table.kind == "acronyms" or any(doc.lines[k].strip() for k in range(table.end_line, n)):
        return
    if not table.rows:
        raise LoadError(
            f"{doc.name}, line {doc.loc(table.header_line).line}: the {table.kind} table ends "
            "the file with no rows (truncated table)",
            doc.loc(table.header_line).line,
        )
    last = table.rows[-1]
    cells = len(doc.lines[last.line - 1].split("\t"))
    width = len(table.columns)
    if cells < width - 1 and len(last.lines) == 1:
        line = doc.loc(last.line).line
        raise LoadError(
            f"{doc.name}, line {line}: the {table.kind} table is truncated: its last row "
            f"has {cells} of {width} columns",
            line,
        )


def table_lines(tables: list[Table], doc: Document | None = None) -> set[int]:
    """1-based line numbers consumed by tables: headers, rows, and the gaps between them."""
    used: set[int] = set()
    for t in tables:
        lines = sorted(t.lines)
        used.update(lines)
        for a, b in pairwise(lines):
            if doc is None or all(_is_gap(doc, k - 1) for k in range(a + 1, b)):
                used.update(range(a + 1, b))
    return used
