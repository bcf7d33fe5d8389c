"""Typed dependencies: the settings and the store, shared by every route."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from orggraph.graph.settings import Settings
from orggraph.graph.stores.base import Store


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> Store:
    return request.app.state.store


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
