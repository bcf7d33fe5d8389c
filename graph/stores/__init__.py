"""Graph stores: one interface, an embedded FalkorDB and a Neo4j implementation."""

from orggraph.graph.stores.base import (
    Budget,
    QueryTimeout,
    QueryTooBig,
    Store,
    StoreBusy,
    StoreError,
    StoreUnavailable,
    WriteRefused,
)
from orggraph.graph.stores.factory import open_store

__all__ = [
    "Budget",
    "QueryTimeout",
    "QueryTooBig",
    "Store",
    "StoreBusy",
    "StoreError",
    "StoreUnavailable",
    "WriteRefused",
    "open_store",
]
