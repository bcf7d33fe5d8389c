"""The synthetic organisations: deterministic, in the seeds' form, and loaded as planted."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from orggraph.cypher import default_registry
from orggraph.graph.service.load import load_paths
from orggraph.graph.stores.falkordb_store import FalkorDBStore

from bench import synth


def _texts(paths: list[Path]) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in paths]


def test_same_seed_same_documents_other_seed_other_names(tmp_path: Path) -> None:
    first = _texts(synth.write(synth.generate(2, seed=3), tmp_path / "a"))
    again = _texts(synth.write(synth.generate(2, seed=3), tmp_path / "b"))
    other = _texts(synth.write(synth.generate(2, seed=4), tmp_path / "c"))
    assert first == again
    assert first != other


def test_documents_carry_the_seeds_form_and_noise(tmp_path: Path) -> None:
    text = "\n".join(_texts(synth.write(synth.generate(3), tmp_path)))
    for form in (
        "WBS\tRole Title\tRole Description",
        "Product\tManager\tOwner\tNotes",
        "Milestone\tJira ID\tRubin ID\tDue Date\tLevel\tTeam",
        "WBS\tTeam\tRole Title\tRole Description\tInstitution\tFY21 FTE\tStaff",
        "- Staffing: ",
        " runs on ",
        "<b>",
        "\tTBD\t",
        "\t?\t",
        "Y (N/ A)",
    ):
        assert form in text, form
    assert "- " in text and any(
        line.endswith("-") or "- " in line.split("\t")[2]
        for line in text.splitlines()
        if line.count("\t") == 6
    ), "no hyphen-broken staff cells"
    assert any(c.isupper() and c.isalpha() for c in text)


def test_planted_counts_grow_with_scale() -> None:
    one = synth.generate(1).planted()
    ten = synth.generate(10).planted()
    assert 40 <= one["nodes"]["Person"] <= 80
    assert 7 * one["nodes"]["Person"] <= ten["nodes"]["Person"] <= 13 * one["nodes"]["Person"]
    assert ten["edges"]["DEPENDS_ON"] > 10 * one["edges"]["DEPENDS_ON"] * 0.8


def _loaded_counts(store: FalkorDBStore) -> tuple[Counter, Counter]:
    registry = default_registry()
    nodes = Counter({r["label"]: r["count"] for r in registry.run(store, "counts_by_label")})
    edges = Counter({r["type"]: r["count"] for r in registry.run(store, "counts_by_type")})
    return nodes, edges


@pytest.mark.parametrize("scale", [1, 10])
def test_loaded_counts_match_what_was_planted(tmp_path: Path, scale: int) -> None:
    org = synth.generate(scale)
    paths = synth.write(org, tmp_path / "docs")
    with FalkorDBStore(tmp_path / "data") as store:
        run = load_paths(store, paths)
        assert run.ok, run.failures[:3]
        nodes, edges = _loaded_counts(store)
    planted = org.planted()
    assert dict(nodes) == dict(planted["nodes"])
    assert dict(edges) == dict(planted["edges"])


def test_planted_graphs_are_valid_and_write_the_planted_counts(tmp_path: Path) -> None:
    from orggraph.graph.writer import setup_schema, write_document

    org = synth.generate(2)
    with FalkorDBStore(tmp_path / "data") as store:
        setup_schema(store)
        for graph in synth.graphs(org):
            assert graph.validate() == []
            write_document(store, graph)
        nodes, edges = _loaded_counts(store)
    planted = org.planted()
    assert dict(nodes) == dict(planted["nodes"])
    assert dict(edges) == dict(planted["edges"])
