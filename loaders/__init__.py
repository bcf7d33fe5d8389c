"""Document loaders: planning-document text extractions -> DocumentGraph records.

``extract(paths, known)`` parses each file, resolves people, roles, teams, products,
facilities, institutions and milestones jointly (and onto nodes already stored),
and returns one graph per document that loaded, the failures and a load report.
"""

from .pipeline import Extraction, extract
from .report import DocumentFailure, LoadReport

__all__ = ["DocumentFailure", "Extraction", "LoadReport", "extract"]
