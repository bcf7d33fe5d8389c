"""Turn what a user typed (an id, a name, an alias) into one entity, or say why not."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from orggraph.cypher import default_registry
from orggraph.graph.model import LABELS
from orggraph.graph.stores.base import Store


@dataclass(frozen=True)
class Entity:
    id: str
    label: str
    name: str


class RefNotFound(LookupError):
    """Nothing has that id, name or alias; ``suggestions`` are close names."""

    def __init__(self, ref: str, label: str | None, suggestions: list[str]) -> None:
        self.ref, self.label, self.suggestions = ref, label, suggestions
        what = f"no {label}" if label else "nothing"
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"{what} is called {ref!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class RefAmbiguous(LookupError):
    """Several entities answer to the reference; ``candidates`` lists them."""

    def __init__(self, ref: str, candidates: list[Entity]) -> None:
        self.ref, self.candidates = ref, candidates
        names = ", ".join(f"{c.name} ({c.id})" for c in candidates)
        super().__init__(f"{ref!r} is ambiguous: {names}")

    def __str__(self) -> str:
        return str(self.args[0])


def _check_label(label: str | None) -> str | None:
    if label and label not in LABELS:
        raise ValueError(f"unknown label {label!r}: use one of {', '.join(LABELS)}")
    return label or None


def suggest(store: Store, ref: str, label: str | None = None, n: int = 5) -> list[str]:
    """Names and aliases close to ``ref`` (case-insensitive)."""
    rows = default_registry().run(store, "known_entities")
    names: dict[str, str] = {}
    for row in rows:
        if label and row["label"] != label:
            continue
        for name in [row["name"], *(row["aliases"] or [])]:
            if name:
                names.setdefault(name.lower(), name)
    lowered = ref.lower()
    contains = [v for k, v in names.items() if lowered in k or k in lowered]
    close = difflib.get_close_matches(lowered, list(names), n=n, cutoff=0.6)
    return list(dict.fromkeys([*(names[c] for c in close), *sorted(contains, key=len)]))[:n]


def resolve(store: Store, ref: str, label: str | None = None) -> Entity:
    """The one entity ``ref`` names; RefNotFound or RefAmbiguous otherwise."""
    label = _check_label(label)
    rows: list[dict[str, Any]] = default_registry().run(
        store, "find_entity", ref=ref.strip(), label=label or ""
    )
    exact = [r for r in rows if r["id"] == ref.strip()]
    rows = exact or rows
    if not rows:
        raise RefNotFound(ref, label, suggest(store, ref, label))
    if len(rows) > 1:
        raise RefAmbiguous(ref, [Entity(r["id"], r["label"], r["name"]) for r in rows])
    return Entity(rows[0]["id"], rows[0]["label"], rows[0]["name"])
