"""A person's merge decisions, kept in a file beside the data and obeyed by every load.

``split`` says two names are never one entity (even when a rule would merge them);
``confirm`` says they are one (even when no rule would).  The file is JSON, meant to
be edited by hand or through ``orggraph merges split|confirm``; by default it is
``<data dir>/merge-decisions.json``::

    {
      "version": 1,
      "decisions": [
        {"action": "split", "names": ["Zorbu", "KSP"], "label": "Product",
         "by": "jane", "when": "2026-12-03T10:15:00+00:00", "why": "two products"},
        {"action": "confirm", "names": ["Kradex", "Ada Kradx"], "label": "Person"}
      ]
    }

``names`` are two names or node ids (``product:qserv``) as the merge list shows them;
a name matches a mention whose name is the same after normalisation ('Doe, Jane' =
'Jane Doe'; case, spacing, punctuation do not matter), an id matches the stored node
of that id.  ``label`` is optional (an id implies it); ``by``, ``when``, ``why`` are
free text.  A later decision on the same pair replaces the earlier one.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from orggraph.graph.model import LABELS

from .merging import Groups, Item, Link

DEFAULT_NAME = "merge-decisions.json"
ACTIONS = ("split", "confirm")
VERSION = 1


class DecisionError(ValueError):
    """A decisions file or entry that cannot be used (the message says where and why)."""


def _label_of(name: str) -> str | None:
    head, sep, _ = name.partition(":")
    if not sep:
        return None
    return next((lab for lab in LABELS if lab.lower() == head.strip().lower()), None)


def _label(label: str | None) -> str | None:
    if label is None or not str(label).strip():
        return None
    found = next((lab for lab in LABELS if lab.lower() == str(label).strip().lower()), None)
    if found is None or found == "Document":
        raise DecisionError(f"unknown label {label!r}: use one of {', '.join(LABELS[:-1])}")
    return found


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision about a pair of names."""

    action: str
    names: tuple[str, str]
    label: str | None = None
    by: str = ""
    when: str = ""
    why: str = ""

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise DecisionError(f"action {self.action!r} is not one of {', '.join(ACTIONS)}")
        a, b = (n.strip() for n in self.names)
        if not a or not b:
            raise DecisionError("a decision needs two non-empty names")
        if a.casefold() == b.casefold():
            raise DecisionError(f"a decision needs two different names (got {a!r} twice)")
        implied = {lab for lab in (_label_of(a), _label_of(b)) if lab}
        if len(implied) > 1 or (self.label and implied and self.label not in implied):
            raise DecisionError(f"the ids {a!r} and {b!r} name different labels")

    @property
    def labels(self) -> set[str] | None:
        """Labels the decision applies to (None: any)."""
        if self.label:
            return {self.label}
        implied = {lab for lab in (_label_of(self.names[0]), _label_of(self.names[1])) if lab}
        return implied or None

    def applies(self, label: str) -> bool:
        labels = self.labels
        return labels is None or label in labels

    def same_pair(self, other: Decision) -> bool:
        mine = {n.strip().casefold() for n in self.names}
        return mine == {n.strip().casefold() for n in other.names} and self.labels == other.labels

    def describe(self) -> str:
        """'split 'Zorbu' / 'KSP' (Product) by jane on 2026-12-03: two products'."""
        text = f"{self.action} '{self.names[0]}' / '{self.names[1]}'"
        if self.label:
            text += f" ({self.label})"
        if self.by:
            text += f" by {self.by}"
        if self.when:
            text += f" on {self.when[:10]}"
        if self.why:
            text += f": {self.why}"
        return text

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"action": self.action, "names": list(self.names)}
        for key in ("label", "by", "when", "why"):
            value = getattr(self, key)
            if value:
                out[key] = value
        return out

    @classmethod
    def from_dict(cls, raw: Any, where: str = "") -> Decision:
        at = f"{where}: " if where else ""
        if not isinstance(raw, dict):
            raise DecisionError(f"{at}a decision is an object with 'action' and 'names'")
        names = raw.get("names")
        if not (
            isinstance(names, list) and len(names) == 2 and all(isinstance(n, str) for n in names)
        ):
            raise DecisionError(f"{at}'names' must be a list of two names or ids")
        try:
            return cls(
                str(raw.get("action", "")).strip().lower(),
                (names[0].strip(), names[1].strip()),
                _label(raw.get("label")),
                str(raw.get("by") or ""),
                str(raw.get("when") or ""),
                str(raw.get("why") or ""),
            )
        except DecisionError as err:
            raise DecisionError(f"{at}{err}") from None


