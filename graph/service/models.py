"""The answers of the service layer (graph-contract.md vocabulary), as pydantic models.

The API returns them, the CLI renders them (``--json`` prints them), the notebook
client flattens them into DataFrames and the views draw them.  Every model that
states a fact carries ``evidence``: the ``{document, line, quote}`` records (with
``page`` and ``file`` where the document has them) the fact was read from.
"""

from __future__ import annotations

from typing import Any, Literal

from orggraph.graph.service.plain import plain_text
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    computed_field,
)

Direction = Literal["out", "in"]


class Source(BaseModel):
    """Where a fact was read: the document, its 1-based line, and the verbatim quote
    (the export's record, docs/graph-contract.md).

    For a PDF, ``line`` is the line on ``page``; ``file`` names an included LaTeX file.
    """

    document: str
    line: int
    quote: str = Field(description="the document's own text, verbatim (markup included)")
    # ``page`` and ``file`` appear only where the document has them (the contract)
    page: int | None = Field(default=None, exclude_if=lambda v: v is None,
                             description="a PDF's 1-based page (``line`` is on that page)")
    file: str | None = Field(default=None, exclude_if=lambda v: v is None,
                             description="the included LaTeX file the line is in")


class Evidence(Source):
    """A fact's source as every answer carries it: the verbatim ``quote`` and its
    display form ``text`` (markup removed, table cells joined by `` | ``)."""

    @computed_field(  # type: ignore[prop-decorator]
        description="the quote as a person reads it: HTML tags and entities, Markdown "
        "emphasis and LaTeX commands removed, table cells joined by ' | '"
    )
    @property
    def text(self) -> str:
        latex = any(n and n.endswith((".tex", ".ltx")) for n in (self.document, self.file))
        return plain_text(self.quote, latex=latex)


_EV_EXAMPLE: list[JsonValue] = [
    {"document": "rtn-046-dm-operations-plan.txt", "line": 434, "quote": "Butler\tTim Jenness"}
]


class EntityRef(BaseModel):
    """A node by id, label and name: the one reference type of every answer."""

    id: str
    label: str = ""
    name: str | None = None


class Linked(EntityRef):
    """A node linked to the subject, with the evidence for the link."""

    evidence: list[Evidence] = Field(default_factory=list)


class SearchHit(EntityRef):
    """A node whose name or an alias matches the search."""

    aliases: list[str] = Field(default_factory=list)
    matched: str = Field(description="the name or alias that matched")
    match: Literal["exact", "prefix", "substring", "fuzzy"]
    score: float = Field(ge=0, le=1)


class Listed(EntityRef):
    """An entity with its aliases (a listing of one label)."""

    aliases: list[str] = Field(default_factory=list)


class SearchResult(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"query": "qser", "hits": [
                    {"id": "product:qserv", "label": "Product", "name": "Qserv",
                     "aliases": ["Qserv"], "matched": "Qserv", "match": "prefix", "score": 0.9}
                ]}
            ]
        }
    )

    query: str
    hits: list[SearchHit]


class Neighbour(Linked):
    """The node at the other end of a relationship, with the relationship's properties."""

    properties: dict[str, Any] = Field(default_factory=dict)


class NeighbourGroup(BaseModel):
    """The neighbours reached over one relationship type in one direction."""

    type: str
    direction: Direction
    nodes: list[Neighbour]


class EntityDetail(EntityRef):
    """An entity: properties, aliases, evidence, and its neighbours."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"id": "product:butler", "label": "Product", "name": "Butler",
                 "aliases": ["Butler"], "properties": {"manager_status": "named"},
                 "evidence": _EV_EXAMPLE,
                 "neighbours": [{"type": "MANAGES", "direction": "in", "nodes": [
                     {"id": "person:tim-jenness", "label": "Person", "name": "Tim Jenness",
                      "evidence": _EV_EXAMPLE, "properties": {}}]}]}
            ]
        }
    )

    aliases: list[str] = Field(default_factory=list)
    properties: dict[str, Any] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)
    neighbours: list[NeighbourGroup] = Field(default_factory=list)


class ProductOwners(BaseModel):
    """Who manages and who owns a product."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"product": {"id": "product:butler", "label": "Product", "name": "Butler"},
                 "manager_status": "named",
                 "managers": [{"id": "person:tim-jenness", "label": "Person",
                               "name": "Tim Jenness", "evidence": _EV_EXAMPLE}],
                 "owners": [{"id": "person:jim-bosch", "label": "Person", "name": "Jim Bosch",
                             "evidence": _EV_EXAMPLE}],
                 "evidence": _EV_EXAMPLE}
            ]
        }
    )

    product: EntityRef
    manager_status: str | None = None
    managers: list[Linked]
    owners: list[Linked]
    evidence: list[Evidence] = Field(default_factory=list)


