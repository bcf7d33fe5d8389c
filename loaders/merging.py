"""The merge engine: name variants, links proposed by rules, groups, and the merge log.

Every rule (see :mod:`.rules` and :mod:`.people`) proposes :class:`Link` s between
:class:`Item` s (one surface form of one label, with the mentions that use it).
:class:`Groups` accepts a link unless something keeps the two sides apart: a person's
``split`` decision, two distinct rows of one table whose names differ, two nodes
already in the store, or a label's own check (a person's incompatible given names).
A refused link becomes a :class:`PossibleDuplicate`.  Afterwards each group's
accepted links are reduced to a spanning tree over its surface forms, strongest rule
first: those are the :class:`MergeStep` s of its :class:`MergeRecord`.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from orggraph.graph.model import Evidence, Node

from .facts import Extracted, Mention

#: rule names, strongest first (the order a group's explanation prefers them in)
RULES: tuple[str, ...] = (
    "decision-confirm",
    "same-name",
    "last-first-order",
    "ocr-slip",
    "same-id",
    "short-given-name",
    "given-and-initial",
    "single-name",
    "initials",
    "acronym-stated",
    "plural-form",
    "stated-rename",
    "same-wbs-lineage",
    "same-holder",
    "one-letter-typo+agreement",
    "store-match",
)
PRIORITY: dict[str, int] = {r: i for i, r in enumerate(RULES)}
MAX_EVIDENCE = 4
#: a key shared by more groups than this is too common to say anything
MAX_KEY_GROUPS = 12


# ----------------------------------------------------------------------------- records


@dataclass(slots=True)
class Unresolved:
    """A name that was not merged (ambiguous or unknown), with the candidates considered."""

    label: str
    name: str
    document: str
    line: int
    reason: str
    candidates: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "name": self.name,
            "document": self.document,
            "line": self.line,
            "reason": self.reason,
            "candidates": self.candidates,
        }


@dataclass(slots=True)
class PossibleDuplicate(Unresolved):
    """Two names that may be one entity but were kept apart: ``rule`` would merge them
    (or ``decision-split`` kept them apart), ``reason`` says why they were not merged."""

    rule: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    decision: str = ""  # the split decision that kept them apart, if one did

    @property
    def names(self) -> list[str]:
        return [self.name, *self.candidates]

    def to_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "names": self.names,
            "rule": self.rule,
            "reason": self.reason,
            "document": self.document,
            "line": self.line,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(slots=True)
class MergeStep:
    """One reason two surface forms are one entity."""

    rule: str
    names: list[str]
    reason: str
    evidence: list[Evidence] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "names": self.names,
            "reason": self.reason,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    def encode(self, label: str, into: str) -> str:
        """The stored form: one JSON string (both stores keep lists of strings)."""
        return json.dumps(
            {"label": label, "into": into, **self.to_dict()}, ensure_ascii=False, sort_keys=True
        )


@dataclass(slots=True)
class MergeRecord:
    """Names merged into one node, and why (``steps``: rule by rule, with evidence)."""

    label: str
    into: str
    names: list[str]
    reason: str
    steps: list[MergeStep] = field(default_factory=list)

    @property
    def rules(self) -> list[str]:
        return list(dict.fromkeys(s.rule for s in self.steps))

    def to_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "into": self.into,
            "names": self.names,
            "reason": self.reason,
            "rules": self.rules,
            "steps": [s.to_dict() for s in self.steps],
        }


# ----------------------------------------------------------------------------- items


@dataclass(slots=True)
class Item:
    """One surface form of one label: the mentions that use it, or a stored node's name."""

    label: str
    text: str
    norm: str
    mentions: list[tuple[Mention, Extracted]] = field(default_factory=list)
    known: Node | None = None
    #: table -> row -> normalised name of the rows this form defines
    rows: dict[str, dict[int, str]] = field(default_factory=dict)
    #: (decision index, side) of the split decisions this form matches
    sides: set[tuple[int, str]] = field(default_factory=set)
    _docs: frozenset[str] | None = None
    _evidence: list[Evidence] | None = None

    @property
    def docs(self) -> frozenset[str]:
        if self._docs is None:
            self._docs = frozenset(ex.doc.name for _, ex in self.mentions)
        return self._docs

    @property
    def is_new(self) -> bool:
        return bool(self.mentions)

    def evidence(self) -> list[Evidence]:
        """The first evidence of each document naming this form."""
        if self._evidence is None:
            seen: dict[str, Evidence] = {}
            for m, ex in self.mentions:
                if m.ev is not None:
                    seen.setdefault(ex.doc.name, m.ev)
            self._evidence = list(seen.values())
        return list(self._evidence)


