"""Load, describe, bind and run the canned queries in ``cypher/queries``.

A query file starts with a header of ``//`` comment lines::

    // name: product_owners
    // description: Who manages and who owns a product, with evidence.
    // param: id: ref Product -- the product (id, name or alias)
    // param: depth: int = 3 -- how far to follow DEPENDS_ON
    // example: id=product:butler depth=2

followed by the Cypher (one shared body, or per-engine bodies marked with
``// @dialect falkordb`` and ``// @dialect neo4j``; see :mod:`graph.dialect`).

A parameter of type ``ref`` (``ref Product``, ``ref Product|Milestone``, or ``ref``
for any label) names an entity: the service layer resolves an id, a name or an alias
to the entity's id before the query runs (:mod:`orggraph.graph.service.queries`).
``// internal: true`` marks a helper of the service (a walk's step, a count, a
view's fragment): it runs by name but is left out of the public list.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orggraph.graph import dialect
from orggraph.graph.model import LABELS

if TYPE_CHECKING:
    from orggraph.graph.stores.base import Row, Store

QUERY_DIR = Path(__file__).parent / "queries"
_HEADER = re.compile(r"^//\s*(\w+)\s*:\s*(.*)$")
_PARAM = re.compile(
    r"^(?P<name>\w+)\s*:\s*(?P<type>list\[str\]|list\[map\]|str|int|float|bool|ref)"
    r"(?:\s+(?P<labels>[A-Z]\w*(?:\|[A-Z]\w*)*))?"
    r"(?:\s*=\s*(?P<default>[^-]*?))?\s*(?:--\s*(?P<doc>.*))?$"
)
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class UnknownQuery(KeyError):
    """No canned query has that name."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"unknown query {name!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class QueryParamError(ValueError):
    """A parameter is missing, unknown or of the wrong type."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    default: Any = None
    description: str = ""
    #: for a ``ref``: the labels it may name, in order of preference (empty: any)
    labels: tuple[str, ...] = ()

    @property
    def is_ref(self) -> bool:
        return self.type == "ref"

    def coerce(self, value: Any) -> Any:
        """``value`` (often a string from a URL or the command line) as this type."""
        try:
            if self.type == "list[map]":
                if isinstance(value, str):
                    value = json.loads(value)
                if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
                    raise ValueError
                return [dict(v) for v in value]
            if self.type == "list[str]":
                if isinstance(value, str):
                    return [v.strip() for v in value.split(",") if v.strip()]
                return [str(v) for v in value]
            if self.type == "int":
                if isinstance(value, bool):
                    raise ValueError
                return int(value)
            if self.type == "float":
                return float(value)
            if self.type == "bool":
                if isinstance(value, bool):
                    return value
                text = str(value).strip().lower()
                if text in _TRUE | _FALSE:
                    return text in _TRUE
                raise ValueError
            return str(value)
        except (TypeError, ValueError):
            raise QueryParamError(
                f"parameter {self.name!r} must be {self.type}, got {value!r}"
            ) from None


@dataclass(frozen=True)
class CannedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    bodies: Mapping[str, str] = field(repr=False)
    path: Path | None = None
    example: Mapping[str, str] = field(default_factory=dict)
    internal: bool = False

    def cypher(self, engine: str) -> str:
        return dialect.select_body(dict(self.bodies), engine)

    def bind(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Check and coerce parameters; defaults fill the gaps."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(raw) - set(known))
        if unknown:
            raise QueryParamError(
                f"query {self.name!r} has no parameter {unknown[0]!r}"
                f" (it takes: {', '.join(known) or 'none'})"
            )
        bound: dict[str, Any] = {}
        for param in self.params:
            if param.name in raw and raw[param.name] is not None:
                bound[param.name] = param.coerce(raw[param.name])
            elif param.required:
                raise QueryParamError(f"query {self.name!r} needs parameter {param.name!r}")
            else:
                bound[param.name] = param.default
        return bound

    def run(self, store: Store, params: Mapping[str, Any] | None = None, **kw: Any) -> list[Row]:
        """Bind the parameters and run the query read-only."""
        return store.read(self.cypher(store.kind), self.bind({**(params or {}), **kw}))

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "params": [
                {
                    "name": p.name,
                    "type": p.type,
                    "required": p.required,
                    "default": p.default,
                    "description": p.description,
                    **({"labels": list(p.labels)} if p.is_ref else {}),
                }
                for p in self.params
            ],
            "example": dict(self.example),
        }


def parse_query_file(path: Path) -> CannedQuery:
    """One ``.cypher`` file as a :class:`CannedQuery` (ValueError on a bad header)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header: dict[str, str] = {}
    params: list[Param] = []
    example: dict[str, str] = {}
    body_start = 0
    for i, line in enumerate(lines):
        match = _HEADER.match(line.strip())
        if not match or match.group(1) == "" or line.strip().startswith("// @"):
            body_start = i
            break
        key, value = match.group(1).lower(), match.group(2).strip()
        if key == "param":
            params.append(_parse_param(value, path))
        elif key == "example":
            for pair in value.split():
                k, _, v = pair.partition("=")
                example[k] = v
        else:
            header[key] = (header.get(key, "") + " " + value).strip()
    else:
        body_start = len(lines)
    name = header.get("name")
    if not name:
        raise ValueError(f"{path}: the header has no '// name:' line")
    if name != path.stem:
        raise ValueError(f"{path}: name {name!r} differs from the file name")
    bodies = dialect.split_bodies("\n".join(lines[body_start:]))
    if not any(bodies.values()):
        raise ValueError(f"{path}: no Cypher after the header")
    unknown = set(example) - {p.name for p in params}
    if unknown:
        raise ValueError(f"{path}: the example names unknown parameter(s) {sorted(unknown)}")
    internal = header.get("internal", "").lower() in _TRUE
    return CannedQuery(
        name, header.get("description", ""), tuple(params), bodies, path, example, internal
    )


def _parse_param(spec: str, path: Path) -> Param:
    match = _PARAM.match(spec)
    if not match:
        raise ValueError(
            f"{path}: cannot read parameter {spec!r} (want 'name: type [= default] -- doc')"
        )
    kind = match.group("type")
    labels = tuple((match.group("labels") or "").split("|")) if match.group("labels") else ()
    if labels and kind != "ref":
        raise ValueError(f"{path}: only a ref parameter names labels: {spec!r}")
    unknown = [label for label in labels if label not in LABELS]
    if unknown:
        raise ValueError(f"{path}: unknown label {unknown[0]!r} in {spec!r}")
    default_text = match.group("default")
    doc = (match.group("doc") or "").strip()
    if default_text is None:
        return Param(match.group("name"), kind, True, None, doc, labels)
    probe = Param(match.group("name"), kind, False)
    text = default_text.strip()
    default = None if text in {"", "null"} else probe.coerce(text.strip("'\""))
    return Param(match.group("name"), kind, False, default, doc, labels)


class Registry:
    """Every canned query by name."""

    def __init__(self, queries: Mapping[str, CannedQuery]) -> None:
        self._queries = dict(sorted(queries.items()))

    @classmethod
    def load(cls, directory: Path = QUERY_DIR) -> Registry:
        queries: dict[str, CannedQuery] = {}
        for path in sorted(directory.glob("*.cypher")):
            query = parse_query_file(path)
            queries[query.name] = query
        return cls(queries)

    def get(self, name: str) -> CannedQuery:
        try:
            return self._queries[name]
        except KeyError:
            close = difflib.get_close_matches(name, self._queries, n=3, cutoff=0.5)
            raise UnknownQuery(name, close) from None

    def run(
        self, store: Store, name: str, params: Mapping[str, Any] | None = None, **kw: Any
    ) -> list[Row]:
        return self.get(name).run(store, params, **kw)

    def names(self) -> list[str]:
        return list(self._queries)

    def public(self) -> list[CannedQuery]:
        """The queries for users (``internal`` helpers left out)."""
        return [q for q in self._queries.values() if not q.internal]

    def __iter__(self) -> Iterator[CannedQuery]:
        return iter(self._queries.values())

    def __len__(self) -> int:
        return len(self._queries)

    def __contains__(self, name: object) -> bool:
        return name in self._queries


@lru_cache
def default_registry() -> Registry:
    return Registry.load()
