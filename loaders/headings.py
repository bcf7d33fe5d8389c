"""Headings that name a part of the document, not a thing: 'Interfaces', 'Service
Descriptions', 'Component Overview', 'Requirements'."""

from __future__ import annotations

import re

# the words a document's own parts are called by; a heading of these words, or a
# title ending in 'Overview' / 'Introduction' / 'Summary', names no entity
_PART = (
    r"overview|introduction|summary|scope|purpose|background|context|motivation|"
    r"descriptions?|interfaces?|requirements?|references?|appendix|appendices|glossary|"
    r"acronyms|notes|details|discussion|conclusions?|status|history|approach|design|"
    r"concepts?|definitions?|assumptions?|risks?|issues|schedule|timeline|plans?"
)
_DOC_PART = re.compile(
    rf"^(?:(?:service|system|component|document|general|high[- ]level|detailed|other|"
    rf"key|main|technical)\s+)*(?:{_PART})(?:\s+(?:and|&)\s+(?:{_PART}))*$",
    re.IGNORECASE,
)
_ENDS_AS_PART = re.compile(r"\b(?:overview|introduction|summary)$", re.IGNORECASE)


def names_document_part(title: str) -> bool:
    """Is ``title`` (without its number) the name of a part of the document?"""
    text = " ".join(title.split()).strip(" .:")
    return bool(text) and bool(_DOC_PART.match(text) or _ENDS_AS_PART.search(text))
