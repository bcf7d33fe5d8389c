"""Development corpus: synthetic organisations as planning documents in every input format.

(Full description below is filled in once the forms settle.)
"""

from .build import (
    DOC_FORMS,
    Corpus,
    Document,
    Rendering,
    build_corpus,
    make_document,
    make_documents,
)
from .model import Org, make_org
from .truth import FORMAT_CARRIERS, FORMATS, Facts, Truth

__all__ = [
    "DOC_FORMS",
    "FORMATS",
    "FORMAT_CARRIERS",
    "Corpus",
    "Document",
    "Facts",
    "Org",
    "Rendering",
    "Truth",
    "build_corpus",
    "make_document",
    "make_documents",
    "make_org",
]
