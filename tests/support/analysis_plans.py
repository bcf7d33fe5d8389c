"""Two small hand-built plans of one organisation (2021 and 2023), written to a store.

The analysis tests (impact, health, diff) and their API tests share them.
"""

from __future__ import annotations

from pathlib import Path

from orggraph.graph.model import DocumentGraph, Edge, Evidence, Node
from orggraph.graph.stores.falkordb_store import FalkorDBStore
from orggraph.graph.writer import setup_schema, write_document

DOC_A = "plan-2021.txt"
DOC_B = "plan-2023.txt"


class Doc:
    """A DocumentGraph written line by line: every fact gets its own line as evidence."""

    def __init__(self, name: str, handle: str, row_quotes: bool = False) -> None:
        self.graph = DocumentGraph(document=name, handle=handle, title=name, date="2021-01-01")
        self.line = 10
        self.row_quotes = row_quotes  # quote a role's row as its key cells, tab-separated

    def _ev(self, quote: str) -> list[Evidence]:
        self.line += 1
        return [Evidence(self.graph.document, self.line, quote)]

    def node(self, label: str, key: str, name: str, quote: str = "", aliases: tuple = (),
             **props: object) -> Doc:
        self.graph.nodes.append(Node(label, f"{label.lower()}:{key}", name, list(aliases),
                                     dict(props), self._ev(quote or name)))  # type: ignore[arg-type]
        return self

    def edge(self, type_: str, source: str, target: str, quote: str = "", **props: object) -> Doc:
        self.graph.edges.append(Edge(type_, source, target, dict(props),  # type: ignore[arg-type]
                                     self._ev(quote or f"{source} {type_} {target}")))
        return self

    def role(self, key: str, title: str, wbs: str, team: str | None, desc: str = "A role.",
             **props: object) -> Doc:
        quote = f"{wbs}\t{title}" if self.row_quotes else wbs
        self.node("Role", key, title, quote=quote, wbs=[wbs], title=title, description=desc,
                  **props)
        if team:
            self.edge("MEMBER_OF", f"role:{key}", f"team:{team}", quote=quote)
        return self

    def holds(self, person: str, role: str, fte: float) -> Doc:
        return self.edge("HOLDS", f"person:{person}", f"role:{role}", quote=person, fte=fte)


