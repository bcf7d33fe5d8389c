"""Entity resolution: map every mention of every document (plus stored nodes) to a node id.

People: full names cluster by family name and compatible given names (same, common
short form, prefix, one-letter slip); OCR l/I/1 slips are fixed against spellings
that occur elsewhere; partial forms ('Ann B', 'JoeC', 'Quincy', 'JQSJ') bind to
the single full name they fit, stay their own node when nothing fits, and are listed
(not merged) when several fit.  Other labels merge on normalised keys; references
(weak mentions) bind only to entities some table or heading defines.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from orggraph.graph.model import Node, make_id

from .duties import looks_like_title, name_key, split_site
from .facts import Extracted, Mention
from .lexicon import expand_acronyms, facility_key
from .names import (
    PersonName,
    edit_distance,
    family_initials,
    fold,
    given_compatible,
    given_initials,
    id_given,
    ocr_variants,
    parse_person,
)
from .text import dehyphenate, squash


@dataclass(slots=True)
class MergeRecord:
    """Names merged into one node, and why."""

    label: str
    into: str
    names: list[str]
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {"label": self.label, "into": self.into, "names": self.names, "reason": self.reason}


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
class Resolution:
    """Mention -> node id (None: unbound), canonical names, merge log, unresolved names."""

    ids: dict[int, str | None] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    merges: list[MergeRecord] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    reasons: dict[int, str] = field(default_factory=dict)

    def id_of(self, m: Mention) -> str | None:
        return self.ids.get(id(m))


# ----------------------------------------------------------------------------- keys

ID_MAX = 120


def node_id(label: str, text: str) -> str:
    """``make_id`` with a length cap: a very long name keeps its start plus a short digest."""
    nid = make_id(label, text)
    if len(nid) <= ID_MAX:
        return nid
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return f"{make_id(label, text[:80])}-{digest}"


@lru_cache(maxsize=4096)
def role_key(title: str) -> str:
    """Identity of a role title: case, spacing, hyphen breaks and '&'/'and' do not matter."""
    text = dehyphenate(title).lower().replace("&", " and ")
    text = re.sub(r"\s*/\s*", "/", text)
    return squash(re.sub(r"[^\w/()\- ]+", " ", text))


@lru_cache(maxsize=4096)
def role_ref_forms(text: str) -> frozenset[str]:
    """Forms a role can be referred to by: 'Lead of the X Team' ~ 'X Lead', 'A for B' ~ 'B A'."""
    base = role_key(text)
    base = squash(re.sub(r"\b(?:the|team|group)\b", " ", base)) or base
    forms = {base}
    for sep in (" of ", " for "):
        if sep in base:
            head, _, tail = base.partition(sep)
            forms.add(squash(f"{tail} {head}"))
    site_less, site = split_site(text)
    if site:
        forms |= role_ref_forms(site_less)
    return frozenset(forms)


def _keys(m: Mention, acronyms: dict[str, str]) -> set[str]:
    texts = [m.text, *m.aliases]
    keys: set[str] = set()
    for t in texts:
        if not t.strip():
            continue
        if m.label == "Role":
            keys.add(role_key(t))
        elif m.label == "Facility":
            keys.add(facility_key(t))
            keys.add(facility_key(expand_acronyms(t, acronyms)))
        elif m.label == "Institution" or m.label == "Milestone":
            keys.add(fold(t))
        else:
            keys.add(name_key(t) or fold(t))
            exp = acronyms.get(t.strip())
            if exp:
                keys.add(name_key(exp))
    keys.discard("")
    return keys


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


# ----------------------------------------------------------------------------- generic labels


def _preferred(names: Iterable[str]) -> str:
    """Deterministic display choice: most frequent, then longest, then alphabetical."""
    counts = Counter(n for n in names if n.strip())
    return (
        max(counts, key=lambda n: (counts[n], len(n), sum(ch.isupper() for ch in n), n))
        if counts
        else ""
    )


def _resolve_label(
    label: str,
    mentions: list[tuple[Mention, Extracted]],
    known: Sequence[Node],
    res: Resolution,
) -> None:
    acr_by_doc = {ex.doc.name: ex.acronyms for _, ex in mentions}
    strong = [(m, ex) for m, ex in mentions if not m.weak]
    weak = [(m, ex) for m, ex in mentions if m.weak]
    uf = _UnionFind()
    key_owner: dict[str, int] = {}
    # known nodes take slots -1, -2, ... so they win as representatives
    known_nodes = [n for n in known if n.label == label]
    slot_of_known: dict[int, Node] = {}
    for k, node in enumerate(known_nodes):
        slot = -(k + 1)
        slot_of_known[slot] = node
        uf.find(slot)
        probe = Mention(label, node.name, None, aliases=tuple(node.aliases))  # type: ignore[arg-type]
        for key in _keys(probe, {}):
            if key in key_owner:
                continue
            key_owner[key] = slot
    for idx, (m, ex) in enumerate(strong):
        uf.find(idx)
        for key in _keys(m, acr_by_doc.get(ex.doc.name, {})):
            if key in key_owner:
                uf.union(key_owner[key], idx)
            else:
                key_owner[key] = idx
    groups: dict[int, list[int]] = defaultdict(list)
    for idx in range(len(strong)):
        groups[uf.find(idx)].append(idx)
    root_id: dict[int, str] = {}
    for root, members in groups.items():
        surfaces = [strong[i][0].text for i in members]
        if root < 0:
            node = slot_of_known[root]
            nid, name = node.id, node.name
        else:
            name = _canonical_name(label, [strong[i][0] for i in members])
            nid = node_id(label, _id_text(label, name, [strong[i][0] for i in members]))
        root_id[root] = nid
        res.names.setdefault(nid, name)
        res.labels[nid] = label
        for i in members:
            res.ids[id(strong[i][0])] = nid
        distinct = sorted(set(surfaces))
        docs = sorted({strong[i][1].doc.name for i in members})
        if len(distinct) > 1 or len(docs) > 1 or root < 0:
            reason = _merge_reason(label, distinct, docs, root < 0)
            res.merges.append(MergeRecord(label, nid, distinct, reason))
    # key -> id for lookups
    key_id: dict[str, str] = {}
    for key, owner in key_owner.items():
        root = uf.find(owner)
        if root in root_id:
            key_id[key] = root_id[root]
        elif root < 0:
            key_id[key] = slot_of_known[root].id
            res.names.setdefault(slot_of_known[root].id, slot_of_known[root].name)
            res.labels[slot_of_known[root].id] = label
    doc_ids: dict[str, set[str]] = defaultdict(set)
    for m, ex in strong:
        nid = res.ids.get(id(m))
        if nid:
            doc_ids[ex.doc.name].add(nid)
    index = _form_index(key_id, res) if label == "Role" else {}
    for m, ex in weak:
        nid = _bind_weak(label, m, ex, key_id, index, doc_ids[ex.doc.name], res)
        if nid is None and m.props.get("_fallback") and looks_like_title(m.text):
            name = m.text.strip()
            nid = node_id(label, _id_text(label, name, [m]))
            res.names.setdefault(nid, name)
            res.labels[nid] = label
            key_id.setdefault(role_key(name) if label == "Role" else name_key(name), nid)
            for form in role_ref_forms(name) if label == "Role" else ():
                index[form].add(nid)
            doc_ids[ex.doc.name].add(nid)
        res.ids[id(m)] = nid


def _bind_weak(
    label: str,
    m: Mention,
    ex: Extracted,
    key_id: dict[str, str],
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
    for key in _keys(m, ex.acronyms):
        if key in key_id:
            return key_id[key]
    return None


def _form_index(key_id: dict[str, str], res: Resolution) -> dict[str, set[str]]:
    """Reference form -> role ids, built once per label pass."""
    index: dict[str, set[str]] = defaultdict(set)
    for key, nid in key_id.items():
        index[key].add(nid)
        for form in role_ref_forms(res.names.get(nid, key)):
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


def _canonical_name(label: str, members: list[Mention]) -> str:
    texts = [m.text.strip() for m in members]
    if label == "Milestone":
        return max(texts, key=lambda t: (len(t), t))
    top = max(_rank(m) for m in members)
    return _preferred(
        t.strip()
        for m in members
        if _rank(m) == top
        for t in (m.text, *(a for a in m.aliases if fold(a) == fold(m.text)))
    )


def _rank(m: Mention) -> int:
    """How definitional a mention is: table rows and headings outrank passing mentions."""
    value = m.props.get("_rank", 0)
    return value if isinstance(value, int) else 0


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


def _ordered_key(text: str) -> str:
    """Singular words, '&' as 'and', order kept: 'Pipes & Tools' -> 'pipe and tool'."""
    from .duties import stem

    words = re.findall(r"[a-z0-9]+", text.lower().replace("&", " and "))
    return " ".join(stem(w) for w in words if w not in ("team", "group"))


def _merge_reason(label: str, names: list[str], docs: list[str], known: bool) -> str:
    parts = []
    if known:
        parts.append("matches a node already in the store")
    if len(docs) > 1:
        parts.append(f"named in {', '.join(docs)}")
    if len(names) > 1:
        if label == "Role":
            parts.append("same role title (case, spacing, hyphen breaks or '&'/'and' differ)")
        elif label in ("Facility", "Institution"):
            parts.append("same name ignoring spacing/punctuation, or an acronym and its expansion")
        elif label == "Milestone":
            parts.append("same milestone id")
        else:
            parts.append(
                "same words (case, plural or '&'/'and' differ), or an acronym and its expansion"
            )
    return "; ".join(parts) or "same name"


# ----------------------------------------------------------------------------- people


@dataclass(slots=True)
class _Cluster:
    middles: set = field(default_factory=set)
    givens: Counter = field(default_factory=Counter)
    families: Counter = field(default_factory=Counter)
    mentions: list[Mention] = field(default_factory=list)
    known: Node | None = None
    reasons: list[str] = field(default_factory=list)
    partial: str = ""  # display for clusters without a full name

    def fkey(self) -> str:
        return fold(next(iter(self.families))) if self.families else ""

    def initials(self) -> tuple[str, str]:
        """(given initials, family initials) of the best spelling."""
        return given_initials(_best(self.givens)), family_initials(_best(self.families))


def _best(counter: Counter) -> str:
    def score(s: str) -> tuple:
        return (
            any(ord(ch) > 127 for ch in s),
            len(re.sub(r"[^A-Za-z]", "", s)),
            sum(ch.isupper() for ch in s),
            any(ch in "-'’" for ch in s),
            counter[s],
            s,
        )

    return max(counter, key=score)


def _fix_tokens(name: PersonName, vocab: Counter, fixes: list[str]) -> PersonName:
    def fix(tok: str) -> str:
        if not tok or vocab[tok] > 1:
            return tok
        for var in ocr_variants(tok):
            if vocab[var] > vocab[tok] or (
                vocab[var] and vocab[var] == vocab[tok] and _confusables(var) < _confusables(tok)
            ):
                fixes.append(f"'{tok}' read as '{var}' (l/I/1 OCR slip; '{var}' occurs elsewhere)")
                return var
        return tok

    given = " ".join(fix(t) for t in name.given.split())
    family = " ".join(fix(t) for t in name.family.split())
    return PersonName(name.kind, given, family, name.initial, name.raw, name.uncertain)


def _confusables(tok: str) -> int:
    return sum(tok.count(ch) for ch in "Il1")


def _resolve_people(
    mentions: list[tuple[Mention, Extracted]],
    known: Sequence[Node],
    res: Resolution,
    anchored: frozenset[int] = frozenset(),
) -> None:
    parsed: list[tuple[Mention, Extracted, PersonName]] = []
    for m, ex in mentions:
        pn = parse_person(m.text)
        if pn is None:
            res.ids[id(m)] = None
            res.unresolved.append(
                Unresolved("Person", m.text, m.ev.document, m.ev.line, "not a person name")
            )
            continue
        parsed.append((m, ex, pn))
    known_people = [(n, parse_person(n.name)) for n in known if n.label == "Person"]
    vocab: Counter = Counter()
    for _, _, pn in parsed:
        if pn.kind == "full":
            vocab.update(pn.given.split())
            vocab.update(pn.family.split())
    for _, kp in known_people:
        if kp and kp.kind == "full":
            vocab.update(kp.given.split())
            vocab.update(kp.family.split())
    fixes_by_mention: dict[int, list[str]] = {}
    fixed: list[tuple[Mention, Extracted, PersonName]] = []
    for m, ex, pn in parsed:
        fixes: list[str] = [
            f"'{t}' read as 'I{t[1:]}' (a name cannot start lower-case: l/I OCR slip)"
            for t in re.split(r"[\s,]+", m.text)
            if len(t) > 1 and t[0] == "l" and t[1:].isalpha() and t[1:].islower()
        ]
        pn2 = (
            _fix_tokens(pn, vocab, fixes) if pn.kind in ("full", "given_initial", "single") else pn
        )
        if pn.kind == "single" and not fixes:
            pn2 = pn
        if fixes:
            fixes_by_mention[id(m)] = fixes
        fixed.append((m, ex, pn2))

    clusters: list[_Cluster] = []
    for node, kp in known_people:
        c = _Cluster(known=node)
        if kp and kp.kind == "full":
            c.givens[kp.given] += 1
            c.families[kp.family] += 1
        else:
            c.partial = node.name
        clusters.append(c)
    by_key: dict[tuple[str, str], _Cluster] = {}
    for c in clusters:
        if c.families:
            by_key.setdefault((c.fkey(), fold(next(iter(c.givens)))), c)
        for alias in c.known.aliases if c.known else []:
            ap = parse_person(alias)
            if ap and ap.kind == "full":
                by_key.setdefault((fold(ap.family), fold(ap.given)), c)
    for m, _ex, pn in fixed:
        if pn.kind != "full":
            continue
        key = (fold(pn.family), fold(pn.given))
        c = by_key.get(key)
        if c is None:
            c = _Cluster()
            clusters.append(c)
            by_key[key] = c
        c.givens[pn.given] += 1
        c.families[pn.family] += 1
        if pn.middle:
            c.middles.add(pn.middle)
        c.mentions.append(m)
    # merge clusters of one family whose given names are compatible (only clusters with
    # the same family key can merge, so each family is settled on its own)
    families: dict[str, list[_Cluster]] = {}
    for c in clusters:
        if c.families:
            families.setdefault(c.fkey(), []).append(c)
    dropped: set[int] = set()
    for group in families.values():
        merged = True
        while merged:
            merged = False
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    if a.known and b.known:
                        continue
                    why = next(
                        (
                            w
                            for ga in a.givens
                            for gb in b.givens
                            if (w := given_compatible(ga, gb))
                        ),
                        "",
                    )
                    if why:
                        keep, drop = (a, b) if (a.known or not b.known) else (b, a)
                        keep.givens.update(drop.givens)
                        keep.families.update(drop.families)
                        keep.mentions.extend(drop.mentions)
                        keep.middles |= drop.middles
                        keep.reasons.append(
                            f"{' / '.join(drop.givens)} ~ {' / '.join(keep.givens)}: {why}"
                        )
                        group.remove(drop)
                        dropped.add(id(drop))
                        merged = True
                        break
                if merged:
                    break
    clusters = [c for c in clusters if id(c) not in dropped]
    # partial forms
    full = [c for c in clusters if c.families]
    partial_clusters: dict[str, _Cluster] = {fold(c.partial): c for c in clusters if c.partial}
    for m, _ex, pn in fixed:
        if pn.kind == "full":
            continue
        cands, why = _partial_candidates(pn, full)
        if len(cands) == 1:
            cands[0].mentions.append(m)
            cands[0].reasons.append(f"'{m.text}': {why}")
            continue
        if len(cands) > 1:
            res.ids[id(m)] = None
            res.unresolved.append(
                Unresolved(
                    "Person",
                    m.text,
                    m.ev.document,
                    m.ev.line,
                    f"ambiguous: {why} fits several people; not merged",
                    sorted(_display(c) for c in cands),
                )
            )
            continue
        key = fold(pn.display)
        c = partial_clusters.get(key)
        if c is None and (id(m) not in anchored or pn.kind != "single"):
            # initials and 'Ann B' forms only make sense once the full name is known
            why = (
                "initials or a given name with a family initial that no full name in the "
                "documents fits; listed, not loaded (what is said about it is skipped)"
                if pn.kind != "single"
                else "partial name that no full name in the documents fits, and nothing is "
                "stated about it; listed, not loaded"
            )
            res.ids[id(m)] = None
            res.reasons[id(m)] = "unresolved partial name"
            res.unresolved.append(
                Unresolved("Person", m.text, m.ev.document, m.ev.line, why, _near_misses(pn, full))
            )
            continue
        if c is None:
            c = _Cluster(partial=pn.display if pn.kind != "initialism" else pn.raw)
            partial_clusters[key] = c
            clusters.append(c)
            near = _near_misses(pn, full)
            res.unresolved.append(
                Unresolved(
                    "Person",
                    m.text,
                    m.ev.document,
                    m.ev.line,
                    "no full name in the documents fits this partial name; kept as its own node"
                    + (
                        "; a similar surname exists but spelling differs, so not merged"
                        if near
                        else ""
                    ),
                    near,
                )
            )
        c.mentions.append(m)
    for c in clusters:
        if not c.mentions and not c.known:
            continue
        if c.known:
            nid, name = c.known.id, c.known.name
        elif c.families:
            given, family = _best(c.givens), _best(c.families)
            name = f"{given} {family}"
            nid = node_id("Person", f"{id_given(given)} {family}")
        else:
            name = c.partial
            nid = node_id("Person", c.partial)
        res.names.setdefault(nid, name)
        res.labels[nid] = "Person"
        for m in c.mentions:
            res.ids[id(m)] = nid
        surfaces = sorted({m.text.strip() for m in c.mentions})
        notes = list(dict.fromkeys(c.reasons))
        for m in c.mentions:
            notes.extend(fixes_by_mention.get(id(m), []))
        docs = sorted({m.ev.document for m in c.mentions})
        if len(surfaces) > 1 or notes or (c.known and c.mentions):
            reason = "; ".join(dict.fromkeys(notes)) or (
                "same name written 'Last, First' and 'First Last', or in another case"
                if len(surfaces) > 1
                else "matches a node already in the store"
            )
            if c.known and "store" not in reason:
                reason = f"matches a node already in the store; {reason}"
            if len(docs) > 1:
                reason += f" (named in {', '.join(docs)})"
            res.merges.append(MergeRecord("Person", nid, surfaces, reason))


def _display(c: _Cluster) -> str:
    if c.known:
        return c.known.name
    if c.families:
        return f"{_best(c.givens)} {_best(c.families)}"
    return c.partial


def _partial_candidates(pn: PersonName, full: list[_Cluster]) -> tuple[list[_Cluster], str]:
    if pn.kind == "given_initial":
        out = [
            c
            for c in full
            if any(given_compatible(pn.given, g) for g in c.givens)
            and any(fold(f)[:1] == pn.initial.lower() for f in c.families)
        ]
        return out, f"given name '{pn.given}' plus family initial '{pn.initial}'"
    if pn.kind == "single":
        tok = pn.given
        exact = [
            c
            for c in full
            if any(fold(g) == fold(tok) for g in c.givens)
            or any(fold(f) == fold(tok) for f in c.families)
        ]
        if exact:
            return exact, f"'{tok}' is the given or family name"
        out = [c for c in full if any(given_compatible(tok, g).startswith("'") for g in c.givens)]
        return out, f"'{tok}' is a short form of the given name"
    if pn.kind == "initialism":
        ini = pn.raw.upper()
        out = []
        for c in full:
            g, f = c.initials()
            if _initials_fit(ini, g, f) or any(ini == g + mid + f for mid in c.middles):
                out.append(c)
        return out, f"initials '{ini}'"
    return [], ""


def _initials_fit(ini: str, g: str, f: str) -> bool:
    """'JQSJ' fits J + SJ (a middle initial); 'XJD' fits J + D (a leading initial)."""
    if not g or not f:
        return False
    if ini == g + f:
        return True
    if len(ini) == len(g) + len(f) + 1:
        if ini.startswith(g) and ini.endswith(f):
            return True
        if ini[1:] == g + f:
            return True
    return False


def _near_misses(pn: PersonName, full: list[_Cluster]) -> list[str]:
    tok = fold(pn.given or pn.family or pn.raw)
    if len(tok) < 5 or pn.kind != "single":
        return []
    return sorted(
        _display(c) for c in full if any(edit_distance(fold(f), tok) == 1 for f in c.families)
    )


# ----------------------------------------------------------------------------- entry point


def resolve(extracted: Sequence[Extracted], known: Sequence[Node] = ()) -> Resolution:
    """Resolve all mentions of all documents jointly (and against stored nodes)."""
    res = Resolution()
    by_label: dict[str, list[tuple[Mention, Extracted]]] = defaultdict(list)
    for ex in extracted:
        for m in ex.mentions:
            by_label[m.label].append((m, ex))
    anchored = frozenset(id(m) for ex in extracted for f in ex.facts for m in (f.source, f.target))
    _resolve_people(by_label.pop("Person", []), known, res, anchored)
    for label in sorted(by_label):
        _resolve_label(label, by_label[label], known, res)
    return res
