"""Hierarchy outside tables: lists introduced as parts, nested lists, product trees and
org charts read from figures (given as a reader renders them)."""

from __future__ import annotations

from pathlib import Path

from orggraph.graph.model import DocumentGraph
from orggraph.loaders import extract
from orggraph.loaders.source import Figure, FigureEdge, FigureNode, Line, Loc, Source

from tests.test_loaders_support import edges, names, nodes

PRODUCTS = (
    "Product\tManager\tOwner\n"
    "Vault\tDoe, Jane\t\n"
    "Ledger\tRoe, Rick\t\n"
    "Storage Services\tDoe, Jane\t\n"
)


def _load(tmp_path: Path, text: str) -> DocumentGraph:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    ex = extract([path])
    assert not ex.failures, ex.failures
    return ex.graphs[0]


def test_list_under_a_heading_gives_parts(tmp_path: Path) -> None:
    g = _load(
        tmp_path,
        "## 3.1 Storage Services\n\n"
        "All storage is in this group. This includes:\n\n"
        "- The Vault\n"
        "- Ledger service for accounts\n"
        "- Archive Shelf\n"
        "  - Cold Shelf\n\n" + PRODUCTS,
    )
    assert edges(g, "PART_OF") == {
        ("Vault", "Storage Services"),
        ("Ledger", "Storage Services"),
        ("Archive Shelf", "Storage Services"),
        ("Cold Shelf", "Archive Shelf"),
    }


def test_the_sentence_names_the_subject(tmp_path: Path) -> None:
    g = _load(
        tmp_path,
        "## 4 Organisation\n\nThe Platform Group consists of the following teams:\n\n"
        "- Build Team\n- Release Team\n\n"
        "WBS\tTeam\tRole Title\tRole Description\tInstitution\tFTE\tStaff\n"
        "1.1a\tBuild\tBuild Lead\tLeads.\tACME\t1.0\tDoe, Jane\n",
    )
    assert {("Build", "Platform"), ("Release", "Platform")} == edges(g, "PART_OF")
    assert {"Build", "Release", "Platform"} <= names(g, "Team")


def test_a_list_of_duties_is_not_a_hierarchy(tmp_path: Path) -> None:
    g = _load(
        tmp_path,
        "## 5 Vault\n\nResponsibilities of this role include:\n\n"
        "- Being point of contact for the storage provider and its many partners.\n"
        "- Setting priorities for all work at the site until the survey is complete.\n\n"
        + PRODUCTS,
    )
    assert edges(g, "PART_OF") == set()


def _figure_source(
    caption: str, boxes: dict[str, tuple[str, float]], links: list[tuple[str, str]]
) -> Source:
    lines = [Line(t, t, Loc(i + 1)) for i, t in enumerate(PRODUCTS.splitlines())]
    nodes = [  # ' | ' marks where a box's text breaks onto its next line
        FigureNode(
            key,
            text.replace(" | ", " "),
            Loc(1, page=2),
            raw=text,
            x=0.0,
            y=y,
            lines=text.split(" | "),
        )
        for key, (text, y) in boxes.items()
    ]
    fig = Figure(Loc(30, page=2), caption, nodes, [FigureEdge(a, b) for a, b in links])
    return Source("plan.pdf", "pdf", lines, [fig], pages=2)


def test_product_tree_figure() -> None:
    src = _figure_source(
        "Figure 2: The product tree",
        {
            "s": ("Storage Services", 0),
            "v": ("Vault", 50),
            "l": ("1.2 Ledger", 50),
            "c": ("Cold Shelf", 100),
        },
        [("v", "s"), ("s", "l"), ("l", "c")],  # drawn in any order; the upper box is the parent
    )
    ex = extract([src])
    g = ex.graphs[0]
    assert edges(g, "PART_OF") == {
        ("Vault", "Storage Services"),
        ("Ledger", "Storage Services"),
        ("Cold Shelf", "Ledger"),
    }
    part = next(e for e in g.edges if e.type == "PART_OF")
    assert part.sources[0].page == 2


def test_org_chart_figure() -> None:
    src = _figure_source(
        "Figure 1: Organisation chart",
        {
            "d": ("Operations Director | Jane Doe", 0),
            "a": ("Archive Lead | Rick Roe", 60),
            "p": ("Pipeline Lead", 60),
        },
        [("d", "a"), ("d", "p")],
    )
    g = extract([src]).graphs[0]
    assert edges(g, "REPORTS_TO") == {
        ("Archive Lead", "Operations Director"),
        ("Pipeline Lead", "Operations Director"),
    }
    assert edges(g, "HOLDS") == {("Jane Doe", "Operations Director"), ("Rick Roe", "Archive Lead")}
    assert "Pipeline Lead" in nodes(g, "Role")


def test_a_diagram_that_is_neither_is_reported() -> None:
    src = _figure_source(
        "Figure 3: Data flow", {"a": ("raw images", 0), "b": ("alerts", 10)}, [("a", "b")]
    )
    ex = extract([src])
    assert edges(ex.graphs[0], "PART_OF") == set()
    assert any("figure 1" in s.reason and "not read" in s.reason for s in ex.report.skipped)


def test_an_uncaptioned_tree_of_names_is_a_product_tree_not_an_org_chart() -> None:
    src = _figure_source(
        "",
        {"p": ("Prompt Services", 0), "a": ("Planned Obs Pub", 40), "t": ("Telem Gateway", 40)},
        [("p", "a"), ("p", "t")],
    )
    g = extract([src]).graphs[0]
    assert edges(g, "REPORTS_TO") == set()
    assert not {"Prompt Services", "Planned Obs Pub"} & set(nodes(g, "Person"))
    assert edges(g, "PART_OF") == {
        ("Planned Obs Pub", "Prompt Services"),
        ("Telem Gateway", "Prompt Services"),
    }


def test_a_gantt_chart_gives_lanes_milestones_and_links() -> None:
    lines = [Line("# Schedule", "# Schedule", Loc(1), "heading", 1)]
    boxes = [
        ("g1", "Archive", ["group", "2024-01", "2024-12"], 1.0),
        ("m1", "M1-AR-0010 Archive ready", ["milestone", "2024-03-31"], 1.5),
        ("m2", "M1-AR-0020 Archive opened", ["milestone", "2024-09"], 2.0),
        ("g2", "Portal Team", ["group", "2024-01", "2024-12"], 3.0),
        ("m3", "M1-PO-0010 Portal live", ["milestone", "2024-10"], 3.5),
    ]
    nodes_ = [
        FigureNode(k, t, Loc(5, page=3), raw=t, x=0.0, y=y, labels=lab, lines=[t])
        for k, t, lab, y in boxes
    ]
    fig = Figure(
        Loc(4, page=3),
        "Schedule",
        nodes_,
        [FigureEdge("m1", "m2", True), FigureEdge("m2", "m3", True)],
    )
    g = extract([Source("plan.pdf", "pdf", lines, [fig], pages=3)]).graphs[0]
    assert edges(g, "RESPONSIBLE_FOR") == {
        ("Archive", "Archive ready"),
        ("Archive", "Archive opened"),
        ("Portal", "Portal live"),
    }
    assert edges(g, "DEPENDS_ON") == {
        ("Archive opened", "Archive ready"),
        ("Portal live", "Archive opened"),
    }
    ready = nodes(g, "Milestone")["Archive ready"]
    assert ready.properties["rubin_id"] == "M1-AR-0010" and ready.properties["due"] == "2024-03-31"
    assert "M1-AR-0010" in ready.aliases
