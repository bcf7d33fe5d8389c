"""The merge log as stored: which names each node merged, by which rule, and why.

The loaders keep one JSON record per merge step on the node (``merges``, per document
in ``merges_src``, like the evidence); :func:`merges` reads them back for
``orggraph merges``, ``GET /merges`` and the client.
"""

from __future__ import annotations

import json
from typing import Any

from orggraph.graph.model import LABELS
from orggraph.graph.schema import SEP
from orggraph.graph.service.common import run
from orggraph.graph.service.models import Evidence, MergeList, MergeStep
from orggraph.graph.stores.base import Store

MERGEABLE = tuple(label for label in LABELS if label != "Document")


def _decode(raw: str) -> dict[str, Any] | None:
    try:
        record = json.loads(raw)
    except (TypeError, ValueError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("rule"), str):
        return None
    return record


def _label(label: str | None) -> str:
    if not label:
        return ""
    wanted = next((lab for lab in MERGEABLE if lab.lower() == label.strip().lower()), None)
    if wanted is None:
        raise ValueError(f"unknown label {label!r}: use one of {', '.join(MERGEABLE)}")
    return wanted


def merges(
    store: Store, label: str | None = None, ref: str | None = None, rule: str | None = None
) -> MergeList:
    """Every stored merge step (of one label, of the node ``ref`` names by id or by any of
    the merged names, of one rule), node by node, each with the documents that state it."""
    probe = ref.strip().casefold() if ref else None
    steps: list[MergeStep] = []
    for row in run(store, "merge_log", label=_label(label)):
        by_record: dict[str, list[str]] = {}
        for entry in row["entries"] or []:
            document, _, raw = str(entry).partition(SEP)
            documents = by_record.setdefault(raw, [])
            if document not in documents:
                documents.append(document)
        for raw, documents in by_record.items():
            record = _decode(raw)
            if record is None or (rule is not None and record["rule"] != rule):
                continue
            names = [str(n) for n in record.get("names", [])]
            known = {str(row["id"]).casefold(), str(row["name"] or "").casefold()}
            if probe is not None and probe not in known | {n.casefold() for n in names}:
                continue
            steps.append(
                MergeStep(
                    id=str(row["id"]),
                    label=str(row["label"] or ""),
                    name=str(row["name"] or row["id"]),
                    rule=record["rule"],
                    names=names,
                    reason=str(record.get("reason", "")),
                    evidence=[
                        Evidence.model_validate(e)
                        for e in record.get("evidence", [])
                        if isinstance(e, dict)
                    ],
                    documents=sorted(documents),
                )
            )
    counts: dict[str, int] = {}
    for step in steps:
        counts[step.rule] = counts.get(step.rule, 0) + 1
    return MergeList(count=len(steps), by_rule=dict(sorted(counts.items())), items=steps)


__all__ = ["MERGEABLE", "MergeList", "MergeStep", "merges"]
