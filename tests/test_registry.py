"""The query registry: headers, parameters, dialects, and every query run on the seeded store."""

from __future__ import annotations

from pathlib import Path

import pytest
from orggraph.cypher import QueryParamError, Registry, UnknownQuery, default_registry
from orggraph.cypher.registry import parse_query_file
from orggraph.graph.stores.falkordb_store import FalkorDBStore

REGISTRY = default_registry()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.cypher"
    path.write_text(text)
    return path


def test_header_gives_name_description_params_and_example(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "q",
        "// name: q\n// description: A test.\n"
        "// param: id: str -- the id\n// param: depth: int = 3 -- hops\n"
        "// param: tags: list[str] = -- optional\n// example: id=x depth=2\n"
        "MATCH (n {id: $id}) RETURN n.id AS id\n",
    )
    query = parse_query_file(path)
    assert query.name == "q" and query.description == "A test."
    assert [(p.name, p.type, p.required, p.default) for p in query.params] == [
        ("id", "str", True, None),
        ("depth", "int", False, 3),
        ("tags", "list[str]", False, None),
    ]
    assert query.example == {"id": "x", "depth": "2"}
    assert query.bind({"id": "a", "depth": "5", "tags": "x, y"}) == {
        "id": "a",
        "depth": 5,
        "tags": ["x", "y"],
    }
    assert query.bind({"id": "a"}) == {"id": "a", "depth": 3, "tags": None}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({}, "needs parameter 'id'"),
        ({"id": "a", "depth": "two"}, "must be int"),
        ({"id": "a", "nope": 1}, "has no parameter 'nope'"),
    ],
)
def test_binding_rejects_bad_parameters(tmp_path: Path, raw: dict, message: str) -> None:
    path = write(
        tmp_path, "q", "// name: q\n// param: id: str\n// param: depth: int = 1\nRETURN $id\n"
    )
    with pytest.raises(QueryParamError, match=message):
        parse_query_file(path).bind(raw)


def test_bad_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no '// name:'"):
        parse_query_file(write(tmp_path, "a", "MATCH (n) RETURN n\n"))
    with pytest.raises(ValueError, match="differs from the file name"):
        parse_query_file(write(tmp_path, "b", "// name: c\nRETURN 1\n"))
    with pytest.raises(ValueError, match="unknown parameter"):
        parse_query_file(write(tmp_path, "d", "// name: d\n// example: x=1\nRETURN 1\n"))


def test_dialect_bodies_are_picked_per_engine(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "p",
        "// name: p\n// @dialect falkordb\nRETURN 'f' AS e\n// @dialect neo4j\nRETURN 'n' AS e\n",
    )
    query = parse_query_file(path)
    assert query.cypher("falkordb") == "RETURN 'f' AS e"
    assert query.cypher("neo4j") == "RETURN 'n' AS e"


def test_unknown_query_suggests_close_names() -> None:
    with pytest.raises(UnknownQuery) as info:
        REGISTRY.get("product_owner")
    assert "product_owners" in info.value.suggestions


def test_registry_loads_every_file_once() -> None:
    files = sorted(
        p.stem for p in (Path(__file__).parent.parent / "cypher" / "queries").glob("*.cypher")
    )
    assert Registry.load().names() == files


def test_every_query_with_required_parameters_has_an_example() -> None:
    missing = [q.name for q in REGISTRY if any(p.required for p in q.params) and not q.example]
    assert missing == []


@pytest.mark.parametrize("name", REGISTRY.names())
def test_every_registered_query_runs_on_the_seeded_store(seeded: FalkorDBStore, name: str) -> None:
    query = REGISTRY.get(name)
    rows = query.run(seeded, dict(query.example))
    assert isinstance(rows, list)
    for row in rows:
        assert isinstance(row, dict)


@pytest.mark.parametrize(
    "name",
    [
        "counts_by_label",
        "counts_by_type",
        "documents",
        "known_entities",
        "export_nodes",
        "export_edges",
        "product_owners",
        "product_dependents",
        "person_roles",
        "milestones",
    ],
)
def test_core_queries_find_something_in_the_seeds(seeded: FalkorDBStore, name: str) -> None:
    query = REGISTRY.get(name)
    assert query.run(seeded, dict(query.example)), f"{name} returned no rows on the seeds"
