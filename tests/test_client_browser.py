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
