"""`orggraph` commands about the data: load, serve, query, export, status, remove."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from orggraph.cli.common import (
    DataOpt,
    DecisionsOpt,
    JsonOpt,
    StoreOpt,
    echo_json,
    err,
    fail,
    opened,
    out,
    settings_for,
)
from orggraph.cypher import QueryParamError, UnknownQuery, default_registry
from orggraph.graph.refs import RefAmbiguous, RefNotFound


def load(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="documents or directories (default: seeds/)")
    ] = None,
    report_json: Annotated[
        Path | None, typer.Option("--report-json", help="also write the load report as JSON here")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="summary line only")] = False,
    decisions: DecisionsOpt = None,
    store: StoreOpt = None,
    data: DataOpt = None,
) -> None:
    """Load documents into the graph; reloading a document replaces what it said before.

    PDF, LaTeX (a .tex file or a document's folder), the text of any PDF-to-text tool and
    Markdown are read; merge decisions (``orggraph merges split|confirm``) are obeyed.
    """
    from orggraph.graph.service.load import InputError, expand_paths, load_paths
    from orggraph.graph.service.status import graph_counts
    from orggraph.loaders.decisions import DecisionError, default_path, load_decisions

    settings = settings_for(store, data)
    targets = paths or [settings.seeds]
    try:
        files = expand_paths(targets)
        chosen = load_decisions(decisions or default_path(settings.data))
    except InputError as exc:
        fail(str(exc))
    except DecisionError as exc:
        fail(f"merge decisions: {exc}")
    with opened(settings) as db:
        progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=quiet or not err.is_terminal,
        )
        with progress:
            task = progress.add_task("loading", total=len(files))

            def step(document: str, what: str) -> None:
                progress.update(task, advance=1, description=f"{document}: {what}")

            run = load_paths(db, files, step, chosen)
        counts = graph_counts(db)
    if run.report is not None and not quiet:
        out.print(run.report.render(), highlight=False, markup=False)
    if report_json:
        report_json.write_text(json.dumps(run.to_dict(), indent=2, ensure_ascii=False) + "\n")
    stated_nodes = sum(w.nodes - 1 for w in run.written)  # less the Document node itself
    stated_edges = sum(w.edges for w in run.written)
    out.print(
        f"loaded {len(run.written)} of {len(files)} document(s) into {db.describe()} in "
        f"{run.seconds:.2f} s: the store holds {counts.nodes} nodes and "
        f"{counts.relationships} relationships; these documents state {stated_nodes} nodes "
        f"and {stated_edges} relationships (one per document that states it)",
        highlight=False,
        markup=False,
    )
    for failure in run.failures:
        where = f":{failure.line}" if failure.line else ""
        err.print(f"orggraph: {failure.path}{where}: {failure.message}", style="red", markup=False)
    if run.failures:
        raise typer.Exit(1)


def serve(
    host: Annotated[str | None, typer.Option(help="interface to bind (127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option(help="port (8000)")] = None,
    store: StoreOpt = None,
    data: DataOpt = None,
) -> None:
    """Serve the API and the graph views (OpenAPI docs at /docs)."""
    import uvicorn

    from orggraph.api.app import create_app

    settings = settings_for(store, data)
    with opened(settings):
        pass  # fail early, with one line, when the store cannot be opened
    bind_host, bind_port = host or settings.host, port or settings.port
    err.print(f"serving on http://{bind_host}:{bind_port} (docs at /docs); Ctrl-C stops")
    # the app gets these settings (with --store/--data) directly: nothing through os.environ
    uvicorn.run(create_app(settings), host=bind_host, port=bind_port, log_level="info")


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            fail(f"--param wants key=value, got {pair!r}", 2)
        params[key.strip()] = value
    return params


def query(
    name: Annotated[
        str | None, typer.Argument(help="canned query name (omit to list them)")
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="key=value (repeatable)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print rows as JSON")] = False,
    store: StoreOpt = None,
    data: DataOpt = None,
) -> None:
    """Run a canned query from the registry (without NAME: list the queries)."""
    from orggraph.graph.service.queries import public_queries, run_query
    from orggraph.graph.service.shaping import jsonable

    if name is None:
        table = Table("name", "parameters", "description", show_lines=False)
        for q in public_queries():
            params = ", ".join(
                f"{p.name}:{p.type}{' ' + '|'.join(p.labels) if p.labels else ''}"
                + ("" if p.required else "?") for p in q.params
            )
            table.add_row(q.name, params, q.description)
        out.print(table)
        return
    raw = _parse_params(param or [])
    try:
        default_registry().get(name).bind(raw)
    except (UnknownQuery, QueryParamError) as exc:
        fail(str(exc), 2)
    with opened(settings_for(store, data)) as db:
        try:
            rows = [jsonable(r) for r in run_query(db, name, raw).rows]
        except (RefNotFound, RefAmbiguous) as exc:
            fail(str(exc))
    if as_json or not rows:
        out.print_json(json.dumps(rows, ensure_ascii=False, default=str))
        return
    table = Table(*rows[0].keys())
    for row in rows:
        table.add_row(*(_cell(v) for v in row.values()))
    out.print(table)
    err.print(f"{len(rows)} row(s)")


def _cell(value: Any) -> str:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def export(
    output: Annotated[Path, typer.Option("-o", "--output", help="file to write")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json, graphml or csv")] = "json",
    store: StoreOpt = None,
    data: DataOpt = None,
) -> None:
    """Write the whole graph to a file (JSON as in docs/graph-contract.md)."""
    from orggraph.graph.service.export import WRITERS, export_graph

    writer = WRITERS.get(fmt)
    if writer is None:
        fail(f"unknown format {fmt!r}: use {', '.join(WRITERS)}", 2)
    if not output.parent.exists():
        fail(f"{output.parent}: no such directory")
    with opened(settings_for(store, data)) as db:
        graph = export_graph(db)
    writer(graph, output)
    out.print(
        f"wrote {len(graph['nodes'])} nodes and {len(graph['edges'])} relationships to {output}"
    )


def status(as_json: JsonOpt = False, store: StoreOpt = None, data: DataOpt = None) -> None:
    """The store in use, what it holds, and the documents loaded."""
    from orggraph.graph.service.status import graph_counts, store_health

    with opened(settings_for(store, data)) as db:
        if as_json:
            echo_json(store_health(db))
            return
        counts = graph_counts(db)
        docs = default_registry().run(db, "documents")
    out.print(f"store: {db.describe()}", highlight=False)
    out.print(
        f"nodes: {counts.nodes} ("
        + (", ".join(f"{k} {v}" for k, v in counts.labels.items()) or "none") + ")",
        highlight=False,
    )
    out.print(
        f"relationships: {counts.relationships} ("
        + (", ".join(f"{k} {v}" for k, v in counts.types.items()) or "none") + ")",
        highlight=False,
    )
    if not docs:
        out.print("documents: none loaded (run `orggraph load`)")
    for d in docs:
        out.print(
            f"document: {d['name']} ({d['handle'] or '?'}, {d['date'] or 'undated'}): "
            f"states {d['nodes']} nodes and {d['edges']} relationships",
            highlight=False,
        )


def remove(
    document: Annotated[str, typer.Argument(help="file name of a loaded document")],
    store: StoreOpt = None,
    data: DataOpt = None,
) -> None:
    """Remove a document: what only it stated leaves the graph."""
    from orggraph.graph.writer import remove_document

    with opened(settings_for(store, data)) as db:
        names = [d["name"] for d in default_registry().run(db, "documents")]
        if document not in names:
            fail(f"{document}: not loaded (loaded: {', '.join(names) or 'none'})")
        remove_document(db, document)
    out.print(f"removed {document}")


def register(app: typer.Typer) -> None:
    """Add the data commands to ``app``."""
    for command in (load, serve, query, export, status, remove):
        app.command()(command)
