"""Entity resolution: map every mention of every document (plus stored nodes) to a node id.

Merges are made by named rules (:mod:`.people` for people, :mod:`.rules` for the other
labels) through one engine (:mod:`.merging`) that never merges two distinct rows of
one table (unless their names are equal after normalisation), two stored nodes, or
what a person's ``split`` decision keeps apart, and that merges what a ``confirm``
decision joins (:mod:`.decisions`).  Every merge is logged with its rule, reason and
evidence; what a rule would merge but something speaks against is listed as a
possible duplicate.  References (weak mentions) bind only to an entity some table or
heading defines, and only when exactly one fits.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from orggraph.graph.model import Node, make_id
from orggraph.graph.schema import MERGES

from .decisions import DecisionOutcome, Decisions, current
from .duties import looks_like_title, split_site
from .facts import Extracted, Mention
from .keys import bag_key, plural_key, role_key, role_ref_forms, same_key
from .merging import (
    Groups,
    Item,
    Link,
    MergeRecord,
    MergeStep,
    PossibleDuplicate,
    Unresolved,
    explain,
    group_known,
    items_of,
)
from .names import fold
from .people import People, person_norm
from .rules import RULESET, Context, MergeRule, Relations
from .stated import (
    StatedPair,
    glossary_lines,
    stated_abbreviations,
    stated_renames,
    without_rename_note,
)
from .text import squash

__all__ = [
    "MergeRecord",
    "MergeStep",
    "PossibleDuplicate",
    "Resolution",
    "Unresolved",
    "node_id",
    "resolve",
    "role_key",
    "role_ref_forms",
]


@dataclass(slots=True)
class Resolution:
    """Mention -> node id (None: unbound), canonical names, merge log, unresolved names."""

    ids: dict[int, str | None] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    merges: list[MergeRecord] = field(default_factory=list)
    #: names left unresolved, and (as :class:`PossibleDuplicate`) pairs kept apart
    unresolved: list[Unresolved] = field(default_factory=list)
    reasons: dict[int, str] = field(default_factory=dict)
    decisions: list[DecisionOutcome] = field(default_factory=list)

    def id_of(self, m: Mention) -> str | None:
        return self.ids.get(id(m))

    @property
    def possible_duplicates(self) -> list[PossibleDuplicate]:
        return [u for u in self.unresolved if isinstance(u, PossibleDuplicate)]


# ----------------------------------------------------------------------------- ids and names

ID_MAX = 120


def node_id(label: str, text: str) -> str:
    """``make_id`` with a length cap: a very long name keeps its start plus a short digest."""
    nid = make_id(label, text)
    if len(nid) <= ID_MAX:
        return nid
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return f"{make_id(label, text[:80])}-{digest}"


def _preferred(names: Iterable[str]) -> str:
    """Deterministic display choice: most frequent, then longest, then alphabetical."""
    counts = Counter(n for n in names if n.strip())
    return (
        max(counts, key=lambda n: (counts[n], len(n), sum(ch.isupper() for ch in n), n))
        if counts
        else ""
    )


def _rank(m: Mention) -> int:
    """How definitional a mention is: table rows and headings outrank passing mentions."""
    value = m.props.get("_rank", 0)
    return value if isinstance(value, int) else 0


def _canonical_name(label: str, members: list[Mention]) -> str:
    texts = [without_rename_note(m.text) for m in members]
    if label == "Milestone":
        return max(texts, key=lambda t: (len(t), t))
    top = max(_rank(m) for m in members)
    return _preferred(
        without_rename_note(t)
        for m in members
        if _rank(m) == top
        for t in (m.text, *(a for a in m.aliases if fold(a) == fold(m.text)))
    )


def _id_text(label: str, name: str, members: list[Mention]) -> str:
    """Text the id derives from: a normalised key, so spelling variants share an id."""
    if label == "Role":
        return role_key(name).replace("/", " ")
    if label in ("Facility", "Institution"):
        keys = sorted({fold(m.text) for m in members if fold(m.text)}, key=lambda k: (len(k), k))
        return keys[0] if keys else name
    if label == "Milestone":
        for m in members:
            rid = m.props.get("rubin_id") or m.props.get("jira_id")
            if isinstance(rid, str) and rid:
                return rid
        return name
    if label == "Team":
        forms = sorted({_ordered_key(m.text) for m in members if _ordered_key(m.text)})
        return forms[0] if forms else name
    return squash(name.replace("&", " and "))


@lru_cache(maxsize=1 << 16)
def _ordered_key(text: str) -> str:
    """Singular words, '&' as 'and', order kept: 'Pipes & Tools' -> 'pipe and tool'."""
    from .duties import stem

    words = re.findall(r"[a-z0-9]+", without_rename_note(text).lower().replace("&", " and "))
    return " ".join(stem(w) for w in words if w not in ("team", "group"))


def _solo_id(label: str, item: Item) -> str:
    """The id an item would get on its own (decisions may name it by that id)."""
    members = [m for m, _ in item.mentions]
    if label == "Person":
        from .names import id_given, parse_person

        pn = parse_person(item.text)
        if pn is not None and pn.kind == "full":
            return node_id("Person", f"{id_given(pn.given)} {pn.family}")
        return node_id("Person", item.text)
    return node_id(label, _id_text(label, item.text, members or []))


def _fresh(nid: str, taken: set[str]) -> str:
    n = 2
    while f"{nid}-{n}" in taken:
        n += 1
    return f"{nid}-{n}"


# ----------------------------------------------------------------------------- stated links


@dataclass(slots=True)
class _Statements:
    glossary: dict[str, dict[str, StatedPair]] = field(default_factory=dict)
    abbreviations: dict[str, list[StatedPair]] = field(default_factory=dict)
    renames: list[StatedPair] = field(default_factory=list)

    @classmethod
    def of(cls, extracted: Sequence[Extracted]) -> _Statements:
        out = cls()
        for ex in extracted:
            name, lines = ex.doc.name, ex.doc.lines
            out.glossary[name] = {p.short: p for p in glossary_lines(name, lines, ex.acronyms)}
            out.abbreviations[name] = stated_abbreviations(name, lines)
            out.renames.extend(stated_renames(name, lines))
        return out


def _inherit_rows(extracted: Sequence[Extracted]) -> None:
    """A mention read from a table row under the row's own name (a product row that also
    names a facility) belongs to that row too."""
    for ex in extracted:
        rows: dict[tuple[int, str], tuple[str, int]] = {}
        for m in ex.mentions:
            if m.table is not None and m.row is not None and m.ev is not None:
                rows.setdefault((m.ev.line, m.text.strip()), (m.table, m.row))
        for m in ex.mentions:
            if m.table is None and not m.weak and m.ev is not None:
                hit = rows.get((m.ev.line, m.text.strip()))
                if hit:
                    m.table, m.row = hit


# ----------------------------------------------------------------------------- records


def _record(
    label: str,
    nid: str,
    groups: Groups,
    members: list[int],
    known: Node | None,
    extra: Sequence[MergeStep] = (),
    links: Sequence[Link] | None = None,
) -> MergeRecord | None:
    items = groups.items
    new = [i for i in members if items[i].is_new]
    one_form = len({items[i].text for i in members}) < 2 and len(new) < 2
    if one_form and not extra and len({d for i in new for d in items[i].docs}) < 2:
        return None  # one form in one document: nothing was merged
    steps = explain(groups, members, links=links)
    named = {n for s in steps for n in s.names}
    steps += [s for s in extra if not set(s.names) <= named]  # a correction no step shows
    if known is not None:
        stored = {items[i].text for i in members if not items[i].is_new}
        joined = sorted({items[i].text for i in new} - stored)
        if joined:
            steps.append(
                MergeStep(
                    "store-match",
                    [*joined, known.name],
                    f"matches a node already in the store ('{known.name}', {known.id})",
                    [e for i in new if items[i].text in joined for e in items[i].evidence()[:1]][
                        :4
                    ],
                    sorted({d for i in new if items[i].text in joined for d in items[i].docs}),
                )
            )
    if not steps:
        return None
    names = sorted({items[i].text for i in new})
    reason = "; ".join(dict.fromkeys(s.reason for s in steps))
    return MergeRecord(label, nid, names, reason, steps)


def _stamp(extracted: Sequence[Extracted], res: Resolution) -> None:
    """Put each node's merge steps on one of its mentions per document (property
    ``merges``), so that the graph of every document carries the steps it took part in."""
    by_node: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rec in res.merges:
        for step in rec.steps:
            encoded = step.encode(rec.label, rec.into)
            for doc in step.documents:
                by_node[(rec.into, doc)].append(encoded)
    if not by_node:
        return
    done: set[tuple[str, str]] = set()
    for ex in extracted:
        for m in ex.mentions:
            nid = res.ids.get(id(m))
            key = (nid or "", ex.doc.name)
            if not nid or key in done or key not in by_node:
                continue
            done.add(key)
            m.props = {**m.props, MERGES: list(dict.fromkeys(by_node[key]))}


# ----------------------------------------------------------------------------- generic labels


def _start(
    label: str,
    items: list[Item],
    decisions: Decisions,
    norm: object,
    check: object = None,
) -> Groups:
    """Groups over ``items`` with the split decisions marked."""
    norm_fn = norm if callable(norm) else (lambda t: same_key(label, t))
    splits = decisions.mark(label, items, norm_fn, lambda it: _solo_id(label, it))
    return Groups(items, splits, check if callable(check) else None)  # type: ignore[arg-type]


def _milestone_ids(m: Mention) -> str:
    return "|".join(str(m.props.get(p) or "") for p in ("rubin_id", "jira_id"))


def _milestone_check(items: list[Item]) -> object:
    """Milestones with different ids are different milestones, whatever their names."""
    ids: list[set[str]] = []
    for it in items:
        found = set()
        for m, _ in it.mentions:
            for prop in ("rubin_id", "jira_id"):
                value = m.props.get(prop)
                if isinstance(value, str) and value.strip():
                    found.add(f"{prop}:{same_key('Milestone', value)}")
        ids.append(found)

    def check(a: list[int], b: list[int]) -> str:
        ia = {x for i in a for x in ids[i]}
        ib = {x for i in b for x in ids[i]}
        for prop in ("rubin_id", "jira_id"):
            va = {x for x in ia if x.startswith(prop)}
            vb = {x for x in ib if x.startswith(prop)}
            if va and vb and not va & vb:
                return f"different milestone ids ({prop.replace('_', ' ')})"
        return ""

    return check


def _join_stored(groups: Groups) -> None:
    """The names and aliases of one stored node are one node, unless a split decision or
    two rows of a table now keep them apart (joined after the rules, so that a rule can
    explain why they belong together)."""
    first: dict[str, int] = {}
    for k, it in enumerate(groups.items):
        if it.known is None:
            continue
        node = it.known
        if node.id in first:
            groups.union(
                Link(first[node.id], k, "store-match", f"one node in the store ({node.id})")
            )
        else:
            first[node.id] = k


def _resolve_label(
    label: str,
    mentions: list[tuple[Mention, Extracted]],
    known: Sequence[Node],
    statements: _Statements,
    relations: Relations,
    decisions: Decisions,
    res: Resolution,
    rules: Sequence[MergeRule] = RULESET,
) -> None:
    strong = [(m, ex) for m, ex in mentions if not m.weak]
    weak = [(m, ex) for m, ex in mentions if m.weak]
    items = items_of(
        label,
        strong,
        known,
        lambda t: same_key(label, t),
        _milestone_ids if label == "Milestone" else None,
    )
    groups = _start(
        label, items, decisions, None, _milestone_check(items) if label == "Milestone" else None
    )
    norm = lambda t: same_key(label, t)  # noqa: E731
    res.decisions.extend(
        decisions.confirm(label, items, groups, norm, lambda it: _solo_id(label, it))
    )
    ctx = Context(
        label,
        items,
        statements.glossary,
        statements.abbreviations,
        statements.renames,
        relations,
        res.id_of,
        lambda nid: res.names.get(nid, nid),
    )
    for rule in rules:
        if rule.applies(label):
            rule.run(ctx, groups)
    _join_stored(groups)
    res.decisions.extend(decisions.split_outcomes(label, items, groups))
    _hints(label, groups)
    root_id = _assign_ids(label, groups, known, res)
    _bind_references(label, weak, groups, root_id, res)
    res.unresolved.extend(groups.duplicates)


def _assign_ids(
    label: str, groups: Groups, known: Sequence[Node], res: Resolution
) -> dict[int, str]:
    items = groups.items
    known_ids = {n.id for n in known if n.label == label}
    taken: set[str] = set()
    root_id: dict[int, str] = {}
    parts = groups.groups()
    links = groups.links_by_group()
    order = sorted(parts, key=lambda r: (group_known(items, parts[r]) is None, parts[r][0]))
    for root in order:
        members = parts[root]
        node = group_known(items, members)
        new = [i for i in members if items[i].is_new]
        if node is not None and node.id not in taken:
            nid, name = node.id, node.name
        elif not new:
            continue
        else:
            node = None
            mentions = [m for i in new for m, _ in items[i].mentions]
            name = _canonical_name(label, mentions)
            nid = node_id(label, _id_text(label, name, mentions))
            if nid in taken or nid in known_ids:
                nid = _fresh(nid, taken | known_ids)
        taken.add(nid)
        root_id[root] = nid
        if not new:
            continue
        res.names.setdefault(nid, name)
        res.labels[nid] = label
        for i in new:
            for m, _ in items[i].mentions:
                res.ids[id(m)] = nid
        rec = _record(label, nid, groups, members, node, links=links.get(root, []))
        if rec is not None:
            res.merges.append(rec)
    return root_id


def _hints(label: str, groups: Groups) -> None:
    """Possible duplicates no rule merges: a name given beside an entity (a row's notes)
    that is another entity's name; the same words in another order or with other small
    words; roles of one WBS code in two documents with overlapping titles."""
    items = groups.items
    by_bag: dict[str, set[int]] = defaultdict(set)
    for k, it in enumerate(items):
        if not it.is_new:
            continue
        texts = {it.text}
        for m, ex in it.mentions:
            for alias in m.aliases:
                texts.add(alias.strip())
                for j in groups.index.get("n:" + same_key(label, alias), []):
                    if not groups.same(j, k):
                        line = m.ev.line if m.ev else 0
                        groups.duplicate(
                            it,
                            items[j],
                            "shared-name",
                            f"'{alias}', given with '{it.text}' ({ex.doc.name} line {line}), "
                            f"names '{items[j].text}'; not a stated long form of '{it.text}', "
                            "so not merged",
                        )
        if label in ("Product", "Team", "Facility"):
            for text in texts:
                key = bag_key(label, text)
                if key:
                    by_bag[key].add(k)
    for ks in by_bag.values():
        roots = {groups.find(k): k for k in sorted(ks)}
        reps = sorted(roots.values())[:6]
        for x, a in enumerate(reps):
            for b in reps[x + 1 :]:
                groups.duplicate(
                    items[a],
                    items[b],
                    "same-words",
                    f"'{items[a].text}' and '{items[b].text}' are named with the same words "
                    "(in another order, or with other small words or plurals); not a stated "
                    "link, so not merged",
                )
    if label == "Role":
        _role_hints(groups)


def _role_hints(groups: Groups) -> None:
    items = groups.items
    by_code: dict[str, list[int]] = defaultdict(list)
    for k, it in enumerate(items):
        for m, _ in it.mentions:
            wbs = m.props.get("wbs")
            for code in wbs if isinstance(wbs, list) else []:
                by_code[str(code)].append(k)
    for code, ks in sorted(by_code.items()):
        ks = sorted(set(ks))
        for x, a in enumerate(ks):
            for b in ks[x + 1 :]:
                ia, ib = items[a], items[b]
                if groups.same(a, b) or not (ia.docs - ib.docs and ib.docs - ia.docs):
                    continue
                wa, wb = _title_words(ia.text), _title_words(ib.text)
                if wa and wb and len(wa & wb) * 2 >= min(len(wa), len(wb)):
                    groups.duplicate(
                        ia,
                        ib,
                        "same-wbs-lineage",
                        f"both are WBS {code} with similar titles in different documents, but "
                        "not in the same team and not held by the same people; kept apart",
                    )


def _title_words(title: str) -> set[str]:
    """Content words of a title without its site suffix ('X Engineer - ACME' -> x, engineer)."""
    base, _ = split_site(title)
    return {w for w in re.findall(r"[a-z0-9]+", role_key(base)) if w not in _SMALL}


_SMALL = frozenset({"of", "for", "and", "the", "in", "to", "a", "an"})


def _bind_references(
    label: str,
    weak: list[tuple[Mention, Extracted]],
    groups: Groups,
    root_id: dict[int, str],
    res: Resolution,
) -> None:
    """Weak mentions bind to the one group a key of theirs names (none when several)."""
    if not weak:
        return
    items = groups.items
    key_ids: dict[str, set[str]] = defaultdict(set)
    for key, members in groups.index.items():
        for k in members:
            nid = root_id.get(groups.find(k))
            if nid:
                key_ids[key].add(nid)
    doc_ids: dict[str, set[str]] = defaultdict(set)
    for it in items:
        for m, ex in it.mentions:
            nid = res.ids.get(id(m))
            if nid:
                doc_ids[ex.doc.name].add(nid)
    index = _form_index(key_ids, res) if label == "Role" else {}
    for m, ex in weak:
        nid = _bind_weak(label, m, ex, key_ids, index, doc_ids[ex.doc.name], res)
        if nid is None and m.props.get("_fallback") and looks_like_title(m.text):
            name = m.text.strip()
            nid = node_id(label, _id_text(label, name, [m]))
            res.names.setdefault(nid, name)
            res.labels[nid] = label
            key_ids["n:" + same_key(label, name)].add(nid)
            for form in role_ref_forms(name) if label == "Role" else ():
                index[form].add(nid)
            doc_ids[ex.doc.name].add(nid)
        res.ids[id(m)] = nid


def _bind_weak(
    label: str,
    m: Mention,
    ex: Extracted,
    key_ids: dict[str, set[str]],
    index: dict[str, set[str]],
    same_doc: set[str],
    res: Resolution,
) -> str | None:
    if label == "Role":
        hits: set[str] = set()
        for form in role_ref_forms(m.text):
            hits |= index.get(form, set())
        if len(hits) > 1:
            local = hits & same_doc
            hits = local or hits
        if not hits:
            hits = _initialism_roles(m.text, same_doc, res)
        if len(hits) == 1:
            return next(iter(hits))
        return None
    text = m.text.strip()
    keys = ["n:" + same_key(label, text)]
    exp = ex.acronyms.get(text)
    if exp:
        keys.append("n:" + same_key(label, exp))
    if plural_key(label, text):
        keys.append("n:" + plural_key(label, text))
    for key in keys:
        hits = key_ids.get(key, set())
        if len(hits) > 1:
            local = hits & same_doc
            hits = local if len(local) == 1 else hits
        if len(hits) == 1:
            return next(iter(hits))
        if hits:
            return None
    return None


def _form_index(key_ids: dict[str, set[str]], res: Resolution) -> dict[str, set[str]]:
    """Reference form -> role ids, built once per label pass."""
    index: dict[str, set[str]] = defaultdict(set)
    for key, nids in key_ids.items():
        if not key.startswith("n:"):
            continue
        for nid in nids:
            index[key[2:]].add(nid)
            for form in role_ref_forms(res.names.get(nid, key[2:])):
                index[form].add(nid)
    return index


def _initialism_roles(text: str, ids: set[str], res: Resolution) -> set[str]:
    """'AD for X' -> the one role of the document whose title starts with words initialled 'AD'."""
    first = text.split()[0] if text.split() else ""
    if not re.fullmatch(r"[A-Z]{2,4}", first):
        return set()
    hits = set()
    for nid in ids:
        words = [w for w in re.findall(r"[A-Za-z]+", res.names.get(nid, "")) if w[0].isupper()]
        if "".join(w[0] for w in words[: len(first)]) == first:
            hits.add(nid)
    return hits if len(hits) == 1 else set()


# ----------------------------------------------------------------------------- people


def _resolve_people(
    mentions: list[tuple[Mention, Extracted]],
    known: Sequence[Node],
    relations: Relations,
    anchored: frozenset[int],
    decisions: Decisions,
    res: Resolution,
) -> None:
    people = People(mentions, known, relations, anchored)
    groups = _start("Person", people.items, decisions, person_norm, people.check)
    res.decisions.extend(
        decisions.confirm(
            "Person", people.items, groups, person_norm, lambda it: _solo_id("Person", it)
        )
    )
    people.rules(groups)
    _join_stored(groups)
    res.decisions.extend(decisions.split_outcomes("Person", people.items, groups))
    out = people.finish(groups)
    res.ids.update(out.ids)
    res.reasons.update(out.reasons)
    res.unresolved.extend(groups.duplicates)
    res.unresolved.extend(out.unresolved)
    items = people.items
    links = groups.links_by_group()
    for root, members in groups.groups().items():
        nid = next(
            (out.ids[id(m)] for i in members for m, _ in items[i].mentions if out.ids.get(id(m))),
            None,
        )
        if nid is None:
            continue
        res.names.setdefault(nid, out.names.get(nid, nid))
        res.labels[nid] = "Person"
        rec = _record(
            "Person",
            nid,
            groups,
            members,
            group_known(items, members),
            out.extra_steps.get(root, ()),
            links.get(root, []),
        )
        if rec is not None:
            res.merges.append(rec)


# ----------------------------------------------------------------------------- entry point

#: labels resolved before the others, in this order: roles and teams use people's ids
#: (same holder), roles use teams' ids (same WBS code in the same team)
_FIRST = ("Team", "Role")


def resolve(
    extracted: Sequence[Extracted],
    known: Sequence[Node] = (),
    decisions: Decisions | None = None,
    rules: Sequence[MergeRule] = RULESET,
) -> Resolution:
    """Resolve all mentions of all documents jointly (and against stored nodes).

    ``decisions`` (a person's split/confirm decisions, see :mod:`.decisions`) default
    to the ones :func:`.decisions.active` put in force, else none.  ``rules`` are the
    strategies for every label but Person (:data:`.rules.RULESET`, strongest first).
    """
    decs = decisions if decisions is not None else current()
    res = Resolution()
    _inherit_rows(extracted)
    by_label: dict[str, list[tuple[Mention, Extracted]]] = defaultdict(list)
    for ex in extracted:
        for m in ex.mentions:
            by_label[m.label].append((m, ex))
    facts = [f for ex in extracted for f in ex.facts]
    relations = Relations.of(facts)
    anchored = frozenset(id(m) for f in facts for m in (f.source, f.target))
    statements = _Statements.of(extracted)
    _resolve_people(by_label.pop("Person", []), known, relations, anchored, decs, res)
    rest = sorted(by_label, key=lambda lab: (_FIRST.index(lab) if lab in _FIRST else 9, lab))
    for label in rest:
        _resolve_label(label, by_label[label], known, statements, relations, decs, res, rules)
    _stamp(extracted, res)
    return res
