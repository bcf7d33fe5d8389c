"""Any answer model as readable text: one line per fact, evidence as ``[document:line]``
(an answer's own evidence with its quote, markup removed: ``Evidence.text``)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from orggraph.graph.service.models import EntityRef, Evidence, Hop

INDENT = "  "


def _where(evidence: list[Evidence]) -> str:
    places = list(dict.fromkeys(f"{e.document}:{e.line}" for e in evidence))
    if not places:
        return ""
    more = f" +{len(places) - 2}" if len(places) > 2 else ""
    return f"  [{', '.join(places[:2])}{more}]"


def _name(ref: EntityRef) -> str:
    label = f"{ref.label} " if ref.label else ""
    return f"{label}{ref.name or ref.id} ({ref.id})"


def _scalar(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(_scalar(v) for v in value) or "-"
    return "-" if value is None or value == "" else str(value)


def _is_record(value: Any) -> bool:
    """A structured value (a map, or a map stored as JSON text) rather than a fact to read."""
    if isinstance(value, dict | BaseModel):
        return True
    return isinstance(value, str) and value.startswith("{") and value.endswith("}")


def _property(value: Any) -> str:
    """A property as one short line: records (merge logs and the like) only counted."""
    if isinstance(value, dict) and value and all(isinstance(v, list) for v in value.values()):
        if any(_is_record(x) for v in value.values() for x in v):
            return f"{sum(len(v) for v in value.values())} record(s) (--json)"
        return " | ".join(f"{k}: {_scalar(v)}" for k, v in value.items())  # e.g. per document
    if _is_record(value):
        return "1 record (--json)"
    if isinstance(value, list) and value and any(_is_record(v) for v in value):
        return f"{len(value)} record(s) (--json)"
    return _scalar(value)


def _is_plain(value: Any) -> bool:
    return not isinstance(value, BaseModel | dict) and not (
        isinstance(value, list) and any(isinstance(v, BaseModel | dict) for v in value)
    )


def lines(model: BaseModel, limit: int = 25, depth: int = 0) -> list[str]:
    """``model`` as indented lines; lists show at most ``limit`` items."""
    pad = INDENT * depth
    out: list[str] = []
    fields = type(model).model_fields
    evidence = getattr(model, "evidence", None)
    for key in fields:
        value = getattr(model, key)
        if key == "evidence" or (key in EntityRef.model_fields and isinstance(model, EntityRef)):
            continue
        if isinstance(value, EntityRef) and not _has_more(value):
            out.append(f"{pad}{key}: {_name(value)}")
        elif isinstance(value, BaseModel):
            out.append(f"{pad}{key}:")
            out += lines(value, limit, depth + 1)
        elif isinstance(value, list) and value and not _is_plain(value):
            out.append(f"{pad}{key}: {len(value)}")
            for item in value[:limit]:
                out += _item(item, limit, depth + 1)
            if len(value) > limit:
                out.append(f"{pad}{INDENT}... {len(value) - limit} more (--limit or --json)")
        elif isinstance(value, dict):
            if value:
                out.append(f"{pad}{key}: " + "; ".join(f"{k}={_property(v)}"
                                                      for k, v in value.items()))
        elif isinstance(value, list) and not value:
            out.append(f"{pad}{key}: none")
        else:
            out.append(f"{pad}{key}: {_scalar(value)}")
    if depth == 0 and isinstance(evidence, list) and evidence:
        out.append("evidence:")
        out += [f"{INDENT}- {e.document}:{e.line}: {e.text}" for e in evidence[:3]]
        if len(evidence) > 3:
            out.append(f"{INDENT}... {len(evidence) - 3} more (--json)")
    return out


def _has_more(ref: EntityRef) -> bool:
    return any(k not in EntityRef.model_fields for k in type(ref).model_fields)


def _item(item: Any, limit: int, depth: int) -> list[str]:
    pad = INDENT * depth
    if isinstance(item, EntityRef):
        head = f"{pad}- {_name(item)}{_where(getattr(item, 'evidence', None) or [])}"
        rest = lines(item, limit, depth + 1) if _has_more(item) else []
        return [head, *(line for line in rest if not line.strip().startswith("evidence:"))]
    if isinstance(item, Evidence):
        return [f"{pad}- {item.document}:{item.line}: {item.text}"]
    if isinstance(item, Hop):
        return [f"{pad}- {item.source} -[{item.type}]-> {item.target}{_where(item.evidence)}"]
    if isinstance(item, BaseModel):
        body = lines(item, limit, depth + 1)
        if not body:
            return []
        where = _where(getattr(item, "evidence", None) or [])
        return [f"{pad}- {body[0].strip()}{where}", *body[1:]]
    return [f"{pad}- {_scalar(item)}"]


def render(model: BaseModel, limit: int = 25) -> str:
    """The text ``orggraph`` prints for an answer without ``--json``."""
    return "\n".join(lines(model, limit))
