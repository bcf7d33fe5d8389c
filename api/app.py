"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from orggraph.api import docs_assets, errors
from orggraph.api.body_limit import BodyLimit
from orggraph.api.deferred import open_store_or_defer
from orggraph.api.deps import StoreDep
from orggraph.api.routes import analysis, core, views
from orggraph.cypher import default_registry
from orggraph.graph.settings import Settings, get_settings
from orggraph.graph.stores import Store
from orggraph.graph.stores.base import StoreError
from pydantic import BaseModel, ConfigDict

DOWN = "the store is not answering (the server log says why); try again in a few seconds"


class Health(BaseModel):
    """The store's kind, whether it answers, its size and the documents loaded; 503 (with
    ``detail`` saying why) while the store does not answer."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"store": "falkordb", "reachable": True, "nodes": 313, "edges": 394,
         "documents": ["dp0-definition-and-planning.txt", "rtn-046-dm-operations-plan.txt"]}
    ]})

    store: str
    reachable: bool
    nodes: int
    edges: int
    documents: list[str]
    detail: str | None = None


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
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.add_middleware(BodyLimit, limit=settings.cypher_max_body)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"]
        )

    errors.install(app)
    docs_assets.install(app)
    for module in (core, analysis, views):
        app.include_router(module.router)

    @app.get("/health", response_model=Health, tags=["meta"],
             responses={503: {"model": Health, "description": "The store is not answering"}})
    def health(db: StoreDep) -> Health | JSONResponse:
        def down(detail: str) -> JSONResponse:
            body = Health(store=db.kind, reachable=False, nodes=0, edges=0, documents=[],
                          detail=detail)
            return JSONResponse(status_code=503, content=body.model_dump())

        if not db.ping():
            return down(DOWN)
        registry = default_registry()
        try:
            nodes = sum(r["count"] for r in registry.run(db, "counts_by_label"))
            edges = sum(r["count"] for r in registry.run(db, "counts_by_type"))
            docs = [r["name"] for r in registry.run(db, "documents")]
        except StoreError as exc:
            return down(f"the store does not answer its queries: {exc.reason}")
        return Health(store=db.kind, reachable=True, nodes=nodes, edges=edges, documents=docs)

    return app
