"""The one walk: breadth-first by one-hop queries, and the bidirectional shortest path."""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
import pytest
from orggraph.graph.service.export import export_graph
from orggraph.graph.service.walk import neighbourhood, shortest_path, walk, walk_many
from orggraph.graph.stores.falkordb_store import FalkorDBStore


@pytest.fixture(scope="module")
def store(seeded_data_dir: Path):
    db = FalkorDBStore(seeded_data_dir)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture(scope="module")
def graph(store: FalkorDBStore) -> nx.MultiDiGraph:
    data = export_graph(store)
    g = nx.MultiDiGraph()
    for n in data["nodes"]:
        g.add_node(n["id"], label=n["labels"][0])
    for e in data["edges"]:
        g.add_edge(e["source"], e["target"], key=e["type"])
    return g


def test_shortest_paths_are_as_short_as_networkx_finds(
    store: FalkorDBStore, graph: nx.MultiDiGraph
) -> None:
    undirected = nx.Graph(graph)
    rng = random.Random(3)
    nodes = sorted(n for n, d in graph.nodes(data=True) if d["label"] != "Document")
    pairs = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(60)]
    found = 0
    for a, b in pairs:
        try:
            want: int | None = nx.shortest_path_length(undirected, a, b)
        except nx.NetworkXNoPath:
            want = None
        got = shortest_path(store, a, b, 6)
        if want is None or want > 6:
            assert got is None, (a, b)
            continue
        assert got is not None and not got.stopped, (a, b)
        assert len(got.hops) == want, (a, b)
        found += want > 0
        ids = [n["id"] for n in got.nodes]
        assert ids[0] == a and ids[-1] == b and len(ids) == want + 1
        for hop, x, y in zip(got.hops, ids[:-1], ids[1:], strict=True):
            assert {hop["source"], hop["target"]} == {x, y}
            assert graph.has_edge(hop["source"], hop["target"], key=hop["type"])  # stored way
            assert hop["sources"], hop  # each hop's evidence
    assert found >= 20


def test_a_frontier_over_the_cap_stops_the_search_and_says_so(store: FalkorDBStore) -> None:
    capped = shortest_path(store, "person:tim-jenness", "product:qserv", 6, cap=1)
    assert capped is not None and capped.stopped
    assert "at the cap of 1 relationships" in capped.stopped
    assert not capped.hops
    assert shortest_path(store, "person:tim-jenness", "person:tim-jenness", 6).nodes == [
        {"id": "person:tim-jenness"}]


def test_walking_together_is_walking_apart(store: FalkorDBStore) -> None:
    origins = ["product:qserv", "product:butler", "milestone:l2-dp-0020"]
    together = walk_many(store, origins, "dependents_step", 6)
    for origin in origins:
        alone = walk(store, origin, "dependents_step", 6)
        assert [(r.id, r.level) for r in together[origin]] == [(r.id, r.level) for r in alone]
        for reach in alone:  # each chain runs from the origin to the node
            assert reach.chain[0]["target"] == origin and reach.chain[-1]["id"] == reach.id
            assert len(reach.chain) == reach.level
    assert together["product:qserv"], "Qserv has dependents in the seeds"


def test_the_neighbourhood_grows_by_levels_and_stops_at_its_cap(
    store: FalkorDBStore, graph: nx.MultiDiGraph
) -> None:
    ids, notice = neighbourhood(store, "product:qserv", 2, 10_000)
    undirected = nx.Graph(graph)
    want = nx.single_source_shortest_path_length(undirected, "product:qserv", cutoff=2)
    assert set(ids) == set(want) and notice == ""
    small, cut = neighbourhood(store, "product:qserv", 3, 5)
    assert small == ["product:qserv"] or len(small) <= 5
    assert cut.startswith("Cut at depth")


def test_counts_by_type_counts_every_type_of_the_model(store: FalkorDBStore) -> None:
    from orggraph.cypher import default_registry
    from orggraph.graph.model import REL_TYPES

    # Neo4j counts each type from its count store; FalkorDB reads its statistics
    body = default_registry().get("counts_by_type").cypher("neo4j")
    assert sorted(REL_TYPES) == sorted(t for t in REL_TYPES if f"[e:{t}]" in body)
    counted = {r["type"]: r["count"] for r in default_registry().run(store, "counts_by_type")}
    untyped = store.read("MATCH ()-[e]->() RETURN type(e) AS type, count(e) AS count")
    assert counted == {r["type"]: r["count"] for r in untyped}


def test_a_hub_is_crossed_but_not_searched_beyond(
    store: FalkorDBStore, graph: nx.MultiDiGraph
) -> None:
    hubs = {"Institution": 1000.0}  # as if every institution had a thousand members
    # two people of one institution: they meet at it, so the path is still found
    met = shortest_path(store, "person:ralf-kaehler", "person:matthias-wittgen", 6,
                        degrees=hubs, hub=500)
    assert met is not None and len(met.hops) <= 2
    rng = random.Random(5)
    nodes = sorted(n for n, d in graph.nodes(data=True) if d["label"] != "Document")
    undirected = nx.Graph(graph)
    passed = 0
    for _ in range(40):
        a, b = rng.choice(nodes), rng.choice(nodes)
        got = shortest_path(store, a, b, 6, degrees=hubs, hub=500)
        if got is None:
            continue
        passed += bool(got.passed_over)
        assert all(graph.nodes[n]["label"] == "Institution" for n in got.passed_over)
        if got.hops:
            inner = [n["id"] for n in got.nodes[1:-1]]
            assert sum(graph.nodes[n]["label"] == "Institution" for n in inner) <= 1
            assert len(got.hops) >= nx.shortest_path_length(undirected, a, b)
    assert passed, "some search passed over an institution"
