"""The views without a browser: subgraphs, escaping, offline pages, API routes, CLI, speed."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from orggraph.api.app import create_app
from orggraph.graph import viz
from orggraph.graph.refs import RefNotFound
from orggraph.graph.service.export import export_graph
from orggraph.graph.settings import Settings
from orggraph.graph.stores.base import Store
from orggraph.graph.stores.falkordb_store import FalkorDBStore
from typer.testing import CliRunner

from tests.support.viz_org import load_small_org

_REMOTE = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//",
                     re.IGNORECASE)
_REFS = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*\"([^\"]+)\"", re.IGNORECASE)


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FalkorDBStore]:
    store = FalkorDBStore(tmp_path_factory.mktemp("viz") / "data")
    load_small_org(store)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="module")
def client(org: FalkorDBStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), org)) as c:
        yield c


def _ids(view: viz.ViewGraph) -> set[str]:
    return {n["id"] for n in view.nodes}


def _pairs(view: viz.ViewGraph) -> set[tuple[str, str, str]]:
    return {(e["source"], e["type"], e["target"]) for e in view.edges}


# --- subgraphs -----------------------------------------------------------------------------


def test_whole_graph_matches_the_export_without_documents(org: FalkorDBStore) -> None:
    view = viz.whole_graph(org)
    data = export_graph(org)
    assert _ids(view) == {n["id"] for n in data["nodes"] if n["labels"] != ["Document"]}
    assert len(view.edges) == len(data["edges"]) == 13
    assert not view.too_big


def test_whole_graph_filters_by_label_and_type(org: FalkorDBStore) -> None:
    view = viz.whole_graph(org, labels=["Product", "Milestone"], types=["DEPENDS_ON"])
    assert {n["labels"][0] for n in view.nodes} == {"Product", "Milestone"}
    assert {e["type"] for e in view.edges} == {"DEPENDS_ON"}
    assert len(view.nodes) == 6 and len(view.edges) == 5
    with pytest.raises(ValueError, match="unknown label 'Widget'"):
        viz.whole_graph(org, labels=["Widget"])
    with pytest.raises(ValueError, match="unknown relationship type"):
        viz.whole_graph(org, types=["LIKES"])


def test_whole_graph_above_the_cut_off_offers_filters(org: FalkorDBStore) -> None:
    view = viz.whole_graph(org, max_nodes=13)
    assert view.too_big and view.nodes == [] and view.edges == []
    assert view.label_counts["Product"] == 5 and view.type_counts["DEPENDS_ON"] == 5
    page = viz.render(view, filter_action="/viz/graph")
    assert "more than the 13" in page
    assert '<form method="get" action="/viz/graph">' in page
    assert "vis.Network" not in page  # nothing is drawn
    assert viz.whole_graph(org, max_nodes=14).too_big is False


def test_neighbourhood_grows_by_depth(org: FalkorDBStore) -> None:
    assert _ids(viz.neighbourhood(org, "Qserv", 0)) == {"product:qserv"}
    one = viz.neighbourhood(org, "product:qserv", 1)
    assert _ids(one) == {"product:qserv", "person:bo-lead", "product:database-core",
                         "product:portal", "facility:usdf"}
    assert one.focus == "product:qserv"
    two = viz.neighbourhood(org, "Qserv", 2)
    assert _ids(two) - _ids(one) == {"role:data-lead", "product:butler",
                                     "product:science-platform"}
    assert ("product:butler", "DEPENDS_ON", "product:database-core") in _pairs(two)


def test_neighbourhood_stops_before_the_cap(org: FalkorDBStore) -> None:
    view = viz.neighbourhood(org, "Qserv", 3, max_nodes=6)
    assert len(view.nodes) == 5
    assert view.notice.startswith("Cut at depth 1: depth 2 would draw 8 nodes")


def test_unknown_references_and_bad_parameters(org: FalkorDBStore) -> None:
    with pytest.raises(RefNotFound, match="Qsrev"):
        viz.neighbourhood(org, "Qsrev")
    with pytest.raises(ValueError, match="depth must be between 0 and 10"):
        viz.neighbourhood(org, "Qserv", 11)
    with pytest.raises(ValueError, match="Bo Lead is a Person"):
        viz.dependencies(org, "Bo Lead")
    with pytest.raises(ValueError, match="direction must be both, up or down"):
        viz.dependencies(org, "Qserv", direction="sideways")  # type: ignore[arg-type]


def test_dependency_tree_up_and_down(org: FalkorDBStore) -> None:
    both = viz.dependencies(org, "Qserv")
    assert _pairs(both) == {
        ("product:qserv", "DEPENDS_ON", "product:database-core"),
        ("product:portal", "DEPENDS_ON", "product:qserv"),
        ("product:science-platform", "DEPENDS_ON", "product:portal"),
        ("milestone:dp1-release", "DEPENDS_ON", "product:science-platform"),
    }
    # what depends on it above, what it needs below
    assert both.levels == {"milestone:dp1-release": 0, "product:science-platform": 1,
                           "product:portal": 2, "product:qserv": 3, "product:database-core": 4}
    up = viz.dependencies(org, "Qserv", direction="up", depth=1)
    assert _ids(up) == {"product:qserv", "product:portal"}
    down = viz.dependencies(org, "Database Core", direction="down")
    assert _ids(down) == {"product:database-core"} and down.edges == []


def test_org_chart_and_its_subtree(org: FalkorDBStore) -> None:
    chart = viz.org_chart(org)
    assert {e["type"] for e in chart.edges} == {"HOLDS", "REPORTS_TO"}
    assert len(chart.nodes) == 6 and chart.layout == "fixed"
    assert set(chart.positions) == _ids(chart)
    y = {k: v[1] for k, v in chart.positions.items()}
    assert y["role:director"] < y["person:ada-director"] < y["role:data-lead"] < y["role:developer"]
    sub = viz.org_chart(org, "Data Lead")
    assert _ids(sub) == {"role:data-lead", "role:developer", "person:bo-lead", "person:cy-dev"}


def test_impact_view_highlights_the_findings(org: FalkorDBStore) -> None:
    view = viz.impact(org, ["Bo Lead"])
    assert view.highlight["person:bo-lead"] == "moves"
    assert view.highlight["product:qserv"].startswith("critical: Qserv loses its manager")
    assert view.highlight["milestone:dp1-release"].startswith("critical: DEPENDS_ON Qserv")
    assert "facility:usdf" in _ids(view) and "facility:usdf" not in view.highlight
    page = viz.render(view)
    assert "critical (4)" in page and "moves (1)" in page


# --- the page ------------------------------------------------------------------------------


def _records(page: str, name: str) -> list[dict]:
    match = re.search(rf"var {name} = (\[.*?\]);\n", page)
    assert match, name
    return json.loads(match.group(1))


def test_document_text_is_escaped_everywhere(org: FalkorDBStore) -> None:
    page = viz.render(viz.neighbourhood(org, "Qserv", 1))
    assert "<img src=x" not in page and "<b>Qserv</b>" not in page
    chart = viz.render(viz.org_chart(org))  # "Cy <Dev>" is in node names and edge quotes
    assert "<Dev>" not in chart
    titles = [e["title"] for e in _records(chart, "rawEdges")]
    assert any("<q>Cy &lt;Dev&gt; HOLDS Developer</q>" in t for t in titles)
    qserv = next(n for n in _records(page, "rawNodes") if n["id"] == "product:qserv")
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;&lt;b&gt;Qserv" in qserv["title"]
    assert "viz-plan.txt:8" in qserv["title"]
    assert "href='/entities/product:qserv'" in qserv["title"]
    assert qserv["url"] == "/entities/product:qserv"


def test_script_data_cannot_close_the_script(org: FalkorDBStore) -> None:
    view = viz.neighbourhood(org, "Qserv", 0)
    view.nodes[0]["name"] = "</script><script>alert(1)</script><!--"
    page = viz.render(view)
    assert "</script><script>alert(1)" not in page
    assert page.lower().count("</script") == 2  # the inlined vis-network and the page's own
    assert _records(page, "rawNodes")[0]["label"].startswith("</script>")


def test_pages_fetch_nothing_from_outside(org: FalkorDBStore) -> None:
    view = viz.whole_graph(org)
    inline = viz.render(view)
    assert not _REMOTE.search(inline)
    assert _REFS.findall(inline) == []  # everything inlined: works from a file
    assert "vis-network" in inline and len(inline) > 400_000
    served = viz.render(view, assets="/viz/static")
    assert not _REMOTE.search(served)
    assert sorted(_REFS.findall(served)) == ["/viz/static/vis-network.css",
                                            "/viz/static/vis-network.min.js"]


def test_legend_has_a_colour_and_shape_per_label(org: FalkorDBStore) -> None:
    page = viz.render(viz.whole_graph(org))
    for label in ("Person", "Role", "Team", "Product", "Facility", "Milestone"):
        _, colour, glyph = viz.LABEL_STYLE[label]
        assert f'value="{label}" checked' in page
        assert f'color: {colour}">{glyph}</span> {label}' in page
    options = json.loads(re.search(r"var OPTIONS = (\{.*?\});\n", page).group(1))
    assert options["groups"]["Product"]["shape"] == "diamond"
    assert options["physics"]["stabilization"]["enabled"] is True
    shapes = {s for s, _, _ in viz.LABEL_STYLE.values()}
    assert len(shapes) == len(viz.LABEL_STYLE)


def test_build_is_fast_enough() -> None:
    from bench.bench_viz import synthetic

    view = synthetic(5000, 15000)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        page = viz.render(view)
        best = min(best, time.perf_counter() - started)
    assert page.count('"group":') == 5000
    assert best < 2.0, f"5,000 nodes and 15,000 edges took {best:.2f} s to build"


# --- API -----------------------------------------------------------------------------------


def test_api_serves_each_view_as_html(client: TestClient) -> None:
    for path in ("/viz", "/viz/graph", "/viz/neighbourhood/Qserv", "/viz/dependencies/Qserv",
                 "/viz/org-chart", "/viz/impact?people=Bo%20Lead"):
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:200])
        assert response.headers["content-type"].startswith("text/html")
        assert not _REMOTE.search(response.text)
    page = client.get("/viz/neighbourhood/product:qserv?depth=1").text
    assert len(_records(page, "rawNodes")) == 5


def test_api_serves_the_assets(client: TestClient) -> None:
    js = client.get("/viz/static/vis-network.min.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert js.content == viz.ASSETS["vis-network.min.js"].read_bytes()
    assert client.get("/viz/static/vis-network.css").headers["content-type"].startswith("text/css")
    assert client.get("/viz/static/../../etc/passwd").status_code == 404
    assert client.get("/viz/static/nothing.js").status_code == 404


def test_api_errors(client: TestClient) -> None:
    missing = client.get("/viz/neighbourhood/Qsrev")
    assert missing.status_code == 404 and "Qserv" in missing.json()["suggestions"]
    assert client.get("/viz/neighbourhood/Qserv?depth=11").status_code == 422
    assert client.get("/viz/dependencies/Bo%20Lead").status_code == 422
    assert client.get("/viz/dependencies/Qserv?direction=sideways").status_code == 422
    bad = client.get("/viz/graph?labels=Widget")
    assert bad.status_code == 422 and "unknown label" in bad.json()["detail"]
    assert client.get("/viz/impact").status_code == 422


def test_api_graph_filters_repeat_or_comma(client: TestClient) -> None:
    a = client.get("/viz/graph?labels=Product&labels=Facility&types=HOSTS").text
    b = client.get("/viz/graph?labels=Product,Facility&types=HOSTS").text
    assert _records(a, "rawEdges") == _records(b, "rawEdges")
    assert [e["rel"] for e in _records(a, "rawEdges")] == ["HOSTS"]
    big = client.get("/viz/graph?max_nodes=3").text
    assert 'action="/viz/graph"' in big and 'name="max_nodes" value="3"' in big


# --- CLI -----------------------------------------------------------------------------------


def _cli(*args: str) -> tuple[int, str]:
    from orggraph.cli import app

    result = CliRunner().invoke(app, ["viz", *args])
    return result.exit_code, result.output


def test_cli_writes_each_view(org: FalkorDBStore, tmp_path: Path) -> None:
    data = str(org.data_dir)
    for args, nodes in ((["graph"], 14), (["neighbourhood", "Qserv", "--depth", "1"], 5),
                        (["dependencies", "Qserv"], 5), (["org-chart"], 6),
                        (["impact", "Bo Lead"], 9)):
        out = tmp_path / f"{args[0]}.html"
        code, output = _cli(*args, "-o", str(out), "--data", data, "--api-url", "http://h:1")
        assert code == 0, output
        assert f"{nodes} nodes" in output
        page = out.read_text(encoding="utf-8")
        assert len(_records(page, "rawNodes")) == nodes
        assert _REFS.findall(page) == [] and not _REMOTE.search(page)
        assert "http://h:1/entities/" in page


def test_cli_too_big_graph_explains_the_filters(org: FalkorDBStore, tmp_path: Path) -> None:
    out = tmp_path / "big.html"
    code, output = _cli("graph", "--max-nodes", "3", "-o", str(out), "--data", str(org.data_dir))
    assert code == 0 and "more than the 3" in output
    page = out.read_text(encoding="utf-8")
    assert "<code>--labels</code>" in page and "Product 5" in page and "<form" not in page
    assert "vis-network" not in page  # nothing to draw, nothing inlined
    code, output = _cli("graph", "--labels", "Product,Facility", "--max-nodes", "6",
                        "-o", str(out), "--data", str(org.data_dir))
    assert code == 0 and "6 nodes and 5 relationships" in output


def test_cli_refuses_clearly(org: FalkorDBStore, tmp_path: Path) -> None:
    data = str(org.data_dir)
    out = str(tmp_path / "v.html")
    code, output = _cli("neighbourhood", "-o", out, "--data", data)
    assert code == 2 and "needs an entity" in output
    code, output = _cli("neighbourhood", "Qsrev", "-o", out, "--data", data)
    assert code == 2 and "did you mean" in output
    code, output = _cli("graph", "--labels", "Widget", "-o", out, "--data", data)
    assert code == 2 and "unknown label" in output
    code, output = _cli("graph", "-o", str(tmp_path / "no" / "v.html"), "--data", data)
    assert code == 1 and "no such directory" in output
    assert not Path(out).exists()


def test_node_links_reach_their_api_entity(client: TestClient) -> None:
    page = client.get("/viz/neighbourhood/Qserv?depth=1").text
    for node in _records(page, "rawNodes"):
        response = client.get(node["url"])
        assert response.status_code == 200, (node["url"], response.text[:200])
        assert response.json()["id"] == node["id"]


def test_views_read_the_same_from_either_store(store: Store) -> None:
    """The viz_* queries on FalkorDB and on Neo4j (skipped where Docker is missing)."""
    load_small_org(store)
    assert (len(viz.whole_graph(store).nodes), len(viz.whole_graph(store).edges)) == (14, 13)
    assert len(viz.whole_graph(store, ["Product"], ["DEPENDS_ON"]).edges) == 4
    assert len(viz.neighbourhood(store, "Qserv", 2).nodes) == 8
    assert len(viz.dependencies(store, "Qserv").edges) == 4
    assert len(viz.org_chart(store, "Data Lead").nodes) == 4
