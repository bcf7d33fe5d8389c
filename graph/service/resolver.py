"""The one resolver: an id, a name or an alias (any case) to one entity, and name search.

An in-memory index of every entity's id, name and aliases (and of the loaded
documents' file names and handles), rebuilt when the documents' update tags change:
every load changes its document's tag and removing a document removes it, so a
reload invalidates the index.  Rendered answers are cached on the same index and
dropped with it.

The tags are read on every lookup by default (one tiny read-only query); a positive
``Settings.api_check_interval`` (seconds) reads them at most that often, at the
price of answers up to that old after a reload.  ``Settings.api_answer_cache``
false turns the answer cache off.
"""

from __future__ import annotations

import difflib
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from orggraph.cypher import default_registry
from orggraph.graph.model import LABELS
from orggraph.graph.refs import RefAmbiguous, RefNotFound
from orggraph.graph.service.models import EntityRef
from orggraph.graph.settings import Settings, get_settings
from orggraph.graph.stores.base import Store

#: the resolver's answer for a reference; the one reference type of every answer
Entity = EntityRef

ANSWER_CACHE_SIZE = 4096


@dataclass
class Index:
    generation: tuple[tuple[Any, Any], ...]
    by_id: dict[str, EntityRef] = field(default_factory=dict)
    by_name: dict[str, list[EntityRef]] = field(default_factory=dict)
    #: (label, lower-cased surface form, surface form, entity) for search and suggestions
    forms: list[tuple[str, str, str, EntityRef]] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    #: loaded documents by lower-cased id, file name and handle
    documents: dict[str, EntityRef] = field(default_factory=dict)
    answers: dict[tuple[str, ...], bytes] = field(default_factory=dict)
    #: search results by (query, label, limit, cutoff), per state (search boxes ask again)
    searches: dict[tuple[Any, ...], list[Any]] = field(default_factory=dict)
    #: figures derived from the graph (e.g. each label's average degree), per state
    stats: dict[str, Any] = field(default_factory=dict)


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
        settings = get_settings()
        self.store = store
        self.check_interval = (
            settings.api_check_interval if check_interval is None else check_interval
        )
        self.cache_answers = settings.api_answer_cache if cache_answers is None else cache_answers
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
        registry = default_registry()
        for row in registry.run(self.store, "known_entities"):
            if not row.get("id"):
                continue
            entity = EntityRef(id=row["id"], label=row["label"], name=row["name"] or row["id"])
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
        for row in registry.run(self.store, "known_documents"):
            if not row.get("id"):
                continue
            doc = EntityRef(id=row["id"], label="Document", name=row["name"] or row["id"])
            for form in [row["id"], row["name"], row.get("handle"), *(row.get("aliases") or [])]:
                if isinstance(form, str) and form.strip():
                    index.documents.setdefault(form.strip().lower(), doc)
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

    def resolve(self, ref: str, label: str | None = None, index: Index | None = None) -> EntityRef:
        """The one entity ``ref`` names (of ``label`` if given).

        Raises RefNotFound (with suggestions) or RefAmbiguous (with candidates).
        """
        label = check_label(label)
        key = ref.strip().lower()
        if not key:
            raise ValueError("the reference is empty")
        index = index or self.index()
        if label == "Document":
            doc = index.documents.get(key)
            if doc is None:
                names = sorted({d.name or d.id for d in index.documents.values()})
                close = difflib.get_close_matches(ref, names, n=5, cutoff=0.5)
                raise RefNotFound(ref, label, close or names[:5])
            return doc
        by_id = index.by_id.get(key)
        if by_id is not None and (label is None or by_id.label == label):
            return by_id
        found = self.candidates(ref, label, index)
        if len(found) == 1:
            return found[0]
        if found:
            raise RefAmbiguous(ref, found)
        raise self.not_found(ref, label, index)

    def candidates(
        self, ref: str, label: str | None = None, index: Index | None = None
    ) -> list[EntityRef]:
        """Every entity (of ``label``) whose id, name or alias is ``ref``, by id."""
        key = ref.strip().lower()
        index = index or self.index()
        by_id = index.by_id.get(key)
        if by_id is not None and (label is None or by_id.label == label):
            return [by_id]
        found = [e for e in index.by_name.get(key, []) if label is None or e.label == label]
        return sorted(found, key=lambda e: e.id)

    def resolve_first(
        self, ref: str, labels: Iterable[str], index: Index | None = None
    ) -> EntityRef:
        """``ref`` as the first of ``labels`` it names (an id of any of them always wins)."""
        labels = [check_label(label) or "" for label in labels]
        if not labels:
            return self.resolve(ref, None, index)
        index = index or self.index()
        by_id = index.by_id.get(ref.strip().lower())
        if by_id is not None and by_id.label in labels:
            return by_id
        for label in labels:
            try:
                return self.resolve(ref, label, index)
            except RefNotFound:
                continue
        if len(labels) == 1:
            return self.resolve(ref, labels[0], index)
        raise self.not_found(ref, " or ".join(labels), index, labels)

    def not_found(
        self, ref: str, label: str | None, index: Index | None = None,
        labels: list[str] | None = None,
    ) -> RefNotFound:
        """RefNotFound with names close to ``ref``: of the label asked for, else of any.

        An exact name of another label comes first (``/teams/X`` where X is a role); a
        suggestion of another label says what it is (``Butler (Product)``).
        """
        index = index or self.index()
        wanted: list[str] = labels or ([label] if label else [])
        scopes: list[str | None] = [*wanted] if wanted else [None]
        own = sorted((h for lab in scopes for h in self.search(ref, lab, 5, 0.6, index)),
                     key=lambda h: -h[2])
        other = [h for h in self.search(ref, None, 10, 0.6, index)
                 if wanted and h[3].label not in wanted]
        exact = [h for h in other if h[1] == "exact"]
        hits = [*exact, *own, *([] if own else other)][:5]
        names = list(dict.fromkeys(h[0] for h in hits))
        hints = list(dict.fromkeys(
            h[0] if h[3].label in wanted or not wanted else f"{h[0]} ({h[3].label})"
            for h in hits
        ))
        return RefNotFound(ref, label, names, hints)

    def suggest(
        self, ref: str, label: str | None = None, n: int = 5, index: Index | None = None
    ) -> list[str]:
        """Names and aliases close to ``ref``."""
        return [hit[0] for hit in self.search(ref, label, n, fuzzy_cutoff=0.6, index=index)]

    def search(
        self, query: str, label: str | None = None, limit: int = 20, fuzzy_cutoff: float = 0.7,
        index: Index | None = None,
    ) -> list[tuple[str, str, float, EntityRef]]:
        """``(matched form, kind, score, entity)``, best first: exact, prefix, substring, fuzzy.

        One hit per entity (its best-matching name or alias).
        """
        label = check_label(label)
        q = query.strip().lower()
        if not q:
            return []
        index = index or self.index()
        key = (q, label, limit, fuzzy_cutoff)
        found = index.searches.get(key)
        if found is None:
            found = self._search(q, label, limit, fuzzy_cutoff, index)
            if len(index.searches) >= ANSWER_CACHE_SIZE:
                index.searches.clear()
            index.searches[key] = found
        return list(found)

    @staticmethod
    def _search(
        q: str, label: str | None, limit: int, fuzzy_cutoff: float, index: Index
    ) -> list[tuple[str, str, float, EntityRef]]:
        best: dict[str, tuple[str, str, float, EntityRef]] = {}
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(q)  # analysed once; each key is seq1
        # a fuzzy match needs 2 * min(len) / (sum of lens) >= cutoff: key lengths outside
        # these bounds cannot match (difflib's real_quick_ratio, without a call per key)
        shortest = len(q) * fuzzy_cutoff / (2 - fuzzy_cutoff)
        longest = len(q) * (2 - fuzzy_cutoff) / fuzzy_cutoff
        for form_label, key, form, entity in index.forms:
            if label and form_label != label:
                continue
            if key == q:
                hit = (form, "exact", 1.0)
            elif key.startswith(q):
                hit = (form, "prefix", 0.9 * len(q) / len(key) + 0.05)
            elif q in key:
                hit = (form, "substring", 0.7 * len(q) / len(key) + 0.05)
            else:
                if not shortest <= len(key) <= longest:
                    continue
                matcher.set_seq1(key)
                if matcher.quick_ratio() < fuzzy_cutoff:
                    continue
                ratio = matcher.ratio()
                if ratio < fuzzy_cutoff:
                    continue
                hit = (form, "fuzzy", 0.6 * ratio)
            current = best.get(entity.id)
            if current is None or hit[2] > current[2]:
                best[entity.id] = (*hit, entity)
        ranked = sorted(best.values(), key=lambda h: (-h[2], (h[3].name or "").lower(), h[3].id))
        return ranked[:limit]


