"""The views without a browser: subgraphs, escaping, offline pages, API routes, CLI, speed."""

from __future__ import annotations

import html
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
_REFS = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*\"((?!data:)[^\"]+)\"",
                   re.IGNORECASE)


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
    assert view.not_drawn == {} and view.notice == ""  # drawn whole, nothing gathered


def test_whole_graph_filters_by_label_and_type(org: FalkorDBStore) -> None:
    view = viz.whole_graph(org, labels=["Product", "Milestone"], types=["DEPENDS_ON"])
    assert {n["labels"][0] for n in view.nodes} == {"Product", "Milestone"}
    assert {e["type"] for e in view.edges} == {"DEPENDS_ON"}
    assert len(view.nodes) == 6 and len(view.edges) == 5
    with pytest.raises(ValueError, match="unknown label 'Widget'"):
        viz.whole_graph(org, labels=["Widget"])
    with pytest.raises(ValueError, match="unknown relationship type"):
        viz.whole_graph(org, types=["LIKES"])


def test_whole_graph_above_the_budget_is_an_overview(org: FalkorDBStore) -> None:
    view = viz.whole_graph(org, max_nodes=13)
    assert len(view.nodes) <= 13
    team = next(n for n in view.nodes if n["id"] == "team:data-team")
    # the team is one node: its role and that role's holder folded in, with counts
    assert team["view"]["group"] == "team" and team["view"]["caption"] == "1 role · 1 person"
    assert "role:developer" not in _ids(view) and "person:cy-dev" not in _ids(view)
    assert ("team:data-team", "REPORTS_TO", "role:data-lead") in _pairs(view)
    assert view.label_counts["Product"] == 5
    page = viz.render(view, filter_action="/viz/graph")
    assert "more than the 13" in page
    assert '<form method="get" action="/viz/graph">' in page
    assert viz.whole_graph(org, max_nodes=14).notice == ""  # fits: drawn whole


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
    assert len(view.nodes) == 6  # the "+N more" node counts against the budget
    assert view.notice.startswith("Cut at depth 2: it would draw 8 nodes, more than 6")
    more = next(n for n in view.nodes if n["id"].startswith("more:"))
    assert more["view"]["count"] == 3  # data lead, butler, science platform: counted
    assert {e["source"] for e in view.edges if e["target"] == more["id"]} == {
        "person:bo-lead", "product:database-core", "product:portal"}
    roomy = viz.neighbourhood(org, "Qserv", 3, max_nodes=8)
    assert len(roomy.nodes) <= 8 and "product:butler" in _ids(roomy)


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
    assert {e["type"] for e in chart.edges} == {"REPORTS_TO"}
    # one box per role, its holders inside it
    assert _ids(chart) == {"role:director", "role:data-lead", "role:developer"}
    assert chart.layout == "tree" and set(chart.positions) == _ids(chart)
    boxes = {n["id"]: n["view"]["box"] for n in chart.nodes}
    assert boxes["role:developer"] == "Developer\nCy <Dev>"
    y = {k: v[1] for k, v in chart.positions.items()}
    assert y["role:director"] < y["role:data-lead"] < y["role:developer"]
    sub = viz.org_chart(org, "Data Lead")
    assert _ids(sub) == {"role:data-lead", "role:developer"} and sub.focus == "role:data-lead"
    tight = viz.org_chart(org, max_nodes=2)
    assert len(tight.nodes) <= 2 and "+1 report" in tight.nodes[-1]["view"]["box"]


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
    chart = viz.render(viz.org_chart(org))  # "Cy <Dev>" is in a box
    assert "<Dev>" not in chart
    whole = viz.render(viz.whole_graph(org))  # and in a relationship's quote
    assert "<Dev>" not in whole
    titles = [e["title"] for e in _records(whole, "rawEdges")]
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


def _html_error(response: Any, status: int) -> str:
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    assert response.text.startswith("<!DOCTYPE html>") and "/viz'>All views" in response.text
    return response.text


def _reason(page: str) -> str:
    match = re.search(r"<p class='og-error' id='og-reason'>(.*?)</p>", page)
    assert match, page[:300]
    return html.unescape(match.group(1))


def test_api_errors_are_html_pages(client: TestClient) -> None:
    page = _html_error(client.get("/viz/neighbourhood/Qsrev"), 404)
    assert "Qsrev" in _reason(page)
    # each suggestion links to the same view, the name replaced
    links = re.findall(r"<li><a href='([^']+)'>([^<]+)</a>", page)
    assert ("/viz/neighbourhood/Qserv", "Qserv") in links
    page = _html_error(client.get("/viz/dependencies/Qsrev?depth=2"), 404)
    assert "/viz/dependencies/Qserv?depth=2" in page
    page = _html_error(client.get("/viz/impact?people=Bo%20Lead,Ada%20Directr"), 404)
    assert "people=Bo%20Lead,%20Ada%20Director" in html.unescape(page)
    assert "depth" in _reason(_html_error(client.get("/viz/neighbourhood/Qserv?depth=11"), 422))
    assert "Bo Lead is a Person" in _reason(
        _html_error(client.get("/viz/dependencies/Bo%20Lead"), 422))
    assert "direction" in _reason(
        _html_error(client.get("/viz/dependencies/Qserv?direction=sideways"), 422))
    assert "unknown label 'Widget'" in _reason(
        _html_error(client.get("/viz/graph?labels=Widget"), 422))
    assert "max_nodes" in _reason(_html_error(client.get("/viz/graph?max_nodes=3"), 422))
    _html_error(client.get("/viz/impact"), 422)
    assert "there is no view 'widgets'" in _reason(_html_error(client.get("/viz/widgets"), 404))
    # the JSON routes keep their JSON errors
    assert client.get("/entities/Qsrev").json()["suggestions"]


