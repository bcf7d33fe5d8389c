"""A small organisation written through the real writer, shared by the viz tests (no tests here)."""

from __future__ import annotations

from orggraph.graph.model import DocumentGraph, Edge, Evidence, Node, make_id
from orggraph.graph.stores.base import Store
from orggraph.graph.writer import setup_schema, write_document

DOC = "viz-plan.txt"
#: document text that must reach a tooltip as text, never as markup
HOSTILE_QUOTE = '<img src=x onerror="window.__pwned=1"><b>Qserv</b> & "friends"'


def _ev(line: int, quote: str) -> list[Evidence]:
    return [Evidence(DOC, line, quote)]


def _node(label: str, name: str, line: int, quote: str | None = None, **props: object) -> Node:
    return Node(label, make_id(label, name), name, [name], dict(props), _ev(line, quote or name))


def small_org() -> DocumentGraph:
    """Two people, three roles, a team, five products, a facility, a milestone."""
    nodes = [
        _node("Person", "Ada Director", 1),
        _node("Person", "Bo Lead", 2),
        _node("Person", "Cy <Dev>", 3, "Cy <Dev> writes code"),
        _node("Role", "Director", 4),
        _node("Role", "Data Lead", 5),
        _node("Role", "Developer", 6),
        _node("Team", "Data Team", 7),
        _node("Product", "Qserv", 8, HOSTILE_QUOTE, manager_status="named"),
        _node("Product", "Butler", 9),
        _node("Product", "Portal", 10),
        _node("Product", "Science Platform", 11),
        _node("Product", "Database Core", 12),
        _node("Facility", "USDF", 13),
        _node("Milestone", "DP1 Release", 14, due="2025-06-30"),
    ]
    ids = {n.name: n.id for n in nodes}

    def edge(kind: str, a: str, b: str, line: int) -> Edge:
        return Edge(kind, ids[a], ids[b], {}, _ev(line, f"{a} {kind} {b}"))

    edges = [
        edge("HOLDS", "Ada Director", "Director", 20),
        edge("HOLDS", "Bo Lead", "Data Lead", 21),
        edge("HOLDS", "Cy <Dev>", "Developer", 22),
        edge("REPORTS_TO", "Data Lead", "Director", 23),
        edge("REPORTS_TO", "Developer", "Data Lead", 24),
        edge("MEMBER_OF", "Developer", "Data Team", 25),
        edge("MANAGES", "Bo Lead", "Qserv", 26),
        edge("DEPENDS_ON", "Qserv", "Database Core", 27),
        edge("DEPENDS_ON", "Portal", "Qserv", 28),
        edge("DEPENDS_ON", "Science Platform", "Portal", 29),
        edge("DEPENDS_ON", "Butler", "Database Core", 30),
        edge("HOSTS", "USDF", "Qserv", 31),
        edge("DEPENDS_ON", "DP1 Release", "Science Platform", 32),
    ]
    return DocumentGraph(DOC, "VIZ-1", "A plan", "2025-01-01", nodes, edges)


def load_small_org(store: Store) -> None:
    setup_schema(store)
    write_document(store, small_org())
