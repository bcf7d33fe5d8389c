// name: role_holders
// description: Who holds a role, with FTE and the evidence.
// param: id: str -- the role's id
// example: id=role:3.8b
MATCH (p:Person)-[h:HOLDS]->(r:Role {id: $id})
RETURN p.id AS id, p.name AS name, h.fte AS fte, h.institution AS institution, h.sources AS sources
ORDER BY name
