"""The API docs render in a real headless Chromium with every request off the machine
refused: Swagger UI and ReDoc come with the app, not from a CDN."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from orggraph.api.app import create_app
from orggraph.graph.settings import Settings
from orggraph.graph.stores.falkordb_store import FalkorDBStore

from tests.test_viz_browser import serving


@pytest.fixture(scope="module")
def docs_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("docs") / "data"
    FalkorDBStore(data).close()
    with serving(data) as url:
        yield url


class OfflinePage:
    """A page whose requests may only reach the app on 127.0.0.1."""

    def __init__(self, browser: Any) -> None:
        self.page = browser.new_page()
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route(re.compile(r".*"), self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


@pytest.fixture
def offline(browser: Any) -> Iterator[OfflinePage]:
    page = OfflinePage(browser)
    try:
        yield page
    finally:
        page.page.close()


def test_swagger_ui_renders_offline(docs_server: str, offline: OfflinePage) -> None:
    offline.page.goto(f"{docs_server}/docs")
    offline.page.wait_for_selector(".swagger-ui .info .title", timeout=30_000)
    assert "orggraph" in offline.page.inner_text(".swagger-ui .info .title")
    offline.page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    paths = offline.page.locator(".opblock-summary-path").all_inner_texts()
    assert "/cypher" in paths and "/health" in paths
    assert offline.outside == [], offline.outside
    assert offline.errors == [], offline.errors


def test_redoc_renders_offline(docs_server: str, offline: OfflinePage) -> None:
    offline.page.goto(f"{docs_server}/redoc")
    offline.page.wait_for_selector("h1", timeout=30_000)
    offline.page.wait_for_function(
        "document.body.innerText.includes('/cypher')", timeout=30_000
    )
    assert "orggraph" in offline.page.inner_text("h1")
    assert offline.outside == [], offline.outside
    assert offline.errors == [], offline.errors


def test_the_docs_pages_name_no_outside_host(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data=tmp_path / "data"))) as client:
        for page in ("/docs", "/redoc"):
            html = client.get(page).text
            assert re.findall(r"https?://", html) == [], page
            assert "default-src 'self'" in client.get(page).headers["content-security-policy"]
        for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js"):
            answer = client.get(f"/docs-assets/{asset}")
            assert answer.status_code == 200 and len(answer.content) > 100_000, asset
            assert b"https://cdn." not in answer.content, asset
