"""Two documents about the same organisation, compared fact by fact, with evidence from both.

Every stored node and relationship lists the ``documents`` that state it, and each
evidence string starts with its document, so one merged graph holds both sides.
A kind of fact (role holdings, managers, ...) is compared only when both documents
state some facts of that kind; otherwise a note says why it was left out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from orggraph.cypher import default_registry
from orggraph.graph.analysis.models import DiffItem, DocumentDiff, EvidenceItem, Side, evidence
from orggraph.graph.schema import SEP
from orggraph.graph.service.resolver import resolve
from orggraph.graph.stores.base import Row, Store

WBS_CODE = re.compile(r"^\d+\.\d+[a-z]?(?:\.\d+)?$")
#: relationship type -> the field name a change of it is reported under
_FIELDS = {"HOLDS": "roles", "MEMBER_OF": "teams", "MANAGES": "manager", "OWNS": "owner"}

#: facts read from the product's side (Person -MANAGES-> Product is a fact about the product)
_INBOUND = frozenset({"MANAGES", "OWNS"})

# (type, document) -> entity id -> other end's id -> (other end's name, evidence)
Facts = dict[tuple[str, str], dict[str, dict[str, tuple[str, list[EvidenceItem]]]]]


def document_name(store: Store, ref: str) -> str:
    """The file name of the loaded document ``ref`` names (file name or handle)."""
    return resolve(store, ref, "Document").name or ref


def _facts(edges: list[Row], docs: tuple[str, str]) -> Facts:
    facts: Facts = defaultdict(lambda: defaultdict(dict))
    for e in edges:
        for doc in docs:
            if doc in (e["documents"] or []):
                ev = evidence(e["sources"], doc)
                if e["type"] in _INBOUND:
                    key, other, name = e["target"], e["source"], e["source_name"]
                else:
                    key, other, name = e["source"], e["target"], e["target_name"]
                facts[(e["type"], doc)][key][other] = (name or other, ev)
    return facts


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


def document_diff(store: Store, from_ref: str, to_ref: str) -> DocumentDiff:
    """What changed from document ``from_ref`` to document ``to_ref``."""
    a, b = document_name(store, from_ref), document_name(store, to_ref)
    if a == b:
        raise ValueError(f"both sides name the same document {a!r}: compare two documents")
    registry = default_registry()
    nodes = registry.run(store, "diff_nodes", from_doc=a, to_doc=b)
    facts = _facts(registry.run(store, "diff_edges", from_doc=a, to_doc=b), (a, b))
    notes: list[str] = []
    comparable: dict[str, bool] = {}
    for rel in _FIELDS:
        silent = [d for d in (a, b) if not facts.get((rel, d))]
        comparable[rel] = not silent
        if silent:
            notes.append(
                f"{' and '.join(silent)} state(s) no {rel} facts: {_FIELDS[rel]} not compared"
            )

    def item(node: Row, change: str, field: str = "", before: Side | None = None,
             after: Side | None = None) -> DiffItem:
        return DiffItem(id=node["id"], label=node["label"], name=node["name"] or node["id"],
                        change=change, field=field, before=before or Side(),
                        after=after or Side())

    out: dict[str, list[DiffItem]] = {
        k: [] for k in ("people_roles", "roles", "teams", "wbs", "product_managers", "people")
    }
    section = {"Person": "people", "Role": "roles", "Team": "teams"}
    for node in nodes:
        docs = node["documents"] or []
        in_a, in_b = a in docs, b in docs
        label = node["label"]
        if in_a != in_b:
            if label in section:
                doc = a if in_a else b
                side = Side(values=[node["name"]], evidence=evidence(node["sources"], doc))
                out[section[label]].append(
                    item(node, "removed" if in_a else "added",
                         before=side if in_a else None, after=None if in_a else side)
                )
            continue
        nid = node["id"]
        if label == "Role":
            (wa, ea), (wb, eb) = _wbs(node, a), _wbs(node, b)
            if wa and wb and wa != wb:
                out["wbs"].append(item(node, "changed", "wbs", Side(values=wa, evidence=ea),
                                       Side(values=wb, evidence=eb)))
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
    summary: dict[str, Any] = {k: len(v) for k, v in out.items()}
    return DocumentDiff(from_document=a, to_document=b, summary=summary, notes=notes, **out)
