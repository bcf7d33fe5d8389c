"""The example notebook runs top to bottom on the seeds and answers the users' questions.

Refresh the committed outputs with ``.venv/bin/python tests/test_notebook.py``.
"""

from __future__ import annotations

import html
import json
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from orggraph.client import OrgGraph

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "orggraph-tour.ipynb"
KERNEL = "orggraph-tour-test"

try:
    import nbclient
    import nbformat
except ImportError:  # pragma: no cover - the test extra installs them
    pytest.fail(
        "install the notebook tools: pip install -e '.[test]' (nbclient, nbformat, ipykernel)",
        pytrace=False,
    )


def execute(data_dir: Path, scratch: Path) -> Any:
    """Run the notebook in a kernel of this interpreter whose ORGGRAPH_DATA is ``data_dir``."""
    spec = scratch / "kernels" / KERNEL
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "orggraph (tests)",
                "language": "python",
                "env": {"ORGGRAPH_DATA": str(data_dir), "ORGGRAPH_STORE": "falkordb"},
            }
        )
    )
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    specs = KernelSpecManager(kernel_dirs=[str(scratch / "kernels")])
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        km=KernelManager(kernel_name=KERNEL, kernel_spec_manager=specs),
        timeout=300,
        record_timing=False,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    return client.execute()


def _text(cell: Any) -> str:
    """Everything a cell showed: stdout, plain text and HTML."""
    parts: list[str] = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            parts.append(output["text"])
        elif output["output_type"] in ("execute_result", "display_data"):
            parts.extend(str(v) for k, v in output["data"].items() if k.startswith("text/"))
        elif output["output_type"] == "error":
            parts.append("ERROR " + output["ename"])
    return "\n".join(parts)


@pytest.fixture(scope="module")
def outputs(seeded_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    notebook = execute(seeded_data_dir, tmp_path_factory.mktemp("jupyter"))
    tagged: dict[str, str] = {}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert "ERROR" not in _text(cell)
            for tag in cell.metadata.get("tags", []):
                tagged[tag] = _text(cell)
    return tagged


@pytest.fixture(scope="module")
def og(seeded_data_dir: Path, outputs: dict[str, str]) -> Iterator[OrgGraph]:
    """The same store, read from the test process, for what the outputs should say."""
    with OrgGraph(data=seeded_data_dir) as client:
        yield client


def test_butler_owners(outputs: dict[str, str]) -> None:
    assert "Tim Jenness" in outputs["owners"] and "manager" in outputs["owners"]
    assert re.search(
        r"Tim Jenness is the manager: rtn-046-dm-operations-plan\.txt, line \d+",
        outputs["owners-evidence"],
    )


def test_qserv_dependents_not_empty(outputs: dict[str, str], og: OrgGraph) -> None:
    count = re.search(r"(\d+) things depend on Qserv", outputs["dependents"])
    assert count and int(count.group(1)) == len(og.dependents("product:qserv")) > 0
    assert "TAP" in outputs["dependents"]


def test_org_chart_and_inline_view(outputs: dict[str, str], og: OrgGraph) -> None:
    chart = og.org_chart("Algorithms and Pipelines")
    leads = ", ".join(lead["name"] for lead in chart.attrs["leads"])
    assert f"Led by: {leads}" in outputs["org-chart"]
    assert all(html.escape(title) in outputs["org-chart"] for title in chart.title)
    assert "True" in outputs["org-chart"]  # the team has vacancies
    view = outputs["show"]
    assert "<iframe srcdoc=" in view and "vis-network" in view
    assert not re.search(r"<script[^>]*\bsrc=", view, re.I)
    assert "Org chart of Algorithms and Pipelines" in view


def test_impact_of_reassigning(outputs: dict[str, str], og: OrgGraph) -> None:
    assert "Butler loses its manager" in outputs["impact"]
    assert "Butler" in outputs["impact-products"]
    expected = og.impact("Tim Jenness", to_team="Data Engineering")
    # every finding is listed (pandas cuts cells at display.max_colwidth = 70)
    assert all(html.escape(s[:60]) in outputs["impact"] for s in expected.summary)


def test_health_report(outputs: dict[str, str], og: OrgGraph) -> None:
    assert all(title in outputs["health"] for title in og.health().title)
    single = og.health(["single_points"]).flagged.iloc[0]
    assert all(name in outputs["health-single-points"] for name in single)


def test_path_canned_query_and_networkx(outputs: dict[str, str]) -> None:
    assert "Tim Jenness" in outputs["path"] and "Qserv" in outputs["path"]
    assert "What depends on a product or milestone" in outputs["canned"]  # help() text
    assert "product_dependents(id: str, depth: int = 6)" in outputs["canned"]
    assert "Tim Jenness" in outputs["networkx"]


def test_committed_notebook_has_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.get("outputs") for c in code[:-1])  # all but the closing og.close()
    text = NOTEBOOK.read_text(encoding="utf-8")
    assert "/tmp/" not in text and "pytest-of" not in text


if __name__ == "__main__":  # refresh the committed outputs from the seeds
    from orggraph.graph.service.load import load_paths
    from orggraph.graph.stores.falkordb_store import FalkorDBStore

    with tempfile.TemporaryDirectory() as tmp:
        with FalkorDBStore(Path(tmp) / "data") as db:
            assert load_paths(db, [ROOT / "seeds"]).ok
        done = execute(Path(tmp) / "data", Path(tmp))
    for cell in done.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(done, NOTEBOOK)
    print(f"wrote {NOTEBOOK}")
