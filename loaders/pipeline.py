"""extract(): read, parse, resolve and assemble one DocumentGraph per document."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from orggraph.graph.model import REL_TYPES, DocumentGraph, Edge, Evidence, Node, PropertyValue

from .changes import extract_changes_table
from .decisions import Decisions
from .duties import is_lead_title, split_site
from .facts import Extracted, Fact
from .leads import extract_leads_table
from .lexicon import Lexicon, is_facility_phrase
from .meta import read_meta
from .milestones import extract_milestones_table
from .names import fold
from .products import extract_products_table, note_alias
from .prose import extract_prose, facility_sections, link_milestones
from .relations import extract_relations
from .report import DocumentFailure, LoadReport
from .resolve import Resolution, resolve
from .roles import caption_team, extract_role_table
from .source import Source
from .staff import extract_staff_table
from .structure import extract_figures, extract_lists
from .tables import find_tables, table_lines
from .text import Document, LoadError, read_document
from .wbs import extract_wbs_table, within

_EXPANDED = ("Facility", "Product", "Institution", "Team")
MAX_SOURCES = 12


@dataclass(slots=True)
class Extraction:
    """Result of :func:`extract`: graphs of the documents that loaded, failures, report."""

    graphs: list[DocumentGraph] = field(default_factory=list)
    failures: list[DocumentFailure] = field(default_factory=list)
    report: LoadReport = field(default_factory=LoadReport)


def _read(item: Path | Source) -> Extracted:
    doc = Document.of(item) if isinstance(item, Source) else read_document(item)
    ex = Extracted(doc)
    ex.tables = find_tables(doc)
    for t in ex.tables:
        if t.kind == "acronyms":
            for row in t.rows:
                acr = row.cells.get("acronym", "").strip()
                desc = row.cells.get("description", "").strip()
                if acr and desc:
                    ex.acronyms.setdefault(acr, desc.split(";")[0].strip())
    read_meta(ex)
    return ex


def _lexicon(docs: Sequence[Extracted], known: Sequence[Node]) -> Lexicon:
    lex = Lexicon()
    for ex in docs:
        for acr, desc in ex.acronyms.items():
            lex.acronyms.setdefault(acr, desc)
    for ex in docs:
        for acr, desc in ex.acronyms.items():
            if is_facility_phrase(desc) and desc.lower() not in (
                "data facility",
                "data access center",
            ):
                lex.add_facility(acr)
                lex.add_facility(desc)
        for name, _line, _parent in facility_sections(ex.doc):
            lex.add_facility(name)
        for t in ex.tables:
            if t.kind == "roles":
                team = caption_team(t.caption)
                if team and t.rows:
                    lex.add_team(team)
            for row in t.rows:
                if t.kind == "staff":
                    if row.cells.get("team"):
                        lex.add_team(row.cells["team"])
                elif t.kind == "milestones" and row.cells.get("team"):
                    lex.add_team(row.cells["team"])
                elif t.kind == "products":
                    name = row.cells.get("product", "").strip()
                    notes = row.cells.get("notes", "")
                    lex.add_product(name)
                    alias = note_alias(notes, name)
                    if alias:
                        lex.add_product(alias)
                    full = alias or notes
                    if (
                        full
                        and is_facility_phrase(full)
                        and not full.lower().endswith("facilities")
                    ):
                        lex.add_facility(name)
                        lex.add_facility(full)
    for node in known:
        for text in (node.name, *node.aliases):
            if node.label == "Facility":
                lex.add_facility(text)
            elif node.label == "Team":
                lex.add_team(text)
            elif node.label == "Product":
                lex.add_product(text)
            elif node.label == "Institution":
                lex.institutions.setdefault(fold(text), text)
    # institution columns last, once every facility is known: a facility named there
    # ('US DF') is not an institution
    for ex in docs:
        for t in ex.tables:
            for row in t.rows if t.kind == "staff" else ():
                inst = row.cells.get("institution", "").strip()
                if inst and not lex.is_facility(inst):
                    lex.institutions.setdefault(fold(inst), inst)
    return lex


def _parse(ex: Extracted, lex: Lexicon) -> None:
    for t in ex.tables:
        if t.kind == "roles":
            extract_role_table(ex, t, lex)
        elif t.kind == "staff":
            extract_staff_table(ex, t, lex)
        elif t.kind == "products":
            extract_products_table(ex, t, lex)
        elif t.kind == "milestones":
            extract_milestones_table(ex, t)
        elif t.kind == "changes":
            extract_changes_table(ex, t)
        elif t.kind == "leads":
            extract_leads_table(ex, t)
        elif t.kind == "wbs":
            extract_wbs_table(ex, t)
    _unused_tables(ex)
    extract_prose(ex, lex)
    extract_relations(ex, lex)
    extract_lists(ex, lex)
    extract_figures(ex, lex)


def _unused_tables(ex: Extracted) -> None:
    """Report tab-separated blocks that are not a table the loaders read (one line each)."""
    used = table_lines(ex.tables, ex.doc)
    for t in ex.tables:
        if t.kind == "acronyms":
            ex.skip(t.header_line, f"acronym list ({len(t.rows)} rows) used only to expand names")
    start, count = 0, 0
    lines = ex.doc.lines
    for idx in range(1, len(lines) + 2):
        text = lines[idx - 1] if idx <= len(lines) else ""
        tabbed = "\t" in text and idx not in used and text.replace("\t", "").strip()
        if tabbed:
            start, count = (start or idx), count + 1
        elif start and (text.strip() or idx > len(lines)):
            ex.skip(
                start,
                f"tab-separated block of {count} line(s) is not a table the loaders read "
                "(no header row whose columns they know); not read",
                ex.doc.quote(start),
            )
            start, count = 0, 0


def _infer(ex: Extracted, res: Resolution) -> None:
    """Facts that follow from resolved ones: oversight roles and the leads of overseen teams."""
    members: dict[str, list] = defaultdict(list)
    for f in ex.facts:
        if f.type == "MEMBER_OF":
            tid = res.id_of(f.target)
            if tid:
                members[tid].append(f.source)
    for role, teams, line in ex.oversights:
        title = str(role.props.get("title", role.text))
        for team in teams:
            tid = res.id_of(team)
            for lead in members.get(tid or "", []):
                base, _ = split_site(str(lead.props.get("title", lead.text)))
                if is_lead_title(base) and "group" not in base.lower():
                    ex.fact(
                        "REPORTS_TO",
                        lead,
                        role,
                        line,
                        "functionally supervising the leaders",
                        confidence="inferred",
                        reason=f"'{title}' oversees the {team.text} team and its leaders",
                    )
    _members_by_wbs(ex, res)


def _members_by_wbs(ex: Extracted, res: Resolution) -> None:
    """A role no table or heading puts in a team is a member of the WBS element its code
    falls under (the document's WBS table: role '3.10b', element '3.10')."""
    units = [
        (str(m.props["wbs"]), m)
        for m in ex.mentions
        if m.label == "Team" and isinstance(m.props.get("wbs"), str) and res.id_of(m)
    ]
    if not units:
        return
    placed = {res.id_of(f.source) for f in ex.facts if f.type == "MEMBER_OF"}
    done: set[str | None] = set()
    for role in [m for m in ex.mentions if m.label == "Role" and not m.weak]:
        rid = res.id_of(role)
        if rid is None or rid in placed or rid in done:
            continue
        codes = [str(c) for c in role.props.get("wbs") or []]  # type: ignore[union-attr]
        found = [(u, t) for c in codes for u, t in units if within(c, u)]
        if not found:
            continue
        unit, team = max(found, key=lambda ut: len(ut[0]))
        done.add(rid)
        ex.fact(
            "MEMBER_OF",
            role,
            team,
            role.at,
            "",
            confidence="inferred",
            reason=f"its WBS code falls under the element {unit} ({team.text})",
        )

def _merge_props(into: dict[str, PropertyValue], new: dict[str, PropertyValue]) -> None:
    for k, v in new.items():
        if k.startswith("_") or v is None or v == "":
            continue
        old = into.get(k)
        if isinstance(v, list):
            cur = list(old) if isinstance(old, list) else []
            for item in v:
                if item not in cur:
                    cur.append(item)
            into[k] = cur  # type: ignore[assignment]
        elif k == "manager_status" and old is not None:
            rank = {"named": 2, "TBD": 1, "unknown": 0}
            if rank.get(str(v), 0) > rank.get(str(old), 0):
                into[k] = v
        elif k == "vacancies" and isinstance(old, int) and isinstance(v, int):
            into[k] = max(old, v)
        elif old is None:
            into[k] = v


def _add_source(sources: list[Evidence], ev: Evidence) -> None:
    if ev not in sources and len(sources) < MAX_SOURCES:
        sources.append(ev)


def _build(ex: Extracted, res: Resolution, report: LoadReport) -> DocumentGraph:
    g = DocumentGraph(ex.doc.name, ex.handle, ex.title, ex.date)
    nodes: dict[str, Node] = {}
    for m in ex.mentions:
        nid = res.id_of(m)
        if not nid:
            continue
        node = nodes.get(nid)
        if node is None:
            node = Node(m.label, nid, res.names.get(nid, m.text))
            nodes[nid] = node
        texts = (m.text, *m.aliases) if not (m.weak and m.label == "Role") else ()
        for alias in texts:
            alias = alias.strip()
            if alias and alias not in node.aliases:
                node.aliases.append(alias)
        _merge_props(node.properties, m.props)
        if m.ev is not None:
            _add_source(node.sources, m.ev)
    edges: dict[str, Edge] = {}
    for f in ex.facts:
        edge = _edge(f, res, nodes, ex, report)
        if edge is None:
            continue
        old = edges.get(edge.key)
        if old is None:
            edges[edge.key] = edge
        else:
            _add_source(old.sources, f.ev)
            if (
                old.properties.get("confidence") == "inferred"
                and edge.properties.get("confidence") != "inferred"
            ):
                old.properties.pop("confidence", None)
                old.properties.pop("reason", None)
            _merge_props(
                old.properties,
                {k: v for k, v in edge.properties.items() if k not in ("confidence", "reason")},
            )
    spelled = {k: re.sub(r"\s*\(.*?\)\s*", " ", v).strip() for k, v in ex.acronyms.items()}
    folded: dict[str, list[str]] = defaultdict(list)
    for k, v in spelled.items():
        folded[k.casefold()].append(v)
    for node in nodes.values():
        if not node.aliases:
            node.aliases.append(node.name)
        if node.label in _EXPANDED:
            for alias in list(node.aliases):
                near = folded.get(alias.casefold(), [])
                long = spelled.get(alias) or (near[0] if len(near) == 1 else "")
                if long and long not in node.aliases:
                    node.aliases.append(long)  # the document's acronym list spells it out
    g.nodes = list(nodes.values())
    g.edges = list(edges.values())
    return g


def _edge(
    f: Fact, res: Resolution, nodes: dict[str, Node], ex: Extracted, report: LoadReport
) -> Edge | None:
    src, tgt = res.id_of(f.source), res.id_of(f.target)
    if not src or not tgt:
        missing = f.source if not src else f.target
        why = res.reasons.get(id(missing), "")
        report.skipped.append(
            ex.record(
                f.at,
                f"{f.type} dropped: '{missing.text}' does not resolve to a known {missing.label}"
                + (f" ({why})" if why else ""),
            )
        )
        return None
    if src == tgt:
        return None
    pair = (nodes[src].label, nodes[tgt].label)
    if pair not in REL_TYPES.get(f.type, ()):
        report.skipped.append(
            ex.record(f.at, f"{f.type} {pair[0]} -> {pair[1]} is not in the contract")
        )
        return None
    return Edge(
        f.type, src, tgt, {k: v for k, v in f.props.items() if not k.startswith("_")}, [f.ev]
    )


def _found(ex: Extracted) -> str:
    """What the document offered: its format and the tables read, by kind."""
    kinds = Counter(t.kind for t in ex.tables if t.rows)
    tables = [f"{n} {kind} table{'s' if n > 1 else ''}" for kind, n in sorted(kinds.items())]
    return f"format {ex.doc.fmt}; " + (", ".join(tables) or "no tables")


def extract(
    paths: Sequence[Path | Source],
    known: Sequence[Node] = (),
    decisions: Decisions | None = None,
) -> Extraction:
    """Parse ``paths`` (files, folders of LaTeX, or already read :class:`Source` objects),
    resolve entities jointly (and onto ``known`` nodes, obeying a person's merge
    ``decisions``), build one graph per document."""
    result = Extraction()
    report = result.report
    loaded: list[Extracted] = []
    where: dict[int, str] = {}  # id(Extracted) -> path as given
    for item in paths:
        path = Path(item.name) if isinstance(item, Source) else Path(item)
        try:
            loaded.append(_read(item if isinstance(item, Source) else path))
            where[id(loaded[-1])] = str(path)
        except LoadError as err:
            message = err.message if path.name in err.message else f"{path.name}: {err.message}"
            result.failures.append(DocumentFailure(str(path), err.line, message))
        except Exception as err:  # a reader bug must not sink the other documents
            result.failures.append(
                DocumentFailure(
                    str(path), None, f"{path.name}: could not be read ({type(err).__name__}: {err})"
                )
            )
    lex = _lexicon(loaded, known)
    ok: list[Extracted] = []
    for ex in loaded:
        try:
            _parse(ex, lex)
            ok.append(ex)
        except LoadError as err:
            result.failures.append(DocumentFailure(where[id(ex)], err.line, err.message))
        except Exception as err:  # a parser bug must not sink the other documents
            result.failures.append(
                DocumentFailure(
                    where[id(ex)],
                    None,
                    f"{ex.doc.name}: could not be parsed ({type(err).__name__}: {err})",
                )
            )
    for ex in ok:
        for m in ex.mentions:
            if m.label == "Product" and not m.weak:
                lex.add_product(m.text)
    for ex in ok:
        link_milestones(ex, lex)
    res = resolve(ok, known, decisions)
    for ex in ok:
        _infer(ex, res)
    for ex in ok:
        graph = _build(ex, res, report)
        problems = graph.validate()
        if problems:
            result.failures.append(
                DocumentFailure(
                    where[id(ex)], None, f"{ex.doc.name}: graph breaks the contract: {problems[0]}"
                )
            )
            continue
        result.graphs.append(graph)
        report.add_graph(graph)
        report.documents[-1]["found"] = _found(ex)
        report.skipped.extend(ex.skips)
        report.corrections.extend(ex.corrections)
    report.set_totals(result.graphs)
    report.merges = res.merges
    report.unresolved = res.unresolved
    report.decision_outcomes = res.decisions
    report.failures = result.failures
    return result


def clear_caches() -> None:
    """Forget memoised parsing results (for benchmarks that want cold runs)."""
    from . import columns, duties, keys, lexicon, names, stated, text

    for fn in (
        text.dehyphenate,
        names.fold,
        names.parse_person,
        duties.split_site,
        duties.name_key,
        lexicon.facility_key,
        keys.role_key,
        keys.role_ref_forms,
        keys.same_key,
        keys.plural_key,
        keys.bag_key,
        stated.spells_out,
        stated.without_rename_note,
        columns.header_key,
    ):
        fn.cache_clear()
