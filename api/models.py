"""Request and response bodies of the API.

The answers are the service layer's models (:mod:`orggraph.graph.service.models`),
re-exported here; the models below are the API's own (errors, the registry, raw rows).
"""

from __future__ import annotations

from typing import Any

from orggraph.graph.service.models import (
    ChainLink,
    DependencyWalk,
    EntityDetail,
    EntityRef,
    Evidence,
    ExportEdge,
    ExportGraph,
    ExportNode,
    FacilityDetail,
    HeldRole,
    Holder,
    Hop,
    InstitutionDetail,
    Linked,
    MergeList,
    MergeStep,
    Milestone,
    MilestoneBrief,
    MilestoneList,
    Neighbour,
    NeighbourGroup,
    OrgChart,
    OrgChartRole,
    PathAnswer,
    PersonDetail,
    ProductOwners,
    Reached,
    RoleChain,
    RoleReports,
    SearchHit,
    SearchResult,
    StoreHealth,
    TeamDetail,
    TeamRole,
)
from pydantic import BaseModel, ConfigDict, Field

#: a name or an id: at least one character Python does not strip as space (``\x1c``-``\x1f``
#: are space to ``str.strip`` but not to the schema's ``\s``); a blank one names nothing: 422
NAMED = r"[^\s\x1c-\x1f]"

__all__ = [
    "NAMED",
    "ChainLink", "CypherRequest", "DependencyWalk", "EntityDetail", "EntityRef", "Error",
    "Evidence", "ExportEdge", "ExportGraph", "ExportNode", "FacilityDetail", "HeldRole",
    "Holder", "Hop", "InstitutionDetail", "Linked", "MergeList", "MergeStep", "Milestone",
    "MilestoneBrief",
    "MilestoneList", "Neighbour", "NeighbourGroup", "OrgChart", "OrgChartRole", "PathAnswer",
    "PersonDetail", "ProductOwners", "QueryInfo", "QueryParamInfo", "QueryResult", "Reached",
    "RoleChain", "RoleReports", "Rows", "SearchHit", "SearchResult", "StoreHealth",
    "TeamDetail", "TeamRole",
]

_EV_EXAMPLE: list[Any] = [
    {"document": "rtn-046-dm-operations-plan.txt", "line": 434, "quote": "Butler\tTim Jenness"}
]


class Error(BaseModel):
    """Why a request could not be answered."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"detail": "no Product is called 'Butlr'; did you mean Butler?",
                 "suggestions": ["Butler"]}
            ]
        }
    )

    detail: str | list[dict[str, Any]]
    suggestions: list[str] | None = None
    candidates: list[dict[str, Any]] | None = None


class QueryParamInfo(BaseModel):
    name: str
    type: str = Field(description="str, int, float, bool, list[str], or ref (an entity)")
    required: bool
    default: Any = None
    description: str = ""
    labels: list[str] | None = Field(
        default=None, description="for a ref: the labels it may name (id, name or alias)"
    )


class QueryInfo(BaseModel):
    """A canned query of the registry."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"name": "product_owners",
                 "description": "Who manages and who owns a product, each with the evidence.",
                 "params": [{"name": "id", "type": "str", "required": True, "default": None,
                             "description": "the product's id"}],
                 "example": {"id": "product:butler"}}
            ]
        }
    )

    name: str
    description: str
    params: list[QueryParamInfo]
    example: dict[str, str] = Field(default_factory=dict)


class Rows(BaseModel):
    """Rows of a query; ``truncated`` when the row cap cut them."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"columns": ["name"], "rows": [{"name": "Butler"}], "count": 1,
                 "truncated": False, "elapsed_ms": 0.4}
            ]
        }
    )

    columns: list[str]
    rows: list[dict[str, Any]]
    count: int
    truncated: bool = False
    elapsed_ms: float


class QueryResult(Rows):
    """A canned query's rows, with the parameters it was bound to."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"name": "product_owners", "params": {"id": "product:qserv"},
                 "columns": ["id", "name", "managers"],
                 "rows": [{"id": "product:qserv", "name": "Qserv", "managers": [
                     {"id": "person:fritz-mueller", "name": "Fritz Mueller",
                      "sources": _EV_EXAMPLE}]}],
                 "count": 1, "truncated": False, "elapsed_ms": 0.5}
            ]
        }
    )

    name: str
    params: dict[str, Any]


class CypherRequest(BaseModel):
    """A read-only Cypher statement with its parameters."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"query": "MATCH (p:Person)-[:MANAGES]->(x:Product {name: $name}) "
                          "RETURN p.name AS manager",
                 "params": {"name": "Qserv"}}
            ]
        },
    )

    query: str = Field(min_length=1, max_length=20_000)
    params: dict[str, Any] = Field(default_factory=dict)


