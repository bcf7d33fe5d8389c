"""docker-compose.yml and the Dockerfile stay in step with the settings and the layout."""

from __future__ import annotations

import re
from pathlib import Path

from orggraph.graph.settings import Settings

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
    assert "image: neo4j:5" in compose
    assert "healthcheck:" in compose and "service_healthy" in compose
    assert "neo4j-data:/data" in compose


def test_dockerfile_copies_every_package() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    for package in ("graph", "api", "loaders", "cypher", "orggraph", "seeds"):
        assert re.search(rf"^COPY {package} {package}$", dockerfile, re.MULTILINE), package
