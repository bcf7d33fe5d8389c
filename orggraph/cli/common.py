"""What every command shares: the consoles, one-line failures, the store, shared options.

Options used by several commands are declared once here (as sqlite-utils declares
its shared option decorators) and imported by the command modules; this module
imports none of them, so the commands form no cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic import BaseModel
from rich.console import Console

from orggraph.graph.refs import RefAmbiguous, RefNotFound
from orggraph.graph.settings import Settings, get_settings
from orggraph.graph.stores import Store, StoreError, StoreUnavailable, open_store

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

StoreOpt = Annotated[
    str | None,
    typer.Option("--store", help="falkordb (embedded, default) or neo4j; env ORGGRAPH_STORE"),
]
DataOpt = Annotated[
    Path | None,
    typer.Option("--data", help="directory of the embedded store; env ORGGRAPH_DATA (./data)"),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="print the whole answer as JSON")]
DecisionsOpt = Annotated[
    Path | None,
    typer.Option(
        "--decisions",
        help="merge decisions file (default: merge-decisions.json in the data directory)",
    ),
]
LimitOpt = Annotated[int, typer.Option("--limit", "-n", help="rows to show per section")]
DepthOpt = Annotated[int, typer.Option("--depth", "-d", help="hops to follow (1-10)")]

def fail(message: str, code: int = 1) -> NoReturn:
    """One clear line on stderr and a non-zero exit: no traceback for a user's mistake."""
    err.print(f"orggraph: {' '.join(message.split())}", style="red", highlight=False, markup=False)
    raise typer.Exit(code)


def settings_for(store: str | None, data: Path | None) -> Settings:
    overrides: dict[str, Any] = {}
    if store:
        if store not in ("falkordb", "neo4j"):
            fail(f"unknown store {store!r}: use falkordb or neo4j", 2)
        overrides["store"] = store
    if data:
        overrides["data"] = data
    return get_settings().model_copy(update=overrides)


@contextmanager
def opened(settings: Settings) -> Iterator[Store]:
    """The configured store, with store failures turned into one-line errors."""
    try:
        store = open_store(settings)
    except StoreUnavailable as exc:
        fail(f"store unreachable: {exc}")
    try:
        yield store
    except StoreUnavailable as exc:
        fail(f"store unreachable: {exc}")
    except StoreError as exc:
        fail(f"the store refused: {exc}")
    finally:
        store.close()


def echo_json(model: BaseModel) -> None:
    """An answer as the API returns it (``model_dump(mode="json")``)."""
    typer.echo(model.model_dump_json(indent=2))


def ask[T](store: str | None, data: Path | None, question: Callable[[Store], T]) -> T:
    """``question(store)`` on the configured store; a bad name or value is one line, exit 1."""
    with opened(settings_for(store, data)) as db:
        try:
            return question(db)
        except (RefNotFound, RefAmbiguous, ValueError) as exc:
            fail(str(exc))
