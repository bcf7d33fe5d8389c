"""The `orggraph` command: thin commands over the service layer.

:mod:`.common` holds what commands share (consoles, failures, the store, options);
:mod:`.data` loads, serves, queries and exports; :mod:`.ask` asks questions;
:mod:`.analysis` runs impact, gaps and diff; :mod:`.merges` lists merges and records
decisions; :mod:`.viz` writes views.  Each module
imports only :mod:`.common` (and :mod:`.render`): no cycle.
"""

from __future__ import annotations

import sys

import typer

from orggraph.cli import analysis, ask, data, merges, viz
from orggraph.cli.common import err, fail, opened, out, settings_for

__all__ = ["app", "err", "fail", "main", "opened", "out", "settings_for"]

app = typer.Typer(
    help="Turn planning documents into a graph of the organisation and ask it questions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for module in (data, ask, analysis, merges, viz):
    module.register(app)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
