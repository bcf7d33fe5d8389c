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
_ENDS_AS_PART = re.compile(r"\s*\b(?:overview|introduction|summary)$", re.IGNORECASE)
#: what a heading 'X Overview' leaves that still names no one thing
_KIND_WORDS = re.compile(
    r"^(?:(?:the|an?|our)\s+)?(?:components?|systems?|services?|products?|architecture|"
    r"document|project|general|technical)$",
    re.IGNORECASE,
)


def names_document_part(title: str) -> bool:
    """Is ``title`` (without its number) the name of a part of the document?"""
    text = " ".join(title.split()).strip(" .:")
    return bool(text) and bool(_DOC_PART.match(text) or _ENDS_AS_PART.search(text))


def heading_subject(title: str) -> str:
    """The thing a section heading names: the heading, 'X' of 'X Overview', or ''."""
    text = " ".join(title.split()).strip(" .:")
    head = _ENDS_AS_PART.sub("", text).strip(" ,:-")
    if head != text:
        return "" if not head or _KIND_WORDS.match(head) or names_document_part(head) else head
    return "" if names_document_part(text) else text
