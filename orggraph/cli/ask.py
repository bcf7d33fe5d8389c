"""`orggraph` commands that ask the graph a question: each prints a service answer.

Without ``--json`` the answer is rendered as text; with it, it is printed exactly as
the API returns it.  Every command takes an id, a name or an alias.
"""

from __future__ import annotations

from typing import Annotated

import typer
from pydantic import BaseModel

from orggraph.cli.common import DataOpt, DepthOpt, JsonOpt, LimitOpt, StoreOpt, ask, echo_json, out
from orggraph.cli.render import render
from orggraph.graph import service

Ref = Annotated[str, typer.Argument(help="id, name or alias (any case)")]


def show(answer: BaseModel, as_json: bool, limit: int) -> None:
    if as_json:
        echo_json(answer)
    else:
        out.print(render(answer, limit), highlight=False, markup=False)


def search(
    q: Annotated[str, typer.Argument(help="part of a name or alias")],
    label: Annotated[str | None, typer.Option("--label", help="only this label")] = None,
    limit: LimitOpt = 20, as_json: JsonOpt = False, store: StoreOpt = None, data: DataOpt = None,
) -> None:
    """Find entities by name or alias: exact, prefix, substring, then fuzzy matches."""
    show(ask(store, data, lambda db: service.search(db, q, label, limit)), as_json, limit)


def entity(ref: Ref, as_json: JsonOpt = False, limit: LimitOpt = 25,
           store: StoreOpt = None, data: DataOpt = None) -> None:
    """An entity: properties, aliases, evidence and neighbours."""
    show(ask(store, data, lambda db: service.entity(db, ref)), as_json, limit)


def owners(product: Ref, as_json: JsonOpt = False, limit: LimitOpt = 25,
           store: StoreOpt = None, data: DataOpt = None) -> None:
    """Who manages and who owns a product."""
    show(ask(store, data, lambda db: service.owners(db, product)), as_json, limit)


def dependents(ref: Ref, depth: DepthOpt = 6, as_json: JsonOpt = False, limit: LimitOpt = 25,
               store: StoreOpt = None, data: DataOpt = None) -> None:
    """What depends on a product or milestone, directly and transitively."""
    show(ask(store, data, lambda db: service.dependents(db, ref, depth)), as_json, limit)


def dependencies(ref: Ref, depth: DepthOpt = 6, as_json: JsonOpt = False, limit: LimitOpt = 25,
                 store: StoreOpt = None, data: DataOpt = None) -> None:
    """What a product or milestone depends on, directly and transitively."""
    show(ask(store, data, lambda db: service.dependencies(db, ref, depth)), as_json, limit)


def person(ref: Ref, as_json: JsonOpt = False, limit: LimitOpt = 25,
           store: StoreOpt = None, data: DataOpt = None) -> None:
    """A person: roles with FTE and institution, teams, products, total FTE."""
    show(ask(store, data, lambda db: service.person(db, ref)), as_json, limit)


def team(ref: Ref, as_json: JsonOpt = False, limit: LimitOpt = 25,
         store: StoreOpt = None, data: DataOpt = None) -> None:
    """A team: roles (and vacancies), people, lead, milestones."""
    show(ask(store, data, lambda db: service.team(db, ref)), as_json, limit)


def org_chart(ref: Ref, as_json: JsonOpt = False, limit: LimitOpt = 50,
              store: StoreOpt = None, data: DataOpt = None) -> None:
    """A team's org chart: roles, holders, vacancies and whom each role reports to."""
    show(ask(store, data, lambda db: service.org_chart(db, ref)), as_json, limit)


def facility(ref: Ref, as_json: JsonOpt = False, limit: LimitOpt = 25,
             store: StoreOpt = None, data: DataOpt = None) -> None:
    """A facility: what it hosts, its parts, the roles sited there."""
    show(ask(store, data, lambda db: service.facility(db, ref)), as_json, limit)


def institution(ref: Ref, as_json: JsonOpt = False, limit: LimitOpt = 25,
                store: StoreOpt = None, data: DataOpt = None) -> None:
    """An institution: the people affiliated with it and the roles sited there."""
    show(ask(store, data, lambda db: service.institution(db, ref)), as_json, limit)


def chain(ref: Ref, as_json: JsonOpt = False, limit: LimitOpt = 25,
          store: StoreOpt = None, data: DataOpt = None) -> None:
    """The reporting chain above a role, up to the top."""
    show(ask(store, data, lambda db: service.role_chain(db, ref)), as_json, limit)


def reports(ref: Ref, depth: DepthOpt = 3, as_json: JsonOpt = False, limit: LimitOpt = 25,
            store: StoreOpt = None, data: DataOpt = None) -> None:
    """Who reports to a role, directly and indirectly."""
    show(ask(store, data, lambda db: service.role_reports(db, ref, depth)), as_json, limit)


def milestones(
    team: Annotated[str | None, typer.Option("--team", help="team id, name or alias")] = None,
    before: Annotated[str | None, typer.Option(help="due on or before (ISO date)")] = None,
    after: Annotated[str | None, typer.Option(help="due on or after (ISO date)")] = None,
    level: Annotated[int | None, typer.Option(help="milestone level")] = None,
    as_json: JsonOpt = False, limit: LimitOpt = 50, store: StoreOpt = None, data: DataOpt = None,
) -> None:
    """Milestones by team, due date range and level; soonest first."""
    answer = ask(store, data, lambda db: service.milestones(db, team, before, after, level))
    show(answer, as_json, limit)


def milestone(ref: Ref, as_json: JsonOpt = False, limit: LimitOpt = 25,
              store: StoreOpt = None, data: DataOpt = None) -> None:
    """A milestone: due date, level, identifiers, the teams responsible."""
    show(ask(store, data, lambda db: service.milestone(db, ref)), as_json, limit)


def path(
    source: Annotated[str, typer.Argument(help="one end (id, name or alias)")],
    target: Annotated[str, typer.Argument(help="the other end (id, name or alias)")],
    max_hops: Annotated[int, typer.Option("--max", help="longest path looked for (1-10)")] = 6,
    as_json: JsonOpt = False, limit: LimitOpt = 25, store: StoreOpt = None, data: DataOpt = None,
) -> None:
    """The shortest connection between two entities, each hop with its evidence."""
    show(ask(store, data, lambda db: service.path(db, source, target, max_hops)), as_json, limit)


COMMANDS = {
    "search": search, "entity": entity, "owners": owners, "dependents": dependents,
    "dependencies": dependencies, "person": person, "team": team, "org-chart": org_chart,
    "facility": facility, "institution": institution, "chain": chain, "reports": reports,
    "milestones": milestones, "milestone": milestone, "path": path,
}


def register(app: typer.Typer) -> None:
    """Add the question commands to ``app``."""
    for name, command in COMMANDS.items():
        app.command(name)(command)  # type: ignore[type-var]
