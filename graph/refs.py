"""The errors of naming an entity: nothing answers to the name, or several do.

The one resolver that raises them is :mod:`orggraph.graph.service.resolver`; they
live here, below every layer that reports them (the API maps them to 404 and 409).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Named(Protocol):
    """Anything with an id, a label and a name (an ``EntityRef``)."""

    @property
    def id(self) -> str: ...

    @property
    def label(self) -> str: ...

    @property
    def name(self) -> str | None: ...


class RefNotFound(LookupError):
    """Nothing has that id, name or alias; ``suggestions`` are close names.

    ``hints`` say what each suggestion is when it is not of the label asked for.
    """

    def __init__(
        self, ref: str, label: str | None, suggestions: list[str],
        hints: Sequence[str] | None = None,
    ) -> None:
        self.ref, self.label, self.suggestions = ref, label, suggestions
        what = f"no {label}" if label else "nothing"
        shown = list(hints) if hints else suggestions
        hint = f"; did you mean {', '.join(shown)}?" if shown else ""
        super().__init__(f"{what} is called {ref!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class RefAmbiguous(LookupError):
    """Several entities answer to the reference; ``candidates`` lists them."""

    def __init__(self, ref: str, candidates: Sequence[Named]) -> None:
        self.ref, self.candidates = ref, list(candidates)
        names = ", ".join(f"{c.name} ({c.id})" for c in candidates)
        super().__init__(f"{ref!r} is ambiguous: {names}")

    def __str__(self) -> str:
        return str(self.args[0])
