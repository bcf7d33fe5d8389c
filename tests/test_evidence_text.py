"""Evidence for display: ``text`` is the quote without markup, ``quote`` stays verbatim."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from orggraph.api.app import create_app
from orggraph.graph.service.models import Evidence
from orggraph.graph.service.plain import plain_text
from orggraph.graph.settings import Settings, get_settings
from orggraph.graph.stores.falkordb_store import FalkorDBStore
from typer.testing import CliRunner

from orggraph.cli import app as cli_app


@pytest.mark.parametrize(("quote", "latex", "text"), [
    ("<b>Butler</b>\tTim Jenness\tY (Jlm B)\tButler", False,
     "Butler | Tim Jenness | Y (Jlm B) | Butler"),
    ("<b>Multi-site &amp; User Exec</b>\tTBD", False, "Multi-site & User Exec | TBD"),
    ("<p>Administers QSERV &lt;and&gt; EFD.</p>", False, "Administers QSERV <and> EFD."),
    ("**Yusra will provide more info here.**", False, "Yusra will provide more info here."),
    ("Support astro\\_metadata\\_translator and `ctrl_bps`", False,
     "Support astro_metadata_translator and ctrl_bps"),
    ("See [the plan](https://example.org/plan) *first*", False, "See the plan first"),
    ("Butler & \\textbf{Tim Jenness} & Y \\\\", True, "Butler | Tim Jenness | Y"),
    ("\\item Qserv \\emph{runs at} the USDF~site, 50\\% of it \\& more", True,
     "Qserv runs at the USDF site, 50% of it & more"),
    ("\\href{https://x.org}{Rubin} \\textit{\\textbf{Qserv}}", True, "Rubin Qserv"),
    ("a < b and 3*4*5 stay", False, "a < b and 3*4*5 stay"),
])
def test_markup_is_removed(quote: str, latex: bool, text: str) -> None:
    assert plain_text(quote, latex=latex) == text


def test_the_model_keeps_the_quote_and_adds_the_text() -> None:
    tex = Evidence(document="plan.tex", line=3, quote="Qserv & Fritz \\\\", file="a.tex")
    assert tex.model_dump() == {"document": "plan.tex", "line": 3, "quote": "Qserv & Fritz \\\\",
                                "file": "a.tex", "text": "Qserv | Fritz"}
    txt = Evidence(document="plan.txt", line=1, quote="Qserv & Fritz")
    assert txt.text == "Qserv & Fritz"  # outside LaTeX, '&' is text


@pytest.fixture
def client(seeded: FalkorDBStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), seeded)) as test_client:
        yield test_client


def test_the_api_answers_with_the_display_text(client: TestClient) -> None:
    body = client.get("/products/Butler/owners").json()
    (manager,) = body["managers"]
    (ev,) = manager["evidence"]
    assert ev["quote"].startswith("<b>Butler</b>\t")  # verbatim, as the converter wrote it
    assert ev["text"].startswith("Butler | Tim Jenness")
    assert "text" in client.get("/openapi.json").json()["components"]["schemas"][
        "Evidence"]["properties"]


def test_the_cli_prints_the_display_text(seeded_data_dir: Path) -> None:
    try:
        result = CliRunner().invoke(cli_app, ["owners", "Butler", "--data", str(seeded_data_dir)])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "Butler | Tim Jenness" in result.stdout and "<b>" not in result.stdout
