"""``OrgGraph.show()`` output in a real headless Chromium, as a notebook would embed it.

Every request is refused, and the host page's Content-Security-Policy forbids
loading any script from anywhere: the view must still draw.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from orggraph.client import OrgGraph

#: what a locked-down notebook front end allows: its own inline code, nothing fetched
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:"
)




def test_show_draws_offline_under_a_strict_policy(browser: Any, seeded_data_dir: Path) -> None:
    with OrgGraph(data=seeded_data_dir) as og:
        deps = og.dependents("Qserv")
        expected = og.to_networkx(deps)
        cell = og.show(deps).data
    page = browser.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))

    def refuse(route: Any) -> None:
        outside.append(route.request.url)
        route.abort()

    page.route("**/*", refuse)
    try:
        page.set_content(
            f"<!doctype html><html><head><meta http-equiv='Content-Security-Policy' "
            f"content=\"{CSP}\"></head><body><div class='output'>{cell}</div></body></html>"
        )
        frame = next(f for f in page.frames if f != page.main_frame)
        frame.wait_for_function("document.body.dataset.stable === '1'", timeout=30_000)
        drawn = frame.evaluate(
            "() => [orggraphView.network.body.nodeIndices.length,"
            " orggraphView.network.body.edgeIndices.length]"
        )
        names = frame.evaluate("() => orggraphView.nodes.get().map(n => n.label)")
    finally:
        page.close()
    assert drawn == [expected.number_of_nodes(), expected.number_of_edges()]
    assert "TAP" in names and "Qserv" in names
    assert outside == []
    assert errors == []


def test_inline_org_chart_fits_a_notebook_cell(browser: Any, seeded_data_dir: Path) -> None:
    """The inline org chart in a cell 900 px wide: the cell's width, as tall as the chart
    needs (within bounds), its boxes legible (>= 10 px type) as it opens at the chart's
    top-left, no label on another, none under the side panel or cut at the left or top."""
    from tests.support.viz_browser import _MEASURE, Drawn

    with OrgGraph(data=seeded_data_dir) as og:
        chart = og.org_chart("Algorithms and Pipelines")
        cell = og.show(chart).data
        roles = set(chart.role_id)
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.route("**/*", lambda route: route.abort())
    try:
        page.set_content(
            "<!doctype html><html><body style='margin:0'>"
            f"<div class='output' style='width:900px'>{cell}</div></body></html>"
        )
        frame_box = page.locator("iframe").bounding_box()
        frame = next(f for f in page.frames if f != page.main_frame)
        frame.wait_for_function("document.body.dataset.stable === '1'", timeout=30_000)
        drawn = Drawn(**frame.evaluate(_MEASURE))
        meta = frame.evaluate("() => orggraphView.meta")
    finally:
        page.close()
    assert frame_box and frame_box["width"] == 900 and 380 <= frame_box["height"] <= 720
    assert meta["kind"] == "org-chart" and {n["id"] for n in drawn.nodes} >= roles
    assert drawn.smallest_type() >= 10, drawn.smallest_type()
    assert drawn.overlapping_labels() == [] and drawn.under_panel() == []
    left, top = drawn.canvas[0], drawn.canvas[1]
    assert all(n["box"][0] >= left - 1 and n["box"][1] >= top - 1 for n in drawn.nodes)
    in_view = {n["id"] for n in drawn.in_view()}
    assert meta["start"] in in_view and len(in_view) >= 6, len(in_view)
