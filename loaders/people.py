"""Resolve person mentions: rules over name forms, each merge with its rule and reason.

Rules, strongest first:

* ``same-name`` / ``last-first-order``: the same given and family name ('Doe, Jane' =
  'Jane Doe'; case, accents, spacing and hyphens do not matter);
* ``ocr-slip``: an l/I/1 slip fixed against a spelling that occurs elsewhere;
* ``short-given-name``: one family, and a common short form or the start of the given
  name ('Wil' ~ 'William');
* ``given-and-initial`` ('Ann B', 'JoeC'), ``single-name`` ('Quincy'), ``initials``
  ('JQSJ'): a partial form binds to the single full name it fits; several fits are
  listed, not merged;
* ``one-letter-typo+agreement``: names one letter apart (not an OCR slip) merge only
  when an institution, role or team of the two agrees; otherwise they are listed as a
  possible duplicate.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from orggraph.graph.model import Evidence, Node

from .facts import Extracted, Mention
from .merging import Groups, Link, MergeStep, Unresolved, group_known, items_of
from .names import (
    DIMINUTIVES,
    PersonName,
    deletions,
    family_initials,
    fold,
    given_compatible,
    given_initials,
    id_given,
    ocr_variants,
    one_apart,
    parse_person,
)
from .rules import Relations

PARTIAL_RULES = {
    "given_initial": "given-and-initial",
    "single": "single-name",
    "initialism": "initials",
}
TYPO = "one-letter-typo+agreement"
TYPO_MIN = 5  # shorter names one letter apart are too often different names


@dataclass(slots=True)
class PersonOutcome:
    """Person ids and names, plus what could not be resolved."""

    ids: dict[int, str | None] = field(default_factory=dict)  # id(mention) -> node id
    names: dict[str, str] = field(default_factory=dict)
    reasons: dict[int, str] = field(default_factory=dict)
    unresolved: list[Unresolved] = field(default_factory=list)
    extra_steps: dict[int, list[MergeStep]] = field(default_factory=dict)  # root -> steps


def person_norm(text: str) -> str:
    """'Doe, Jane' and 'Jane Doe' share this key (decisions match names by it)."""
    pn = parse_person(text) or parse_person(text.title())  # a decision typed in lower case
    if pn is not None and pn.kind == "full":
        return f"{fold(pn.family)}|{fold(pn.given)}"
    return fold(text)


def _canon(given: str) -> set[str]:
    g = fold(given)
    return {g, *DIMINUTIVES.get(g, ())}


def _clash(ga: str, gb: str) -> bool:
    """Given names that cannot be one person's (not equal, no short form, prefix or slip)."""
    if given_compatible(ga, gb):
        return False
    return not (_canon(ga) & _canon(gb))


