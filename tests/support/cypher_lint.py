"""Neo4j's own Cypher front end, run offline: ``tools/cypher-lint`` (Node.js).

``./dev setup`` and ``./dev test`` install its pinned package with ``npm ci``.  Each
statement is linted against Neo4j 5's Cypher with the graph's vocabulary (labels and
relationship types from ``graph/model.py``, properties from ``graph/schema.py`` and the
loaded graph), Neo4j's own functions and procedures, and exactly the parameters the
statement is sent with.

The analysis is slow (a good fraction of a second a statement), so its answers are
kept in ``node_modules/`` keyed by everything that decides them: the installed
packages, the script, the vocabulary, the statement and its parameters.  A fresh
install (as in CI) starts without them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orggraph.graph import schema
from orggraph.graph.model import LABELS, REL_TYPES

ROOT = Path(__file__).resolve().parents[2]
LINT_DIR = ROOT / "tools" / "cypher-lint"
PACKAGE = "@neo4j-cypher/language-support"
INSTALL = "run ./dev setup (it runs npm ci in tools/cypher-lint)"

#: the warning for a property outside the vocabulary ("Label X ..." and "Relationship
#: type X ..." are the ones for labels and types)
UNKNOWN_PROPERTY = re.compile(r"^\w+ is not present in the database")


class LinterMissing(RuntimeError):
    """Node.js or the linter package is not installed."""


@dataclass(frozen=True)
class Diagnostic:
    severity: str
    message: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.line}:{self.column} {self.severity}: {self.message}"


@dataclass(frozen=True)
class LintRun:
    package: str
    version: str
    cypher: str
    functions: int
    procedures: int
    diagnostics: dict[str, list[Diagnostic]]


def pinned_version() -> str:
    """The linter version package.json pins."""
    manifest = json.loads((LINT_DIR / "package.json").read_text())
    return str(manifest["dependencies"][PACKAGE])


def property_keys(extra: Iterable[str] = ()) -> list[str]:
    """The properties the writer manages (``graph/schema.py``), and ``extra`` ones."""
    keys = set(schema.INTERNAL_PROPS) | {"key", "stated"}
    for node in schema.NODES:
        keys |= set(node.unique) | set(node.indexed) | set(node.per_document)
        keys |= {schema.source_key(p) for p in node.per_document}
    return sorted(keys | set(extra))


def neo4j_schema(extra_properties: Iterable[str] = ()) -> dict[str, Any]:
    """The vocabulary the linter checks statements against."""
    return {
        "labels": list(LABELS),
        "relationshipTypes": list(REL_TYPES),
        "propertyKeys": property_keys(extra_properties),
    }


def _cache_path() -> Path:
    return LINT_DIR / "node_modules" / ".orggraph-lint-cache.json"


def _load_cache() -> dict[str, Any]:
    try:
        return dict(json.loads(_cache_path().read_text()))
    except (OSError, ValueError):
        return {}


def _save_cache(cache: dict[str, Any]) -> None:
    path = _cache_path()
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(cache))
    temporary.replace(path)


def _key(salt: str, text: str, params: Sequence[str]) -> str:
    return hashlib.sha256(json.dumps([salt, text, sorted(params)]).encode()).hexdigest()


def _run_node(node: str, payload: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        [node, str(LINT_DIR / "lint.mjs")], input=json.dumps(payload), capture_output=True,
        text=True, cwd=LINT_DIR, timeout=1200, check=False,
    )
    if done.returncode != 0:
        raise LinterMissing(f"the linter failed ({done.returncode}): {done.stderr.strip()}")
    return dict(json.loads(done.stdout))


def lint(statements: Mapping[str, tuple[str, Sequence[str]]],
         vocabulary: Mapping[str, Any] | None = None) -> LintRun:
    """Lint each ``id -> (text, parameter names)``; LinterMissing when it cannot run."""
    node = shutil.which("node")
    if node is None:
        raise LinterMissing(f"Node.js is not installed: apt-get install nodejs npm; {INSTALL}")
    installed = LINT_DIR / "node_modules" / ".package-lock.json"  # npm writes it on install
    if not (installed.exists() and (LINT_DIR / "node_modules" / PACKAGE).is_dir()):
        raise LinterMissing(f"{PACKAGE} is not installed in {LINT_DIR}: {INSTALL}")
    words = dict(vocabulary if vocabulary is not None else neo4j_schema())
    salt = hashlib.sha256(
        installed.read_bytes() + (LINT_DIR / "lint.mjs").read_bytes()
        + json.dumps(words, sort_keys=True).encode()
    ).hexdigest()
    cache = _load_cache()
    keys = {sid: _key(salt, text, params) for sid, (text, params) in statements.items()}
    todo = [sid for sid, key in keys.items() if key not in cache]
    meta = cache.get(f"run:{salt}")
    if todo or meta is None:
        out = _run_node(node, {
            "schema": words,
            "statements": [{"id": sid, "text": statements[sid][0],
                            "params": list(statements[sid][1])} for sid in todo],
        })
        for result in out.pop("results"):
            cache[keys[result["id"]]] = result["diagnostics"]
        cache[f"run:{salt}"] = meta = out
        _save_cache(cache)
    return LintRun(
        package=meta["package"], version=meta["version"], cypher=meta["cypher"],
        functions=meta["functions"], procedures=meta["procedures"],
        diagnostics={
            sid: [Diagnostic(d["severity"], d["message"], d["line"], d["column"])
                  for d in cache[key]]
            for sid, key in keys.items()
        },
    )


def unknown_property(diagnostic: Diagnostic) -> bool:
    return diagnostic.severity == "warning" and bool(UNKNOWN_PROPERTY.match(diagnostic.message))


def failing(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """What fails a statement: any error (syntax, semantics, an unknown function or
    procedure, a parameter used but not passed) and any warning (a label or type outside
    the vocabulary, a deprecation) but one for a property outside the vocabulary:
    properties are open-ended (a document may state one the seeds do not)."""
    return [d for d in diagnostics
            if d.severity in ("error", "warning") and not unknown_property(d)]
