"""`orggraph` commands for analysis: impact, gaps, diff (registered by :func:`register`)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from orggraph.cli.common import (
    DataOpt,
    JsonOpt,
    LimitOpt,
    StoreOpt,
    echo_json,
    fail,
    opened,
    out,
    settings_for,
)
from orggraph.graph.refs import RefAmbiguous, RefNotFound


def impact(
    people: Annotated[
        list[str] | None, typer.Argument(help="people (id, name or alias) who would move")
    ] = None,
    team: Annotated[str | None, typer.Option("--team", help="a whole team leaving")] = None,
    to_role: Annotated[str | None, typer.Option("--to-role", help="role they move to")] = None,
    to_team: Annotated[str | None, typer.Option("--to-team", help="team they move to")] = None,
    as_json: JsonOpt = False,
    limit: LimitOpt = 25,
    store: StoreOpt = None,
    data: DataOpt = None,
) -> None:
    """What breaks if PERSON... move: vacant roles, products, reporting lines, milestones."""

    from orggraph.graph.analysis import person_impact

    if not people and not team:
        fail("name at least one person, or --team", 2)
    with opened(settings_for(store, data)) as db:
        try:
            report = person_impact(db, people or [], team=team, to_role=to_role, to_team=to_team)
        except (RefNotFound, RefAmbiguous, ValueError) as exc:
            fail(str(exc))
    if as_json:
        echo_json(report)
        return
    names = [p.name for p in report.people]
    who = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    where = report.to_role or report.to_team
    dest = f" to {where.name}" if where else ""
    out.print(f"impact of moving {who}{dest}: {report.severity or 'nothing breaks'}",
              highlight=False, markup=False)
    table = Table("severity", "kind", "finding")
    for f in report.ranking[:limit]:
        table.add_row(f.severity.value, f.kind, f.summary)
    if report.ranking:
        out.print(table)
    for p in report.products:
        if p.dependents or p.hosts or p.part_of:
            deps = ", ".join(d.name for d in p.dependents) or "nothing"
            hosts = ", ".join(h.name for h in p.hosts) or "no facility named"
            whole = f"; part of {', '.join(w.name for w in p.part_of)}" if p.part_of else ""
            out.print(f"{p.product.name}: depended on by {deps}{whole}; hosted at {hosts}",
                      highlight=False, markup=False)
    for note in report.notes:
        out.print(f"note: {note}", highlight=False, markup=False)
    if len(report.ranking) > limit:
        out.print(f"... {len(report.ranking) - limit} more finding(s); --limit or --json for all")


def gaps(
    rule: Annotated[
        list[str] | None, typer.Option("--rule", "-r", help="only this rule (repeatable)")
    ] = None,
    max_fte: Annotated[float | None, typer.Option(help="FTE one person can give (1.0)")] = None,
    max_roles: Annotated[int | None, typer.Option(help="roles one person may hold (2)")] = None,
    min_products: Annotated[
        int | None, typer.Option(help="sole products making a single point of failure (3)")
    ] = None,
    as_json: JsonOpt = False,
    limit: LimitOpt = 10,
    store: StoreOpt = None,
    data: DataOpt = None,
) -> None:
    """Organisation health: where the holes are, rule by rule, with evidence."""

    from orggraph.graph.analysis import org_health

    with opened(settings_for(store, data)) as db:
        try:
            report = org_health(
                db, rule, max_fte=max_fte, max_roles=max_roles, min_products=min_products
            )
        except ValueError as exc:
            fail(str(exc), 2)
    if as_json:
        echo_json(report)
        return
    for result in report.rules:
        out.print(
            f"{result.title}: {result.count} of {result.total} ({result.severity.value})",
            highlight=False, markup=False, style="bold" if result.count else None,
        )
        if result.note:
            out.print(f"  ({result.note})", highlight=False, markup=False)
        for e in result.entities[:limit]:
            where = f"  [{e.evidence[0].document}:{e.evidence[0].line}]" if e.evidence else ""
            out.print(f"  {e.name}: {e.detail}{where}", highlight=False, markup=False)
        if result.count > limit:
            out.print(f"  ... {result.count - limit} more", highlight=False, markup=False)
    out.print(f"{report.flagged} finding(s) over {len(report.rules)} rule(s)", highlight=False)


def diff(
    doc_a: Annotated[str, typer.Argument(help="earlier document (file name or handle)")],
    doc_b: Annotated[str, typer.Argument(help="later document (file name or handle)")],
    as_json: JsonOpt = False,
    limit: LimitOpt = 15,
    store: StoreOpt = None,
    data: DataOpt = None,
) -> None:
    """What changed from DOC_A to DOC_B: roles, teams, WBS codes, managers, with evidence."""

    from orggraph.graph.analysis import document_diff

    with opened(settings_for(store, data)) as db:
        try:
            result = document_diff(db, doc_a, doc_b)
        except (RefNotFound, RefAmbiguous, ValueError) as exc:
            fail(str(exc))
    if as_json:
        echo_json(result)
        return
    out.print(f"{result.from_document} -> {result.to_document}", highlight=False, markup=False)
    sections = (
        ("people_roles", "people whose roles changed"),
        ("wbs", "WBS codes that moved"),
        ("product_managers", "products whose manager or owner changed"),
        ("roles", "roles"),
        ("teams", "teams"),
        ("people", "people"),
        ("not_compared", "named in one document only, not compared"),
    )
    for key, title in sections:
        items = getattr(result, key)
        out.print(f"{title}: {len(items)}", highlight=False, markup=False, style="bold")
        for i in items[:limit]:
            if i.change == "not compared":
                line = f"  ? {i.name} ({i.label}): {i.field}"
            elif i.change == "changed" or i.field:
                before = ", ".join(i.before.values) or "-"
                after = ", ".join(i.after.values) or "-"
                line = f"  ~ {i.name} {i.field}: {before} -> {after}"
            else:
                line = f"  {'+' if i.change == 'added' else '-'} {i.name}"
            out.print(line, highlight=False, markup=False)
        if len(items) > limit:
            out.print(f"  ... {len(items) - limit} more", highlight=False, markup=False)
    for note in result.notes:
        out.print(f"note: {note}", highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.command()(impact)
    app.command()(gaps)
    app.command()(diff)
