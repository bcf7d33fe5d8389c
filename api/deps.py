"""Typed dependencies shared by every route: the settings, the store, the request's reader."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import Response
from orggraph.graph.service.models import EntityRef
from orggraph.graph.service.resolver import Index, Resolver, resolver_for
from orggraph.graph.settings import Settings
from orggraph.graph.stores.base import Store
from pydantic import BaseModel


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> Store:
    return request.app.state.store


@dataclass(frozen=True)
class Reader:
    """One request's view: the store, its resolver, and the name index checked once."""

    db: Store
    resolver: Resolver
    index: Index

    def resolve(self, ref: str, label: str | None = None) -> EntityRef:
        """The one entity ``ref`` names: 404 with suggestions, 409 with candidates."""
        return self.resolver.resolve(ref, label, self.index)

    def cached(self, key: tuple[str, ...], build: Callable[[], BaseModel]) -> Response:
        """``build()``'s answer as JSON, rendered once per state of the loaded documents."""
        body = self.resolver.answer(key, lambda: build().model_dump_json().encode(), self.index)
        return Response(body, media_type="application/json")


def get_reader(request: Request) -> Reader:
    """Plain ``def``: the tag check reads the store, so it runs in the thread pool."""
    store: Store = request.app.state.store
    resolver = resolver_for(store, request.app.state.settings)
    return Reader(store, resolver, resolver.index())


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
ReaderDep = Annotated[Reader, Depends(get_reader)]
