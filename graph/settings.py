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

    # The budget of every store call (raw Cypher, canned queries, views, exports).
    query_timeout_ms: int = Field(default=5000, gt=0, description="time limit of a read")
    write_timeout_ms: int = Field(default=300_000, gt=0, description="time limit of a write")
    row_cap: int = Field(default=10000, gt=0, description="rows a raw query may return")
    query_memory_mb: int = Field(default=256, ge=0, description="memory one query may use")
    cypher_max_range: int = Field(
        default=1_000_000, gt=0, description="values the range() calls of raw Cypher may build"
    )
    cypher_max_cartesian: int = Field(
        default=100_000_000, gt=0,
        description="rows a raw Cypher MATCH of unconnected patterns may make",
    )
    cypher_concurrency: int = Field(
        default=0, ge=0, description="raw Cypher queries at once (0: the engine's threads - 1)"
    )
    cypher_max_body: int = Field(default=1_048_576, gt=0, description="bytes of a request body")
    # The embedded store's private server.
    store_memory_mb: int = Field(default=4096, ge=0, description="the server's memory ceiling")
    store_stall_seconds: float = Field(
        default=15.0, gt=0, description="silence after which the server is restarted"
    )
    write_lock_wait_seconds: float = Field(
        default=600.0, ge=0, description="how long a second writer waits for the first"
    )
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
