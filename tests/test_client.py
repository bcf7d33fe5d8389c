"""The notebook client against the seeded embedded store: queries, helpers, graphs, views."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from orggraph.cypher import QueryParamError, default_registry
from orggraph.graph.refs import RefAmbiguous, RefNotFound
from orggraph.graph.settings import get_settings
from orggraph.graph.stores import StoreError
from orggraph.graph.stores.falkordb_store import FalkorDBStore

from orggraph.client import OrgGraph, node_ids

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def og(seeded_data_dir: Path) -> Iterator[OrgGraph]:
    with OrgGraph(data=seeded_data_dir) as client:
        yield client


def assert_verbatim(evidence: list[dict]) -> None:
    """Each item is {document, line, quote} and the quote is on that line of the seed."""
    assert evidence
    for item in evidence:
        lines = (SEEDS / item["document"]).read_text(encoding="utf-8").splitlines()
        assert item["quote"] in lines[item["line"] - 1], item


def test_import_is_lazy() -> None:
    code = (
        "import sys, orggraph\n"
        "assert 'pandas' not in sys.modules and 'orggraph.client' not in sys.modules\n"
        "from orggraph import OrgGraph\n"
        "assert OrgGraph.__module__ == 'orggraph.client' and 'pandas' in sys.modules\n"
        "assert 'OrgGraph' in dir(orggraph)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_canned_query_is_a_typed_documented_method() -> None:
    registry = default_registry()
    assert len(registry.public()) > 20
    for query in registry.public():
        method = getattr(OrgGraph, query.name)
        assert query.name in dir(OrgGraph)
        sig = inspect.signature(method)
        params = list(sig.parameters.values())[1:]
        assert [p.name for p in params] == [p.name for p in query.params]
        for spec, param in zip(query.params, params, strict=True):
            if spec.required:
                assert param.default is inspect.Parameter.empty
            else:
                assert param.default == spec.default
            expected = "str" if spec.is_ref else spec.type.split("[")[0]
            assert expected in str(param.annotation)
        assert sig.return_annotation is pd.DataFrame
        assert query.description in (method.__doc__ or "")
    assert "product_owners" in pydoc_text()
    # the service's helpers (steps, counts, view fragments) are no methods
    internal = [q.name for q in registry if q.internal]
    assert {"dependents_step", "health_vacant_roles_total", "viz_node_props"} <= set(internal)
    assert not [name for name in internal if hasattr(OrgGraph, name)]


def pydoc_text() -> str:
    import pydoc

    return pydoc.render_doc(OrgGraph, renderer=pydoc.plaintext)


def test_canned_methods_run_their_examples(og: OrgGraph) -> None:
    ran = 0
    for query in default_registry().public():
        if not query.example:
            continue
        frame = getattr(og, query.name)(**query.example)
        assert isinstance(frame, pd.DataFrame), query.name
        ran += 1
    assert ran >= 10
    owners = og.product_owners("product:butler")  # positional works too
    managers = owners.loc[0, "managers"]
    assert [m["name"] for m in managers] == ["Tim Jenness"]
    assert_verbatim(managers[0]["sources"])  # evidence decoded to dicts


def test_canned_method_parameter_errors(og: OrgGraph) -> None:
    with pytest.raises(TypeError):
        og.product_owners()
    with pytest.raises(TypeError):
        og.product_owners(id="product:butler", nope=1)
    with pytest.raises(QueryParamError):
        og.product_dependents("product:qserv", depth="deep")
    assert og.counts_by_label().set_index("label").loc["Person", "count"] > 10


def test_queries_lists_the_registry(og: OrgGraph) -> None:
    listing = og.queries()
    assert listing["name"].tolist() == [q.name for q in default_registry().public()]
    row = listing.set_index("name").loc["product_dependents"]
    assert "depth: int = 6" in row["params"]


def test_owners_by_name_and_alias(og: OrgGraph) -> None:
    owners = og.owners("Butler")
    managers = owners[owners.role == "manager"]
    assert managers.person.tolist() == ["Tim Jenness"]
    assert managers.person_id.tolist() == ["person:tim-jenness"]
    assert set(owners.role) <= {"manager", "owner"}
    for evidence in owners.evidence:
        assert_verbatim(evidence)
    assert og.owners("butler").equals(owners)
    assert og.owners("product:butler").equals(owners)


def test_dependents_match_the_transitive_query(og: OrgGraph) -> None:
    deps = og.dependents("Qserv")  # the product, though a team is called Qserv too
    assert not deps.empty
    assert "product:tap" in deps.id.tolist()
    expected = og.product_dependents(id="product:qserv")
    assert sorted(deps.id) == sorted(expected.id)
    by_id = expected.set_index("id")["depth"]
    assert all(by_id[row.id] == row.depth for row in deps.itertuples())
    assert deps.depth.is_monotonic_increasing
    assert set(deps[deps.depth == 1].via) == {"product:qserv"}
    for evidence in deps.evidence:
        assert_verbatim(evidence)


def test_dependencies_are_the_reverse_walk(og: OrgGraph) -> None:
    deps = og.dependents("Qserv")
    first = deps[deps.depth == 1].id.iloc[0]
    assert "product:qserv" in og.dependencies(first).id.tolist()


def test_people_and_org_chart_of_a_team(og: OrgGraph) -> None:
    everyone = og.people()
    assert "Tim Jenness" in everyone.name.tolist()
    assert everyone.id.str.startswith("person:").all()
    team = "Science Users Middleware"
    staff = og.people(team)
    assert "person:tim-jenness" in staff.person_id.tolist()
    assert set(staff.person_id) <= set(everyone.id)
    chart = og.org_chart(team)
    roles = og.team_roles(id=chart.attrs["team"]["id"])
    assert set(chart.role_id) == set(roles.role_id)
    assert chart.vacant.dtype == bool
    assert "Tim Jenness" in " ".join(chart.holders)
    held = {pid for ids in chart.holder_ids for pid in ids}
    assert held == set(staff.person_id)
    assert any(lead["name"] == "Tim Jenness" for lead in chart.attrs["leads"])


def test_person_roles(og: OrgGraph) -> None:
    roles = og.person("Tim Jenness")
    assert not roles.empty
    assert "Middleware Lead" in roles.title.tolist()
    for evidence in roles.evidence:
        assert_verbatim(evidence)


def test_path_is_a_connected_chain(og: OrgGraph) -> None:
    hops = og.path("Tim Jenness", "product:qserv")
    assert 1 <= len(hops) <= 6
    assert hops.step.tolist() == list(range(1, len(hops) + 1))
    at = "person:tim-jenness"
    for hop in hops.itertuples():
        assert at in (hop.source_id, hop.target_id)
        at = hop.target_id if hop.source_id == at else hop.source_id
        assert_verbatim(hop.evidence)
    assert at == "product:qserv"


def test_names_that_fail_say_why(og: OrgGraph) -> None:
    with pytest.raises(RefAmbiguous) as ambiguous:
        og.entity("Qserv")
    assert {c.id for c in ambiguous.value.candidates} == {"product:qserv", "team:qserv"}
    chosen = og.path("Tim Jenness", "Qserv").attrs["answer"]  # a path prefers the product
    assert chosen.target.id == "product:qserv" and chosen.notes
    with pytest.raises(RefNotFound) as missing:
        og.owners("Butlr")
    assert "Butler" in missing.value.suggestions
    assert og.entity("Tim Jenness").id == "person:tim-jenness"


def test_to_networkx_induced_subgraph_with_evidence(og: OrgGraph) -> None:
    deps = og.dependents("Qserv")
    graph = og.to_networkx(deps)
    assert isinstance(graph, nx.MultiDiGraph)
    assert set(graph.nodes) == set(deps.id) | {"product:qserv"}
    assert graph.number_of_edges() >= len(deps[deps.depth == 1])
    for _, attrs in graph.nodes(data=True):
        assert attrs["label"] in {"Product", "Milestone"}
        assert_verbatim(attrs["sources"])
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        assert source in graph and target in graph and key == attrs["type"]
        assert_verbatim(attrs["sources"])
    assert set(og.to_networkx(["person:tim-jenness", "product:butler"]).edges(keys=True)) == {
        ("person:tim-jenness", "product:butler", "MANAGES")
    }


def test_to_networkx_whole_graph(og: OrgGraph) -> None:
    graph = og.to_networkx()
    counts = og.counts_by_label()
    assert graph.number_of_nodes() == counts["count"].sum()
    assert graph.number_of_edges() == og.counts_by_type()["count"].sum()


def test_node_ids_skip_evidence_text() -> None:
    frame = pd.DataFrame(
        [
            {
                "id": "team:qserv",
                "evidence": [{"quote": "person:not-a-ref"}],
                "holders": [{"id": "person:a", "name": "A"}],
            }
        ]
    )
    assert node_ids(frame) == ["team:qserv", "person:a"]


def test_show_inlines_everything(og: OrgGraph) -> None:
    chart = og.org_chart("Science Users Middleware")
    view = og.show(chart)
    page = view.data
    assert page.startswith("<div") and "<iframe srcdoc=" in page
    assert not re.search(r"<script[^>]*\bsrc=", page, re.I)
    assert not re.search(r"<link[^>]*href=&quot;https?:", page, re.I)
    assert "vis.Network" in page or "vis-network" in page
    assert "Tim Jenness" in page and "hierarchical" in page
    assert "Middleware Lead" in og.show(["role:middleware-lead"]).data


def test_cypher_is_read_only(og: OrgGraph) -> None:
    teams = og.cypher("MATCH (t:Team) WHERE t.name = $name RETURN t.id AS id", name="Qserv")
    assert teams.id.tolist() == ["team:qserv"]
    with pytest.raises(StoreError):
        og.cypher("CREATE (:Person {id: 'person:intruder'})")
    assert og.cypher("MATCH (p {id: 'person:intruder'}) RETURN p").empty


def test_settings_and_lifecycle(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown store"):
        OrgGraph(store="sqlite")  # type: ignore[arg-type]
    client = OrgGraph()
    try:
        assert client.settings.data == get_settings().data  # same settings as the CLI
    finally:
        client.close()
    with FalkorDBStore(tmp_path / "data") as store:
        with OrgGraph(store) as borrowed:
            assert borrowed.counts_by_label().empty
        assert store.ping()  # a store passed in is left open
    with OrgGraph(data=tmp_path / "other") as owned:
        store = owned.store
        assert "other" in repr(owned)
    assert not store.ping()


def test_ipython_tab_completion_teaches_the_queries(og: OrgGraph) -> None:
    from IPython.core.completer import provisionalcompleter
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.user_ns["og"] = og
    with provisionalcompleter():
        found = {c.text: c.signature for c in shell.Completer.completions("og.product_d", 12)}
    assert {"product_dependencies", "product_dependents"} <= set(found)
    assert "depth: int=6" in found["product_dependencies"]
    with provisionalcompleter():
        helpers = {c.text for c in shell.Completer.completions("og.own", 6)}
    assert "owners" in helpers


def test_show_whole_graph_and_library_views(og: OrgGraph) -> None:
    from orggraph.graph.viz import dependencies

    whole = og.show().data
    assert "The whole graph" in whole and "Tim Jenness" in whole
    tree = og.show(dependencies(og.store, "product:qserv"), title="Qserv tree").data
    assert "Qserv tree" in tree and "TAP" in tree