class Hop(BaseModel):
    """One relationship on a path, as stored (source -> target), with its evidence."""

    source: str
    target: str
    type: str
    evidence: list[Evidence] = Field(default_factory=list)


class Reached(EntityRef):
    """A node reached by a walk, how far away, and the path that reached it."""

    depth: int = Field(ge=1)
    via: str = Field(description="the node one step nearer the subject on the path")
    path: list[EntityRef] = Field(description="from the subject to this node, both included")
    hops: list[Hop]


class DependencyWalk(BaseModel):
    """What depends on a product or milestone (dependents), or what it depends on.

    ``product`` is the subject: a Product or a Milestone (its ``label`` says which).
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"product": {"id": "product:qserv", "label": "Product", "name": "Qserv"},
                 "direction": "dependents", "depth": 6, "items": [
                     {"id": "product:complex-db", "label": "Product", "name": "Complex. DB",
                      "depth": 1, "via": "product:qserv",
                      "path": [{"id": "product:qserv", "label": "Product", "name": "Qserv"},
                               {"id": "product:complex-db", "label": "Product",
                                "name": "Complex. DB"}],
                      "hops": [{"source": "product:complex-db", "target": "product:qserv",
                                "type": "DEPENDS_ON", "evidence": _EV_EXAMPLE}]}]}
            ]
        }
    )

    product: EntityRef
    direction: Literal["dependents", "dependencies"]
    depth: int
    items: list[Reached]


class HeldRole(EntityRef):
    """A role a person holds."""

    wbs: Any = None
    fte: float | None = None
    institution: str | None = None
    teams: list[Linked] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class PersonDetail(BaseModel):
    """A person: roles with FTE and institution, teams, products, total FTE."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"person": {"id": "person:fritz-mueller", "label": "Person",
                            "name": "Fritz Mueller"},
                 "aliases": ["Fritz Mueller", "Mueller, Fritz"],
                 "roles": [{"id": "role:3.3b", "label": "Role",
                            "name": "Database Engineer (Qserv) - SLAC", "fte": 0.75,
                            "institution": "SLAC", "teams": [], "evidence": _EV_EXAMPLE}],
                 "teams": [], "leads": [], "manages": [
                     {"id": "product:qserv", "label": "Product", "name": "Qserv",
                      "evidence": _EV_EXAMPLE}],
                 "owns": [], "affiliations": [], "reports_to": [], "total_fte": 0.75,
                 "evidence": _EV_EXAMPLE}
            ]
        }
    )

    person: EntityRef
    aliases: list[str] = Field(default_factory=list)
    roles: list[HeldRole]
    teams: list[Linked] = Field(description="teams of the roles held, and teams led")
    leads: list[Linked]
    manages: list[Linked]
    owns: list[Linked]
    affiliations: list[Linked]
    reports_to: list[Linked]
    total_fte: float
    evidence: list[Evidence] = Field(default_factory=list)


class Holder(Linked):
    """A person holding a role."""

    fte: float | None = None


class ChainLink(EntityRef):
    """A role in a reporting chain or tree, its holders, and the REPORTS_TO evidence."""

    distance: int = Field(ge=1)
    via: str = Field(description="the role on the near side of this REPORTS_TO link")
    holders: list[Holder]
    evidence: list[Evidence] = Field(default_factory=list)


class TeamRole(EntityRef):
    """A role of a team (no holders: a vacancy)."""

    wbs: Any = None
    holders: list[Holder]
    evidence: list[Evidence] = Field(default_factory=list)


class MilestoneBrief(Linked):
    due: str | None = None


