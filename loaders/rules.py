"""Merge rules for roles, teams, products, facilities, institutions and milestones.

Each rule is a strategy: it gives every item the keys it can be merged on, with a
reason and evidence, and :meth:`.merging.Groups.link_keys` links the items that share
a key (strongest rule first).  Rules never look at what a name says, only at its form
and at what the documents state about it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from orggraph.graph.model import Evidence

from .facts import Extracted, Fact, Mention
from .keys import plural_key, role_key, same_key
from .lexicon import expand_acronyms
from .merging import Groups, Item
from .stated import StatedPair, names_within, spells_out

Entries = dict[str, list[tuple[int, str, tuple[Evidence, ...]]]]


@dataclass(slots=True)
class Relations:
    """What the facts say around each mention (by ``id(mention)``)."""

    teams_of_role: dict[int, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    holders_of_role: dict[int, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    leads_of_team: dict[int, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    roles_of_team: dict[int, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    #: person mention -> ("role"|"team"|"institution", key) it is tied to
    person_context: dict[int, set[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(set)
    )

    @classmethod
    def of(cls, facts: Sequence[Fact]) -> Relations:
        rel = cls()
        for f in facts:
            s, t = f.source, f.target
            if f.type == "MEMBER_OF" and s.label == "Role" and t.label == "Team":
                rel.teams_of_role[id(s)].append(t)
                rel.roles_of_team[id(t)].append(s)
            elif f.type == "HOLDS":
                rel.holders_of_role[id(t)].append(s)
                rel.person_context[id(s)].add(("role", role_key(t.text)))
                inst = f.props.get("institution")
                if isinstance(inst, str) and inst.strip():
                    rel.person_context[id(s)].add(("institution", same_key("Institution", inst)))
            elif f.type == "AFFILIATED_WITH":
                rel.person_context[id(s)].add(("institution", same_key("Institution", t.text)))
            elif f.type == "LEADS":
                rel.leads_of_team[id(t)].append(s)
                rel.person_context[id(s)].add(("team", same_key("Team", t.text)))
        # a holder is also tied to the team of the role it holds
        for role_id, people in rel.holders_of_role.items():
            for team in rel.teams_of_role.get(role_id, []):
                for p in people:
                    rel.person_context[id(p)].add(("team", same_key("Team", team.text)))
        return rel


@dataclass(slots=True)
class Context:
    """What the rules of one label see."""

    label: str
    items: list[Item]
    glossary: dict[str, dict[str, StatedPair]]  # document -> acronym -> its list entry
    abbreviations: dict[str, list[StatedPair]]  # document -> 'Long Name (LN)' pairs
    renames: list[StatedPair]
    relations: Relations
    id_of: Callable[[Mention], str | None]
    name_of: Callable[[str], str]


def _ev(pair: StatedPair) -> tuple[Evidence, ...]:
    return (Evidence(pair.document, pair.line, pair.quote[:300]),) if pair.line else ()


class MergeRule:
    """A strategy that proposes merges: keys per item (see the module docstring)."""

    name: ClassVar[str] = ""
    labels: ClassVar[frozenset[str] | None] = None  # None: every label but Person
    cross_document: ClassVar[bool] = False

    def applies(self, label: str) -> bool:
        return label != "Person" and (self.labels is None or label in self.labels)

    def entries(self, ctx: Context) -> Entries:
        raise NotImplementedError

    def run(self, ctx: Context, groups: Groups) -> None:
        groups.link_keys(self.name, self.entries(ctx), self.cross_document)


class SameName(MergeRule):
    """Equal after normalisation: case, accents, spacing, punctuation, hyphen breaks,
    '&'/'and' ('EU DC' = 'EUDC'; for teams also the word 'team')."""

    name = "same-name"

    def entries(self, ctx: Context) -> Entries:
        out: Entries = defaultdict(list)
        for i, it in enumerate(ctx.items):
            if it.norm:
                out["n:" + it.norm].append(
                    (i, "same name (case, spacing, punctuation or '&'/'and' differ)", ())
                )
        return out


class SameId(MergeRule):
    """Milestones with the same milestone id (Jira or Rubin id)."""

    name = "same-id"
    labels = frozenset({"Milestone"})

    def entries(self, ctx: Context) -> Entries:
        out: Entries = defaultdict(list)
        for i, it in enumerate(ctx.items):
            for m, _ in it.mentions:
                for prop in ("rubin_id", "jira_id"):
                    value = m.props.get(prop)
                    if isinstance(value, str) and same_key("Milestone", value):
                        out["n:" + same_key("Milestone", value)].append(
                            (i, f"same milestone id '{value}'", (m.ev,) if m.ev else ())
                        )
        return out


class AcronymStated(MergeRule):
    """An acronym and its expansion, only where a document states the link: its acronym
    list, 'Long Name (LN)' in the text, or one line giving both (a product row whose
    notes spell the name out).  Shared words or a plural are not a stated link."""

    name = "acronym-stated"
    labels = frozenset({"Product", "Facility", "Team", "Institution"})

    def entries(self, ctx: Context) -> Entries:
        out: Entries = defaultdict(list)
        for i, it in enumerate(ctx.items):
            for doc in sorted(it.docs):
                self._glossary(ctx, i, it, doc, out)
                for pair in ctx.abbreviations.get(doc, []):
                    if same_key(ctx.label, pair.short) == it.norm:
                        why = (
                            f"'{pair.short}' is written out as '{pair.long}' "
                            f"({doc} line {pair.line})"
                        )
                        out["n:" + same_key(ctx.label, pair.long)].append((i, why, _ev(pair)))
            for m, ex in it.mentions:
                for alias in m.aliases:
                    self._alias(ctx, i, it, m, ex, alias.strip(), out)
        return out

    def _glossary(self, ctx: Context, i: int, it: Item, doc: str, out: Entries) -> None:
        gloss = ctx.glossary.get(doc, {})
        pair = gloss.get(it.text)
        if pair is not None:
            why = f"'{it.text}' is '{pair.long}' in the acronym list of {doc}"
            out["n:" + same_key(ctx.label, pair.long)].append((i, why, _ev(pair)))
        if ctx.label == "Facility":
            acr = {k: v.long for k, v in gloss.items()}
            expanded = expand_acronyms(it.text, acr)
            if expanded != it.text:
                used = [w.strip(".,;:()") for w in it.text.split() if w.strip(".,;:()") in gloss]
                evs = tuple(e for w in used for e in _ev(gloss[w]))
                why = f"'{it.text}' reads '{expanded}' with the acronym list of {doc}"
                out["n:" + same_key(ctx.label, expanded)].append((i, why, evs))

    def _alias(
        self, ctx: Context, i: int, it: Item, m: Mention, ex: Extracted, alias: str, out: Entries
    ) -> None:
        key = same_key(ctx.label, alias)
        if not key or key == it.norm:
            return
        gloss = ctx.glossary.get(ex.doc.name, {})
        stated = gloss.get(alias) or gloss.get(it.text)
        if stated is not None and same_key(ctx.label, stated.long) in (key, it.norm):
            why = f"'{stated.short}' is '{stated.long}' in the acronym list of {ex.doc.name}"
            out["n:" + key].append((i, why, _ev(stated)))
        elif m.table is not None and _long_form(it.text, alias):
            line = m.ev.line if m.ev else 0
            why = f"{ex.doc.name} line {line} (one table row) gives both '{it.text}' and '{alias}'"
            out["n:" + key].append((i, why, (m.ev,) if m.ev else ()))
        elif spells_out(it.text, alias) or spells_out(alias, it.text):
            line = m.ev.line if m.ev else 0
            why = (
                f"{ex.doc.name} line {line} gives both '{it.text}' and '{alias}', "
                "which spells it out"
            )
            out["n:" + key].append((i, why, (m.ev,) if m.ev else ()))


class PluralForm(MergeRule):
    """The same words in the same order, singular or plural ('Algorithms and Pipelines'
    = 'Algorithm and Pipeline'); never between two rows of one table."""

    name = "plural-form"
    labels = frozenset({"Product", "Facility", "Team", "Institution"})

    def entries(self, ctx: Context) -> Entries:
        out: Entries = defaultdict(list)
        for i, it in enumerate(ctx.items):
            key = plural_key(ctx.label, it.text)
            if key:
                out["n:" + key].append((i, "same words, singular or plural", ()))
        return out


class StatedRename(MergeRule):
    """A rename a document states: 'X (formerly Y)', 'X, previously Y', 'Y was renamed X'."""

    name = "stated-rename"

    def entries(self, ctx: Context) -> Entries:
        out: Entries = defaultdict(list)
        by_norm: dict[str, list[int]] = defaultdict(list)
        for i, it in enumerate(ctx.items):
            by_norm[it.norm].append(i)
        for n, pair in enumerate(ctx.renames):
            if not _fits_label(ctx.label, pair):
                continue
            new, old = same_key(ctx.label, pair.short), same_key(ctx.label, pair.long)
            if not by_norm.get(new) or not by_norm.get(old):
                continue
            why = f"'{pair.short}' was formerly '{pair.long}' ({pair.document} line {pair.line})"
            for i in by_norm[new] + by_norm[old]:
                out[f"r:{n}"].append((i, why, _ev(pair)))
        return out


_KIND_WORDS = {
    "Team": ("team", "group", "department"),
    "Role": ("role", "position"),
}


def _fits_label(label: str, pair: StatedPair) -> bool:
    """A rename that says 'team' applies to teams only, 'role' to roles only."""
    said = {
        lab
        for lab, words in _KIND_WORDS.items()
        for text in (pair.short, pair.long)
        if text.split() and text.split()[-1].lower() in words
    }
    return not said or label in said


class SameWbsLineage(MergeRule):
    """Across documents: a role with the same WBS code in the same team (a role renamed
    in place), or a team holding the same role under the same code (a team renamed)."""

    name = "same-wbs-lineage"
    labels = frozenset({"Role", "Team"})
    cross_document = True

    def entries(self, ctx: Context) -> Entries:
        out: Entries = defaultdict(list)
        rel = ctx.relations
        for i, it in enumerate(ctx.items):
            for m, _ in it.mentions:
                if ctx.label == "Role":
                    for code in _codes(m):
                        for team in rel.teams_of_role.get(id(m), []):
                            tid = ctx.id_of(team)
                            if tid:
                                why = f"WBS {code} in team '{ctx.name_of(tid)}' in both documents"
                                out[f"w:{code}|{tid}"].append((i, why, (m.ev,)))
                else:
                    for role in rel.roles_of_team.get(id(m), []):
                        for code in _codes(role):
                            why = f"both list role '{role.text}' as WBS {code}"
                            out[f"t:{code}|{role_key(role.text)}"].append((i, why, (role.ev,)))
        return out


class SameHolder(MergeRule):
    """Across documents: a role held by the same people in the same team, or a team led
    by the same people, where neither name occurs in the other document."""

    name = "same-holder"
    labels = frozenset({"Role", "Team"})
    cross_document = True

    def entries(self, ctx: Context) -> Entries:
        out: Entries = defaultdict(list)
        rel = ctx.relations
        for i, it in enumerate(ctx.items):
            for m, _ in it.mentions:
                people = (
                    rel.holders_of_role.get(id(m), [])
                    if ctx.label == "Role"
                    else rel.leads_of_team.get(id(m), [])
                )
                pids = sorted({p for p in (ctx.id_of(x) for x in people) if p})
                if not pids:
                    continue
                names = ", ".join(ctx.name_of(p) for p in pids)
                if ctx.label == "Role":
                    teams = sorted(
                        {t for t in (ctx.id_of(x) for x in rel.teams_of_role.get(id(m), [])) if t}
                    )
                    key = f"h:{'|'.join(pids)}|{'|'.join(teams)}"
                    why = (
                        f"held by {names}"
                        + (f" in team '{ctx.name_of(teams[0])}'" if teams else "")
                        + " in both documents"
                    )
                else:
                    key = f"l:{'|'.join(pids)}"
                    why = f"led by {names} in both documents"
                out[key].append((i, why, (m.ev,)))
        return out


def _long_form(short: str, long: str) -> bool:
    """A row's second name is its long form: it spells the name out, or holds its words."""
    return any(
        f(a, b) for f in (spells_out, names_within) for a, b in ((short, long), (long, short))
    )


def _codes(m: Mention) -> list[str]:
    wbs = m.props.get("wbs")
    if isinstance(wbs, list):
        return [str(c).strip() for c in wbs if str(c).strip()]
    if isinstance(wbs, str) and wbs.strip():
        return [wbs.strip()]
    return []


#: the rules for every label but Person, in the order they run (strongest first)
RULESET: tuple[MergeRule, ...] = (
    SameName(),
    SameId(),
    AcronymStated(),
    PluralForm(),
    StatedRename(),
    SameWbsLineage(),
    SameHolder(),
)
