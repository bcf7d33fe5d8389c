"""The notebook client gives the same answers on both stores (Neo4j where Docker runs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from orggraph.graph.service.load import load_paths
from orggraph.graph.settings import Settings
from orggraph.graph.stores import Store, StoreUnavailable

from orggraph.client import OrgGraph

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_helpers_on_each_store(store: Store) -> None:
    assert load_paths(store, [SEEDS]).ok
    og = OrgGraph(store)
    assert og.store is store
    owners = og.owners("Butler")
    assert owners[owners.role == "manager"].person.tolist() == ["Tim Jenness"]
    deps = og.dependents("Qserv")
    assert not deps.empty
    assert sorted(deps.id) == sorted(og.product_dependents(id="product:qserv").id)
    hops = og.path("Tim Jenness", "product:qserv")
    assert not hops.empty and "product:qserv" in (hops.source_id.iloc[-1], hops.target_id.iloc[-1])
    graph = og.to_networkx()
    assert graph.number_of_nodes() == og.counts_by_label()["count"].sum()
    assert not og.health().empty
    og.close()
    assert store.ping()  # a store passed in stays open


def test_neo4j_by_settings(neo4j_settings: Settings) -> None:
    with OrgGraph("neo4j", settings=neo4j_settings) as og:
        assert og.store.kind == "neo4j"
        assert "neo4j" in repr(og)


def test_unreachable_neo4j_says_so() -> None:
    settings = Settings(store="neo4j", neo4j_uri="bolt://127.0.0.1:9")
    with pytest.raises(StoreUnavailable, match="unreachable"):
        OrgGraph(settings=settings)
