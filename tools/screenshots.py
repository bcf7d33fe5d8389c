"""Screenshots of every view over the seeds, for docs/views/ (headless Chromium).

    .venv/bin/python tools/screenshots.py [--out docs/views]

Loads both seed documents into a scratch embedded store, serves the API on loopback,
opens each view in Debian's ``chromium`` (driven by Playwright) at its default view and
saves one PNG per view.  Nothing leaves the machine: every other request is refused.
"""

from __future__ import annotations

import argparse
import re
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
#: file name -> the view's path under the API
VIEWS: dict[str, str] = {
    "index": "/viz",
    "org-chart": "/viz/org-chart",
    "org-chart-rooted": "/viz/org-chart?root=Data%20Production%20Oversight",
    "org-chart-team": "/viz/org-chart?root=USDF",
    "graph": "/viz/graph",
    "neighbourhood": "/viz/neighbourhood/person:tim-jenness",
    "dependencies": "/viz/dependencies/product:qserv",
    "impact": "/viz/impact?people=Tim%20Jenness",
    "not-found": "/viz/neighbourhood/Qsrev",
}
VIEWPORT = {"width": 1280, "height": 800}


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "views")
    args = parser.parse_args()

    import uvicorn
    from orggraph.api.app import create_app
    from orggraph.graph.service.load import load_paths
    from orggraph.graph.settings import Settings
    from orggraph.graph.stores.falkordb_store import FalkorDBStore
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="orggraph-shots-") as tmp:
        data = Path(tmp) / "data"
        store = FalkorDBStore(data)
        if not load_paths(store, [ROOT / "seeds"]).ok:
            print("the seeds did not load", file=sys.stderr)
            return 1
        port = _port()
        server = uvicorn.Server(uvicorn.Config(create_app(Settings(data=data), store),
                                               host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                for name, path in VIEWS.items():
                    page = browser.new_page(viewport=VIEWPORT)
                    page.route(re.compile(r".*"), lambda r: r.continue_()
                               if r.request.url.startswith(base) else r.abort())
                    page.goto(base + path)
                    if path.startswith("/viz/") and name != "not-found":
                        page.wait_for_function("document.body.dataset.stable === '1'",
                                               timeout=60_000)
                    shot = args.out / f"{name}.png"
                    page.screenshot(path=str(shot))
                    page.close()
                    print(f"{shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot}: "
                          f"{shot.stat().st_size // 1024} KB  ({path})")
                browser.close()
        finally:
            server.should_exit = True
            thread.join(10)
            store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
