"""The one answer layer: every answer is built here, once, as a pydantic model.

The API returns these models, the CLI renders them (``--json`` prints them), the
notebook client flattens them into DataFrames and the views draw them.  Every
function takes the store and an id, a name or an alias (or an ``EntityRef`` already
resolved), resolved by the one resolver (:mod:`.resolver`); every walk is the one
walk (:mod:`.walk`).
"""

from orggraph.graph.service.entities import entity, listing, search
from orggraph.graph.service.merges import merges
from orggraph.graph.service.milestones import milestone, milestones
from orggraph.graph.service.models import EntityRef, Evidence
from orggraph.graph.service.org import (
    facility,
    institution,
    org_chart,
    person,
    role_chain,
    role_reports,
    team,
)
from orggraph.graph.service.paths import path
from orggraph.graph.service.products import dependencies, dependency_walk, dependents, owners
from orggraph.graph.service.queries import QueryRun, public_queries, run_query
from orggraph.graph.service.resolver import Resolver, resolve, resolve_first, resolver_for
from orggraph.graph.service.status import store_health

__all__ = [
    "EntityRef",
    "Evidence",
    "QueryRun",
    "Resolver",
    "dependencies",
    "dependency_walk",
    "dependents",
    "entity",
    "facility",
    "institution",
    "listing",
    "merges",
    "milestone",
    "milestones",
    "org_chart",
    "owners",
    "path",
    "person",
    "public_queries",
    "resolve",
    "resolve_first",
    "resolver_for",
    "role_chain",
    "role_reports",
    "run_query",
    "search",
    "store_health",
    "team",
]
