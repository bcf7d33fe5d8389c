"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from orggraph.api import errors
from orggraph.api.deferred import open_store_or_defer
from orggraph.api.deps import StoreDep
from orggraph.api.routes import analysis, core, views
from orggraph.cypher import default_registry
from orggraph.graph.settings import Settings, get_settings
from orggraph.graph.stores import Store
from pydantic import BaseModel, ConfigDict


class Health(BaseModel):
    """The store's kind, whether it answers, its size and the documents loaded."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"store": "falkordb", "reachable": True, "nodes": 313, "edges": 394,
         "documents": ["dp0-definition-and-planning.txt", "rtn-046-dm-operations-plan.txt"]}
    ]})

    store: str
    reachable: bool
    nodes: int
    edges: int
    documents: list[str]


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the app; it opens the configured store at start-up unless one is given."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        app.state.store = store or open_store_or_defer(settings)
        try:
            yield
        finally:
            if owned:
                app.state.store.close()

    app = FastAPI(
        title="orggraph",
        version="0.1.0",
        description="Who owns what, what depends on what, who reports to whom: "
        "the organisation graph built from planning documents, with evidence.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"]
        )

    errors.install(app)
    for module in (core, analysis, views):
        app.include_router(module.router)

    @app.get("/health", response_model=Health, tags=["meta"])
    def health(db: StoreDep) -> Health:
        registry = default_registry()
        reachable = db.ping()
        if not reachable:
            return Health(store=db.kind, reachable=False, nodes=0, edges=0, documents=[])
        nodes = sum(r["count"] for r in registry.run(db, "counts_by_label"))
        edges = sum(r["count"] for r in registry.run(db, "counts_by_type"))
        docs = [r["name"] for r in registry.run(db, "documents")]
        return Health(store=db.kind, reachable=True, nodes=nodes, edges=edges, documents=docs)

    return app
