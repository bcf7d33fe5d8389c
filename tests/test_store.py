"""The writer and the stores: batched upserts, atomic documents, update-tag cleanup.

Every test here runs on the embedded store and, where Docker runs, on Neo4j.
"""

from __future__ import annotations

import contextlib

import pytest
from orggraph.graph.model import DocumentGraph, Edge, Evidence, Node, make_id
from orggraph.graph.service.export import export_graph
from orggraph.graph.stores.base import Store, StoreError, WriteRefused
from orggraph.graph.writer import remove_document, setup_schema, write_document


def person(name: str, doc: str, line: int, *aliases: str) -> Node:
    return Node(
        "Person",
        make_id("Person", name),
        name,
        list(aliases),
        sources=[Evidence(doc, line, f"{name} said so")],
    )


def product(name: str, doc: str, line: int, **props: object) -> Node:
    return Node(
        "Product",
        make_id("Product", name),
        name,
        properties=dict(props),
        sources=[Evidence(doc, line, f"{name} row")],
    )


def manages(who: Node, what: Node, doc: str, line: int) -> Edge:
    return Edge("MANAGES", who.id, what.id, sources=[Evidence(doc, line, "manager cell")])


def plan(
    doc: str = "plan.txt", people: tuple[str, ...] = ("Ada Lovelace", "Alan Turing")
) -> DocumentGraph:
    nodes = [person(n, doc, i + 1) for i, n in enumerate(people)]
    engine = product("Engine", doc, 10, manager_status="named")
    edges = [manages(nodes[0], engine, doc, 10)]
    return DocumentGraph(
        doc, handle="PLAN-1", date="2024-01-01", nodes=[*nodes, engine], edges=edges
    )


def facts(store: Store) -> tuple[set[tuple[str, str]], set[tuple[str, str, str]]]:
    data = export_graph(store)
    nodes = {(n["labels"][0], n["id"]) for n in data["nodes"]}
    edges = {(e["type"], e["source"], e["target"]) for e in data["edges"]}
    return nodes, edges


def test_write_then_export_carries_evidence_and_aliases(store: Store) -> None:
    setup_schema(store)
    graph = plan()
    graph.nodes[0].aliases = ["Lovelace, Ada", "AL"]
    write_document(store, graph)
    data = export_graph(store)
    ada = next(n for n in data["nodes"] if n["id"] == "person:ada-lovelace")
    assert ada["labels"] == ["Person"]
    assert set(ada["aliases"]) == {"Ada Lovelace", "Lovelace, Ada", "AL"}
    assert ada["sources"] == [{"document": "plan.txt", "line": 1, "quote": "Ada Lovelace said so"}]
    edge = next(e for e in data["edges"] if e["type"] == "MANAGES")
    assert (edge["source"], edge["target"]) == ("person:ada-lovelace", "product:engine")
    assert edge["sources"][0]["line"] == 10
    doc = next(n for n in data["nodes"] if n["labels"] == ["Document"])
    assert doc["properties"]["handle"] == "PLAN-1"
    engine = next(n for n in data["nodes"] if n["id"] == "product:engine")
    assert engine["properties"]["manager_status"] == "named"


def test_loading_twice_gives_the_same_graph(store: Store) -> None:
    setup_schema(store)
    write_document(store, plan())
    first = facts(store)
    write_document(store, plan())
    assert facts(store) == first
    data = export_graph(store)
    ada = next(n for n in data["nodes"] if n["id"] == "person:ada-lovelace")
    assert len(ada["sources"]) == 1  # evidence replaced, not appended


def test_reloading_a_revised_document_removes_what_it_no_longer_states(store: Store) -> None:
    setup_schema(store)
    write_document(store, plan())
    revised = plan(people=("Grace Hopper", "Alan Turing"))
    write_document(store, revised)
    nodes, edges = facts(store)
    assert ("Person", "person:ada-lovelace") not in nodes
    assert ("Person", "person:grace-hopper") in nodes
    assert edges == {("MANAGES", "person:grace-hopper", "product:engine")}