def items_of(
    label: str,
    mentions: Iterable[tuple[Mention, Extracted]],
    known: Sequence[Node],
    norm: Callable[[str], str],
    distinct: Callable[[Mention], str] | None = None,
) -> list[Item]:
    """One item per distinct surface of the new mentions (``distinct`` tells apart
    mentions of one surface that cannot be one entity), and one per name or alias of
    each stored node (kept apart from equal new surfaces, so that a stored node never
    swallows a name without a rule saying so)."""
    items: list[Item] = []
    by_text: dict[tuple[str, str], Item] = {}
    for m, ex in mentions:
        text = m.text.strip()
        if not text:
            continue
        key = (text, distinct(m) if distinct else "")
        item = by_text.get(key)
        if item is None:
            item = Item(label, text, norm(text))
            by_text[key] = item
            items.append(item)
        item.mentions.append((m, ex))
        item._docs = item._evidence = None
        if m.table is not None and m.row is not None:
            item.rows.setdefault(m.table, {})[m.row] = item.norm
    for node in known:
        if node.label != label:
            continue
        for text in dict.fromkeys([node.name, *node.aliases]):
            if text.strip():
                items.append(Item(label, text.strip(), norm(text.strip()), known=node))
    return items


def group_known(items: list[Item], members: list[int]) -> Node | None:
    """The stored node a group is: the one whose own name is in it (an alias alone,
    split from its node's name, does not carry the node's id)."""
    for i in members:
        node = items[i].known
        if node is not None and items[i].text == node.name.strip():
            return node
    return None


# ----------------------------------------------------------------------------- groups


@dataclass(frozen=True, slots=True)
class Link:
    """A rule's claim that items ``a`` and ``b`` are one entity."""

    a: int
    b: int
    rule: str
    reason: str
    evidence: tuple[Evidence, ...] = ()


Check = Callable[[list[int], list[int]], str]


