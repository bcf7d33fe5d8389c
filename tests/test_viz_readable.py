"""Every view readable at its default view, measured in a real headless Chromium.

The page's own vis-network reports where each node and its label are drawn
(``getPositions``, ``getBoundingBox``, the label's size) and at what scale; from
those, on the screen: no two labels overlap, nothing is drawn off the canvas or
under the side panel, and the org chart's type is at least 10 px at the scale it
opens at, for a chart of 150 boxes.  At 1000x the whole graph stays within its node
budget and draws.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from orggraph.graph import viz

from tests.support.viz_browser import Drawn, Page, serving
from tests.support.viz_scaled import build, cached

#: the smallest type a reader reads without zooming, in screen pixels
LEGIBLE_PX = 10.0


@pytest.fixture(scope="module")
def seeded_server(seeded_data_dir: Path) -> Iterator[str]:
    with serving(seeded_data_dir) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    p = Page(browser)
    try:
        yield p
    finally:
        p.page.close()


def _readable(drawn: Drawn, whole: bool) -> None:
    """No label on another, nothing under the side panel; ``whole``: all in view."""
    assert drawn.nodes, "nothing drawn"
    assert drawn.overlapping_labels() == []
    assert drawn.canvas[2] <= drawn.side[0] + 1  # the canvas stops where the panel starts
    assert drawn.under_panel() == []
    left, top = drawn.canvas[0], drawn.canvas[1]
    # nothing cut by the left or top edge, whatever the view (a chart opens at its top-left)
    assert [n["id"] for n in drawn.nodes if n["box"][0] < left - 1 or n["box"][1] < top - 1] == []
    if whole:
        assert drawn.outside() == []


def _chart_opens_legibly(drawn: Drawn, meta: dict[str, Any]) -> None:
    assert drawn.smallest_type() >= LEGIBLE_PX, drawn.smallest_type()
    start = meta.get("start")
    if start:
        assert start in {n["id"] for n in drawn.in_view()}


@pytest.mark.parametrize(
    ("path", "whole"),
    [
        ("/viz/org-chart", False),
        ("/viz/org-chart?root=Data%20Production%20Oversight", True),  # a role
        ("/viz/org-chart?root=Yusra%20AlSayyad", True),  # a person
        ("/viz/org-chart?root=USDF", True),  # a team: 22 roles in no reporting line
        ("/viz/graph", True),
        ("/viz/neighbourhood/person:tim-jenness", True),
        ("/viz/dependencies/product:qserv", True),
        ("/viz/impact?people=Tim%20Jenness", True),
    ],
)
def test_seeded_view_is_readable(seeded_server: str, page: Page, path: str, whole: bool) -> None:
    page.open(seeded_server + path)
    drawn = page.measure()
    _readable(drawn, whole)
    meta = page.js("() => orggraphView.meta")
    if meta["kind"] == "org-chart":
        _chart_opens_legibly(drawn, meta)
    page.check_clean()


def test_isolated_nodes_are_gathered_in_the_seeded_graph(seeded_server: str, page: Page) -> None:
    page.open(seeded_server + "/viz/graph")
    kinds = page.js("() => orggraphView.nodes.get().map(n => [n.id, n.kind])")
    gathered = [i for i, k in kinds if k == "isolated"]
    assert gathered, kinds
    # the gathered node expands in place into the nodes it stands for
    before = page.drawn()[0]
    page.js("(id) => orggraphView.expand(id)", gathered[0])
    page.page.wait_for_function(f"orggraphView.nodes.length > {len(kinds)}", timeout=10_000)
    assert page.drawn()[0] > before
    page.check_clean()


@pytest.fixture(scope="module")
def chart_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Six units of the synthetic organisation: more reporting lines than 150 boxes."""
    data = build(6, tmp_path_factory.mktemp("viz-scale-6") / "data")
    with serving(data) as url:
        yield url


def test_org_chart_of_150_boxes_opens_legible(chart_server: str, page: Page) -> None:
    page.open(chart_server + "/viz/org-chart")
    drawn = page.measure()
    # whole subtrees fill the budget of 150 boxes, so a few may stay empty
    assert 140 <= len(drawn.nodes) <= viz.ORG_BUDGET == 150
    _readable(drawn, whole=False)
    _chart_opens_legibly(drawn, page.js("() => orggraphView.meta"))
    assert len(drawn.in_view()) >= 12  # a screenful of whole boxes, not one
    page.check_clean()


@pytest.fixture(scope="module")
def big_server() -> Iterator[str]:
    """The 1000x organisation (about 50,000 people, 257,000 nodes): built once, kept."""
    with serving(cached(1000)) as url:
        yield url


def test_whole_graph_at_1000x_stays_in_budget_and_draws(big_server: str, page: Page) -> None:
    started = time.perf_counter()
    page.open(big_server + "/viz/graph", timeout=120_000)
    seconds = time.perf_counter() - started
    meta = page.js("() => orggraphView.meta")
    assert meta["nodes"] <= meta["budget"] == viz.GRAPH_BUDGET
    assert "more than the 200 this page draws" in page.page.inner_text("#og-notice")
    drawn = page.measure()
    assert len(drawn.nodes) == meta["nodes"] >= 20
    _readable(drawn, whole=True)
    assert int(page.js("() => document.body.dataset.firstDraw")) > 0
    shot = page.page.locator("#og-network canvas").screenshot()
    assert len(shot) > 20_000  # a drawing, not a blank canvas
    print(f"1000x whole graph: {len(drawn.nodes)} nodes, open to stable {seconds:.1f} s")
    page.check_clean()


def test_org_chart_at_1000x_opens_legible(big_server: str, page: Page) -> None:
    page.open(big_server + "/viz/org-chart", timeout=120_000)
    drawn = page.measure()
    assert 140 <= len(drawn.nodes) <= viz.ORG_BUDGET
    _readable(drawn, whole=False)
    _chart_opens_legibly(drawn, page.js("() => orggraphView.meta"))
    page.check_clean()