def plan_2021() -> DocumentGraph:
    """Two teams, a reporting cycle, an over-committed person, products with dependents."""
    d = Doc(DOC_A, "PLAN-21")
    d.node("Team", "data-services", "Data Services").node("Team", "middleware", "Middleware")
    d.role("ds-lead", "Data Services Lead", "1.1a", "data-services")
    d.role("db-engineer", "Database Engineer", "1.1b", "data-services")
    d.role("tester", "Tester", "1.1c", "data-services", vacancies=2)
    d.role("mw-lead", "Middleware Lead", "1.2a", "middleware", desc="To be written!")
    d.role("mw-engineer", "Middleware Engineer", "1.2b", "middleware")
    d.role("coord-a", "Coordinator A", "1.3a", None).role("coord-b", "Coordinator B", "1.3b", None)
    d.edge("REPORTS_TO", "role:db-engineer", "role:ds-lead", quote="reports to the DS Lead")
    d.edge("REPORTS_TO", "role:mw-engineer", "role:mw-lead", quote="reports to the MW Lead")
    d.edge("REPORTS_TO", "role:coord-a", "role:coord-b", quote="A reports to B")
    d.edge("REPORTS_TO", "role:coord-b", "role:coord-a", quote="B reports to A")
    for key, name in [("alice", "Alice Archer"), ("fritz", "Fritz Mueller"), ("bob", "Bob Baker"),
                      ("carol", "Carol Cole"), ("dan", "Dan Dunn"), ("erin", "Erin Earl"),
                      ("gina", "Gina Gold")]:
        d.node("Person", key, name)
    d.node("Person", "jo-smith", "Jo Smith", aliases=("J. Smith",))
    d.node("Person", "jon-smith", "Jon Smith", aliases=("J. Smith",))
    d.holds("alice", "ds-lead", 1.0).holds("fritz", "db-engineer", 0.75)
    d.holds("bob", "db-engineer", 0.5).holds("carol", "mw-lead", 0.6)
    d.holds("carol", "mw-engineer", 0.6).holds("dan", "mw-engineer", 0.4)
    d.holds("erin", "coord-a", 0.3).holds("erin", "coord-b", 0.3).holds("erin", "mw-engineer", 0.2)
    d.edge("LEADS", "person:alice", "team:data-services", quote="Alice leads Data Services")
    d.edge("REPORTS_TO", "person:gina", "person:fritz", quote="Gina reports to Fritz")
    for key, name, status in [("qserv", "Qserv", "named"), ("big-db", "Big Databases", "named"),
                              ("ingest", "Ingest", "named"), ("replicator", "Replicator", "named"),
                              ("butler", "Butler", "named"), ("felis", "Felis", "TBD")]:
        d.node("Product", key, name, manager_status=status, in_product_table=True)
    d.node("Product", "tap", "TAP").node("Product", "portal", "Portal")
    for product in ("qserv", "big-db", "ingest", "replicator"):
        d.edge("MANAGES", "person:fritz", f"product:{product}", quote="Fritz Mueller")
    d.edge("OWNS", "person:alice", "product:big-db", quote="Y (Alice)")
    d.edge("OWNS", "person:fritz", "product:replicator", quote="Y (Fritz)")
    d.edge("MANAGES", "person:carol", "product:butler", quote="Carol Cole")
    d.edge("OWNS", "person:dan", "product:butler", quote="Y (Dan)")
    d.edge("DEPENDS_ON", "product:tap", "product:qserv", quote="TAP needs Qserv")
    d.edge("DEPENDS_ON", "product:portal", "product:tap", quote="the Portal uses TAP")
    d.edge("PART_OF", "product:qserv", "product:big-db", quote="Qserv under Big Databases")
    d.node("Facility", "usdf", "USDF")
    for product in ("qserv", "tap", "portal"):
        d.edge("HOSTS", "facility:usdf", f"product:{product}", quote=f"USDF runs {product}")
    d.node("Milestone", "portal-ready", "Portal ready", due="2021-06-30", level=3)
    d.node("Milestone", "qserv-installed", "Qserv installed", due="2021-03-31", level=3)
    d.node("Milestone", "early-access", "Early access", due="2021-01-31", level=2)
    d.edge("DEPENDS_ON", "milestone:portal-ready", "product:portal", quote="Portal")
    d.edge("RESPONSIBLE_FOR", "team:data-services", "milestone:qserv-installed", quote="DS")
    d.edge("RESPONSIBLE_FOR", "team:data-services", "milestone:early-access", quote="DS")
    d.edge("RESPONSIBLE_FOR", "team:middleware", "milestone:portal-ready", quote="MW")
    return d.graph


def plan_2023() -> DocumentGraph:
    """Two years on: Fritz leads Qserv, WBS renumbered, Middleware renamed, Butler's manager new."""
    d = Doc(DOC_B, "PLAN-23", row_quotes=True)
    d.node("Team", "data-services", "Data Services")
    d.node("Team", "pipeline-middleware", "Pipeline Middleware")
    d.role("ds-lead", "Data Services Lead", "2.1a", "data-services")
    d.role("db-engineer", "Database Engineer", "2.1b", "data-services")
    d.role("qserv-lead", "Qserv Lead", "2.1c", "data-services")
    d.role("mw-engineer", "Middleware Engineer", "1.2b", "pipeline-middleware")
    for key, name in [("alice", "Alice Archer"), ("fritz", "Fritz Mueller"), ("bob", "Bob Baker"),
                      ("dan", "Dan Dunn"), ("hank", "Hank Hill")]:
        d.node("Person", key, name)
    d.holds("alice", "ds-lead", 1.0).holds("fritz", "qserv-lead", 1.0)
    d.holds("bob", "db-engineer", 1.0).holds("dan", "mw-engineer", 1.0)
    d.node("Product", "qserv", "Qserv", manager_status="named", in_product_table=True)
    d.node("Product", "butler", "Butler", manager_status="named", in_product_table=True)
    d.edge("MANAGES", "person:fritz", "product:qserv", quote="Fritz Mueller")
    d.edge("MANAGES", "person:hank", "product:butler", quote="Hank Hill")
    d.edge("OWNS", "person:dan", "product:butler", quote="Y (Dan)")
    return d.graph


def write_store(path: Path, *graphs: DocumentGraph) -> Path:
    with FalkorDBStore(path) as db:
        setup_schema(db)
        for g in graphs:
            write_document(db, g)
    return path
