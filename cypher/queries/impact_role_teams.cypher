// name: impact_role_teams
// description: A role's teams and current holders (the destination of a move).
// internal: true
// param: id: str -- the role's id
// example: id=role:qserv-lead
MATCH (r:Role {id: $id})
OPTIONAL MATCH (r)-[:MEMBER_OF]->(t:Team)
WITH r, collect(DISTINCT t.id) AS teams
OPTIONAL MATCH (h:Person)-[:HOLDS]->(r)
RETURN r.id AS id, r.name AS name, teams, collect(DISTINCT h.id) AS holders
