"""Turn store rows into answer models: decoded evidence, JSON-safe values, merged links."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

from orggraph.graph.schema import SEP
from orggraph.graph.service.models import Evidence, Holder, Linked
from orggraph.graph.writer import decode_evidence


def evidence(raw: Iterable[Any] | None, document: str | None = None) -> list[Evidence]:
    """Stored evidence strings (``document<US>line<US>quote...``) as models.

    ``document`` keeps only that document's evidence.
    """
    out: list[Evidence] = []
    for item in raw or []:
        if isinstance(item, str):
            out.append(Evidence(**decode_evidence(item)))
        elif isinstance(item, Mapping):
            out.append(Evidence.model_validate(
                {k: item.get(k) for k in ("document", "line", "quote", "page", "file")}))
    return [e for e in out if document is None or e.document == document]


def as_float(value: Any) -> float | None:
    """An FTE or similar number, None when absent or not a finite number."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def linked(row: Mapping[str, Any], label: str | None = None) -> Linked:
    """A ``{id, label?, name, sources}`` record as a Linked node."""
    return Linked(
        id=row["id"],
        label=label or row.get("label") or "",
        name=row.get("name"),
        evidence=evidence(row.get("sources")),
    )


def holder(row: Mapping[str, Any]) -> Holder:
    return Holder(
        id=row["id"], label="Person", name=row.get("name"), fte=as_float(row.get("fte")),
        evidence=evidence(row.get("sources")),
    )


def merge_links(links: Iterable[Linked]) -> list[Linked]:
    """One entry per id, evidence pooled without duplicates, first-seen order."""
    merged: dict[str, Linked] = {}
    for link in links:
        current = merged.get(link.id)
        if current is None:
            merged[link.id] = link.model_copy(deep=True)
            continue
        for ev in link.evidence:
            if ev not in current.evidence:
                current.evidence.append(ev)
    return list(merged.values())


def jsonable(value: Any, key: str | None = None) -> Any:
    """Any store value as JSON: evidence decoded, non-finite floats and dates as text."""
    if isinstance(value, dict):
        return {str(k): jsonable(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        if key == "sources" and all(isinstance(v, str) and SEP in v for v in value):
            return [decode_evidence(v) for v in value]
        return [jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)