class TeamDetail(BaseModel):
    """A team: roles, people, lead, milestones."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"team": {"id": "team:science-user-middleware", "label": "Team",
                          "name": "Science Users Middleware"},
                 "roles": [], "people": [], "lead": [], "milestones": [
                     {"id": "milestone:l3-mw-0010", "label": "Milestone",
                      "name": "Qserv installation on IDF", "due": "2021-03-31",
                      "evidence": _EV_EXAMPLE}],
                 "part_of": [], "parts": [], "evidence": _EV_EXAMPLE}
            ]
        }
    )

    team: EntityRef
    roles: list[TeamRole]
    people: list[Linked]
    lead: list[Linked]
    milestones: list[MilestoneBrief]
    part_of: list[Linked]
    parts: list[Linked]
    evidence: list[Evidence] = Field(default_factory=list)


class OrgChartRole(TeamRole):
    """A role of a team in its org chart: holders, and the roles it reports to."""

    reports_to: list[ChainLink] = Field(default_factory=list)


class OrgChart(BaseModel):
    """A team's roles, who holds each (none: a vacancy) and whom each reports to."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"team": {"id": "team:science-user-middleware", "label": "Team",
                          "name": "Science Users Middleware"},
                 "lead": [], "roles": [{"id": "role:3.3a", "label": "Role",
                                        "name": "Middleware Lead", "holders": [],
                                        "evidence": _EV_EXAMPLE, "reports_to": []}]}
            ]
        }
    )

    team: EntityRef
    lead: list[Linked]
    roles: list[OrgChartRole]


class FacilityDetail(BaseModel):
    """A facility: what it hosts, what it belongs to or contains, roles sited there."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"facility": {"id": "facility:usdf", "label": "Facility", "name": "USDF"},
                 "hosts": [{"id": "product:qserv", "label": "Product", "name": "Qserv",
                            "evidence": _EV_EXAMPLE}],
                 "part_of": [], "parts": [], "roles": [], "evidence": _EV_EXAMPLE}
            ]
        }
    )

    facility: EntityRef
    hosts: list[Linked]
    part_of: list[Linked]
    parts: list[Linked]
    roles: list[Linked]
    evidence: list[Evidence] = Field(default_factory=list)


class InstitutionDetail(BaseModel):
    """An institution: the people affiliated with it and the roles sited there."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"institution": {"id": "institution:slac", "label": "Institution",
                                 "name": "SLAC"},
                 "people": [{"id": "person:fritz-mueller", "label": "Person",
                             "name": "Fritz Mueller", "evidence": _EV_EXAMPLE}],
                 "roles": [], "evidence": _EV_EXAMPLE}
            ]
        }
    )

    institution: EntityRef
    people: list[Linked]
    roles: list[Linked]
    evidence: list[Evidence] = Field(default_factory=list)


class RoleChain(BaseModel):
    """The reporting chain above a role, nearest first, up to the top."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"role": {"id": "role:3.8d.1", "label": "Role",
                          "name": "Alert Pipeline Scientist - NOIRLab"},
                 "holders": [],
                 "chain": [{"id": "role:3.8b", "label": "Role",
                            "name": "Alert Production Pipeline Group Leader", "distance": 1,
                            "via": "role:3.8d.1", "holders": [], "evidence": _EV_EXAMPLE}]}
            ]
        }
    )

    role: EntityRef
    holders: list[Holder]
    chain: list[ChainLink]


class RoleReports(BaseModel):
    """Who reports to a role, directly and (up to ``depth``) indirectly."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"role": {"id": "role:3.8b", "label": "Role",
                          "name": "Alert Production Pipeline Group Leader"},
                 "depth": 3,
                 "reports": [{"id": "role:3.8d.1", "label": "Role",
                              "name": "Alert Pipeline Scientist - NOIRLab", "distance": 1,
                              "via": "role:3.8b", "holders": [], "evidence": _EV_EXAMPLE}]}
            ]
        }
    )

    role: EntityRef
    depth: int
    reports: list[ChainLink]


