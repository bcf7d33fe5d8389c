"""Settings from the environment (prefix ``ORGGRAPH_``), shared by CLI, API and client."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob of orggraph; each field is read from ``ORGGRAPH_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="ORGGRAPH_", env_file=".env", extra="ignore")

    store: Literal["falkordb", "neo4j"] = "falkordb"
    data: Path = Field(default=Path("data"), description="directory of the embedded store")
    graph_name: str = "orggraph"

    neo4j_uri: str = "bolt://localhost:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: str = "orggraph-dev"
    neo4j_database: str = "neo4j"

    host: str = "127.0.0.1"
    port: int = 8000
    cors_origins: list[str] = Field(default_factory=list)

    query_timeout_ms: int = 5000
    row_cap: int = 10000
    api_check_interval: float = Field(
        default=0.0, ge=0,
        description="seconds between reads of the documents' update tags (0: every lookup)",
    )
    api_answer_cache: bool = Field(
        default=True, description="cache rendered answers until a document is (re)loaded"
    )
    seeds: Path = Path("seeds")


@lru_cache
def get_settings() -> Settings:
    return Settings()
