"""The shortest connection between two entities, each hop with its type and evidence."""

from __future__ import annotations

from orggraph.graph.model import REL_TYPES
from orggraph.graph.refs import RefAmbiguous
from orggraph.graph.service.common import run
from orggraph.graph.service.models import EntityRef, Hop, PathAnswer
from orggraph.graph.service.resolver import Index, Resolver, resolver_for
from orggraph.graph.service.shaping import evidence
from orggraph.graph.service.walk import shortest_path
from orggraph.graph.stores.base import Store

MAX_HOPS = 10
#: when a name is ambiguous, a path prefers the candidate of the first of these labels
#: that is unique among the candidates: paths run between people and what they work on
PREFERRED = ("Product", "Person")


def label_degrees(store: Store, index: Index | None = None) -> dict[str, float]:
    """Each label's average degree (relationships per node), from the counts.

    A relationship type between several label pairs counts for each of its labels, so
    a figure may be high, never low.  Computed once per state of the loaded documents
    (kept on the resolver's index).
    """
    stats = (index or resolver_for(store).index()).stats
    cached = stats.get("label_degrees")
    if cached is None:
        nodes = {r["label"]: r["count"] for r in run(store, "counts_by_label")}
        touching: dict[str, float] = dict.fromkeys(nodes, 0.0)
        for row in run(store, "counts_by_type"):
            for label in {label for pair in REL_TYPES.get(row["type"], ()) for label in pair}:
                touching[label] = touching.get(label, 0.0) + row["count"]
        cached = stats["label_degrees"] = {
            label: touching.get(label, 0.0) / count for label, count in nodes.items() if count
        }
    return dict(cached)


def _end(resolver: Resolver, index: Index, ref: str | EntityRef, notes: list[str]) -> EntityRef:
    """``ref`` as one entity; an ambiguous name settles on a preferred label, and says so."""
    if isinstance(ref, EntityRef):
        return ref
    try:
        return resolver.resolve(ref, None, index)
    except RefAmbiguous as exc:
        for label in PREFERRED:
            chosen = [c for c in exc.candidates if c.label == label]
            if len(chosen) == 1:
                others = ", ".join(f"{c.label} {c.id}" for c in exc.candidates
                                   if c.id != chosen[0].id)
                notes.append(
                    f"{ref!r} names a {label} and {others}: the {label} {chosen[0].id} was "
                    f"chosen (a path prefers {' then '.join(PREFERRED)}); "
                    "give an id to choose another"
                )
                return EntityRef(id=chosen[0].id, label=chosen[0].label, name=chosen[0].name)
        raise


def path(
    store: Store, source: str | EntityRef, target: str | EntityRef, max_hops: int = 6
) -> PathAnswer:
    """The shortest connection over any relationship, either direction, within ``max_hops``.

    A name that is ambiguous settles on its one Product (else its one Person), and
    ``notes`` says so; otherwise it is RefAmbiguous, as everywhere.
    """
    if not 1 <= max_hops <= MAX_HOPS:
        raise ValueError(f"max must be between 1 and {MAX_HOPS}, got {max_hops}")
    notes: list[str] = []
    resolver = resolver_for(store)
    index = resolver.index()  # one read of the documents' tags for the whole answer
    a, b = _end(resolver, index, source, notes), _end(resolver, index, target, notes)
    answer = PathAnswer(source=a, target=b, found=False, notes=notes)
    if a.id == b.id:
        return answer.model_copy(update={"found": True, "length": 0, "nodes": [a]})
    found = shortest_path(store, a.id, b.id, max_hops, source_label=a.label,
                          target_label=b.label, degrees=label_degrees(store, index))
    if found is None:
        return answer
    if found.passed_over:
        hubs = ", ".join(found.passed_over[:3]) + (
            f" and {len(found.passed_over) - 3} more" if len(found.passed_over) > 3 else "")
        notes.append(f"passed over {hubs}: a hub (its label averages hundreds of "
                     "relationships) is crossed but not searched beyond, so a path through "
                     "two hubs is not looked for")
    if found.stopped or not found.hops:
        return answer.model_copy(update={"notes": [*notes, *filter(None, [found.stopped])]})
    ends = {a.id: a, b.id: b}
    nodes = [ends.get(n["id"]) or EntityRef(id=n["id"], label=n["label"] or "", name=n["name"])
             for n in found.nodes]
    hops = [Hop(source=h["source"], target=h["target"], type=h["type"],
                evidence=evidence(h["sources"])) for h in found.hops]
    return answer.model_copy(
        update={"found": True, "length": len(hops), "nodes": nodes, "hops": hops}
    )
