"""The app served on loopback and a browser page that measures what a view draws (no tests here)."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from orggraph.api.app import create_app
from orggraph.graph.settings import Settings
from orggraph.graph.stores.falkordb_store import FalkorDBStore


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(data: Path) -> Iterator[str]:
    """The app over the store in ``data`` on 127.0.0.1 and a free port, in a thread."""
    store = FalkorDBStore(data)
    app = create_app(Settings(data=data), store)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)
        store.close()


#: each drawn node's box on the screen (page pixels): the node with its label, the label
#: alone, the label's type size as drawn (font size x the network's scale)
_MEASURE = """() => {
  const n = orggraphView.network;
  const rect = (el) => { const r = el.getBoundingClientRect();
                         return [r.left, r.top, r.right, r.bottom]; };
  const canvas = document.getElementById('og-network');
  const c = canvas.getBoundingClientRect();
  const scale = n.getScale();
  const screen = (l, t, r, b) => {
    const a = n.canvasToDOM({x: l, y: t}), z = n.canvasToDOM({x: r, y: b});
    return [c.left + a.x, c.top + a.y, c.left + z.x, c.top + z.y];
  };
  const nodes = n.body.nodeIndices.map((id) => {
    const node = n.body.nodes[id];
    const b = n.getBoundingBox(id);
    const s = node.labelModule.size;
    const text = node.options.label || '';
    return {id: String(id), label: text,
            box: screen(b.left, b.top, b.right, b.bottom),
            text: text ? screen(s.left, s.top, s.left + s.width, s.top + s.height) : null,
            px: node.labelModule.fontOptions.size * scale};
  });
  return {nodes: nodes, canvas: rect(canvas), side: rect(document.getElementById('og-details')),
          scale: scale};
}"""


@dataclass
class Drawn:
    """What a view draws, measured on the screen."""

    nodes: list[dict[str, Any]]
    canvas: list[float]
    side: list[float]
    scale: float

    def overlapping_labels(self, slack: float = 0.5) -> list[tuple[str, str]]:
        """Pairs of nodes whose labels cover one another (sweep along x)."""
        texts = sorted((n["text"], n["id"]) for n in self.nodes if n["text"])
        out: list[tuple[str, str]] = []
        for i, (a, ida) in enumerate(texts):
            for b, idb in texts[i + 1:]:
                if b[0] >= a[2] - slack:
                    break
                if b[1] < a[3] - slack and a[1] < b[3] - slack:
                    out.append((ida, idb))
        return out

    def outside(self, slack: float = 1.0) -> list[str]:
        """Nodes not wholly inside the network's canvas."""
        left, top, right, bottom = self.canvas
        return [n["id"] for n in self.nodes
                if n["box"][0] < left - slack or n["box"][1] < top - slack
                or n["box"][2] > right + slack or n["box"][3] > bottom + slack]

    def in_view(self) -> list[dict[str, Any]]:
        """Nodes wholly inside the canvas."""
        gone = set(self.outside())
        return [n for n in self.nodes if n["id"] not in gone]

    def under_panel(self) -> list[str]:
        """Nodes drawn where the side panel is (the canvas reaching under it)."""
        left = self.side[0]
        canvas_right = self.canvas[2]
        return [n["id"] for n in self.nodes
                if n["box"][2] > left + 1 and n["box"][0] < min(canvas_right, self.side[2])
                and canvas_right > left + 1]

    def smallest_type(self) -> float:
        sizes = [n["px"] for n in self.nodes if n["label"]]
        return min(sizes) if sizes else 0.0


class Page:
    """A browser page that records console errors and refuses off-machine requests."""

    def __init__(self, browser: Any, width: int = 1400, height: int = 900) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route(re.compile(r".*"), self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "file://", "data:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, url: str, timeout: float = 30_000) -> None:
        self.page.goto(url)
        self.page.wait_for_function("document.body.dataset.stable === '1'", timeout=timeout)

    def js(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def drawn(self) -> tuple[int, int]:
        """Nodes and edges the network really draws."""
        return tuple(self.js(
            "() => [orggraphView.network.body.nodeIndices.length,"
            " orggraphView.network.body.edgeIndices.length]"
        ))

    def measure(self) -> Drawn:
        return Drawn(**self.js(_MEASURE))

    def check_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.outside == [], f"the page reached off the machine: {self.outside}"
