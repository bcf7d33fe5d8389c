"""Call every API route and every CLI command, with values taken from the apps themselves.

Routes come from the FastAPI app's OpenAPI document, commands from the typer app's
registered commands: a route or command added later is walked without a change here.
A parameter's values are its own OpenAPI ``examples`` (or enum values), then the
examples other routes give a parameter of the same name, then :data:`SAMPLES` (seed
names no route documents).  Each route and command is tried with its required
parameters, then with its optional ones too, each time until an attempt succeeds; the
statements of every attempt count, the failed ones' included.
"""

from __future__ import annotations

import enum
import itertools
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer
from fastapi.testclient import TestClient
from orggraph.graph.settings import get_settings
from typer.testing import CliRunner

from tests.conftest import SEEDS

SEED_DOCUMENTS = sorted(p.name for p in SEEDS.iterdir() if p.is_file())

#: values for parameters that no route gives an example for (names in the seeds)
SAMPLES: dict[str, list[str]] = {
    "from": [*SEED_DOCUMENTS[:1], "person:fritz-mueller"],
    "to": [*SEED_DOCUMENTS[1:2], "product:qserv"],
    "doc_a": SEED_DOCUMENTS[:1],
    "doc_b": SEED_DOCUMENTS[1:2],
    "people": ["Fritz Mueller"],
    "to_role": ["Alert Production Pipeline Group Leader"],
    "to_team": ["Science Users Middleware"],
    "root": ["Alert Production Pipeline Group Leader"],
    "param": ["id=product:butler"],
    # the question commands each take one kind of entity: one sample of each kind
    "ref": [
        "Qserv",
        "Fritz Mueller",
        "Science Users Middleware",
        "USDF",
        "SLAC",
        "Alert Production Pipeline Group Leader",
        "L3-MW-0010",
    ],
    "product": ["Butler"],
    "team": ["Science Users Middleware"],
    "q": ["qserv"],
    "source": ["Fritz Mueller"],
    "target": ["product:qserv"],
    "a": ["GPDF"],
    "b": ["Gregory Dubois-Felsmann"],
}

#: commands the walk leaves to the scenario, or cannot run, and why
CLI_ELSEWHERE: dict[str, str] = {
    "load": "the scenario's load and reload steps run it",
    "remove": "the scenario's removal steps run it",
    "serve": "serves until stopped; the routes it serves are walked through the app itself",
}


