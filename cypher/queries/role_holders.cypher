// name: role_holders
// description: Who holds a role, with FTE and the evidence.
// param: id: ref Role -- the role (id, title or alias)
// example: id=role:alert-production-pipeline-group-leader
MATCH (p:Person)-[h:HOLDS]->(r:Role {id: $id})
RETURN p.id AS id, p.name AS name, h.fte AS fte, h.institution AS institution, h.sources AS sources
ORDER BY name
