"""`orggraph merges`: the names the loaders merged, and a person's decisions about them.

``orggraph merges`` lists every merge with its rule, reason and evidence;
``orggraph merges split A B`` and ``confirm A B`` record a decision in the decisions
file beside the data (or ``--decisions``), which every later load obeys; ``forget``
removes one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from orggraph.cli.common import (
    DataOpt,
    DecisionsOpt,
    JsonOpt,
    LimitOpt,
    StoreOpt,
    ask,
    fail,
    out,
    settings_for,
)
from orggraph.cli.render import render
from orggraph.graph import service
from orggraph.loaders.decisions import DecisionError, add_decision, default_path, remove_decision

Name = Annotated[str, typer.Argument(help="a name or an id")]
LabelOpt = Annotated[str | None, typer.Option("--label", help="Person, Role, Product, ...")]

app = typer.Typer(help=__doc__.splitlines()[0], no_args_is_help=False)


def decisions_path(given: Path | None, data: Path | None) -> Path:
    """The decisions file: the one given, else the one beside the embedded store's data."""
    return given or default_path(settings_for(None, data).data)


@app.callback(invoke_without_command=True)
def merges(
    ctx: typer.Context,
    ref: Annotated[
        str | None, typer.Option("--ref", help="only this node (id or any name)")
    ] = None,
    label: LabelOpt = None,
    rule: Annotated[str | None, typer.Option("--rule", help="only merges by this rule")] = None,
    as_json: JsonOpt = False,
    limit: LimitOpt = 200,
    store: StoreOpt = None,
    data: DataOpt = None,
) -> None:
    """List the merges: each node's merged names, the rule, the reason and the evidence."""
    if ctx.invoked_subcommand is not None:
        return
    answer = ask(store, data, lambda db: service.merges(db, label, ref, rule))
    if as_json:
        typer.echo(answer.model_dump_json(indent=2))
    else:
        out.print(render(answer, limit), highlight=False, markup=False)


def _decide(
    action: str, a: str, b: str, label: str | None, by: str | None, why: str | None, path: Path
) -> None:
    try:
        add_decision(path, action, a, b, label=label, by=by, why=why)
    except DecisionError as exc:
        fail(str(exc))
    verb = "kept apart" if action == "split" else "merged"
    out.print(
        f"recorded in {path}: {a!r} and {b!r} are {verb} from now on; "
        "load the documents again (orggraph load ...) for the graph to follow",
        highlight=False,
        markup=False,
    )


ByOpt = Annotated[str | None, typer.Option("--by", help="who decides")]
WhyOpt = Annotated[str | None, typer.Option("--why", help="the reason, kept in the file")]


@app.command()
def split(
    a: Name,
    b: Name,
    label: LabelOpt = None,
    by: ByOpt = None,
    why: WhyOpt = None,
    decisions: DecisionsOpt = None,
    data: DataOpt = None,
) -> None:
    """Never merge A and B (even where a rule would)."""
    _decide("split", a, b, label, by, why, decisions_path(decisions, data))


@app.command()
def confirm(
    a: Name,
    b: Name,
    label: LabelOpt = None,
    by: ByOpt = None,
    why: WhyOpt = None,
    decisions: DecisionsOpt = None,
    data: DataOpt = None,
) -> None:
    """Merge A and B (even where no rule would)."""
    _decide("confirm", a, b, label, by, why, decisions_path(decisions, data))


@app.command()
def forget(
    a: Name,
    b: Name,
    label: LabelOpt = None,
    decisions: DecisionsOpt = None,
    data: DataOpt = None,
) -> None:
    """Remove the decision about A and B (later loads follow the rules again)."""
    path = decisions_path(decisions, data)
    try:
        removed = remove_decision(path, a, b, label=label)
    except DecisionError as exc:
        fail(str(exc))
    if not removed:
        fail(f"no decision about {a!r} and {b!r} in {path}")
    out.print(f"removed the decision about {a!r} and {b!r} from {path}", highlight=False)


def register(root: typer.Typer) -> None:
    """Add ``merges`` and its subcommands to ``root``."""
    root.add_typer(app, name="merges")
