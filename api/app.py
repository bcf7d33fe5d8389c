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
from orggraph.graph.service.models import StoreHealth
from orggraph.graph.service.status import store_health
from orggraph.graph.settings import Settings, get_settings
from orggraph.graph.stores import Store


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

    @app.get("/health", response_model=StoreHealth, tags=["meta"],
             responses={503: {"model": StoreHealth, "description": "The store is not answering"}})
    def health(db: StoreDep) -> StoreHealth | JSONResponse:
        answer = store_health(db)
        if not answer.reachable:
            return JSONResponse(status_code=503, content=answer.model_dump())
        return answer

    return app
