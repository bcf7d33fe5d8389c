// name: team_roles
// description: The roles of a team and who holds each (an empty holder list is a vacancy).
// param: id: str -- the team's id
MATCH (r:Role)-[:MEMBER_OF]->(t:Team {id: $id})
OPTIONAL MATCH (p:Person)-[h:HOLDS]->(r)
RETURN r.id AS role_id, r.name AS title, r.wbs AS wbs,
       collect(CASE WHEN p IS NULL THEN null ELSE {id: p.id, name: p.name, fte: h.fte} END) AS holders
ORDER BY title
