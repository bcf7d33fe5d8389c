"""Change records (Version, Date, Description, Owner): who wrote each revision.

Each owner named is a Person (the document's authors and editors); the newest dated
revision gives the document's date where its front matter gives none.
"""

from __future__ import annotations

from .facts import Extracted
from .milestones import iso_date
from .names import parse_person, split_names
from .tables import Table


def extract_changes_table(ex: Extracted, table: Table) -> None:
    """Person mentions for the owners of each revision; the document date if missing."""
    dates: list[str] = []
    for row in table.rows:
        when = iso_date(row.cells.get("due", ""))
        if when:
            dates.append(when)
        for text in split_names(row.cells.get("author", "")):
            name = parse_person(text)
            if name is None or name.kind != "full":
                continue
            ex.mention("Person", text.strip(), row.line, text.strip())
    if dates and not ex.date:
        ex.date = max(dates)
