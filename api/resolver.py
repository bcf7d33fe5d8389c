"""Cheap reference resolution and search for the API.

An in-memory index of every entity's id, name and aliases, rebuilt when the
loaded documents' update tags change (every load changes its document's tag), so
a reload invalidates it.  The tags are read at most every ``check_interval``
seconds: between two checks a lookup costs no store round trip at all.
"""

from __future__ import annotations

import difflib
import threading
import time
import weakref
from dataclasses import dataclass, field
from typing import Any

from cypher import default_registry
from graph.model import LABELS
from graph.refs import Entity, RefAmbiguous, RefNotFound
from graph.stores.base import Store


@dataclass
class _Index:
    generation: tuple[tuple[Any, Any], ...]
    by_id: dict[str, Entity] = field(default_factory=dict)
    by_name: dict[str, list[Entity]] = field(default_factory=dict)
    #: (label, lower-cased surface form, surface form, entity) for search and suggestions
    forms: list[tuple[str, str, str, Entity]] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)


def check_label(label: str | None) -> str | None:
    """``label`` as a known label (case-insensitive), None for empty; ValueError otherwise."""
    if not label:
        return None
    for known in LABELS:
        if known.lower() == label.strip().lower():
            return known
    raise ValueError(f"unknown label {label!r}: use one of {', '.join(LABELS)}")


class Resolver:
    """Resolve an id, a name or an alias (case-insensitive) to one entity; search names."""

    def __init__(self, store: Store, check_interval: float = 0.5) -> None:
        self.store = store
        self.check_interval = check_interval
        self._index: _Index | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def _generation(self) -> tuple[tuple[Any, Any], ...]:
        rows = default_registry().run(self.store, "document_tags")
        return tuple((r["name"], r["tag"]) for r in rows)

    def index(self) -> _Index:
        """The current index, rebuilt if a document was loaded since it was built."""
        now = time.monotonic()
        index = self._index
        if index is not None and now - self._checked < self.check_interval:
            return index
        with self._lock:
            if self._index is not None and time.monotonic() - self._checked < self.check_interval:
                return self._index
            generation = self._generation()
            if self._index is None or self._index.generation != generation:
                self._index = self._build(generation)
            self._checked = time.monotonic()
            return self._index

    def invalidate(self) -> None:
        """Forget the index: the next lookup re-reads the store."""
        with self._lock:
            self._index = None

    def _build(self, generation: tuple[tuple[Any, Any], ...]) -> _Index:
        index = _Index(generation)
        for row in default_registry().run(self.store, "known_entities"):
            if not row.get("id"):
                continue
            entity = Entity(row["id"], row["label"], row["name"] or row["id"])
            index.by_id[entity.id.lower()] = entity
            forms = list(dict.fromkeys([entity.name, *(row["aliases"] or [])]))
            index.aliases[entity.id] = [f for f in forms if f]
            for form in forms:
                if not form:
                    continue
                key = form.strip().lower()
                bucket = index.by_name.setdefault(key, [])
                if entity not in bucket:
                    bucket.append(entity)
                index.forms.append((entity.label, key, form, entity))
        return index

    def aliases(self, entity_id: str) -> list[str]:
        return self.index().aliases.get(entity_id, [])

    def resolve(self, ref: str, label: str | None = None) -> Entity:
        """The one entity ``ref`` names (of ``label`` if given).

        Raises RefNotFound (with suggestions) or RefAmbiguous (with candidates).
        """
        label = check_label(label)
        key = ref.strip().lower()
        if not key:
            raise ValueError("the reference is empty")
        index = self.index()
        by_id = index.by_id.get(key)
        if by_id is not None and (label is None or by_id.label == label):
            return by_id
        found = [e for e in index.by_name.get(key, []) if label is None or e.label == label]
        if len(found) == 1:
            return found[0]
        if found:
            raise RefAmbiguous(ref, sorted(found, key=lambda e: e.id))
        raise RefNotFound(ref, label, self.suggest(ref, label))

    def suggest(self, ref: str, label: str | None = None, n: int = 5) -> list[str]:
        """Names and aliases close to ``ref``."""
        return [hit[0] for hit in self.search(ref, label, n, fuzzy_cutoff=0.6)]

    def search(
        self, query: str, label: str | None = None, limit: int = 20, fuzzy_cutoff: float = 0.7
    ) -> list[tuple[str, str, float, Entity]]:
        """``(matched form, kind, score, entity)``, best first: exact, prefix, substring, fuzzy.

        One hit per entity (its best-matching name or alias).
        """
        label = check_label(label)
        q = query.strip().lower()
        if not q:
            return []
        best: dict[str, tuple[str, str, float, Entity]] = {}
        for form_label, key, form, entity in self.index().forms:
            if label and form_label != label:
                continue
            if key == q:
                hit = (form, "exact", 1.0)
            elif key.startswith(q):
                hit = (form, "prefix", 0.9 * len(q) / len(key) + 0.05)
            elif q in key:
                hit = (form, "substring", 0.7 * len(q) / len(key) + 0.05)
            else:
                ratio = difflib.SequenceMatcher(None, q, key).ratio()
                if ratio < fuzzy_cutoff:
                    continue
                hit = (form, "fuzzy", 0.6 * ratio)
            current = best.get(entity.id)
            if current is None or hit[2] > current[2]:
                best[entity.id] = (*hit, entity)
        ranked = sorted(best.values(), key=lambda h: (-h[2], h[3].name.lower(), h[3].id))
        return ranked[:limit]


_RESOLVERS: weakref.WeakKeyDictionary[Store, Resolver] = weakref.WeakKeyDictionary()
_RESOLVERS_LOCK = threading.Lock()


def resolver_for(store: Store) -> Resolver:
    """The shared resolver of ``store`` (one per store object, dropped with it)."""
    resolver = _RESOLVERS.get(store)
    if resolver is None:
        with _RESOLVERS_LOCK:
            resolver = _RESOLVERS.setdefault(store, Resolver(store))
    return resolver
