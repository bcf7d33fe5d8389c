"""Cheap reference resolution and search for the API.

An in-memory index of every entity's id, name and aliases, rebuilt when the
loaded documents' update tags change (every load changes its document's tag, and
removing a document removes its tag), so a reload invalidates it.  Rendered answers
of the read-only routes are cached on the same index and dropped with it.

The tags are read on every lookup by default (one tiny read-only query); a positive
``check_interval`` (environment ``ORGGRAPH_API_CHECK_INTERVAL``, seconds) reads them at
most that often, at the price of answers up to that old after a reload.
``ORGGRAPH_API_ANSWER_CACHE=0`` turns the answer cache off.
"""

from __future__ import annotations

import difflib
import os
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from orggraph.cypher import default_registry
from orggraph.graph.model import LABELS
from orggraph.graph.refs import Entity, RefAmbiguous, RefNotFound
from orggraph.graph.stores.base import Store


@dataclass
class Index:
    generation: tuple[tuple[Any, Any], ...]
    by_id: dict[str, Entity] = field(default_factory=dict)
    by_name: dict[str, list[Entity]] = field(default_factory=dict)
    #: (label, lower-cased surface form, surface form, entity) for search and suggestions
    forms: list[tuple[str, str, str, Entity]] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    answers: dict[tuple[str, ...], bytes] = field(default_factory=dict)


ANSWER_CACHE_SIZE = 4096


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

    def __init__(
        self, store: Store, check_interval: float | None = None, cache_answers: bool | None = None
    ) -> None:
        self.store = store
        if check_interval is None:
            check_interval = float(os.environ.get("ORGGRAPH_API_CHECK_INTERVAL", "0") or 0)
        if cache_answers is None:
            cache_answers = os.environ.get("ORGGRAPH_API_ANSWER_CACHE", "1") not in {"0", "false"}
        self.check_interval = check_interval
        self.cache_answers = cache_answers
        self._index: Index | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def _generation(self) -> tuple[tuple[Any, Any], ...]:
        rows = default_registry().run(self.store, "document_tags")
        return tuple((r["name"], r["tag"]) for r in rows)

    def index(self) -> Index:
        """The current index, rebuilt if a document was loaded since it was built.

        Take it once per request and pass it on (``index=``): one tag read per request.
        """
        index = self._index
        if index is not None and time.monotonic() - self._checked < self.check_interval:
            return index
        checked = time.monotonic()
        generation = self._generation()
        index = self._index
        if index is None or index.generation != generation:
            with self._lock:
                index = self._index
                if index is None or index.generation != generation:
                    index = self._index = self._build(generation)
        self._checked = checked
        return index

    def invalidate(self) -> None:
        """Forget the index: the next lookup re-reads the store."""
        with self._lock:
            self._index = None

    def _build(self, generation: tuple[tuple[Any, Any], ...]) -> Index:
        index = Index(generation)
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

    def answer(
        self, key: tuple[str, ...], render: Callable[[], bytes], index: Index | None = None
    ) -> bytes:
        """The rendered answer for ``key``, computed once per state of the loaded documents."""
        if not self.cache_answers:
            return render()
        answers = (index or self.index()).answers
        cached = answers.get(key)
        if cached is None:
            cached = render()
            if len(answers) >= ANSWER_CACHE_SIZE:
                answers.clear()
            answers[key] = cached
        return cached

    def aliases(self, entity_id: str, index: Index | None = None) -> list[str]:
        return (index or self.index()).aliases.get(entity_id, [])

    def resolve(self, ref: str, label: str | None = None, index: Index | None = None) -> Entity:
        """The one entity ``ref`` names (of ``label`` if given).

        Raises RefNotFound (with suggestions) or RefAmbiguous (with candidates).
        """
        label = check_label(label)
        key = ref.strip().lower()
        if not key:
            raise ValueError("the reference is empty")
        index = index or self.index()
        by_id = index.by_id.get(key)
        if by_id is not None and (label is None or by_id.label == label):
            return by_id
        found = [e for e in index.by_name.get(key, []) if label is None or e.label == label]
        if len(found) == 1:
            return found[0]
        if found:
            raise RefAmbiguous(ref, sorted(found, key=lambda e: e.id))
        raise RefNotFound(ref, label, self.suggest(ref, label, index=index))

    def suggest(
        self, ref: str, label: str | None = None, n: int = 5, index: Index | None = None
    ) -> list[str]:
        """Names and aliases close to ``ref``."""
        return [hit[0] for hit in self.search(ref, label, n, fuzzy_cutoff=0.6, index=index)]

    def search(
        self, query: str, label: str | None = None, limit: int = 20, fuzzy_cutoff: float = 0.7,
        index: Index | None = None,
    ) -> list[tuple[str, str, float, Entity]]:
        """``(matched form, kind, score, entity)``, best first: exact, prefix, substring, fuzzy.

        One hit per entity (its best-matching name or alias).
        """
        label = check_label(label)
        q = query.strip().lower()
        if not q:
            return []
        best: dict[str, tuple[str, str, float, Entity]] = {}
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(q)  # analysed once; each key is seq1
        for form_label, key, form, entity in (index or self.index()).forms:
            if label and form_label != label:
                continue
            if key == q:
                hit = (form, "exact", 1.0)
            elif key.startswith(q):
                hit = (form, "prefix", 0.9 * len(q) / len(key) + 0.05)
            elif q in key:
                hit = (form, "substring", 0.7 * len(q) / len(key) + 0.05)
            else:
                matcher.set_seq1(key)
                # cheap upper bounds first, as difflib.get_close_matches does
                if (matcher.real_quick_ratio() < fuzzy_cutoff
                        or matcher.quick_ratio() < fuzzy_cutoff):
                    continue
                ratio = matcher.ratio()
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
