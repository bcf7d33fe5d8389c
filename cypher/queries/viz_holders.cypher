// name: viz_holders
// description: Who holds each of the given roles, with FTE and the evidence: the names an org chart's boxes carry.
// internal: true
// param: roles: list[str] -- role ids
// example: roles=role:associate-director-for-data-management-operations
UNWIND $roles AS role
MATCH (p:Person)-[h:HOLDS]->(:Role {id: role})
RETURN role, p.id AS id, p.name AS name, h.fte AS fte, h.sources AS sources
ORDER BY role, name
