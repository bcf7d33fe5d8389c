"""docker-compose.yml and the Dockerfile stay in step with the settings and the layout."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from orggraph.graph.settings import Settings

from tests.conftest import NEO4J_IMAGE

ROOT = Path(__file__).resolve().parent.parent


def test_compose_sets_only_real_settings() -> None:
    compose = (ROOT / "docker-compose.yml").read_text()
    names = set(re.findall(r"^\s+(ORGGRAPH_[A-Z0-9_]+):", compose, re.MULTILINE))
    fields = {f"ORGGRAPH_{f.upper()}" for f in Settings.model_fields}
    assert names, "the api service sets no ORGGRAPH_ variables"
    assert names <= fields, f"compose sets unknown settings: {sorted(names - fields)}"
    assert {"ORGGRAPH_STORE", "ORGGRAPH_NEO4J_URI", "ORGGRAPH_NEO4J_PASSWORD"} <= names


def test_compose_has_a_neo4j_healthcheck_and_volume() -> None:
    compose = (ROOT / "docker-compose.yml").read_text()
    assert re.search(r"^\s+image: neo4j:5\.", compose, re.MULTILINE)
    assert "healthcheck:" in compose and "service_healthy" in compose
    assert "neo4j-data:/data" in compose


def test_dockerfile_copies_every_package() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    for package in ("graph", "api", "loaders", "cypher", "orggraph", "seeds"):
        assert re.search(rf"^COPY {package} {package}$", dockerfile, re.MULTILINE), package


def test_compose_pins_a_neo4j_5_release_the_driver_speaks_to() -> None:
    """A whole version, not a moving tag; Neo4j 5 speaks Bolt 5, which the driver must."""
    from neo4j._sync.io._bolt import Bolt  # the driver's own table of the Bolt it speaks

    found = re.fullmatch(r"neo4j:(\d+)\.(\d+)\.(\d+)(-community)?", NEO4J_IMAGE)
    assert found, f"{NEO4J_IMAGE}: pin a release, e.g. neo4j:5.26.0"
    assert found.group(1) == "5"
    assert any(v.major == 5 for v in Bolt.protocol_handlers), "the driver speaks no Bolt 5"


def _compose_client() -> list[str] | None:
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True,
                                 check=False).returncode == 0:
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    return [legacy] if legacy else None


def test_compose_file_is_valid() -> None:
    client = _compose_client()
    if client is None:
        pytest.skip("neither `docker compose` nor `docker-compose` is installed here")
    env = {**os.environ, "ORGGRAPH_NEO4J_PASSWORD": "checking-the-file"}
    done = subprocess.run([*client, "-f", str(ROOT / "docker-compose.yml"), "config"],
                          capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    assert f"image: {NEO4J_IMAGE}" in done.stdout