class _People:
    def __init__(
        self,
        mentions: list[tuple[Mention, Extracted]],
        known: Sequence[Node],
        relations: Relations,
        anchored: frozenset[int],
    ) -> None:
        self.out = PersonOutcome()
        self.relations = relations
        ok: list[tuple[Mention, Extracted]] = []
        for m, ex in mentions:
            if parse_person(m.text) is None:
                self.out.ids[id(m)] = None
                self.out.unresolved.append(
                    Unresolved("Person", m.text, m.ev.document, m.ev.line, "not a person name")
                )
            else:
                ok.append((m, ex))
        self.items = items_of("Person", ok, known, person_norm)
        self.parsed: list[PersonName | None] = [parse_person(it.text) for it in self.items]
        self.fixes: list[list[str]] = [[] for _ in self.items]
        self.anchored = [any(id(m) in anchored for m, _ in it.mentions) for it in self.items]
        self.settled: set[int] = set()  # ambiguous partial forms: listed, bound to nobody
        self._families: tuple[dict[str, list[int]], dict[str, set[str]]] | None = None
        self._fix_ocr()

    # -- preparation ------------------------------------------------------------

    def _fix_ocr(self) -> None:
        vocab: Counter = Counter()
        for it, pn in zip(self.items, self.parsed, strict=True):
            if pn is not None and pn.kind == "full" and (it.is_new or it.text == it.known.name):  # type: ignore[union-attr]
                weight = len(it.mentions) or 1
                for tok in [*pn.given.split(), *pn.family.split()]:
                    vocab[tok] += weight
        for k, (it, pn) in enumerate(zip(self.items, self.parsed, strict=True)):
            if pn is None or not it.is_new:
                continue
            fixes = [
                f"'{t}' read as 'I{t[1:]}' (a name cannot start lower-case: l/I OCR slip)"
                for t in re.split(r"[\s,]+", it.text)
                if len(t) > 1 and t[0] == "l" and t[1:].isalpha() and t[1:].islower()
            ]
            if pn.kind in ("full", "given_initial", "single"):
                fixed = _fix_tokens(pn, vocab, fixes)
                pn = pn if pn.kind == "single" and not fixes else fixed
            self.parsed[k] = pn
            self.fixes[k] = fixes

    def _full(self, k: int) -> PersonName | None:
        pn = self.parsed[k]
        return pn if pn is not None and pn.kind == "full" else None

    def check(self, a: list[int], b: list[int]) -> str:
        """Two groups whose full names cannot be one person's."""
        for i in a:
            pa = self._full(i)
            if pa is None:
                continue
            for j in b:
                pb = self._full(j)
                if pb is None:
                    continue
                fa, fb = fold(pa.family), fold(pb.family)
                if fa != fb and not one_apart(fa, fb):
                    return f"family names '{pa.family}' and '{pb.family}' differ"
                if _clash(pa.given, pb.given):
                    return f"given names '{pa.given}' and '{pb.given}' are different names"
        return ""

    def context(self, members: list[int]) -> set[tuple[str, str]]:
        out: set[tuple[str, str]] = set()
        for i in members:
            for m, _ in self.items[i].mentions:
                out |= self.relations.person_context.get(id(m), set())
        return out

    def _why(self, k: int, why: str) -> str:
        return "; ".join([why, *self.fixes[k]])

    # -- rules ------------------------------------------------------------------

    def rules(self, groups: Groups) -> None:
        """Apply the rules, strongest first (after any confirm decisions)."""
        self._full_names(groups)
        self._short_names(groups)
        self._typos(groups)
        self._partials(groups)

    def _full_names(self, groups: Groups) -> None:
        same: dict[str, list] = defaultdict(list)
        order: dict[str, list] = defaultdict(list)
        slip: dict[str, list] = defaultdict(list)
        for k, it in enumerate(self.items):
            pn = self._full(k)
            if pn is None:
                continue
            key = f"p:{fold(pn.family)}|{fold(pn.given)}"
            ev = tuple(it.evidence()[:1])
            if self.fixes[k]:
                slip[key].append((k, "; ".join(self.fixes[k]), ev))
                continue
            form = "lf" if "," in it.text else "fl"
            same[f"{key}|{form}"].append(
                (k, "same name (case, accents, spacing or hyphens differ)", ev)
            )
            order[key].append((k, "same name written 'Last, First' and 'First Last'", ev))
        groups.link_keys("same-name", same)
        groups.link_keys("last-first-order", order)
        groups.link_keys("ocr-slip", slip)

    def _family_pairs(self) -> list[tuple[int, int, str]]:
        """Full-name items of one family whose given names differ: (a, b, why)."""
        by_family: dict[str, list[int]] = defaultdict(list)
        for k in range(len(self.items)):
            pn = self._full(k)
            if pn is not None:
                by_family[fold(pn.family)].append(k)
        pairs = []
        for members in by_family.values():
            for x, a in enumerate(members):
                for b in members[x + 1 :]:
                    pa, pb = self._full(a), self._full(b)
                    assert pa is not None and pb is not None
                    if fold(pa.given) != fold(pb.given):
                        why = given_compatible(pa.given, pb.given)
                        if why:
                            pairs.append((a, b, why))
        return pairs

    def _short_names(self, groups: Groups) -> None:
        cands: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for a, b, why in self._family_pairs():
            if "one letter" in why:
                continue
            pa, pb = self._full(a), self._full(b)
            assert pa is not None and pb is not None
            short, long = (a, b) if len(fold(pa.given)) <= len(fold(pb.given)) else (b, a)
            cands[short].append((long, why))
        for short in sorted(cands, key=lambda k: self.items[k].text):
            roots = {groups.find(long) for long, _ in cands[short]} - {groups.find(short)}
            clash = next(
                (w for ra in roots for rb in roots if ra < rb and (w := groups.why_apart(ra, rb))),
                "",
            )
            if clash:
                for long, why in cands[short]:
                    groups.duplicate(
                        self.items[short],
                        self.items[long],
                        "short-given-name",
                        f"{why}, but it fits several people ({clash}); not merged",
                    )
                continue
            for long, why in cands[short]:
                sp, lp = self._full(short), self._full(long)
                assert sp is not None and lp is not None
                reason = self._why(short, f"{sp.given} ~ {lp.given}: {why}")
                groups.union(Link(short, long, "short-given-name", reason, self._evs(short, long)))

    def _evs(self, a: int, b: int) -> tuple[Evidence, ...]:
        return tuple(dict.fromkeys([*self.items[a].evidence()[:1], *self.items[b].evidence()[:1]]))

    def _typos(self, groups: Groups) -> None:
        pairs = [(a, b, why) for a, b, why in self._family_pairs() if "one letter" in why]
        by_family, _ = self._family_index()
        fams = sorted(f for f in by_family if len(f) >= TYPO_MIN)
        for fa, fb in self._near_pairs(fams):
            for a in by_family[fa]:
                for b in by_family[fb]:
                    pa, pb = self._full(a), self._full(b)
                    assert pa is not None and pb is not None
                    if fold(pa.given) == fold(pb.given) or given_compatible(pa.given, pb.given):
                        why = f"family names '{pa.family}' and '{pb.family}' differ by one letter"
                        pairs.append((a, b, why))
        for a, b, why in pairs:
            self._typo_link(groups, a, b, why)

    def _typo_link(self, groups: Groups, a: int, b: int, why: str) -> bool:
        ra, rb = groups.find(a), groups.find(b)
        if ra == rb:
            return True
        shared = self.context(groups.members[ra]) & self.context(groups.members[rb])
        ia, ib = self.items[a], self.items[b]
        if not shared:
            groups.duplicate(
                ia,
                ib,
                TYPO,
                f"'{ia.text}' and '{ib.text}': {why}, and nothing else agrees (no shared "
                "institution, role or team); kept apart",
            )
            return False
        kind, value = sorted(shared)[0]
        agree = f"both have {kind} '{value}'"
        return groups.union(
            Link(a, b, TYPO, f"'{ia.text}' ~ '{ib.text}': {why}, and {agree}", self._evs(a, b))
        )

    def _partials(self, groups: Groups) -> None:
        partial = [k for k, pn in enumerate(self.parsed) if pn is not None and pn.kind != "full"]
        fitted: set[int] = set()
        index = self._full_groups(groups)
        for k in partial:
            it = self.items[k]
            if not it.is_new or self._in_full_group(groups, k):
                continue
            pn = self.parsed[k]
            assert pn is not None
            reps, why = self._candidates(index, pn)
            roots = {groups.find(r) for r in reps}
            if len(roots) == 1:
                root = next(iter(roots))
                rule, reason = PARTIAL_RULES[pn.kind], self._why(k, f"'{it.text}': {why}")
                for target in self._forms(groups, root):
                    groups.union(Link(k, target, rule, reason, self._evs(k, target)))
                fitted.add(k)
            elif len(roots) > 1:
                self.settled.add(k)
                names = sorted(self._display(groups, r) for r in roots)
                for m, _ in it.mentions:
                    self.out.ids[id(m)] = None
                    self.out.unresolved.append(
                        Unresolved(
                            "Person",
                            m.text,
                            m.ev.document,
                            m.ev.line,
                            f"ambiguous: {why} fits several people; not merged",
                            names,
                        )
                    )
                fitted.add(k)
            elif pn.kind == "single" and self._near(groups, k):
                fitted.add(k)
        # the rest: one partial form = one partial name, bound to a stored node of that name
        by_key: dict[str, list[tuple[int, str, tuple]]] = defaultdict(list)
        for k in partial:
            pn = self.parsed[k]
            assert pn is not None
            if k in fitted and self.items[k].is_new:
                continue
            if self._in_full_group(groups, k):
                continue
            key = fold(pn.display if pn.kind != "initialism" else pn.raw)
            by_key[f"q:{key}"].append((k, "same partial name", tuple(self.items[k].evidence()[:1])))
        groups.link_keys("same-name", by_key)

    def _forms(self, groups: Groups, root: int) -> list[int]:
        """One full-name item per surface form of a group (a new one where there is one)."""
        forms: dict[str, int] = {}
        for i in sorted(groups.members[root], key=lambda i: (not self.items[i].is_new, i)):
            if self._full(i) is not None:
                forms.setdefault(self.items[i].text, i)
        return [forms[t] for t in sorted(forms)]

    def _near(self, groups: Groups, k: int) -> bool:
        """A single name one letter from a family name: merged only when something agrees."""
        pn = self.parsed[k]
        assert pn is not None
        tok = fold(pn.given)
        if len(tok) < TYPO_MIN:
            return False
        merged = False
        for j in self._one_letter_from(tok):
            pj = self._full(j)
            assert pj is not None
            if _ocr_pair(fold(pj.family), tok):
                continue
            why = f"'{pn.given}' and the family name '{pj.family}' differ by one letter"
            merged = self._typo_link(groups, k, j, why) or merged
        return merged

    def _in_full_group(self, groups: Groups, k: int) -> bool:
        return any(self._full(i) is not None for i in groups.members[groups.find(k)])

    def _full_groups(self, groups: Groups) -> _FullIndex:
        """The groups with a full name, indexed for fitting partial forms to them."""
        index = _FullIndex()
        members: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.items)):
            if self._full(i) is not None:
                members[groups.find(i)].append(i)
        for ms in members.values():
            rep = min(ms)
            fulls = [self._full(i) for i in ms]
            givens = [p.given for p in fulls if p is not None]
            families = [p.family for p in fulls if p is not None]
            index.givens[rep], index.families[rep] = givens, families
            index.initials[rep] = (
                given_initials(_best(Counter(givens))),
                family_initials(_best(Counter(families))),
                {p.middle for p in fulls if p is not None and p.middle},
            )
            for g in givens:
                index.by_given[fold(g)].add(rep)
            for f in families:
                index.by_family[fold(f)].add(rep)
                index.by_initial[fold(f)[:1]].add(rep)
        return index

    def _candidates(self, index: _FullIndex, pn: PersonName) -> tuple[set[int], str]:
        """The full-name groups (by representative item) a partial form fits, and how."""
        if pn.kind == "given_initial":
            out = {
                r
                for r in index.by_initial.get(pn.initial.lower(), set())
                if any(given_compatible(pn.given, g) for g in index.givens[r])
            }
            return out, f"given name '{pn.given}' plus family initial '{pn.initial}'"
        if pn.kind == "single":
            tok = fold(pn.given)
            exact = index.by_given.get(tok, set()) | index.by_family.get(tok, set())
            if exact:
                return set(exact), f"'{pn.given}' is the given or family name"
            forms = set(DIMINUTIVES.get(tok, ())) | {
                short for short, longs in DIMINUTIVES.items() if tok in longs
            }
            out = {r for form in forms for r in index.by_given.get(form, set())}
            return out, f"'{pn.given}' is a short form of the given name"
        ini = pn.raw.upper()
        out = {
            r
            for r, (g, f, middles) in index.initials.items()
            if _initials_fit(ini, g, f) or any(ini == g + mid + f for mid in middles)
        }
        return out, f"initials '{ini}'"

    def _display(self, groups: Groups, root: int) -> str:
        members = groups.members[root]
        known = group_known(self.items, members)
        if known is not None:
            return known.name
        given, family = self._spelling(members)
        return f"{given} {family}" if family else self.items[members[0]].text

    def _spelling(self, members: list[int]) -> tuple[str, str]:
        givens: Counter = Counter()
        families: Counter = Counter()
        for i in members:
            pn = self._full(i)
            if pn is not None:
                n = len(self.items[i].mentions) or 1
                givens[pn.given] += n
                families[pn.family] += n
        if not families:
            return "", ""
        return _best(givens), _best(families)

    # -- outcome ----------------------------------------------------------------

    def finish(self, groups: Groups) -> PersonOutcome:
        out = self.out
        for root, members in groups.groups().items():
            new = [i for i in members if self.items[i].is_new and i not in self.settled]
            if not new:
                continue
            known = group_known(self.items, members)
            given, family = self._spelling(members)
            if known is not None:
                nid, name = known.id, known.name
            elif family:
                name = f"{given} {family}"
                nid = _person_id(f"{id_given(given)} {family}")
            else:
                loaded = [i for i in new if self.anchored[i] and self.parsed[i].kind == "single"]  # type: ignore[union-attr]
                if not loaded:
                    self._not_loaded(groups, new)
                    continue
                first = self.items[loaded[0]]
                pn = self.parsed[loaded[0]]
                assert pn is not None
                name = pn.display if pn.kind != "initialism" else pn.raw
                nid = _person_id(name)
                m = first.mentions[0][0]
                out.unresolved.append(
                    Unresolved(
                        "Person",
                        m.text,
                        m.ev.document,
                        m.ev.line,
                        "no full name in the documents fits this partial name; kept as its own node"
                        + (
                            "; a similar surname exists but spelling differs, so not merged"
                            if self._near_names(loaded[0])
                            else ""
                        ),
                        self._near_names(loaded[0]),
                    )
                )
            out.names.setdefault(nid, name)
            for i in new:
                for m, _ in self.items[i].mentions:
                    if id(m) not in out.ids:
                        out.ids[id(m)] = nid
            steps = [
                MergeStep(
                    "ocr-slip",
                    [self.items[i].text],
                    "; ".join(self.fixes[i]),
                    self.items[i].evidence()[:1],
                    sorted(self.items[i].docs),
                )
                for i in new
                if self.fixes[i]
            ]
            if steps:
                out.extra_steps[root] = steps
        return out

    def _not_loaded(self, groups: Groups, new: list[int]) -> None:
        for i in new:
            pn = self.parsed[i]
            assert pn is not None
            why = (
                "initials or a given name with a family initial that no full name in the "
                "documents fits; listed, not loaded (what is said about it is skipped)"
                if pn.kind != "single"
                else "partial name that no full name in the documents fits, and nothing is "
                "stated about it; listed, not loaded"
            )
            for m, _ in self.items[i].mentions:
                if id(m) in self.out.ids:
                    continue
                self.out.ids[id(m)] = None
                self.out.reasons[id(m)] = "unresolved partial name"
                self.out.unresolved.append(
                    Unresolved("Person", m.text, m.ev.document, m.ev.line, why, self._near_names(i))
                )

    def _near_names(self, k: int) -> list[str]:
        pn = self.parsed[k]
        if pn is None or pn.kind != "single":
            return []
        tok = fold(pn.given)
        if len(tok) < TYPO_MIN:
            return []
        return sorted({self._display_item(j) for j in self._one_letter_from(tok)})

    def _family_index(self) -> tuple[dict[str, list[int]], dict[str, set[str]]]:
        """Full-name items by folded family name, and family names by their deletions."""
        if self._families is None:
            by_family: dict[str, list[int]] = defaultdict(list)
            by_deletion: dict[str, set[str]] = defaultdict(set)
            for j in range(len(self.items)):
                pj = self._full(j)
                if pj is not None:
                    fam = fold(pj.family)
                    by_family[fam].append(j)
                    for d in deletions(fam):
                        by_deletion[d].add(fam)
            self._families = (by_family, by_deletion)
        return self._families

    def _one_letter_from(self, tok: str) -> list[int]:
        """Full-name items whose family name is one letter from ``tok``."""
        by_family, by_deletion = self._family_index()
        fams = {f for d in deletions(tok) for f in by_deletion.get(d, ())}
        return [j for f in sorted(fams) if one_apart(f, tok) for j in by_family[f]]

    def _near_pairs(self, fams: list[str]) -> list[tuple[str, str]]:
        """Pairs of ``fams`` one letter apart, not by an l/I/1 slip."""
        _, by_deletion = self._family_index()
        wanted = set(fams)
        out = set()
        for fa in fams:
            for d in deletions(fa):
                for fb in by_deletion.get(d, ()):
                    if fb in wanted and fa < fb and one_apart(fa, fb) and not _ocr_pair(fa, fb):
                        out.add((fa, fb))
        return sorted(out)

    def _display_item(self, j: int) -> str:
        it = self.items[j]
        if it.known is not None:
            return it.known.name
        pn = self._full(j)
        return f"{pn.given} {pn.family}" if pn else it.text


@dataclass(slots=True)
class _FullIndex:
    """Full-name groups by representative item: their names, initials, and lookups."""

    givens: dict[int, list[str]] = field(default_factory=dict)
    families: dict[int, list[str]] = field(default_factory=dict)
    initials: dict[int, tuple[str, str, set[str]]] = field(default_factory=dict)
    by_given: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_family: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_initial: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))


def _ocr_pair(a: str, b: str) -> bool:
    """Do two strings differ only by one l/I/1 confusion?"""
    return len(a) == len(b) and any(
        {x, y} <= set("li1") for x, y in zip(a, b, strict=True) if x != y
    )


def _person_id(text: str) -> str:
    from .resolve import node_id

    return node_id("Person", text)


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


def _confusables(tok: str) -> int:
    return sum(tok.count(ch) for ch in "Il1")


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
    return PersonName(name.kind, given, family, name.initial, name.raw, name.uncertain, name.middle)


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


People = _People
