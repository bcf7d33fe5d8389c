"""The views in a real headless Chromium (Debian's package, driven by Playwright).

The app is served by uvicorn on loopback; every request leaving the machine is
refused and recorded, so a page that needs a CDN fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from orggraph.graph.stores.falkordb_store import FalkorDBStore
from typer.testing import CliRunner

from tests.support.viz_browser import Page as BasePage
from tests.support.viz_browser import serving
from tests.support.viz_org import HOSTILE_QUOTE, load_small_org

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="module")
def org_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("viz-browser") / "data"
    with FalkorDBStore(data) as db:
        load_small_org(db)
    return data


@pytest.fixture(scope="module")
def server(org_data: Path) -> Iterator[str]:
    with serving(org_data) as url:
        yield url


@pytest.fixture(scope="module")
def seeded_server(seeded_data_dir: Path) -> Iterator[str]:
    """The app over both seed documents."""
    with serving(seeded_data_dir) as url:
        yield url




class Page(BasePage):
    """A measuring page that also keeps screenshots in test-artifacts/."""

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"viz-{name}.png"
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    p = Page(browser)
    try:
        yield p
    finally:
        p.page.close()


@pytest.mark.parametrize(
    ("path", "nodes", "edges"),
    [
        ("/viz/graph", 14, 13),
        ("/viz/graph?labels=Product,Facility&types=DEPENDS_ON", 6, 4),
        ("/viz/neighbourhood/Qserv?depth=1", 5, 4),
        ("/viz/neighbourhood/product:qserv?depth=2", 8, 7),
        ("/viz/dependencies/Qserv", 5, 4),
        ("/viz/dependencies/Qserv?direction=down", 2, 1),
        # the org chart's reporting lines are connectors drawn under the boxes, not edges
        ("/viz/org-chart", 3, 0),
        ("/viz/org-chart?root=Bo%20Lead", 2, 0),
        ("/viz/impact?people=Bo%20Lead", 9, 8),
    ],
)
def test_view_draws_expected_network(
    server: str, page: Page, path: str, nodes: int, edges: int
) -> None:
    page.open(server + path)
    assert page.drawn() == (nodes, edges)
    page.check_clean()
    shot = page.screenshot(re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-"))
    assert shot.stat().st_size > 10_000


def test_search_focuses_the_node(server: str, page: Page) -> None:
    page.open(server + "/viz/graph")
    page.page.fill("#og-search", "butler")
    page.page.press("#og-search", "Enter")
    assert page.js("() => orggraphView.network.getSelectedNodes()") == ["product:butler"]
    centre = page.js(
        "() => { const n = orggraphView.network; const p = n.getPositions(['product:butler'])"
        "['product:butler']; const v = n.getViewPosition(); return [p.x - v.x, p.y - v.y]; }"
    )
    assert abs(centre[0]) < 1 and abs(centre[1]) < 1, centre
    assert "Butler" in page.page.inner_text("#og-details")
    page.page.fill("#og-search", "no such thing")
    page.page.click("#og-go")
    assert page.page.inner_text("#og-status") == "no node matches"
    page.check_clean()


def test_tooltip_shows_document_text_escaped(server: str, page: Page) -> None:
    page.open(server + "/viz/neighbourhood/Qserv?depth=1")
    point = page.js(
        "(id) => { const n = orggraphView.network;"
        " const d = n.canvasToDOM(n.getPositions([id])[id]);"
        " const r = document.getElementById('og-network').getBoundingClientRect();"
        " return [r.left + d.x, r.top + d.y]; }",
        "product:qserv",
    )
    page.page.mouse.move(point[0] + 40, point[1] + 40)
    page.page.mouse.move(point[0], point[1])
    tooltip = page.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert HOSTILE_QUOTE in text
    assert "viz-plan.txt:8" in text
    assert tooltip.locator("img").count() == 0
    links = tooltip.locator("a.og-link")
    assert links.last.get_attribute("href") == "/entities/product:qserv"
    assert links.first.get_attribute("href") == "/viz/dependencies/product:qserv"
    assert page.js("() => window.__pwned") is None
    page.screenshot("tooltip")
    page.check_clean()


def test_filters_hide_labels_and_types(server: str, page: Page) -> None:
    page.open(server + "/viz/graph")
    assert page.drawn() == (14, 13)
    page.page.uncheck("input.og-label[value=Product]")
    # 5 products gone, and every relationship touching one: 7 of the 13
    assert page.drawn() == (9, 6)
    page.page.uncheck("input.og-type[value=HOLDS]")
    assert page.drawn() == (9, 3)
    page.page.check("input.og-label[value=Product]")
    assert page.drawn() == (14, 10)
    page.check_clean()


def test_click_shows_details_with_entity_link(server: str, page: Page) -> None:
    page.open(server + "/viz/org-chart")
    page.js("() => orggraphView.focusNode('Director')")
    links = page.page.locator("#og-details a.og-link")
    assert links.first.get_attribute("href") == "/viz/org-chart?root=role:director"
    assert links.last.get_attribute("href") == "/entities/role:director"
    assert "held by: Ada Director" in page.page.inner_text("#og-details")
    page.check_clean()


def test_org_chart_puts_bosses_on_top(server: str, page: Page) -> None:
    page.open(server + "/viz/org-chart")
    at = page.js("() => orggraphView.network.getPositions()")
    chain = ["role:director", "role:data-lead", "role:developer"]
    ys = [at[n]["y"] for n in chain]
    assert ys == sorted(ys) and len(set(ys)) == len(ys), ys  # bosses on top
    # each connector runs from the boss's box down to its report's
    routes = page.js("() => orggraphView.routes")
    assert set(routes) == {"role:data-lead|role:director", "role:developer|role:data-lead"}
    for key, points in routes.items():
        child, boss = key.split("|")
        assert points[0][1] < points[-1][1]  # drawn downwards
        assert abs(points[-1][0] - at[child]["x"]) < 1 and abs(points[0][0] - at[boss]["x"]) < 1
    labels = page.js("() => orggraphView.nodes.get().map(n => n.label)")
    assert "Data Lead\nBo Lead" in labels  # the holder in the role's box
    page.check_clean()


def test_too_big_graph_offers_filters(server: str, page: Page) -> None:
    page.open(server + "/viz/graph?max_nodes=10")
    assert "more than the 10" in page.page.inner_text("#og-notice")
    assert page.drawn()[0] <= 10
    page.page.click("#og-filters summary")
    page.page.uncheck("input[name=labels][value=Person]")
    page.page.uncheck("input[name=labels][value=Role]")
    page.page.uncheck("input[name=labels][value=Team]")
    page.page.uncheck("input[name=labels][value=Milestone]")
    page.page.fill("input[name=max_nodes]", "10")
    with page.page.expect_navigation():
        page.page.click("button[type=submit]")
    page.page.wait_for_function("document.body.dataset.stable === '1'", timeout=30_000)
    assert "labels=Product" in page.page.url
    assert page.drawn() == (6, 5)  # 5 products and the facility
    page.check_clean()


def test_cli_file_works_offline(org_data: Path, tmp_path: Path, page: Page) -> None:
    from orggraph.cli import app

    out = tmp_path / "deps.html"
    result = CliRunner().invoke(
        app, ["viz", "dependencies", "Portal", "-o", str(out), "--data", str(org_data)]
    )
    assert result.exit_code == 0, result.output
    page.open(out.as_uri())
    assert page.drawn() == (5, 4)
    page.page.fill("#og-search", "DP1")
    page.page.press("#og-search", "Enter")
    assert page.js("() => orggraphView.network.getSelectedNodes()") == ["milestone:dp1-release"]
    page.screenshot("cli-dependencies")
    page.check_clean()


def test_focus_entity_is_selected_on_load(server: str, page: Page) -> None:
    page.open(server + "/viz/neighbourhood/Qserv?depth=1")
    assert page.js("() => orggraphView.network.getSelectedNodes()") == ["product:qserv"]
    assert page.page.inner_text("#og-details").startswith("Qserv Product")
    page.check_clean()


def test_impact_view_highlights_findings(server: str, page: Page) -> None:
    page.open(server + "/viz/impact?people=person:bo-lead")
    borders = page.js(
        "() => Object.fromEntries(orggraphView.nodes.get().filter(n => n.borderWidth)"
        ".map(n => [n.id, n.color.border]))"
    )
    assert borders == {
        "person:bo-lead": "#111111",  # moves
        "product:qserv": "#d7191c",  # critical: loses its manager, 3 depend on it
        "product:portal": "#d7191c",
        "product:science-platform": "#d7191c",
        "milestone:dp1-release": "#d7191c",
        "role:data-lead": "#f46d43",  # high: left vacant
        "role:developer": "#f46d43",  # high: its reporting line is cut
    }
    assert "critical (4)" in page.page.inner_text("#og-marks")
    page.js("() => orggraphView.focusNode('Qserv')")
    assert "critical: Qserv loses its manager; 3 depend on it" in page.page.inner_text(
        "#og-details"
    )
    page.screenshot("impact")
    page.check_clean()


def test_seeded_views_draw_what_the_store_holds(
    seeded_server: str, seeded_data_dir: Path, page: Page
) -> None:
    from orggraph.graph import viz

    with FalkorDBStore(seeded_data_dir) as db:
        expected = {
            "/viz/graph": viz.whole_graph(db),
            "/viz/dependencies/Qserv?direction=up": viz.dependencies(db, "Qserv", direction="up"),
            "/viz/org-chart": viz.org_chart(db),
            "/viz/neighbourhood/person:tim-jenness": viz.neighbourhood(db, "person:tim-jenness"),
        }
    for path, view in expected.items():
        assert len(view.nodes) > 2, path
        page.open(seeded_server + path)
        edges = 0 if view.layout == "tree" else len(view.edges)  # the chart's are connectors
        assert page.drawn() == (len(view.nodes), edges), path
        page.screenshot("seeded-" + path.split("/")[2].split("?")[0])
    # everything that depends on Qserv
    page.open(seeded_server + "/viz/dependencies/Qserv?direction=up")
    needs = page.js(
        "() => orggraphView.edges.get().filter(e => e.rel === 'DEPENDS_ON').map(e => e.to)"
    )
    assert "product:qserv" in needs
    page.open(seeded_server + "/viz/neighbourhood/person:tim-jenness")
    page.page.fill("#og-search", "Jenness, Tim")
    page.page.press("#og-search", "Enter")
    assert page.js("() => orggraphView.network.getSelectedNodes()") == ["person:tim-jenness"]
    page.check_clean()
