"""Shared fixtures: real embedded stores, a Neo4j container where Docker runs, seeded graphs."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from orggraph.graph.settings import Settings
from orggraph.graph.stores import Store
from orggraph.graph.stores.falkordb_store import FalkorDBStore

from tests.support import analysis_plans

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

#: Debian's chromium, driven by Playwright's Python package (never a downloaded browser)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_BROWSER = "install the browser: apt-get install -y chromium"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium; a missing browser fails the test with the command that installs it."""
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.fail(INSTALL_BROWSER)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("install the driver: pip install playwright (never `playwright install`)")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def docker_unavailable_reason() -> str | None:
    """Why Neo4j tests cannot run here, or None when a Docker engine answers."""
    try:
        import docker
    except ImportError:
        return "the docker package is not installed (pip install 'orggraph[test]')"
    try:
        docker.from_env(timeout=2).ping()
    except Exception as exc:
        return f"no Docker engine answers ({type(exc).__name__}), so no Neo4j container can run"
    return None


def _compose_neo4j_image() -> str:
    """The Neo4j image docker-compose.yml pins: the tests' containers run the same one."""
    found = re.search(r"^\s*image:\s*(neo4j:\S+)", (ROOT / "docker-compose.yml").read_text(),
                      re.MULTILINE)
    return found.group(1) if found else "neo4j:5"


NEO4J_IMAGE = _compose_neo4j_image()


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Settings]:
    """A real Neo4j 5: the one ``ORGGRAPH_TEST_NEO4J_URI`` names (its ``_USER``,
    ``_PASSWORD``, ``_DATABASE`` beside it; the tests empty that database), else a
    throwaway container (testcontainers); skipped without either."""
    uri = os.environ.get("ORGGRAPH_TEST_NEO4J_URI")
    if uri:
        yield Settings(
            store="neo4j",
            neo4j_uri=uri,
            neo4j_user=os.environ.get("ORGGRAPH_TEST_NEO4J_USER", "neo4j"),
            neo4j_password=os.environ.get("ORGGRAPH_TEST_NEO4J_PASSWORD", "orggraph-dev"),
            neo4j_database=os.environ.get("ORGGRAPH_TEST_NEO4J_DATABASE", "neo4j"),
        )
        return
    reason = docker_unavailable_reason()
    if reason:
        pytest.skip(f"Neo4j store tests skipped: {reason} (or set ORGGRAPH_TEST_NEO4J_URI)")
    from testcontainers.neo4j import Neo4jContainer

    password = "orggraph-test"
    with Neo4jContainer(NEO4J_IMAGE, password=password) as container:
        yield Settings(
            store="neo4j",
            neo4j_uri=container.get_connection_url(),
            neo4j_user="neo4j",
            neo4j_password=password,
        )


def _wipe(store: Store) -> None:
    store.write("MATCH (n) DETACH DELETE n")


@pytest.fixture(params=["falkordb", "neo4j"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each kind: the same tests run on both."""
    if request.param == "falkordb":
        db: Store = FalkorDBStore(tmp_path / "data")
    else:
        from orggraph.graph.stores.neo4j_store import Neo4jStore

        s = request.getfixturevalue("neo4j_settings")
        db = Neo4jStore(s.neo4j_uri, s.neo4j_user, s.neo4j_password, s.neo4j_database)
        _wipe(db)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[FalkorDBStore]:
    """An empty embedded store in a temporary directory."""
    db = FalkorDBStore(tmp_path / "data")
    try:
        yield db
    finally:
        db.close()


@pytest.fixture(scope="session")
def seeded_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory holding the embedded store with both seed documents loaded."""
    from orggraph.graph.service.load import load_paths

    data = tmp_path_factory.mktemp("seeded") / "data"
    with FalkorDBStore(data) as db:
        run = load_paths(db, [SEEDS])
    assert run.ok, run.failures
    return data


@pytest.fixture
def seeded(seeded_data_dir: Path) -> Iterator[FalkorDBStore]:
    """The seeded embedded store (read-only use: tests must not write to it)."""
    db = FalkorDBStore(seeded_data_dir)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture(autouse=True, scope="session")
def _isolated_env(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Never touch the user's ./data from a test."""
    os.environ["ORGGRAPH_DATA"] = str(tmp_path_factory.mktemp("default-data"))


# --- the analysis tests' two hand-built plans (tests/support/analysis_plans.py) ------------


@pytest.fixture(scope="session")
def org_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Data directory of an embedded store holding plan-2021 only."""
    data = tmp_path_factory.mktemp("org") / "data"
    return analysis_plans.write_store(data, analysis_plans.plan_2021())


@pytest.fixture
def org(org_dir: Path) -> Iterator[FalkorDBStore]:
    db = FalkorDBStore(org_dir)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture(scope="session")
def both_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Data directory of an embedded store holding both plans."""
    return analysis_plans.write_store(
        tmp_path_factory.mktemp("both") / "data",
        analysis_plans.plan_2021(), analysis_plans.plan_2023(),
    )


@pytest.fixture
def both(both_dir: Path) -> Iterator[FalkorDBStore]:
    db = FalkorDBStore(both_dir)
    try:
        yield db
    finally:
        db.close()
