"""Products tables (Product, Manager, Owner, Notes).

Each row is a Product with ``manager_status`` (named / TBD / unknown); a named manager
gives MANAGES, an owner cell such as 'Y (Name)' gives OWNS; the notes give the
product's long name (alias), 'X under' (X PART_OF the product) and people named in
passing.  Rows whose notes call the product a data facility or access center also
name a Facility.
"""

from __future__ import annotations

import re

from .facts import Extracted, Mention
from .lexicon import Lexicon, is_facility_phrase
from .names import fold, parse_person, split_names
from .tables import Group, Row, Table
from .text import squash

_OWNER = re.compile(r"^\s*(?P<flag>[YyNn?]|yes|no)?\s*\((?P<inner>[^)]*)\)\s*$")
_UNDER = re.compile(r"(?:^|[\s?.:;])(?P<child>(?:[A-Z][\w.\-]*\s+){0,2}[A-Z][\w.\-]*)\s+under\s*$")
_PAREN_PEOPLE = re.compile(r"\(([^()]*[+,&/][^()]*)\)")
_WBS_LEAD = re.compile(r"^\s*\d+(?:\.\d+[A-Za-z]?)*\.?\s+")
_NONE = re.compile(r"^\s*(?:n\s*/\s*a|none|-+)\s*$", re.IGNORECASE)


def manager_status(cell: str) -> str:
    """'TBD' -> 'TBD'; '' or '?' -> 'unknown'; a name -> 'named'."""
    text = cell.strip()
    if not text or text.strip("? ") == "":
        return "unknown"
    if re.fullmatch(r"(?i)tb[dc]\.?", text.strip("? ")):
        return "TBD"
    return "named"


def note_alias(notes: str, name: str) -> str:
    """The long name a note gives ('Observatory Controlled Processing System'), or ''."""
    head = squash(notes.split(":")[0])
    if not head or head.lower() == name.lower() or len(head.split()) > 7:
        return ""
    return head


def extract_products_table(ex: Extracted, table: Table, lex: Lexicon) -> None:
    """Mentions and facts of one products table."""
    if not table.rows:
        ex.skip(table.header_line, "products table has no rows")
        return
    groups: dict[int, Mention] = {}
    by_wbs: dict[str, Mention] = {}
    for row in table.rows:
        c = row.cells
        name = squash(c.get("product", ""))
        if not name:
            ex.skip(row.line, "product row without a product name", ex.doc.quote(row.line))
            continue
        if len(name) > 150:
            ex.skip(row.line, f"product name of {len(name)} characters is not a name", name)
            continue
        notes = squash(c.get("notes", ""))
        alias = note_alias(notes, name)
        manager_cell = c.get("manager", "").strip()
        status = manager_status(manager_cell)
        props: dict = {"manager_status": status, "in_product_table": True, "_rank": 2}
        row_text = ex.doc.raw[row.line - 1].strip()
        product = ex.mention(
            "Product",
            name,
            row.line,
            row_text,
            props=props,
            aliases=(alias,) if alias else (),
            table=table.key(ex.doc.name),
            row=row.line,
        )
        if status == "named":
            people = [(p, parse_person(p)) for p in split_names(manager_cell)]
            if any(pn is None for _, pn in people):
                ex.skip(
                    row.line,
                    f"manager cell '{manager_cell}' is not a person name",
                    ex.doc.quote(row.line),
                )
                product.props["manager_status"] = "unknown"
            for text, pn in people:
                if pn is None:
                    continue
                person = ex.mention("Person", text.rstrip(" ?"), row.line, text.rstrip(" ?"))
                extra = {"uncertain": True} if pn.uncertain else {}
                ex.fact("MANAGES", person, product, row.line, "", **extra)
        for text in split_names(c.get("contact", "")):
            if (pn := parse_person(text)) is not None and pn.kind == "full":
                ex.mention("Person", text.strip(), row.line, text.strip())
        owner_cell = c.get("owner", "").strip()
        if owner_cell:
            _owner(ex, owner_cell, product, row.line)
        if notes:
            _notes(ex, notes, product, row.line)
        _hierarchy(ex, table, row, product, groups, by_wbs)
        full = alias or notes
        if full and is_facility_phrase(full) and not full.lower().endswith("facilities"):
            ex.mention(
                "Facility",
                name,
                row.line,
                name,
                aliases=(alias,) if alias else (),
                props={"_rank": 1},
            )


def _hierarchy(
    ex: Extracted,
    table: Table,
    row: Row,
    product: Mention,
    groups: dict[int, Mention],
    by_wbs: dict[str, Mention],
) -> None:
    """PART_OF from the table's structure: the WBS code's parent row, else the group row."""
    wbs = row.cells.get("wbs", "").strip().rstrip(".")
    parent: Mention | None = None
    if wbs:
        code = wbs
        while "." in code and parent is None:
            code = code.rsplit(".", 1)[0]
            parent = by_wbs.get(code)
        by_wbs.setdefault(wbs, product)
    if parent is None and row.group is not None:
        parent = _group_product(ex, table, row.group, groups)
    if parent is not None and fold(parent.text) != fold(product.text):
        quote = row.group.text if parent.at == (row.group.line if row.group else -1) else wbs
        ex.fact("PART_OF", product, parent, row.line, quote or ex.doc.quote(row.line))


def _group_product(
    ex: Extracted, table: Table, group: Group, groups: dict[int, Mention]
) -> Mention | None:
    """The Product a group row names (and the group's own PART_OF its enclosing group)."""
    if group.line in groups:
        return groups[group.line]
    name = squash(_WBS_LEAD.sub("", group.text))
    if not name or len(name) > 150:
        return None
    props: dict = {"in_product_table": True, "_rank": 2}
    if group.wbs:
        props["wbs"] = group.wbs
    mention = ex.mention(
        "Product",
        name,
        group.line,
        group.text,
        props=props,
        table=table.key(ex.doc.name),
        row=group.line,
    )
    groups[group.line] = mention
    if group.parent is not None:
        up = _group_product(ex, table, group.parent, groups)
        if up is not None and fold(up.text) != fold(name):
            ex.fact("PART_OF", mention, up, group.line, group.text)
    return mention


def _owner(ex: Extracted, cell: str, product: Mention, line: int) -> None:
    m = _OWNER.match(cell)
    inner = m.group("inner").strip() if m else cell
    flag = (m.group("flag") or "") if m else ""
    if flag.lower() in ("n", "no"):
        ex.skip(line, f"owner cell '{cell}' says there is no owner", cell)
        return
    if not inner or _NONE.match(inner):
        ex.skip(line, f"owner cell '{cell}' names nobody", cell)
        return
    for text in split_names(inner):
        name = parse_person(text)
        if name is None:
            ex.skip(line, f"owner cell '{cell}' is not a person name", cell)
            continue
        person = ex.mention("Person", text.rstrip(" ?"), line, text.rstrip(" ?"))
        extra = {"uncertain": True} if flag == "?" or name.uncertain else {}
        ex.fact("OWNS", person, product, line, "", **extra)


def _notes(ex: Extracted, notes: str, product: Mention, line: int) -> None:
    m = _UNDER.search(notes)
    if m:
        child = ex.mention("Product", m.group("child"), line, m.group(0).strip(), weak=True)
        ex.fact("PART_OF", child, product, line, m.group(0).strip(" ?.:;"))
    for group in _PAREN_PEOPLE.findall(notes):
        for part in re.split(r"[+,&/]", group):
            name = parse_person(part)
            if name is not None and name.kind in ("full", "given_initial"):
                ex.mention("Person", part.strip(), line, part.strip())
