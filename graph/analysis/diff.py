"""Two documents about the same organisation, compared fact by fact, with evidence from both.

Every stored node and relationship lists the ``documents`` that state it, and each
evidence string starts with its document, so one merged graph holds both sides.

Like is compared with like, and only what both documents state:

- a field (a person's roles, a role's teams, a product's manager or owner) is compared
  only when both documents state facts of that kind themselves (an inferred fact, such
  as a role read from a parenthesis in a sentence, is no staff table); otherwise a note
  says it was not compared;
- WBS codes are each document's own (as the loaders read and corrected them);
- a person, role or team named in one document only is "added" or "removed" only when
  the other document states the kinds of fact it appears in (people named in a staff
  table are not "removed" by a plan that has no staff table); otherwise it is listed
  under ``not_compared`` with the reason.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from orggraph.cypher import default_registry
from orggraph.graph.analysis.models import DiffItem, DocumentDiff, EvidenceItem, Side, evidence
from orggraph.graph.schema import SEP
from orggraph.graph.service.resolver import resolve
from orggraph.graph.stores.base import Row, Store

WBS_CODE = re.compile(r"^\d+\.\d+[a-z]?(?:\.\d+)?$")
#: relationship type -> the field name a change of it is reported under
_FIELDS = {"HOLDS": "roles", "MEMBER_OF": "teams", "MANAGES": "manager", "OWNS": "owner"}
#: what each field is, for the notes
_KINDS = {"HOLDS": "role holdings", "MEMBER_OF": "team memberships of roles",
          "MANAGES": "product managers", "OWNS": "product owners"}

#: facts read from the product's side (Person -MANAGES-> Product is a fact about the product)
_INBOUND = frozenset({"MANAGES", "OWNS"})
_SECTION = {"Person": "people", "Role": "roles", "Team": "teams"}
_NOUN = {"Person": ("person", "people"), "Role": ("role", "roles"), "Team": ("team", "teams")}

# (type, document) -> entity id -> other end's id -> (other end's name, evidence)
Facts = dict[tuple[str, str], dict[str, dict[str, tuple[str, list[EvidenceItem]]]]]
#: a kind of fact: (type, source label, target label)
Kind = tuple[str, str, str]


def document_name(store: Store, ref: str) -> str:
    """The file name of the loaded document ``ref`` names (file name or handle)."""
    return resolve(store, ref, "Document").name or ref


def _stated(edge: Row) -> bool:
    return edge.get("confidence") != "inferred"


def _facts(edges: list[Row], docs: tuple[str, str]) -> Facts:
    facts: Facts = defaultdict(lambda: defaultdict(dict))
    for e in edges:
        if e["type"] not in _FIELDS:
            continue
        for doc in docs:
            if doc in (e["documents"] or []):
                ev = evidence(e["sources"], doc)
                if e["type"] in _INBOUND:
                    key, other, name = e["target"], e["source"], e["source_name"]
                else:
                    key, other, name = e["source"], e["target"], e["target_name"]
                facts[(e["type"], doc)][key][other] = (name or other, ev)
    return facts


def _kinds(edges: list[Row], docs: tuple[str, str]) -> tuple[
    dict[str, set[Kind]], dict[tuple[str, str], set[Kind]]
]:
    """What each document states itself (kinds of non-inferred facts), and per
    (document, node) the kinds of fact the node appears in there."""
    stated: dict[str, set[Kind]] = {d: set() for d in docs}
    touching: dict[tuple[str, str], set[Kind]] = defaultdict(set)
    for e in edges:
        kind = (e["type"], e["source_label"], e["target_label"])
        for doc in docs:
            if doc in (e["documents"] or []):
                if _stated(e):
                    stated[doc].add(kind)
                touching[(doc, e["source"])].add(kind)
                touching[(doc, e["target"])].add(kind)
    return stated, touching


def _side(targets: dict[str, tuple[str, list[EvidenceItem]]]) -> Side:
    return Side(
        values=sorted(name for name, _ in targets.values()),
        evidence=[e for _, ev in targets.values() for e in ev],
    )


def _codes(quote: str) -> set[str]:
    """WBS codes among a quote's table cells (the quote is a row's key cells, tab-separated)."""
    return {c.strip() for c in quote.split("\t") if WBS_CODE.match(c.strip())}


def _wbs(node: Row, doc: str) -> tuple[list[str], list[EvidenceItem]]:
    """WBS codes the document lists the role under (as the loaders read and corrected
    them, kept per document in ``wbs_src``), and the evidence rows that carry them."""
    prefix = doc + SEP
    codes = sorted(
        {v.removeprefix(prefix) for v in node.get("wbs_src") or [] if v.startswith(prefix)}
    )
    found = evidence(node["sources"], doc) if codes else []
    rows = [e for e in found if _codes(e.quote) & set(codes)]  # an OCR fix: quote differs
    return codes, rows or found


def _names(kinds: Iterable[Kind]) -> str:
    return ", ".join(sorted({k[0] for k in kinds})) or "nodes of this label"


def document_diff(store: Store, from_ref: str, to_ref: str) -> DocumentDiff:
    """What changed from document ``from_ref`` to document ``to_ref``."""
    a, b = document_name(store, from_ref), document_name(store, to_ref)
    if a == b:
        raise ValueError(f"both sides name the same document {a!r}: compare two documents")
    registry = default_registry()
    nodes = registry.run(store, "diff_nodes", from_doc=a, to_doc=b)
    edges = registry.run(store, "diff_edges", from_doc=a, to_doc=b)
    facts = _facts(edges, (a, b))
    stated, touching = _kinds(edges, (a, b))
    labels_in = {d: {n["label"] for n in nodes if d in (n["documents"] or [])} for d in (a, b)}
    notes: list[str] = []
    comparable: dict[str, bool] = {}
    for rel in _FIELDS:
        silent = [d for d in (a, b) if not any(k[0] == rel for k in stated[d])]
        comparable[rel] = not silent
        if silent:
            notes.append(
                f"{' and '.join(silent)} state(s) no {_KINDS[rel]} ({rel}) of their own: "
                f"{_FIELDS[rel]} not compared"
            )

    def item(node: Row, change: str, field: str = "", before: Side | None = None,
             after: Side | None = None) -> DiffItem:
        return DiffItem(id=node["id"], label=node["label"], name=node["name"] or node["id"],
                        change=change, field=field, before=before or Side(),
                        after=after or Side())

    out: dict[str, list[DiffItem]] = {
        k: [] for k in ("people_roles", "roles", "teams", "wbs", "product_managers", "people",
                        "not_compared")
    }
    left_out: dict[tuple[str, str], set[Kind]] = defaultdict(set)  # (label, doc) -> kinds
    left_count: dict[tuple[str, str], int] = defaultdict(int)
    wbs_one_side = 0
    for node in nodes:
        docs = node["documents"] or []
        in_a, in_b = a in docs, b in docs
        label = node["label"]
        if in_a != in_b:
            if label in _SECTION:
                doc, other = (a, b) if in_a else (b, a)
                side = Side(values=[node["name"]], evidence=evidence(node["sources"], doc))
                before, after = (side, None) if in_a else (None, side)
                kinds = touching.get((doc, node["id"]), set())
                if kinds & stated[other] or (not kinds and label in labels_in[other]):
                    out[_SECTION[label]].append(
                        item(node, "removed" if in_a else "added", before=before, after=after)
                    )
                else:
                    left_out[(label, doc)] |= kinds
                    left_count[(label, doc)] += 1
                    out["not_compared"].append(item(
                        node, "not compared", f"only in {doc}; {other} states no "
                        f"{_names(kinds)} facts of its own", before, after,
                    ))
            continue
        nid = node["id"]
        if label == "Role":
            (wa, ea), (wb, eb) = _wbs(node, a), _wbs(node, b)
            if wa and wb and wa != wb:
                out["wbs"].append(item(node, "changed", "wbs", Side(values=wa, evidence=ea),
                                       Side(values=wb, evidence=eb)))
            elif bool(wa) != bool(wb):
                wbs_one_side += 1
        checks: list[tuple[str, str]] = {
            "Role": [("MEMBER_OF", "roles")],
            "Person": [("HOLDS", "people_roles")],
            "Product": [("MANAGES", "product_managers"), ("OWNS", "product_managers")],
        }.get(label, [])
        for rel, where in checks:
            if not comparable[rel]:
                continue
            before = facts[(rel, a)].get(nid, {})
            after = facts[(rel, b)].get(nid, {})
            if set(before) != set(after):
                change = "changed" if before and after else "removed" if before else "added"
                out[where].append(item(node, change, _FIELDS[rel], _side(before), _side(after)))
    for (label, doc), kinds in sorted(left_out.items()):
        other = b if doc == a else a
        count = left_count[(label, doc)]
        noun = _NOUN[label][count != 1]
        notes.append(
            f"{count} {noun} named only in {doc} not compared: {other} states none "
            f"of the kinds of fact {'it appears' if count == 1 else 'they appear'} in "
            f"({_names(kinds)})"
        )
    if wbs_one_side:
        notes.append(f"{wbs_one_side} role(s) in both documents have WBS codes in only one: "
                     "wbs not compared for them")
    summary: dict[str, Any] = {k: len(v) for k, v in out.items()}
    return DocumentDiff(from_document=a, to_document=b, summary=summary, notes=notes, **out)
