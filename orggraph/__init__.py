"""orggraph: planning documents in, a graph of the organisation out.

``from orggraph import OrgGraph`` gives the notebook client; it is imported on
first use, so the CLI starts without pandas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["OrgGraph", "__version__"]

if TYPE_CHECKING:
    from orggraph.client import OrgGraph


def __getattr__(name: str) -> Any:
    if name == "OrgGraph":
        from orggraph.client import OrgGraph

        return OrgGraph
    raise AttributeError(f"module 'orggraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