@dataclass
class Call:
    """One route or command variant and what its attempts answered."""

    what: str
    #: (request or command line, HTTP status or exit code, whether that is a success)
    attempts: list[tuple[str, int, bool]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return any(success for _, _, success in self.attempts)


# --- the API -------------------------------------------------------------------------


def _examples(param: dict[str, Any]) -> list[Any]:
    schema = param.get("schema", {})
    own = param.get("examples") or schema.get("examples") or []
    if isinstance(own, dict):
        own = [e.get("value") for e in own.values()]
    enums = schema.get("enum") or [
        v for alt in schema.get("anyOf", []) for v in alt.get("enum", [])
    ]
    return [*own, *enums]


def _example_index(doc: dict[str, Any]) -> dict[str, list[Any]]:
    index: dict[str, list[Any]] = {}
    for ops in doc["paths"].values():
        for op in ops.values():
            for param in op.get("parameters", []):
                for value in _examples(param):
                    bucket = index.setdefault(param["name"], [])
                    if value not in bucket:
                        bucket.append(value)
    return index


def _candidates(param: dict[str, Any], index: dict[str, list[Any]]) -> list[Any]:
    """Its own examples first, then other routes', then :data:`SAMPLES`."""
    name = param["name"]
    values = [*_examples(param), *index.get(name, []), *SAMPLES.get(name, [])]
    return [v for i, v in enumerate(values) if v not in values[:i]]


def _bodies(op: dict[str, Any], doc: dict[str, Any]) -> list[Any]:
    body = op.get("requestBody")
    if not body:
        return [None]
    schema = next(iter(body["content"].values()))["schema"]
    if "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return list(schema.get("examples") or [])


Request = tuple[str, dict[str, Any], Any]


def _requests(path: str, op: dict[str, Any], doc: dict[str, Any],
              index: dict[str, list[Any]]) -> list[list[Request]]:
    """Two phases: the required parameters only, then with every optional one that has a
    value.  Each phase is tried until one request succeeds."""
    params = op.get("parameters", [])
    bodies = _bodies(op, doc)
    required = [p for p in params if p.get("required")]
    optional = [p for p in params if not p.get("required") and _candidates(p, index)]
    phases: list[list[Request]] = []
    for phase in (required, required + optional) if optional else (required,):
        values = {p["name"]: _candidates(p, index) for p in phase}
        missing = [name for name, v in values.items() if not v]
        if missing:
            raise LookupError(f"{path}: no example for parameter {missing[0]!r}")
        rounds = max([len(bodies), *(len(v) for v in values.values())])
        requests: list[Request] = []
        for i in range(rounds):
            url, query = path, {}
            for p in phase:
                value = values[p["name"]][i % len(values[p["name"]])]
                if p["in"] == "path":
                    url = url.replace("{" + p["name"] + "}", urllib.parse.quote(str(value), ""))
                else:
                    query[p["name"]] = value
            requests.append((url, query, bodies[i % len(bodies)]))
        phases.append(requests)
    return phases


#: routes whose parameters the OpenAPI document cannot state, with the requests to send
#: (none now: each public canned query has its own typed ``/queries/<name>`` operation,
#: with its examples, and the generic ``/queries/{name}`` is left out of the document)
API_REQUESTS: dict[str, Callable[[TestClient], list[list[Request]]]] = {}


def walk_api(client: TestClient, during: Callable[[str], Any]) -> list[Call]:
    """Call every route of ``client``'s app; ``during(label)`` tags the statements sent."""
    doc = client.app.openapi()  # type: ignore[attr-defined]
    unknown = set(API_REQUESTS) - set(doc["paths"])
    if unknown:
        raise LookupError(f"API_REQUESTS names routes the app does not have: {sorted(unknown)}")
    index = _example_index(doc)
    calls: list[Call] = []
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            call = Call(f"{method.upper()} {path}")
            special = API_REQUESTS.get(path)
            phases = special(client) if special else _requests(path, op, doc, index)
            with during(call.what):
                for requests in phases:
                    for url, query, body in requests:
                        response = client.request(method.upper(), url, params=query, json=body)
                        code = response.status_code
                        call.attempts.append((f"{url}?{urllib.parse.urlencode(query)}", code,
                                              code < 300))
                        if code < 300:
                            break
            calls.append(call)
    return calls


# --- the CLI -------------------------------------------------------------------------


# Typer's parameters, duck-typed: typer 0.2x carries its own copy of click.


def _annotation(param: Any) -> Any:
    return getattr(getattr(param, "type_descriptor", None), "annotation", None)


def _choices(param: Any) -> list[str]:
    annotation = _annotation(param)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [str(e.value) for e in annotation]
    return [str(c) for c in getattr(getattr(param, "type", None), "choices", None) or []]


def _is_argument(param: Any) -> bool:
    return bool(param.param_type_name == "argument")


def _is_output(param: Any) -> bool:
    is_path = _annotation(param) is Path or type(getattr(param, "type", None)).__name__ == "Path"
    return param.name == "output" and is_path


def _cli_values(param: Any, index: dict[str, list[Any]], tmp: Path) -> list[str]:
    if _is_output(param):
        return [str(tmp / "out")]  # never the default: it would write into the work tree
    name = param.name or ""
    return [str(v) for v in [*SAMPLES.get(name, []), *index.get(name, [])]]


def _args(params: list[Any], values: dict[str, list[str]], i: int) -> list[str]:
    positional: list[str] = []
    options: list[str] = []
    for p in params:
        if p.name not in values:
            continue
        value = values[p.name][i % len(values[p.name])]
        if _is_argument(p):
            positional.append(value)
        else:
            options += [p.opts[0], value]
    return positional + options


def _cli_phases(name: str, rest: list[Any], index: dict[str, list[Any]],
                tmp: Path) -> list[list[list[str]]]:
    """As for routes: required parameters (and the output file) only, then with every
    optional parameter that has a sample."""
    always = [p for p in rest if p.required or _is_output(p)]
    optional = [p for p in rest if p not in always and not getattr(p, "is_flag", False)
                and _cli_values(p, index, tmp)]
    phases: list[list[list[str]]] = []
    for phase in (always, always + optional) if optional else (always,):
        values = {p.name or "": _cli_values(p, index, tmp) for p in phase}
        missing = [key for key, v in values.items() if not v]
        if missing:
            raise LookupError(f"orggraph {name}: no sample for {missing[0]!r}")
        rounds = max([1, *(len(v) for v in values.values())])
        phases.append([_args(rest, values, i) for i in range(rounds)])
    return phases


def walk_cli(
    app: typer.Typer, store_args: list[str], doc: dict[str, Any], tmp: Path,
    during: Callable[[str], Any],
) -> list[Call]:
    """Run every registered command but :data:`CLI_ELSEWHERE`, each choice of a choice
    argument on its own, with ``store_args`` (``--store``, ``--data``); ``doc`` is the
    API's OpenAPI document, whose examples serve parameters of the same name."""
    group: Any = typer.main.get_command(app)
    unknown = set(CLI_ELSEWHERE) - set(group.commands)
    if unknown:
        raise LookupError(f"CLI_ELSEWHERE names commands the app does not have: {unknown}")
    index = _example_index(doc)
    runner = CliRunner()
    calls: list[Call] = []
    for name, command in sorted(group.commands.items()):
        if name in CLI_ELSEWHERE:
            continue
        params = [p for p in command.params if p.name not in ("store", "data")]
        choices = [p for p in params if _is_argument(p) and _choices(p)]
        rest = [p for p in params if p not in choices]
        phases = _cli_phases(name, rest, index, tmp)
        for picked in itertools.product(*(_choices(p) for p in choices)):
            call = Call(" ".join(["orggraph", name, *map(str, picked)]))
            with during(call.what):
                for attempts in phases:
                    for extra in attempts:
                        args = [name, *map(str, picked), *extra, *store_args]
                        result = runner.invoke(app, args, catch_exceptions=True)
                        get_settings.cache_clear()
                        if result.exception and not isinstance(result.exception, SystemExit):
                            raise RuntimeError(f"orggraph {' '.join(args)} crashed") from (
                                result.exception)
                        code = result.exit_code
                        call.attempts.append((" ".join(args), code, code == 0))
                        if code == 0:
                            break
            calls.append(call)
    return calls