@pytest.fixture(scope="module")
def seeded_client(seeded_data_dir: Path) -> Iterator[TestClient]:
    """The app over both seed documents."""
    store = FalkorDBStore(seeded_data_dir)
    try:
        with TestClient(create_app(Settings(), store)) as c:
            yield c
    finally:
        store.close()


def test_seeded_unknown_and_ambiguous_names(seeded_client: TestClient) -> None:
    page = _html_error(seeded_client.get("/viz/dependencies/Butlr"), 404)
    assert "/viz/dependencies/Butler" in page
    # "Qserv" is a product and a team in the seeds: each candidate links to its view
    page = _html_error(seeded_client.get("/viz/neighbourhood/Qserv?depth=1"), 409)
    links = re.findall(r"<li><a href='([^']+)'>", page.split("id='og-candidates'", 1)[1])
    assert {"/viz/neighbourhood/product:qserv?depth=1",
            "/viz/neighbourhood/team:qserv?depth=1"} <= set(links)
    for link in links:
        assert seeded_client.get(link).status_code == 200, link
    chart = _html_error(seeded_client.get("/viz/org-chart?root=Nobody%20Atall"), 404)
    assert "Nobody Atall" in _reason(chart)


def test_index_has_a_search_per_view(seeded_client: TestClient) -> None:
    client = seeded_client
    page = client.get("/viz").text
    forms = dict(re.findall(r'<form id="og-form-([a-z-]+)" method="get" action="([^"]+)"', page))
    assert forms == {"org-chart": "/viz/org-chart", "neighbourhood": "/viz/neighbourhood",
                     "dependencies": "/viz/dependencies", "impact": "/viz/impact"}
    for view in forms:
        form = page.split(f'id="og-form-{view}"', 1)[1].split("</form>", 1)[0]
        field = re.search(r'<input type="search" name="(\w+)" list="([\w,-]+)"', form)
        assert field, view
        assert f'<datalist id="{field.group(2)}"></datalist>' in page
    assert 'href="/viz/graph"' in page
    assert "{ref}" not in page  # no URL template to fill in by hand
    # what the search box asks the API for answers, and offers names for the view
    hits = client.get("/search?limit=20&q=Qse").json()["hits"]
    assert any(h["name"] == "Qserv" and h["label"] == "Product" for h in hits)
    assert 'data-labels="Product,Milestone"' in page  # the dependency search offers those


def test_expand_returns_the_group_members(client: TestClient) -> None:
    group = client.get("/viz/expand/team:data-team")
    assert group.status_code == 200 and group.headers["content-type"] == "application/json"
    data = group.json()
    assert {n["id"] for n in data["nodes"]} == {"role:developer", "person:cy-dev"}
    assert data["total"] == data["drawn"] == 2
    pairs = {(e["from"], e["rel"], e["to"]) for e in data["edges"]}
    assert pairs == {("person:cy-dev", "HOLDS", "role:developer"),
                     ("role:developer", "MEMBER_OF", "team:data-team")}
    assert all(e["id"].startswith("x|") for e in data["edges"])  # never a page's e0, e1...
    assert all(n["title"] and n["url"].startswith("/entities/") for n in data["nodes"])
    missing = client.get("/viz/expand/team:no-such-team")
    assert missing.status_code == 404 and "team:no-such-team" in missing.json()["detail"]
    assert client.get("/viz/expand/isolated:Widget").status_code == 404


def test_api_graph_filters_repeat_or_comma(client: TestClient) -> None:
    a = client.get("/viz/graph?labels=Product&labels=Facility&types=HOSTS").text
    b = client.get("/viz/graph?labels=Product,Facility&types=HOSTS").text
    assert _records(a, "rawEdges") == _records(b, "rawEdges")
    assert [e["rel"] for e in _records(a, "rawEdges")] == ["HOSTS"]
    big = client.get("/viz/graph?max_nodes=10").text
    assert 'action="/viz/graph"' in big and 'name="max_nodes" value="10"' in big
    assert len(_records(big, "rawNodes")) <= 10


# --- CLI -----------------------------------------------------------------------------------


def _cli(*args: str) -> tuple[int, str]:
    from orggraph.cli import app

    result = CliRunner().invoke(app, ["viz", *args])
    return result.exit_code, result.output


def test_cli_writes_each_view(org: FalkorDBStore, tmp_path: Path) -> None:
    data = str(org.data_dir)
    for args, nodes in ((["graph"], 14), (["neighbourhood", "Qserv", "--depth", "1"], 5),
                        (["dependencies", "Qserv"], 5), (["org-chart"], 3),
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
    code, output = _cli("graph", "--max-nodes", "10", "-o", str(out), "--data", str(org.data_dir))
    assert code == 0 and "7 nodes and 4 relationships" in output, output
    page = out.read_text(encoding="utf-8")
    assert "more than the 10" in page and "<form" not in page  # a file has no server
    code, output = _cli("graph", "--max-nodes", "3", "-o", str(out), "--data", str(org.data_dir))
    assert code == 2 and "max_nodes must be at least 10" in output
    code, output = _cli("graph", "--labels", "Product,Facility", "--max-nodes", "10",
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
    assert len(viz.org_chart(store, "Data Lead").nodes) == 2