@dataclass(slots=True)
class DecisionOutcome:
    """What one decision did in one load."""

    decision: Decision
    status: str  # "applied", "not needed", "no match"
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.decision.to_dict(),
            "decision": self.decision.describe(),
            "status": self.status,
            "detail": self.detail,
        }


@dataclass(slots=True)
class Decisions:
    """The decisions of one file (or made in code)."""

    entries: list[Decision] = field(default_factory=list)
    path: Path | None = None

    def add(self, decision: Decision) -> None:
        """Add ``decision``, replacing any earlier one on the same pair."""
        self.entries = [d for d in self.entries if not d.same_pair(decision)]
        self.entries.append(decision)

    def remove(self, a: str, b: str, label: str | None = None) -> bool:
        """Forget the decision on the pair; False when there was none."""
        probe = Decision("split", (a, b), _label(label))
        kept = [d for d in self.entries if not d.same_pair(probe)]
        removed = len(kept) != len(self.entries)
        self.entries = kept
        return removed

    def to_dict(self) -> dict[str, Any]:
        return {"version": VERSION, "decisions": [d.to_dict() for d in self.entries]}

    # -- applying them (called by the resolver) ---------------------------------

    def mark(
        self,
        label: str,
        items: list[Item],
        norm: Callable[[str], str],
        solo_id: Callable[[Item], str],
    ) -> dict[int, str]:
        """Tag the items each split decision names; returns decision index -> reason."""
        reasons: dict[int, str] = {}
        for d_idx, d in enumerate(self.entries):
            if d.action != "split" or not d.applies(label):
                continue
            for side, name in zip(("a", "b"), d.names, strict=True):
                for k in _matching(name, label, items, norm, solo_id):
                    items[k].sides.add((d_idx, side))
            reasons[d_idx] = f"kept apart by decision: {d.describe()}"
        return reasons

    def confirm(
        self,
        label: str,
        items: list[Item],
        groups: Groups,
        norm: Callable[[str], str],
        solo_id: Callable[[Item], str],
    ) -> list[DecisionOutcome]:
        """Merge what each confirm decision names (even against the rules, never
        against a split); the outcome of every decision that concerns ``label``."""
        out: list[DecisionOutcome] = []
        for d in self.entries:
            if d.action != "confirm" or not d.applies(label):
                continue
            a = _matching(d.names[0], label, items, norm, solo_id)
            b = _matching(d.names[1], label, items, norm, solo_id)
            if not a or not b:
                if (a or b) and d.labels is not None:
                    missing = d.names[1] if a else d.names[0]
                    out.append(DecisionOutcome(d, "no match", f"no {label} named '{missing}'"))
                continue
            if not any(items[k].is_new for k in a + b):
                continue
            evidence = tuple(e for k in (a[0], b[0]) for e in items[k].evidence()[:1])
            ok = True
            for x in a:
                for y in b:
                    ok = (
                        groups.union(
                            Link(
                                x,
                                y,
                                "decision-confirm",
                                f"merged by decision: {d.describe()}",
                                evidence,
                            ),
                            force=True,
                        )
                        and ok
                    )
            out.append(
                DecisionOutcome(
                    d, "applied" if ok else "no match", "" if ok else "a split decision wins"
                )
            )
        return out

    def split_outcomes(
        self, label: str, items: list[Item], groups: Groups
    ) -> list[DecisionOutcome]:
        """The outcome of every split decision that names items of ``label``."""
        out = []
        for d_idx, d in enumerate(self.entries):
            if d.action != "split" or not d.applies(label):
                continue
            sides = {s for it in items for (i, s) in it.sides if i == d_idx and it.is_new}
            if not sides:
                continue
            if d_idx in groups.applied_splits:
                out.append(DecisionOutcome(d, "applied", "kept apart what a rule would merge"))
            elif sides == {"a", "b"}:
                out.append(DecisionOutcome(d, "not needed", "no rule would merge them"))
        return out