class Milestone(BaseModel):
    """A dated milestone and the teams responsible for it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"id": "milestone:l3-mw-0010", "name": "Qserv installation on IDF",
                 "jira_id": "PREOPS-142", "rubin_id": "L3-MW-0010", "due": "2021-03-31",
                 "level": 3, "teams": [], "evidence": _EV_EXAMPLE}
            ]
        }
    )

    id: str
    name: str | None = None
    jira_id: str | None = None
    rubin_id: str | None = None
    due: str | None = None
    level: int | str | None = None
    teams: list[Linked] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class MilestoneList(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"count": 1, "items": [
                    {"id": "milestone:l3-mw-0010", "name": "Qserv installation on IDF",
                     "jira_id": "PREOPS-142", "rubin_id": "L3-MW-0010", "due": "2021-03-31",
                     "level": 3, "teams": [], "evidence": _EV_EXAMPLE}]}
            ]
        }
    )

    count: int
    items: list[Milestone]


class PathAnswer(BaseModel):
    """The shortest connection between two entities (``found`` false: none within ``max``)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"source": {"id": "person:fritz-mueller", "label": "Person",
                            "name": "Fritz Mueller"},
                 "target": {"id": "product:qserv", "label": "Product", "name": "Qserv"},
                 "found": True, "length": 1,
                 "nodes": [{"id": "person:fritz-mueller", "label": "Person",
                            "name": "Fritz Mueller"},
                           {"id": "product:qserv", "label": "Product", "name": "Qserv"}],
                 "hops": [{"source": "person:fritz-mueller", "target": "product:qserv",
                           "type": "MANAGES", "evidence": _EV_EXAMPLE}]}
            ]
        }
    )

    source: EntityRef
    target: EntityRef
    found: bool
    length: int | None = None
    nodes: list[EntityRef] = Field(default_factory=list)
    hops: list[Hop] = Field(default_factory=list)
    notes: list[str] = Field(
        default_factory=list,
        description="how an ambiguous name was settled, or why the search stopped",
    )


class ExportNode(BaseModel):
    id: str | None
    labels: list[str]
    name: str | None = None
    aliases: list[str]
    properties: dict[str, Any]
    sources: list[Source]


class ExportEdge(BaseModel):
    source: str | None
    target: str | None
    type: str
    properties: dict[str, Any]
    sources: list[Source]


class ExportGraph(BaseModel):
    """The whole graph in the contract's JSON shape."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"nodes": [{"id": "person:tim-jenness", "labels": ["Person"],
                            "name": "Tim Jenness", "aliases": ["Tim Jenness"],
                            "properties": {}, "sources": _EV_EXAMPLE}],
                 "edges": [{"source": "person:tim-jenness", "target": "product:butler",
                            "type": "MANAGES", "properties": {}, "sources": _EV_EXAMPLE}]}
            ]
        }
    )

    nodes: list[ExportNode]
    edges: list[ExportEdge]


class Statements(BaseModel):
    """What the loaded documents state: one node or relationship per document that states
    it, so a node two documents name counts twice here and once in ``nodes``."""

    nodes: int = 0
    relationships: int = 0


class StoreHealth(BaseModel):
    """The store's kind, whether it answers, its size and the documents loaded; while the
    store does not answer, ``detail`` says why (and ``/health`` answers 503).

    ``nodes`` and ``edges`` are the distinct nodes (Document nodes included) and
    relationships in the store: the same counts as ``orggraph status``, the last line of
    ``orggraph load`` and the load report's total; ``statements`` counts what the
    documents state, each document on its own."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"store": "falkordb", "reachable": True, "nodes": 312, "edges": 387,
         "documents": ["dp0-definition-and-planning.txt", "rtn-046-dm-operations-plan.txt"],
         "statements": {"nodes": 346, "relationships": 398}}
    ]})

    store: str
    reachable: bool
    nodes: int = Field(description="distinct nodes in the store, Document nodes included")
    edges: int = Field(description="distinct relationships in the store")
    documents: list[str]
    statements: Statements = Field(
        default_factory=Statements,
        description="nodes and relationships as the documents state them (one per document)",
    )
    detail: str | None = None


class MergeStep(EntityRef):
    """One merge the loaders made on a node: the names joined, the rule, why, the evidence."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"id": "person:gregory-dubois-felsmann", "label": "Person",
         "name": "Gregory Dubois-Felsmann", "rule": "initials",
         "names": ["GPDF", "Gregory Dubois-Felsmann"],
         "reason": "'GPDF' are the initials of exactly one full name",
         "evidence": _EV_EXAMPLE, "documents": ["rtn-046-dm-operations-plan.txt"]}
    ]})

    rule: str
    names: list[str]
    reason: str
    evidence: list[Evidence] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list)


class MergeList(BaseModel):
    """The stored merge log (filtered as asked), with the number of steps per rule."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"count": 1, "by_rule": {"initials": 1}, "items": [
            {"id": "person:gregory-dubois-felsmann", "label": "Person",
             "name": "Gregory Dubois-Felsmann", "rule": "initials",
             "names": ["GPDF", "Gregory Dubois-Felsmann"],
             "reason": "'GPDF' are the initials of exactly one full name",
             "evidence": _EV_EXAMPLE, "documents": ["rtn-046-dm-operations-plan.txt"]}]}
    ]})

    count: int
    by_rule: dict[str, int] = Field(default_factory=dict)
    items: list[MergeStep] = Field(default_factory=list)