def test_a_node_two_documents_state_survives_either_reload(store: Store) -> None:
    setup_schema(store)
    write_document(store, plan("a.txt"))
    write_document(store, plan("b.txt", people=("Ada Lovelace",)))
    write_document(store, plan("a.txt", people=("Grace Hopper",)))
    nodes, _ = facts(store)
    assert ("Person", "person:ada-lovelace") in nodes  # b.txt still says so
    assert ("Person", "person:alan-turing") not in nodes
    ada = next(n for n in export_graph(store)["nodes"] if n["id"] == "person:ada-lovelace")
    assert {s["document"] for s in ada["sources"]} == {"b.txt"}
    remove_document(store, "b.txt")
    nodes, _ = facts(store)
    assert ("Person", "person:ada-lovelace") not in nodes
    assert ("Document", make_id("Document", "b.txt")) not in nodes


def test_a_failing_batch_leaves_the_store_as_it_was(store: Store) -> None:
    setup_schema(store)
    write_document(store, plan())
    before = facts(store)
    good = ("CREATE (:Person {id: 'person:half-written', name: 'x'})", {})
    duplicate = ("CREATE (:Person {id: 'person:ada-lovelace', name: 'dup'})", {})
    with pytest.raises(StoreError):
        store.execute_atomically([good, duplicate])
    assert facts(store) == before


def test_an_invalid_graph_is_refused_before_writing(store: Store) -> None:
    setup_schema(store)
    graph = plan()
    graph.edges.append(Edge("MANAGES", "person:nobody", "product:engine"))
    with pytest.raises(ValueError, match="not written"):
        write_document(store, graph)
    assert facts(store) == (set(), set())


def test_reads_refuse_writes(store: Store) -> None:
    with pytest.raises(WriteRefused):
        store.read("CREATE (:Person {id: 'person:intruder'})")
    assert store.read("MATCH (n:Person {id: 'person:intruder'}) RETURN n.id AS id") == []


def test_schema_setup_is_idempotent_and_enforces_unique_ids(store: Store) -> None:
    setup_schema(store)
    setup_schema(store)
    store.write("CREATE (:Team {id: 'team:x', name: 'X'})")
    with pytest.raises(StoreError):
        store.write("CREATE (:Team {id: 'team:x', name: 'X again'})")


def test_large_batches_load_in_few_statements(store: Store) -> None:
    setup_schema(store)
    people = tuple(f"Person {i:05d}" for i in range(12000))
    graph = plan(people=people)
    summary = write_document(store, graph)
    assert summary.nodes == len(people) + 2
    # 12,000 people in 5,000-row batches: 3 statements, not one per person
    assert summary.statements <= 3 + 1 + 1 + 1 + 12 + 8
    count = store.read("MATCH (n:Person) RETURN count(n) AS c")[0]["c"]
    assert count == len(people)


def test_embedded_store_survives_a_restart(tmp_path) -> None:
    from orggraph.graph.stores.falkordb_store import FalkorDBStore

    with FalkorDBStore(tmp_path / "d") as db:
        setup_schema(db)
        write_document(db, plan())
    with FalkorDBStore(tmp_path / "d") as db:
        assert ("Person", "person:ada-lovelace") in facts(db)[0]


def test_embedded_store_answers_unavailable_then_recovers_after_its_server_dies(tmp_path) -> None:
    import os
    import signal

    from orggraph.graph.stores.base import StoreUnavailable
    from orggraph.graph.stores.falkordb_store import FalkorDBStore

    with FalkorDBStore(tmp_path / "d") as db:
        setup_schema(db)
        write_document(db, plan())
        os.kill(db._db.client.pid, signal.SIGKILL)
        with pytest.raises(StoreUnavailable):
            db.read("MATCH (n) RETURN count(n) AS c")
        # the next call starts a fresh server on the same files
        assert ("Person", "person:ada-lovelace") in facts(db)[0]