def _matching(
    name: str,
    label: str,
    items: list[Item],
    norm: Callable[[str], str],
    solo_id: Callable[[Item], str],
) -> list[int]:
    """Items a decision's name or id names."""
    if _label_of(name):
        return [
            k
            for k, it in enumerate(items)
            if (it.known is not None and it.known.id == name) or (it.is_new and solo_id(it) == name)
        ]
    key = norm(name)
    return [k for k, it in enumerate(items) if key and it.norm == key]


# ----------------------------------------------------------------------------- the file


def default_path(data_dir: Path | str) -> Path:
    """Where the decisions of a data directory live."""
    return Path(data_dir) / DEFAULT_NAME


def load_decisions(path: Path | str | None) -> Decisions:
    """The decisions in ``path`` (none when the file does not exist)."""
    if path is None:
        return Decisions()
    path = Path(path)
    if not path.exists():
        return Decisions(path=path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as err:
        raise DecisionError(f"{path}: not UTF-8 text ({err.reason})") from None
    except json.JSONDecodeError as err:
        raise DecisionError(f"{path}, line {err.lineno}: not valid JSON ({err.msg})") from None
    if isinstance(raw, list):
        raw = {"decisions": raw}
    if not isinstance(raw, dict) or not isinstance(raw.get("decisions", []), list):
        raise DecisionError(f"{path}: expected an object with a 'decisions' list")
    found = Decisions(path=path)
    for n, entry in enumerate(raw.get("decisions", []), 1):
        found.add(Decision.from_dict(entry, f"{path}, decision {n}"))
    return found


def save_decisions(decisions: Decisions, path: Path | str | None = None) -> Path:
    """Write ``decisions`` (atomically: a reader sees the old file or the new one)."""
    target = Path(path) if path is not None else decisions.path
    if target is None:
        raise DecisionError("no decisions file given")
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(decisions.to_dict(), indent=2, ensure_ascii=False) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=".merge-decisions-", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    decisions.path = target
    return target


def add_decision(
    path: Path | str,
    action: str,
    a: str,
    b: str,
    *,
    label: str | None = None,
    by: str = "",
    why: str = "",
    when: str | None = None,
) -> Decision:
    """Record a decision in the file at ``path`` (created if missing); returns it."""
    decisions = load_decisions(path)
    decision = Decision(
        action.strip().lower(),
        (a.strip(), b.strip()),
        _label(label),
        by,
        when if when is not None else datetime.now(UTC).isoformat(timespec="seconds"),
        why,
    )
    decisions.add(decision)
    save_decisions(decisions, path)
    return decision


def remove_decision(path: Path | str, a: str, b: str, *, label: str | None = None) -> bool:
    """Forget the decision on the pair in the file at ``path``; False when there was none."""
    decisions = load_decisions(path)
    if not decisions.remove(a, b, label):
        return False
    save_decisions(decisions, path)
    return True


# ----------------------------------------------------------------------------- in force

_ACTIVE: ContextVar[Decisions | None] = ContextVar("orggraph_merge_decisions", default=None)


def current() -> Decisions:
    """The decisions :func:`active` put in force (none by default)."""
    return _ACTIVE.get() or Decisions()


@contextlib.contextmanager
def active(decisions: Decisions) -> Iterator[Decisions]:
    """Make ``decisions`` the ones ``resolve()`` obeys when it is given none."""
    token = _ACTIVE.set(decisions)
    try:
        yield decisions
    finally:
        _ACTIVE.reset(token)
