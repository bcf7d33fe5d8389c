"""The merge log as stored: which names each node merged, by which rule, and why.

The loaders put one JSON record per merge step on the node (property ``merges``,
kept per document in ``merges_src`` like the evidence); :func:`merges` reads them
back for ``orggraph merges`` and ``GET /merges``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from orggraph.graph.model import LABELS
from orggraph.graph.schema import MERGES, SEP, source_key
from orggraph.graph.stores.base import Store


@dataclass(slots=True)
class StoredMerge:
    """One merge step of one stored node."""

    label: str
    id: str
    name: str
    rule: str
    names: list[str]
    reason: str
    evidence: list[dict[str, Any]] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "id": self.id,
            "name": self.name,
            "rule": self.rule,
            "names": self.names,
            "reason": self.reason,
            "evidence": self.evidence,
            "documents": self.documents,
        }


def _query(label: str) -> str:
    key = source_key(MERGES)
    return (
        f"MATCH (n:{label}) WHERE size(coalesce(n.{key}, [])) > 0 "
        f"RETURN n.id AS id, n.name AS name, n.{key} AS entries ORDER BY n.id"
    )


def _decode(raw: str) -> dict[str, Any] | None:
    try:
        record = json.loads(raw)
    except (TypeError, ValueError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("rule"), str):
        return None
    return record


def merges(
    store: Store, label: str | None = None, ref: str | None = None, rule: str | None = None
) -> list[StoredMerge]:
    """Every stored merge step (of one label, of the node ``ref`` names by id or by any
    merged name, of one rule), node by node, each with the documents that state it."""
    labels = [lab for lab in LABELS if lab != "Document"]
    if label is not None:
        wanted = next((lab for lab in labels if lab.lower() == label.strip().lower()), None)
        if wanted is None:
            raise ValueError(f"unknown label {label!r}: use one of {', '.join(labels)}")
        labels = [wanted]
    probe = ref.strip().casefold() if ref else None
    out: list[StoredMerge] = []
    for lab in labels:
        for row in store.read(_query(lab)):
            by_record: dict[str, list[str]] = {}
            for entry in row["entries"] or []:
                document, _, raw = str(entry).partition(SEP)
                by_record.setdefault(raw, [])
                if document not in by_record[raw]:
                    by_record[raw].append(document)
            for raw, documents in by_record.items():
                record = _decode(raw)
                if record is None:
                    continue
                names = [str(n) for n in record.get("names", [])]
                if rule is not None and record["rule"] != rule:
                    continue
                if probe is not None and probe not in {
                    str(row["id"]).casefold(),
                    str(row["name"] or "").casefold(),
                    *(n.casefold() for n in names),
                }:
                    continue
                out.append(
                    StoredMerge(
                        lab,
                        str(row["id"]),
                        str(row["name"] or row["id"]),
                        record["rule"],
                        names,
                        str(record.get("reason", "")),
                        [e for e in record.get("evidence", []) if isinstance(e, dict)],
                        sorted(documents),
                    )
                )
    return out
