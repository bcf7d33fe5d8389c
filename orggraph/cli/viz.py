"""`orggraph viz`: write an interactive view of the graph to one HTML file."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orggraph.cli.common import DataOpt, StoreOpt, fail, opened, out, settings_for


class View(StrEnum):
    graph = "graph"
    neighbourhood = "neighbourhood"
    dependencies = "dependencies"
    org_chart = "org-chart"
    impact = "impact"


class Direction(StrEnum):
    both = "both"
    up = "up"
    down = "down"


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def register(app: typer.Typer) -> None:
    """Add the ``viz`` command to ``app``."""

    @app.command()
    def viz(
        view: Annotated[
            View, typer.Argument(help="graph, neighbourhood, dependencies, org-chart, impact")
        ],
        ref: Annotated[
            str | None,
            typer.Argument(
                help="the entity (id, name or alias): the centre, the product, the org root,"
                " or the people moving (comma-separated)"
            ),
        ] = None,
        output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write")] = Path(
            "view.html"
        ),
        depth: Annotated[
            int | None, typer.Option(help="hops to follow (neighbourhood 2, dependencies 6)")
        ] = None,
        direction: Annotated[
            Direction, typer.Option(help="dependencies: both, up (dependents) or down")
        ] = Direction.both,
        labels: Annotated[
            list[str] | None, typer.Option("--labels", help="graph: node labels to draw")
        ] = None,
        types: Annotated[
            list[str] | None, typer.Option("--types", help="graph: relationship types to draw")
        ] = None,
        max_nodes: Annotated[
            int | None, typer.Option("--max-nodes", help="above this, filters are offered instead")
        ] = None,
        team: Annotated[
            str | None, typer.Option("--team", help="impact: a whole team leaving")
        ] = None,
        to_role: Annotated[
            str | None, typer.Option("--to-role", help="impact: role they move to")
        ] = None,
        to_team: Annotated[
            str | None, typer.Option("--to-team", help="impact: team they move to")
        ] = None,
        api_url: Annotated[
            str | None,
            typer.Option("--api-url", help="where node links point (default: the serve address)"),
        ] = None,
        store: StoreOpt = None,
        data: DataOpt = None,
    ) -> None:
        """Write an interactive view (pyvis) to an HTML file that works offline."""
        from orggraph.graph import viz as views
        from orggraph.graph.refs import RefAmbiguous, RefNotFound
        from orggraph.graph.viz.views import NEIGHBOURHOOD_MAX_NODES

        if view in (View.neighbourhood, View.dependencies) and not ref:
            fail(f"the {view.value} view needs an entity: orggraph viz {view.value} NAME", 2)
        if view is View.impact and not ref and not team:
            fail("the impact view needs people (orggraph viz impact NAME[,NAME]) or --team", 2)
        if ref and view is View.graph:
            fail("the graph view takes no entity: use --labels/--types to narrow it", 2)
        if not output.parent.exists():
            fail(f"{output.parent}: no such directory")
        settings = settings_for(store, data)
        base = api_url if api_url is not None else f"http://{settings.host}:{settings.port}"
        with opened(settings) as db:
            try:
                if view is View.graph:
                    graph = views.whole_graph(
                        db, _split(labels), _split(types), max_nodes or views.DEFAULT_MAX_NODES
                    )
                elif view is View.neighbourhood:
                    graph = views.neighbourhood(
                        db, ref or "", 2 if depth is None else depth,
                        max_nodes or NEIGHBOURHOOD_MAX_NODES,
                    )
                elif view is View.dependencies:
                    graph = views.dependencies(
                        db, ref or "", 6 if depth is None else depth, direction.value
                    )
                elif view is View.impact:
                    graph = views.impact(
                        db, _split([ref or ""]), team=team, to_role=to_role, to_team=to_team
                    )
                else:
                    graph = views.org_chart(db, ref)
            except (RefNotFound, RefAmbiguous, ValueError) as exc:
                fail(str(exc), 2)
        output.write_text(views.render(graph, api_base=base), encoding="utf-8")
        what = f"{len(graph.nodes)} nodes and {len(graph.edges)} relationships"
        out.print(f"wrote {view.value} view to {output}: {what}", highlight=False, markup=False)