def test_wbs_codes_are_kept_per_document(store: Store) -> None:
    setup_schema(store)

    def role_doc(doc: str, code: str) -> DocumentGraph:
        role = Node(
            "Role",
            "role:engineer",
            "Engineer",
            properties={"wbs": [code]},
            sources=[Evidence(doc, 3, f"{code}\tEngineer")],
        )
        return DocumentGraph(doc, nodes=[role])

    write_document(store, role_doc("old.txt", "3.3b"))
    write_document(store, role_doc("new.txt", "3.11b"))
    role = next(n for n in export_graph(store)["nodes"] if n["id"] == "role:engineer")
    assert sorted(role["properties"]["wbs"]) == ["3.11b", "3.3b"]
    assert role["properties"]["wbs_by_document"] == {"old.txt": ["3.3b"], "new.txt": ["3.11b"]}
    write_document(store, role_doc("new.txt", "3.12a"))  # a revised plan moves the code
    role = next(n for n in export_graph(store)["nodes"] if n["id"] == "role:engineer")
    assert role["properties"]["wbs_by_document"] == {"old.txt": ["3.3b"], "new.txt": ["3.12a"]}
    assert "wbs_src" not in role["properties"]


def test_a_load_waits_out_a_background_rewrite_instead_of_failing(tmp_path) -> None:
    """GRAPH.COPY forks; Redis refuses a second child while the AOF is rewritten."""
    from orggraph.graph.stores.falkordb_store import FalkorDBStore
    from redis.exceptions import ResponseError

    with FalkorDBStore(tmp_path / "d") as db:
        setup_schema(db)
        big = plan(people=tuple(f"Person {i:05d}" for i in range(20000)))
        write_document(db, big)
        for _ in range(3):
            with contextlib.suppress(ResponseError):  # "already in progress"
                db._db.client.execute_command("BGREWRITEAOF")
            write_document(db, big)
        assert db.read("MATCH (n:Person) RETURN count(n) AS c")[0]["c"] == 20000


def test_chained_statements_keep_their_own_parameters() -> None:
    from orggraph.graph.dialect import chain_statements

    cypher, params = chain_statements(
        [("UNWIND $rows AS r CREATE (:T {v: r})", {"rows": [1]}),
         ("UNWIND $rows AS r CREATE (:T {v: r + $add})", {"rows": [2], "add": 10})]
    )
    assert params == {"rows__0": [1], "rows__1": [2], "add__1": 10}
    assert "$rows__0" in cypher and "$rows__1" in cypher and "$add__1" in cypher
    assert "WITH count(*) AS unit__0" in cypher


def test_a_unit_of_statements_lands_whole_on_the_embedded_store(embedded) -> None:
    embedded.execute_atomically(
        [("UNWIND $rows AS r CREATE (:T {v: r})", {"rows": [1, 2]}),
         ("MATCH (t:T {v: 99}) SET t.seen = true", {}),  # matches nothing: the unit goes on
         ("UNWIND $rows AS r CREATE (:T {v: r})", {"rows": [3]})]
    )
    rows = embedded.read("MATCH (t:T) RETURN t.v AS v ORDER BY v")
    assert [r["v"] for r in rows] == [1, 2, 3]


def test_a_store_without_the_stated_record_still_cleans_up_by_scanning(store: Store) -> None:
    """Documents written before their Document node kept what they stated."""
    setup_schema(store)
    write_document(store, plan())
    store.write("MATCH (d:Document) REMOVE d.stated")
    write_document(store, plan(people=("Grace Hopper", "Alan Turing")))
    nodes, edges = facts(store)
    assert ("Person", "person:ada-lovelace") not in nodes
    assert edges == {("MANAGES", "person:grace-hopper", "product:engine")}
    data = export_graph(store)
    doc = next(n for n in data["nodes"] if n["labels"] == ["Document"])
    assert "stated" not in doc["properties"]  # bookkeeping stays out of the export