_RESOLVERS: weakref.WeakKeyDictionary[Store, Resolver] = weakref.WeakKeyDictionary()
_RESOLVERS_LOCK = threading.Lock()


def resolver_for(store: Store, settings: Settings | None = None) -> Resolver:
    """The shared resolver of ``store`` (one per store object, dropped with it).

    ``settings`` (default: the environment's) set the tag-check interval and the
    answer cache when the resolver is first made.
    """
    resolver = _RESOLVERS.get(store)
    if resolver is None:
        with _RESOLVERS_LOCK:
            resolver = _RESOLVERS.get(store)
            if resolver is None:
                s = settings or get_settings()
                resolver = Resolver(store, s.api_check_interval, s.api_answer_cache)
                _RESOLVERS[store] = resolver
    return resolver


def resolve(
    store: Store, ref: str | EntityRef, label: str | None = None
) -> EntityRef:
    """The one entity ``ref`` names (an EntityRef passes through)."""
    if isinstance(ref, EntityRef):
        return ref
    return resolver_for(store).resolve(ref, label)


def resolve_first(store: Store, ref: str | EntityRef, *labels: str) -> EntityRef:
    """``ref`` as the first of ``labels`` it names (an EntityRef passes through)."""
    if isinstance(ref, EntityRef):
        return ref
    return resolver_for(store).resolve_first(ref, labels)
