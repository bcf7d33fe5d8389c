"""Ask the same question through the API, the CLI (``--json``) and the notebook client."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from orggraph.graph.settings import get_settings
from typer.testing import CliRunner

_runner = CliRunner()


def api_answer(client: TestClient, url: str, status: int = 200, **params: Any) -> Any:
    """The API's JSON answer to ``GET url``, checking its status."""
    response = client.get(url, params=params)
    assert response.status_code == status, (url, response.status_code, response.text[:500])
    return response.json()


def cli_run(data: Path, *args: str) -> Any:
    """``orggraph ARGS --data DATA``: the result of the invocation (exit code, out, err)."""
    from orggraph.cli import app

    try:
        return _runner.invoke(app, [*args, "--data", str(data)], catch_exceptions=False)
    finally:
        get_settings.cache_clear()


def cli_answer(data: Path, *args: str) -> Any:
    """``orggraph ARGS --json``'s printed answer, parsed."""
    result = cli_run(data, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def client_answer(frame: Any) -> Any:
    """The answer model behind a client DataFrame, as the API's JSON."""
    return frame.attrs["answer"].model_dump(mode="json")
