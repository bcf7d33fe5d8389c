"""One answer, four interfaces: the API, the CLI (``--json``) and the client agree.

Each question is asked through all three on the seeded store; the answers must be
the same JSON, because all three return the service layer's one answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from orggraph.api.app import create_app
from orggraph.graph.settings import Settings
from orggraph.graph.stores.falkordb_store import FalkorDBStore

from orggraph.client import OrgGraph
from tests.support.interfaces import api_answer, cli_answer, client_answer


@pytest.fixture(scope="module")
def store(seeded_data_dir: Path) -> Iterator[FalkorDBStore]:
    db = FalkorDBStore(seeded_data_dir)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture(scope="module")
def api(store: FalkorDBStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), store=store)) as client:
        yield client


@pytest.fixture(scope="module")
def og(store: FalkorDBStore) -> OrgGraph:
    return OrgGraph(store)


Question = tuple[str, dict[str, Any], list[str], Callable[[OrgGraph], Any]]

QUESTIONS: dict[str, Question] = {
    "owners": ("/products/Butler/owners", {}, ["owners", "Butler"],
               lambda og: og.owners("Butler")),
    "product dependents": ("/products/product:qserv/dependents", {"depth": 6},
                           ["dependents", "product:qserv", "--depth", "6"],
                           lambda og: og.dependents("product:qserv", depth=6)),
    "product dependencies": ("/products/Butler/dependencies", {},
                             ["dependencies", "Butler"], lambda og: og.dependencies("Butler")),
    "milestone dependents": ("/milestones/milestone:l2-dp-0020/dependents", {},
                             ["dependents", "milestone:l2-dp-0020"],
                             lambda og: og.dependents("milestone:l2-dp-0020")),
    "milestone dependencies": ("/milestones/L2-DP-0040/dependencies", {"depth": 2},
                               ["dependencies", "MILESTONE:L2-DP-0040", "-d", "2"],
                               lambda og: og.dependencies("milestone:l2-dp-0040", depth=2)),
    "person": ("/people/Fritz Mueller", {}, ["person", "fritz mueller"],
               lambda og: og.person("Fritz Mueller")),
    "team": ("/teams/Science Users Middleware", {}, ["team", "Science Users Middleware"],
             lambda og: og.people("Science Users Middleware")),
    "org chart": ("/teams/Algorithms and Pipelines/org-chart", {},
                  ["org-chart", "Algorithms and Pipelines"],
                  lambda og: og.org_chart("Algorithms and Pipelines")),
    "path": ("/path", {"from": "Tim Jenness", "to": "Qserv"}, ["path", "Tim Jenness", "Qserv"],
             lambda og: og.path("Tim Jenness", "Qserv")),
    "search": ("/search", {"q": "qser"}, ["search", "qser"], lambda og: og.search("qser")),
}


@pytest.mark.parametrize("question", list(QUESTIONS))
def test_api_cli_and_client_give_the_same_answer(
    question: str, api: TestClient, og: OrgGraph, seeded_data_dir: Path
) -> None:
    url, params, args, ask = QUESTIONS[question]
    from_api = api_answer(api, url, **params)
    from_cli = cli_answer(seeded_data_dir, *args)
    from_client = client_answer(ask(og))
    assert from_api == from_cli == from_client
    assert from_api  # an answer, not an empty shell


def test_the_client_frames_flatten_the_answer(og: OrgGraph) -> None:
    owners = og.owners("Butler")
    answer = owners.attrs["answer"]
    assert len(owners) == len(answer.managers) + len(answer.owners)
    assert set(owners["person_id"]) == {p.id for p in [*answer.managers, *answer.owners]}
    deps = og.dependents("Qserv")
    walk = deps.attrs["answer"]
    assert deps["id"].tolist() == [i.id for i in walk.items]
    assert deps["via"].tolist() == [i.via for i in walk.items]
    # each row's evidence is its last hop's: the DEPENDS_ON link into ``via``
    for (_, row), item in zip(deps.iterrows(), walk.items, strict=True):
        assert row["evidence"] == [e.model_dump(exclude_none=True) for e in item.hops[-1].evidence]
        assert item.hops[-1].target == item.via and item.hops[-1].source == item.id


def test_the_cli_renders_the_same_answer_as_text(seeded_data_dir: Path) -> None:
    from tests.support.interfaces import cli_run

    result = cli_run(seeded_data_dir, "owners", "Butler")
    assert result.exit_code == 0, result.output
    assert "Tim Jenness (person:tim-jenness)" in result.stdout
    assert "rtn-046-dm-operations-plan.txt:" in result.stdout  # evidence as document:line
    missing = cli_run(seeded_data_dir, "owners", "Butlr")
    assert missing.exit_code == 1 and "did you mean Butler" in missing.stderr


@pytest.mark.parametrize("args", [
    ["search", "qser"], ["entity", "Butler"], ["owners", "Butler"], ["dependents", "Qserv"],
    ["dependencies", "Butler"], ["person", "Fritz Mueller"], ["team", "Qserv"],
    ["org-chart", "Algorithms and Pipelines"], ["facility", "facility:usdf"],
    ["institution", "SLAC"], ["chain", "Alert Pipeline Scientist - NOIRLab"],
    ["reports", "Alert Production Pipeline Group Leader"], ["milestones", "--level", "2"],
    ["milestone", "milestone:l3-mw-0070"], ["path", "Tim Jenness", "Fritz Mueller"],
    ["status"],
])
def test_every_question_command_answers_as_text_and_as_json(
    args: list[str], seeded_data_dir: Path
) -> None:
    from tests.support.interfaces import cli_run

    text = cli_run(seeded_data_dir, *args)
    assert text.exit_code == 0, text.output
    assert text.stdout.strip()
    assert cli_answer(seeded_data_dir, *args)