class Groups:
    """Union-find over items that refuses unions something speaks against."""

    def __init__(
        self,
        items: list[Item],
        split_reasons: dict[int, str] | None = None,
        check: Check | None = None,
    ) -> None:
        self.items = items
        self.parent = list(range(len(items)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
        self.rows: dict[int, dict[str, dict[int, str]]] = {
            i: {t: dict(r) for t, r in it.rows.items()} for i, it in enumerate(items)
        }
        self.known: dict[int, set[str]] = {
            i: ({it.known.id} if it.known else set()) for i, it in enumerate(items)
        }
        self.sides: dict[int, set[tuple[int, str]]] = {
            i: set(it.sides) for i, it in enumerate(items)
        }
        self.split_reasons = split_reasons or {}
        self.check = check
        self.accepted: list[Link] = []
        #: links between items that were already one group (more reasons to explain it)
        self.support: list[Link] = []
        self.duplicates: list[PossibleDuplicate] = []
        self.applied_splits: set[int] = set()
        self._dup_keys: set[tuple[str, str]] = set()
        #: key -> items that gave it, across rules (see :meth:`link_keys`)
        self.index: dict[str, list[int]] = defaultdict(list)

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def same(self, a: int, b: int) -> bool:
        return self.find(a) == self.find(b)

    def docs(self, root: int) -> set[str]:
        return {d for i in self.members[root] for d in self.items[i].docs}

    def why_apart(self, ra: int, rb: int, force: bool = False) -> str:
        """Why the groups of roots ``ra`` and ``rb`` must stay apart ('' when they need not)."""
        for d, side in self.sides[ra]:
            other = "b" if side == "a" else "a"
            if (d, other) in self.sides[rb]:
                self.applied_splits.add(d)
                return self.split_reasons.get(d, "kept apart by a split decision")
        if force:
            return ""
        ka, kb = self.known[ra], self.known[rb]
        if ka and kb and ka != kb:
            return f"two different nodes already in the store ({', '.join(sorted(ka | kb))})"
        rows_a, rows_b = self.rows[ra], self.rows[rb]
        for table in rows_a.keys() & rows_b.keys():
            for row_a, name_a in rows_a[table].items():
                for row_b, name_b in rows_b[table].items():
                    if row_a != row_b and name_a != name_b:
                        doc, _, header = table.rpartition("#")
                        return (
                            f"distinct rows (lines {min(row_a, row_b)} and {max(row_a, row_b)}) "
                            f"of one table ({doc}, header at line {header}) are distinct entities"
                        )
        if self.check:
            return self.check(self.members[ra], self.members[rb])
        return ""

    def union(self, link: Link, force: bool = False) -> bool:
        """Join the groups of ``link.a`` and ``link.b`` unless something speaks against it."""
        ra, rb = self.find(link.a), self.find(link.b)
        if ra == rb:
            if link.a != link.b:
                self.support.append(link)  # a further reason, for the explanation
            return True
        why = self.why_apart(ra, rb, force)
        if why:
            self.refuse(link, why)
            return False
        keep, drop = (ra, rb) if (self.known[ra] or not self.known[rb]) else (rb, ra)
        self.parent[drop] = keep
        self.members[keep].extend(self.members.pop(drop))
        for table, rows in self.rows.pop(drop).items():
            self.rows[keep].setdefault(table, {}).update(rows)
        self.known[keep] |= self.known.pop(drop)
        self.sides[keep] |= self.sides.pop(drop)
        self.accepted.append(link)
        return True

    def refuse(self, link: Link, why: str) -> None:
        """Record a link that was not followed as a possible duplicate pair."""
        a, b = self.items[link.a], self.items[link.b]
        if a.text == b.text and not (a.is_new and b.is_new):
            return
        self._kept_apart(a, b, link.rule, link.reason, why, link.evidence)

    def _kept_apart(
        self, a: Item, b: Item, rule: str, reason: str, why: str, evidence: Sequence[Evidence] = ()
    ) -> None:
        if why in self.split_reasons.values():
            self.duplicate(
                a, b, "decision-split", f"{why} ({rule} would merge them: {reason})", evidence
            )
            if self.duplicates and self.duplicates[-1].rule == "decision-split":
                self.duplicates[-1].decision = why
        else:
            self.duplicate(a, b, rule, f"{reason}; kept apart: {why}", evidence)

    def duplicate(
        self, a: Item, b: Item, rule: str, reason: str, evidence: Sequence[Evidence] = ()
    ) -> None:
        """List ``a`` and ``b`` as a possible duplicate (once per pair of names)."""
        if not a.is_new and not b.is_new:
            return
        first, second = (a, b) if a.is_new else (b, a)
        pair = (first.text, second.text)
        key = (first.label, "\x1f".join(sorted(pair)))
        if key in self._dup_keys:
            return
        self._dup_keys.add(key)
        evs = list(dict.fromkeys([*first.evidence()[:1], *second.evidence()[:1], *evidence]))
        ev = evs[0] if evs else None
        self.duplicates.append(
            PossibleDuplicate(
                first.label,
                first.text,
                ev.document if ev else "",
                ev.line if ev else 0,
                reason,
                [second.text],
                rule=rule,
                evidence=evs[:MAX_EVIDENCE],
            )
        )

    def link_keys(
        self,
        rule: str,
        entries: dict[str, list[tuple[int, str, tuple[Evidence, ...]]]],
        cross_document: bool = False,
    ) -> None:
        """Link the items that share a key; ``entries`` are this rule's (item, reason,
        evidence) per key, and items that gave the key under an earlier rule take part.

        A key whose groups cannot all be one (two rows of one table, two stored nodes, a
        split) links nothing: it fits several entities, and the pairs are listed.  With
        ``cross_document`` the rule only links one group per document across documents
        that do not already share the entity (a rename, not a second name).
        """
        for key in sorted(entries):
            new = entries[key]
            reasons = {i: (why, ev) for i, why, ev in new}
            members = list(dict.fromkeys([*self.index.get(key, []), *(i for i, _, _ in new)]))
            self.index[key] = members
            roots: dict[int, list[int]] = {}
            for i in members:
                roots.setdefault(self.find(i), []).append(i)
            if len(roots) < 2:
                continue
            order = sorted(roots, key=lambda r: (not self.known[r], min(roots[r])))
            if cross_document:
                order = self._one_pair(order, roots, rule, reasons)
                if not order:
                    continue
            why, reason = self._key_blocked(order, rule, reasons, roots)
            if why:
                continue
            # one item per surface form (a new one first), linked pairwise so that the
            # explanation does not depend on the order things were merged in
            reps: dict[str, int] = {}
            rest: list[int] = []
            for i in sorted(
                (i for r in order for i in roots[r]),
                key=lambda i: (not self.items[i].is_new, i not in reasons, i),
            ):
                if self.items[i].text in reps:
                    rest.append(i)
                else:
                    reps[self.items[i].text] = i
            forms = sorted(reps.values(), key=lambda i: self.items[i].text)
            pairs = (
                list(itertools.combinations(forms, 2))
                if len(forms) <= MAX_KEY_GROUPS
                else list(itertools.pairwise(forms))
            )
            pairs += [(reps[self.items[i].text], i) for i in rest]
            for a, b in pairs:
                if b in reasons and a not in reasons:
                    a, b = b, a
                text, ev = reasons.get(a, reasons.get(b, (reason, ())))
                evidence = tuple(
                    dict.fromkeys(
                        [*self.items[a].evidence()[:1], *self.items[b].evidence()[:1], *ev]
                    )
                )[:MAX_EVIDENCE]
                self.union(Link(a, b, rule, text, evidence))

    def _one_pair(
        self,
        order: list[int],
        roots: dict[int, list[int]],
        rule: str,
        reasons: dict[int, tuple[str, tuple[Evidence, ...]]],
    ) -> list[int]:
        """The two groups a cross-document key links: groups of documents that do not
        share the entity; several such pairs are listed and link nothing."""
        docs = {r: self.docs(r) for r in order}
        pairs = [
            (ra, rb)
            for x, ra in enumerate(order)
            for rb in order[x + 1 :]
            if docs[ra] and docs[rb] and not docs[ra] & docs[rb]
        ]
        if len(pairs) == 1:
            return list(pairs[0])
        reason = next(iter(reasons.values()))[0] if reasons else rule
        for ra, rb in pairs[:MAX_KEY_GROUPS]:
            a, b = self.items[roots[ra][0]], self.items[roots[rb][0]]
            self._kept_apart(a, b, rule, reason, "it fits several entities of the other document")
        return []

    def _key_blocked(
        self,
        order: list[int],
        rule: str,
        reasons: dict[int, tuple[str, tuple[Evidence, ...]]],
        roots: dict[int, list[int]],
    ) -> tuple[str, str]:
        reason = next(iter(reasons.values()))[0] if reasons else rule
        if len(order) > MAX_KEY_GROUPS:
            return "too many", reason
        for x, ra in enumerate(order):
            for rb in order[x + 1 :]:
                why = self.why_apart(ra, rb)
                if why:
                    self._list_pairs(order, roots, rule, reason, why)
                    return why, reason
        return "", reason

    def _list_pairs(
        self, order: list[int], roots: dict[int, list[int]], rule: str, reason: str, why: str
    ) -> None:
        for x, ra in enumerate(order):
            for rb in order[x + 1 :]:
                pair_why = self.why_apart(ra, rb) or why
                a, b = self.items[roots[ra][0]], self.items[roots[rb][0]]
                self._kept_apart(a, b, rule, reason, pair_why)

    def links_by_group(self) -> dict[int, list[Link]]:
        """Accepted and supporting links by the root of the group they lie in."""
        out: dict[int, list[Link]] = defaultdict(list)
        for lk in [*self.accepted, *self.support]:
            out[self.find(lk.a)].append(lk)
        return out

    def groups(self) -> dict[int, list[int]]:
        return {self.find(r): sorted(m) for r, m in self.members.items()}


# ----------------------------------------------------------------------------- explanation


def explain(
    groups: Groups,
    members: list[int],
    extra: Sequence[MergeStep] = (),
    links: Sequence[Link] | None = None,
) -> list[MergeStep]:
    """The steps that explain a group, strongest rule first and independent of the order
    things were merged in: a spanning tree over the surface forms this load named, then
    for each part of it not yet tied to the stored node, its best link to a stored name;
    plus a step for each form named in several documents."""
    items = groups.items
    inside = set(members)
    new_docs: dict[str, set[str]] = defaultdict(set)
    first_ev: dict[str, list[Evidence]] = defaultdict(list)
    stored: set[str] = set()
    for i in members:
        it = items[i]
        if it.is_new:
            new_docs[it.text] |= it.docs
            first_ev[it.text].extend(it.evidence())
        else:
            stored.add(it.text)
    new = set(new_docs)
    candidates = [*groups.accepted, *groups.support] if links is None else links
    links = [
        lk
        for lk in candidates
        if lk.a in inside and lk.b in inside and items[lk.a].text != items[lk.b].text
    ]
    links.sort(
        key=lambda lk: (PRIORITY.get(lk.rule, 99), sorted((items[lk.a].text, items[lk.b].text)))
    )
    parent = {s: s for s in new | stored}

    def find(s: str) -> str:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    steps: list[MergeStep] = []

    def take(lk: Link) -> None:
        sa, sb = items[lk.a].text, items[lk.b].text
        docs = sorted(new_docs.get(sa, set()) | new_docs.get(sb, set()))
        steps.append(MergeStep(lk.rule, sorted((sa, sb)), lk.reason, list(lk.evidence), docs))

    for lk in links:  # among the forms this load names
        sa, sb = items[lk.a].text, items[lk.b].text
        if sa in new and sb in new and find(sa) != find(sb):
            parent[find(sa)] = find(sb)
            take(lk)
    if stored:  # tie each part to the stored node
        anchor = next(iter(sorted(stored)))
        for s in stored:
            parent[find(s)] = find(anchor)
        for lk in links:
            sa, sb = items[lk.a].text, items[lk.b].text
            if (sa in stored) != (sb in stored) and find(sa) != find(sb):
                parent[find(sa)] = find(sb)
                take(lk)
    for text in sorted(new):
        docs = sorted(new_docs[text])
        if len(docs) > 1:
            evs = list(dict.fromkeys(first_ev[text]))[:MAX_EVIDENCE]
            steps.append(
                MergeStep("same-name", [text], f"'{text}' is named in {', '.join(docs)}", evs, docs)
            )
    steps.extend(extra)
    return steps
