"""The layers, imports one way only: import-linter's contract (pyproject.toml) holds.

grimp finds a package's modules on disk under the package's own directory; the
package-dir mapping installs ``graph/`` as ``orggraph.graph`` and so on, which an
editable install resolves only at import time.  So the contract is checked on a copy
laid out as the installed package is (the mapping read from pyproject.toml).
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT

PYPROJECT = ROOT / "pyproject.toml"
LINT = Path(sys.executable).parent / "lint-imports"


def _installed_copy(target: Path) -> Path:
    """The package as installed (``orggraph/graph/...``), copied under ``target``."""
    mapping = tomllib.loads(PYPROJECT.read_text())["tool"]["setuptools"]["package-dir"]
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package, folder in sorted(mapping.items(), key=lambda kv: kv[0].count(".")):
        shutil.copytree(ROOT / folder, target.joinpath(*package.split(".")), ignore=ignore,
                        dirs_exist_ok=True)
    return target


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT), str(PYPROJECT), "--no-cache"], cwd=tree, env=env, capture_output=True,
        text=True, timeout=300, check=False,
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not LINT.exists():
        pytest.fail("install the test tools: pip install -e '.[test]' (import-linter)")
    return _installed_copy(tmp_path_factory.mktemp("installed"))


def test_the_layers_contract_is_kept(tree: Path) -> None:
    result = _lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout
    # every layer the contract names exists in the copy: nothing checked vacuously
    assert "does not exist" not in result.stdout + result.stderr


def test_a_lower_layer_importing_a_higher_one_breaks_it(tree: Path, tmp_path: Path) -> None:
    broken = _installed_copy(tmp_path / "broken")
    model = broken / "orggraph" / "graph" / "model.py"
    model.write_text(model.read_text() + "\nimport orggraph.graph.service  # noqa\n")
    result = _lint(broken)
    assert result.returncode != 0
    assert "orggraph.graph.model is not allowed to import orggraph.graph.service" in result.stdout


def test_no_module_imports_a_bare_folder_name() -> None:
    bare = {"api", "graph", "loaders", "cypher"}
    found: list[str] = []
    for folder in ("orggraph", "api", "graph", "loaders", "cypher", "tests", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = (
                    [a.name for a in node.names] if isinstance(node, ast.Import)
                    else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level
                    else []
                )
                found += [f"{path.relative_to(ROOT)}: {n}" for n in names
                          if n.split(".")[0] in bare]
    assert found == []
