"""Every failure a user can cause becomes a 4xx with a reason; an unreachable store a 503.

A body says what happened and what the user can do, never a file path or the engine's
own words about itself: the store's errors carry a public ``reason`` for the body, and
their full text goes to the server log.
"""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from orggraph.cypher import QueryParamError, UnknownQuery
from orggraph.graph.refs import RefAmbiguous, RefNotFound
from orggraph.graph.stores.base import (
    QueryTimeout,
    QueryTooBig,
    StoreBusy,
    StoreError,
    StoreUnavailable,
    WriteRefused,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)


def _error(status: int, detail: str, **extra: object) -> JSONResponse:
    return JSONResponse(status_code=status, content={"detail": detail, **extra})


class CatchAll:
    """Last wall: an exception no handler took becomes a logged JSON 400 (503 if I/O), never 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            ref = uuid.uuid4().hex[:12]
            log.exception("unexpected error %s on %s", ref, scope.get("path"))
            if started:
                raise
            status = 503 if isinstance(exc, OSError | ConnectionError | TimeoutError) else 400
            reason = f"the request could not be answered ({type(exc).__name__}, logged as {ref})"
            body = json.dumps({"detail": reason}).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})


#: the answers any route may give, documented on every operation of the OpenAPI schema
ERROR_RESPONSES = {
    "400": "The store refused the request, or it could not be answered",
    "404": "Unknown reference, with 'did you mean' suggestions",
    "409": "Ambiguous reference, with the candidates",
    "408": "The query ran past its time limit and was stopped",
    "413": "The request body is larger than the limit",
    "422": "Invalid parameters (or a query needing more memory than allowed), with the reason",
    "429": "Too many raw queries at once, or the store's queue is full: try again shortly",
    "503": "The store is unreachable",
}
ERROR_SCHEMA = {
    "title": "Error",
    "description": "Why a request could not be answered.",
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}]},
        "suggestions": {"type": ["array", "null"], "items": {"type": "string"}},
        "candidates": {"type": ["array", "null"], "items": {"type": "object"}},
    },
    "examples": [
        {"detail": "no Product is called 'Butlr'; did you mean Butler?", "suggestions": ["Butler"]}
    ],
}


def document_errors(app: FastAPI) -> None:
    """Every operation documents the error answers above, with one Error schema."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = build()
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        page = {"text/html": {"schema": {"type": "string"}}}  # the views' errors are pages
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                html = "text/html" in (responses.get("200", {}).get("content") or {})
                for code, description in ERROR_RESPONSES.items():
                    responses[code] = {"description": description,
                                       "content": page if html else content}
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def install(app: FastAPI) -> None:
    """Register the handlers that map domain errors to HTTP answers."""

    app.add_middleware(CatchAll)
    document_errors(app)

    @app.exception_handler(RefNotFound)
    async def not_found(_: Request, exc: RefNotFound) -> JSONResponse:
        return _error(404, str(exc), suggestions=exc.suggestions)

    @app.exception_handler(RefAmbiguous)
    async def ambiguous(_: Request, exc: RefAmbiguous) -> JSONResponse:
        candidates = [{"id": c.id, "label": c.label, "name": c.name} for c in exc.candidates]
        return _error(409, str(exc), candidates=candidates)

    @app.exception_handler(UnknownQuery)
    async def unknown_query(_: Request, exc: UnknownQuery) -> JSONResponse:
        return _error(404, str(exc), suggestions=exc.suggestions)

    @app.exception_handler(QueryParamError)
    async def bad_param(_: Request, exc: QueryParamError) -> JSONResponse:
        return _error(422, str(exc))

    def logged(request: Request, exc: StoreError) -> None:
        log.warning("%s on %s: %s", type(exc).__name__, request.url.path, exc)

    @app.exception_handler(WriteRefused)
    async def refused(request: Request, exc: WriteRefused) -> JSONResponse:
        logged(request, exc)
        return _error(403, f"refused: {exc.reason}")

    @app.exception_handler(QueryTimeout)
    async def timeout(request: Request, exc: QueryTimeout) -> JSONResponse:
        logged(request, exc)
        return _error(408, exc.reason)

    @app.exception_handler(QueryTooBig)
    async def too_big(request: Request, exc: QueryTooBig) -> JSONResponse:
        logged(request, exc)
        return _error(422, exc.reason)

    @app.exception_handler(StoreBusy)
    async def busy(request: Request, exc: StoreBusy) -> JSONResponse:
        logged(request, exc)
        response = _error(429, exc.reason)
        response.headers["Retry-After"] = "2"
        return response

    @app.exception_handler(StoreUnavailable)
    async def unavailable(request: Request, exc: StoreUnavailable) -> JSONResponse:
        logged(request, exc)
        return _error(503, f"the store is unavailable: {exc.reason}")

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        logged(request, exc)
        return _error(400, f"the store refused the request: {exc.reason}")

    @app.exception_handler(ValueError)
    async def value_error(_: Request, exc: ValueError) -> JSONResponse:
        return _error(422, str(exc))
