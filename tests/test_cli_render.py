"""The CLI's text for an entity on the seeds: properties read as facts, records counted."""

from __future__ import annotations

from orggraph.graph import service
from orggraph.graph.stores.falkordb_store import FalkorDBStore

from orggraph.cli.render import render


def _properties(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("properties: "))


def test_entity_properties_are_one_short_line_each(seeded: FalkorDBStore) -> None:
    qserv = service.entity(seeded, "product:qserv")
    assert qserv.properties["merges"]  # the store keeps the merge log on the node
    line = _properties(render(qserv))
    merges = len(qserv.properties["merges"])
    assert f"merges={merges} record(s) (--json)" in line and '"evidence"' not in line
    assert "manager_status=named" in line


def test_per_document_values_are_listed_by_document(seeded: FalkorDBStore) -> None:
    role = service.entity(seeded, "Alert Production Pipeline Group Leader")
    line = _properties(render(role))
    assert ("wbs_by_document=dp0-definition-and-planning.txt: 3.5b"
            " | rtn-046-dm-operations-plan.txt: 3.8b;") in line
    # the role's responsibilities are its description, in full
    assert "description=Applying extensive astronomical knowledge" in line
