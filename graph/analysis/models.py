"""Result records shared by the API, the CLI and the notebook client (pydantic models)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

# the one evidence record and entity reference of every answer, under their old names too
from orggraph.graph.service.models import EntityRef, Evidence
from orggraph.graph.service.models import EntityRef as Ref
from orggraph.graph.service.models import Evidence as EvidenceItem
from orggraph.graph.service.shaping import evidence
from pydantic import BaseModel, Field

__all__ = ["EntityRef", "Evidence", "EvidenceItem", "Ref", "evidence"]


class Severity(StrEnum):
    """How bad a finding is; :data:`RANK` orders them, worst first."""

    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"


RANK: dict[Severity, int] = {
    Severity.critical: 0,
    Severity.high: 1,
    Severity.medium: 2,
    Severity.low: 3,
}


def worst(severities: list[Severity]) -> Severity | None:
    """The most severe of ``severities`` (None when empty)."""
    return min(severities, key=RANK.__getitem__) if severities else None




# --- impact -------------------------------------------------------------------------------


class RoleLoss(BaseModel):
    """A role the people leave: vacant when nobody else holds it."""

    role: EntityRef
    wbs: list[str] = Field(default_factory=list)
    teams: list[EntityRef] = Field(default_factory=list)
    leaving: list[EntityRef]
    fte_lost: float
    fte_unknown: int = 0  # holdings without a stated FTE
    vacated: bool
    remaining: list[EntityRef] = Field(default_factory=list)
    subordinates: int = 0  # roles reporting to this one
    severity: Severity
    evidence: list[Evidence]


class TeamLoss(BaseModel):
    """What a team loses: FTE and people, and its lead."""

    team: EntityRef
    fte_before: float
    fte_lost: float
    people_before: int
    people_lost: int
    loses_lead: bool = False
    roles_vacated: list[str] = Field(default_factory=list)
    severity: Severity
    evidence: list[Evidence]

    @property
    def fraction(self) -> float:
        """Share of the team lost (FTE when known, else head count)."""
        if self.fte_before > 0:
            return self.fte_lost / self.fte_before
        return self.people_lost / self.people_before if self.people_before else 0.0


class Dependent(BaseModel):
    """Something that depends (DEPENDS_ON, transitively) on a product: the items of
    ``/products/{ref}/dependents``, from the same walk."""

    id: str
    label: str
    name: str
    depth: int
    via: str  # id of the node it depends on
    rel: str = "DEPENDS_ON"
    evidence: list[Evidence]


class Part(BaseModel):
    """A product that a product is part of (PART_OF, up the product tree): it loses a part,
    which is not counted as depending on it."""

    id: str
    label: str = "Product"
    name: str
    depth: int
    evidence: list[Evidence]


class ProductImpact(BaseModel):
    """A product that loses its manager or owner."""

    product: EntityRef
    manager_status: str | None = None
    loses: list[str]  # "manager", "owner"
    orphaned: list[str]  # the responsibilities nobody else holds afterwards
    leaving: list[EntityRef]
    remaining: list[EntityRef] = Field(default_factory=list)
    dependents: list[Dependent] = Field(
        default_factory=list, description="what depends on it: /products/{ref}/dependents"
    )
    part_of: list[Part] = Field(
        default_factory=list, description="the products it is part of (not dependents)"
    )
    hosts: list[EntityRef] = Field(default_factory=list)
    severity: Severity
    evidence: list[Evidence]


class BrokenLine(BaseModel):
    """A reporting line cut: ``role`` (or a person) reported to something being left."""

    role: EntityRef
    reports_to: EntityRef
    left_without_line: list[EntityRef]
    severity: Severity
    evidence: list[Evidence]


class MilestoneImpact(BaseModel):
    """A milestone whose responsible team loses staff or FTE."""

    milestone: EntityRef
    due: str | None = None
    level: int | str | None = None
    jira_id: str | None = None
    rubin_id: str | None = None
    team: EntityRef
    fte_lost: float
    people_lost: int
    team_fraction_lost: float
    severity: Severity
    evidence: list[Evidence]


class Finding(BaseModel):
    """One line of the overall ranking."""

    kind: str  # role, team, product, reporting_line, milestone
    severity: Severity
    score: float
    subject: EntityRef
    summary: str


class ImpactReport(BaseModel):
    """What breaks when the people move (nothing is written to the store)."""

    people: list[EntityRef]
    to_role: EntityRef | None = None
    to_team: EntityRef | None = None
    severity: Severity | None  # worst finding; None when nothing breaks
    roles: list[RoleLoss]
    teams: list[TeamLoss]
    products: list[ProductImpact]
    reporting_lines: list[BrokenLine]
    milestones: list[MilestoneImpact]
    ranking: list[Finding]
    unknown_fte: int = 0
    notes: list[str] = Field(default_factory=list)


# --- health -------------------------------------------------------------------------------


class HealthEntity(BaseModel):
    """An entity a health rule flags, with why and the evidence."""

    id: str
    label: str
    name: str
    detail: str = ""
    data: dict[str, Any] = Field(default_factory=dict)
    evidence: list[Evidence]


class RuleResult(BaseModel):
    """A health rule's finding: ``count`` flagged out of ``total`` checked; ``unchecked``
    were left out because no document states what the rule needs (``note`` says why)."""

    rule: str
    title: str
    description: str
    severity: Severity
    count: int
    total: int
    unchecked: int = 0
    note: str = ""
    entities: list[HealthEntity]


class HealthReport(BaseModel):
    """The organisation's holes, rule by rule (worst rules first)."""

    rules: list[RuleResult]
    flagged: int
    parameters: dict[str, Any]


# --- diff ---------------------------------------------------------------------------------


class Side(BaseModel):
    """What one document says about an item, with that document's evidence."""

    values: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class DiffItem(BaseModel):
    """An entity that differs between the two documents."""

    id: str
    label: str
    name: str
    change: str  # added, removed, changed, not compared
    field: str = ""  # what changed (roles, wbs, manager, ...), empty for added/removed
    before: Side = Field(default_factory=Side)
    after: Side = Field(default_factory=Side)


class DocumentDiff(BaseModel):
    """Two documents compared: ``before`` is ``from``, ``after`` is ``to``."""

    from_document: str
    to_document: str
    people_roles: list[DiffItem]
    roles: list[DiffItem]
    teams: list[DiffItem]
    wbs: list[DiffItem]
    product_managers: list[DiffItem]
    people: list[DiffItem]
    not_compared: list[DiffItem] = Field(
        default_factory=list,
        description="people, roles and teams named in one document only, where the other "
        "states none of the kinds of fact they appear in (``field`` says which)",
    )
    summary: dict[str, int]
    notes: list[str] = Field(default_factory=list)
