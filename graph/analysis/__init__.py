"""Impact analysis, organisation health and document diff: shared by the API, CLI and notebooks."""

from orggraph.graph.analysis.diff import document_diff
from orggraph.graph.analysis.health import RULE_NAMES, org_health
from orggraph.graph.analysis.impact import person_impact, resolve_people
from orggraph.graph.analysis.models import DocumentDiff, HealthReport, ImpactReport, Severity

__all__ = [
    "RULE_NAMES",
    "DocumentDiff",
    "HealthReport",
    "ImpactReport",
    "Severity",
    "document_diff",
    "org_health",
    "person_impact",
    "resolve_people",
]
