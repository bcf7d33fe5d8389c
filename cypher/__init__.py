"""The canned queries: ``.cypher`` files with a header, found only through the registry."""

from orggraph.cypher.registry import (
    CannedQuery,
    Param,
    QueryParamError,
    Registry,
    UnknownQuery,
    default_registry,
)

__all__ = [
    "CannedQuery",
    "Param",
    "QueryParamError",
    "Registry",
    "UnknownQuery",
    "default_registry",
]
