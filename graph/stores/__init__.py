"""Graph stores: one interface, an embedded FalkorDB and a Neo4j implementation."""

from orggraph.graph.stores.base import Store, StoreError, StoreUnavailable, WriteRefused
from orggraph.graph.stores.factory import open_store

__all__ = ["Store", "StoreError", "StoreUnavailable", "WriteRefused", "open_store"]
